import HCL

/// Decides the environment of an asset (docs/policy-language.md, "Environments"):
/// `--env`, else the `environment`/`env` label, else the root module's `environment`/`env`
/// variable (tfvars), else the root module's folder name when the profile defines an
/// environment of that name, else the profile's default — the strictest, so an asset of
/// unknown environment is held to the highest bar.
package struct EnvironmentResolver: Sendable {
    package enum Source: String, Sendable {
        case commandLine = "--env"
        case label
        case rootModuleVariable = "root module variable"
        case rootModulePath = "root module path"
        case profileDefault = "profile default"
    }

    package var profile: Profile
    package var commandLine: String?
    /// Root module directory → its `environment`/`env` variable value (from tfvars).
    package var rootModuleVariables: [String: String]

    package init(profile: Profile, commandLine: String? = nil, rootModuleVariables: [String: String] = [:]) {
        self.profile = profile
        self.commandLine = commandLine
        self.rootModuleVariables = rootModuleVariables
    }

    package func resolve(labels: [String: String], rootModule: String?) -> (environment: String, source: Source, notice: String?) {
        if let e = commandLine { return (e, .commandLine, nil) }
        for key in ["environment", "env"] {
            if let v = labels[key], !v.isEmpty {
                if profile.defines(v) { return (v, .label, nil) }
                let d = profile.defaultEnvironment
                return (d, .profileDefault,
                        "label \(key)=\(v) names an environment profile '\(profile.name)' does not define; using '\(d)'")
            }
        }
        if let root = rootModule {
            if let v = rootModuleVariables[root], profile.defines(v) { return (v, .rootModuleVariable, nil) }
            // Walk the path from the innermost folder out: environments/prod/network → prod.
            for part in root.split(separator: "/").reversed() where profile.defines(String(part)) {
                return (String(part), .rootModulePath, nil)
            }
        }
        return (profile.defaultEnvironment, .profileDefault, nil)
    }
}
