import Testing
@testable import Policy

/// Every example of every built-in policy, as a test: CAI-asset examples through the CAI
/// loader and the engine; Terraform examples through the Terraform → CAI pipeline when this
/// build has one (see `ExampleRunner.TerraformLoader`).
@Suite struct ExampleTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let policy: PolicyDefinition
        let index: Int
        var testDescription: String { policy.examples[index].label(policyID: policy.id, index: index) }
    }

    static let runner = ExampleRunner(pack: PackTests.pack, terraformLoader: TerraformExamplePipeline.load)
    static let cases: [Case] = PackTests.pack.policies.flatMap { p in p.examples.indices.map { Case(policy: p, index: $0) } }

    @Test(arguments: ExampleTests.cases)
    func example(_ c: Case) {
        let results = Self.runner.run(c.policy, c.policy.examples[c.index], index: c.index)
        #expect(!results.isEmpty)
        for r in results where r.status == .failed {
            Issue.record("\(r)")
        }
    }

    @Test func everyAssetExampleRanAndPassed() {
        let all = Self.runner.runAll().filter { $0.form == "asset" }
        #expect(all.count >= 100)
        #expect(all.filter { $0.status != .passed }.map(\.description) == [])
    }
}

extension ExampleTests {
    @Test func everyTerraformExampleRanAndPassed() {
        let all = Self.runner.runAll().filter { $0.form == "terraform" }
        #expect(all.count >= 160)
        #expect(all.filter { $0.status != .passed }.map(\.description) == [])
    }
}
