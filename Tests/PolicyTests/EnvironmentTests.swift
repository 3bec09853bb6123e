import Testing
@testable import Policy

@Suite struct EnvironmentTests {
    let profile = Profile(name: "p", defaultEnvironment: "prod", environments: ["dev": [:], "staging": [:], "prod": [:]])

    @Test func precedence() {
        let cli = EnvironmentResolver(profile: profile, commandLine: "staging")
        #expect(cli.resolve(labels: ["environment": "dev"], rootModule: "environments/prod").environment == "staging")
        let r = EnvironmentResolver(profile: profile, rootModuleVariables: ["stacks/app": "dev"])
        #expect(r.resolve(labels: ["env": "staging"], rootModule: "environments/prod").environment == "staging")
        #expect(r.resolve(labels: ["environment": "dev", "env": "prod"], rootModule: nil).environment == "dev")
        #expect(r.resolve(labels: [:], rootModule: "stacks/app").source == .rootModuleVariable)
        #expect(r.resolve(labels: [:], rootModule: "stacks/app").environment == "dev")
        #expect(r.resolve(labels: [:], rootModule: "examples/interviewlm/environments/staging").environment == "staging")
        #expect(r.resolve(labels: [:], rootModule: "examples/interviewlm/environments/staging").source == .rootModulePath)
        let fallback = r.resolve(labels: [:], rootModule: "infra")
        #expect(fallback.environment == "prod")
        #expect(fallback.source == .profileDefault)
    }

    @Test func unknownLabelFallsBackToTheStrictestWithANotice() {
        let r = EnvironmentResolver(profile: profile).resolve(labels: ["environment": "qa"], rootModule: "environments/dev")
        #expect(r.environment == "prod")
        #expect(r.notice == "label environment=qa names an environment profile 'p' does not define; using 'prod'")
    }
}
