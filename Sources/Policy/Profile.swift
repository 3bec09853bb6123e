import HCL
import Yams

/// A profile (`policies/profiles/<name>.yaml`): per-environment parameters, allowlists,
/// severity overrides and disabled policies. `extends` is resolved on load, so a `Profile`
/// holds the complete picture.
package struct Profile: Hashable, Sendable {
    package var name: String
    package var description: String
    package var extends: String?
    /// The environment of an asset whose environment nothing else determines: the strictest.
    package var defaultEnvironment: String
    /// Values for every environment.
    package var params: [String: Value]
    /// Per-environment overrides of `params`.
    package var environments: [String: [String: Value]]
    package var severity: [String: Severity]
    package var disabled: Set<String>
    package var path: String
    /// Where each parameter is defined (for "missing parameter" errors, the profile's `name:` line).
    package var range: SourceRange?

    package init(name: String, description: String = "", extends: String? = nil, defaultEnvironment: String,
                 params: [String: Value] = [:], environments: [String: [String: Value]] = [:],
                 severity: [String: Severity] = [:], disabled: Set<String> = [], path: String = "", range: SourceRange? = nil) {
        self.name = name
        self.description = description
        self.extends = extends
        self.defaultEnvironment = defaultEnvironment
        self.params = params
        self.environments = environments
        self.severity = severity
        self.disabled = disabled
        self.path = path
        self.range = range
    }

    /// The environments the profile defines, sorted, default first.
    package var environmentNames: [String] {
        var names = Set(environments.keys)
        names.insert(defaultEnvironment)
        return names.sorted { ($0 == defaultEnvironment ? 0 : 1, $0) < ($1 == defaultEnvironment ? 0 : 1, $1) }
    }

    /// `params` overlaid with the environment's overrides, as the CEL `params` variable.
    package func parameters(for environment: String) -> [String: Value] {
        var p = params
        for (k, v) in environments[environment] ?? [:] { p[k] = v }
        return p
    }

    package func defines(_ environment: String) -> Bool {
        environment == defaultEnvironment || environments[environment] != nil
    }

    /// This profile on top of `base` (what `extends: base` means).
    func inheriting(from base: Profile) -> Profile {
        var r = self
        var p = base.params
        for (k, v) in params { p[k] = v }
        r.params = p
        var envs = base.environments
        for (env, overrides) in environments {
            var e = envs[env] ?? [:]
            for (k, v) in overrides { e[k] = v }
            envs[env] = e
        }
        r.environments = envs
        var sev = base.severity
        for (k, v) in severity { sev[k] = v }
        r.severity = sev
        r.disabled = base.disabled.union(disabled)
        return r
    }
}

package enum ProfileLoader {
    static let knownKeys: Set<String> = ["name", "description", "extends", "defaultEnvironment", "params", "environments", "severity", "disabled"]

    /// Parses one profile file without resolving `extends`.
    package static func parse(_ text: String, path: String) -> (Profile?, [Diagnostic]) {
        let (docOpt, diags) = YAMLDocument.parse(text, path: path)
        guard let doc = docOpt else { return (nil, diags) }
        var r = FieldReader(doc: doc)
        let root = doc.root
        guard let entries = YAMLDocument.entries(root) else {
            return (nil, [.error("a profile must be a YAML mapping", at: doc.range(of: root))])
        }
        for e in entries where !knownKeys.contains(e.key) {
            r.error("unknown profile field '\(e.key)'", e.keyNode)
        }
        let name = r.string(root, "name", required: true)
        let extends = r.string(root, "extends")
        let defaultEnv = r.string(root, "defaultEnvironment")
        var params: [String: Value] = [:]
        if let p = YAMLDocument.value(root, for: "params") {
            if let v = YAMLDocument.toValue(p), let attrs = v.attributes { params = attrs.dictionary } else { r.error("'params' must be a mapping", p) }
        }
        var envs: [String: [String: Value]] = [:]
        if let e = YAMLDocument.value(root, for: "environments") {
            if let es = YAMLDocument.entries(e) {
                for env in es {
                    if case .scalar(let s) = env.value, Node.scalar(s).tag.rawValue == Tag.Name.null.rawValue { envs[env.key] = [:]; continue }
                    guard let v = YAMLDocument.toValue(env.value), let attrs = v.attributes else {
                        r.error("environment '\(env.key)' must be a mapping of parameters", env.value)
                        continue
                    }
                    envs[env.key] = attrs.dictionary
                }
            } else {
                r.error("'environments' must map environment names to parameters", e)
            }
        }
        var severity: [String: Severity] = [:]
        if let s = YAMLDocument.value(root, for: "severity"), let es = YAMLDocument.entries(s) {
            for e in es {
                guard let raw = e.value.scalar?.string, let sev = Severity(rawValue: raw) else {
                    r.error("severity of '\(e.key)' must be one of critical, high, medium, low, info", e.value)
                    continue
                }
                severity[e.key] = sev
            }
        }
        let disabled = Set(r.stringList(root, "disabled") ?? [])
        guard let name, !r.diagnostics.hasErrors else { return (nil, r.diagnostics) }
        let profile = Profile(name: name, description: r.string(root, "description")?.trimmed ?? "", extends: extends,
                              defaultEnvironment: defaultEnv ?? "", params: params, environments: envs,
                              severity: severity, disabled: disabled, path: path,
                              range: doc.range(of: YAMLDocument.value(root, for: "name")))
        return (profile, r.diagnostics)
    }

    /// Resolves `extends` chains (bounded; cycles and unknown bases are errors) and checks that
    /// every profile ends up with a default environment.
    package static func resolve(_ raw: [Profile]) -> ([String: Profile], [Diagnostic]) {
        var byName: [String: Profile] = [:]
        var diags: [Diagnostic] = []
        for p in raw {
            if byName[p.name] != nil {
                diags.append(.warning("profile '\(p.name)' is defined again; the later file wins", at: p.range))
            }
            byName[p.name] = p
        }
        var resolved: [String: Profile] = [:]
        for p in byName.values.sorted(by: { $0.name < $1.name }) {
            var chain: [Profile] = [p]
            var seen: Set<String> = [p.name]
            var ok = true
            while let base = chain.last?.extends {
                guard let b = byName[base] else {
                    diags.append(.error("profile '\(chain.last!.name)' extends unknown profile '\(base)'", at: chain.last!.range))
                    ok = false
                    break
                }
                guard seen.insert(base).inserted, chain.count < 16 else {
                    diags.append(.error("profile '\(p.name)' has an 'extends' cycle through '\(base)'", at: p.range))
                    ok = false
                    break
                }
                chain.append(b)
            }
            guard ok else { continue }
            var r = chain.removeLast()
            while let next = chain.popLast() {
                let d = next.defaultEnvironment.isEmpty ? r.defaultEnvironment : next.defaultEnvironment
                r = next.inheriting(from: r)
                r.defaultEnvironment = d
            }
            if r.defaultEnvironment.isEmpty {
                diags.append(.error("profile '\(p.name)' has no defaultEnvironment (the strictest environment is the safe default)", at: p.range))
                continue
            }
            resolved[p.name] = r
        }
        return (resolved, diags)
    }
}
