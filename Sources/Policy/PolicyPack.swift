import Foundation
import HCL

/// The policies and profiles of a scan: the built-in pack (bundled resources), plus
/// `--policies DIR` (adds policies, replaces built-ins with the same id, adds profiles) and
/// `--constraints DIR` (GCP custom organization policy constraints). Problems are diagnostics;
/// a bad file is skipped and everything else loads.
package struct PolicyPack: Sendable {
    package var policies: [PolicyDefinition]
    package var profiles: [String: Profile]
    package var diagnostics: [Diagnostic]

    package init(policies: [PolicyDefinition] = [], profiles: [String: Profile] = [:], diagnostics: [Diagnostic] = []) {
        self.policies = policies
        self.profiles = profiles
        self.diagnostics = diagnostics
    }

    /// The built-in pack, optionally with custom policy and constraint directories.
    package static func load(customDirectories: [URL] = [], constraintDirectories: [URL] = []) -> PolicyPack {
        var pack = PolicyPack()
        pack.add(files: BuiltInPolicies.files.map { ($0.path, $0.text + "\n") }, origin: .builtIn, pathPrefix: "policies/")
        for dir in customDirectories {
            pack.add(directory: dir, origin: .custom, pathPrefix: dir.path.hasSuffix("/") ? dir.path : dir.path + "/")
        }
        for dir in constraintDirectories {
            pack.addConstraints(directory: dir)
        }
        pack.finish()
        return pack
    }

    /// Loads every `*.yaml`/`*.yml` under `directory`: files under a `profiles/` folder are
    /// profiles, the rest policies. Policies with an id already loaded replace it.
    package mutating func add(directory: URL, origin: PolicyDefinition.Origin, pathPrefix: String) {
        var files: [(String, String)] = []
        for (url, rel) in PolicyPack.yamlFiles(under: directory) {
            guard let text = PolicyPack.read(url, display: pathPrefix + rel, into: &diagnostics) else { continue }
            files.append((rel, text))
        }
        add(files: files, origin: origin, pathPrefix: pathPrefix)
    }

    /// Adds policy and profile files given as (path relative to the pack root, text).
    package mutating func add(files: [(String, String)], origin: PolicyDefinition.Origin, pathPrefix: String) {
        for (rel, text) in files {
            let display = pathPrefix + rel
            if rel.hasPrefix("profiles/") || rel.contains("/profiles/") {
                let (p, d) = ProfileLoader.parse(text, path: display)
                diagnostics += d
                if let p { rawProfiles.append(p) }
                continue
            }
            let (policy, d) = PolicyLoader.parse(text, path: display, origin: origin)
            diagnostics += d
            guard let policy else { continue }
            if origin == .builtIn {
                let base = (rel as NSString).lastPathComponent
                if base != policy.id + ".yaml" {
                    diagnostics.append(.error("file name '\(base)' does not match policy id '\(policy.id)'", at: policy.range))
                }
            }
            add(policy)
        }
    }

    package mutating func addConstraints(directory: URL) {
        for (url, rel) in PolicyPack.yamlFiles(under: directory) {
            let display = directory.path + "/" + rel
            guard let text = PolicyPack.read(url, display: display, into: &diagnostics) else { continue }
            let (policy, d) = CustomConstraint.parse(text, path: display)
            diagnostics += d
            if let policy { add(policy) }
        }
    }

    package mutating func add(_ policy: PolicyDefinition) {
        if let i = policies.firstIndex(where: { $0.id == policy.id }) {
            if policies[i].origin == .builtIn && policy.origin != .builtIn {
                policies[i] = policy
            } else {
                diagnostics.append(.error("duplicate policy id '\(policy.id)' (also in \(policies[i].path))", at: policy.range))
            }
        } else {
            policies.append(policy)
        }
    }

    /// Adds parsed profiles (for tests and callers that build packs by hand).
    package mutating func add(profile: Profile) {
        rawProfiles.append(profile)
    }

    private var rawProfiles: [Profile] = []

    /// Resolves profiles and checks every policy's parameters against every profile that runs it:
    /// a parameter a profile lacks in some environment is an error naming the profile file, and
    /// the policy is not run under that profile (see `missingParameters`).
    package mutating func finish() {
        let (resolved, d) = ProfileLoader.resolve(rawProfiles)
        diagnostics += d
        for (k, v) in resolved { profiles[k] = v }
        rawProfiles = []
        policies.sort { $0.id < $1.id }
        for profile in profiles.values.sorted(by: { $0.name < $1.name }) {
            for policy in policies where runs(policy, under: profile) {
                for env in profile.environmentNames {
                    let params = profile.parameters(for: env)
                    for name in policy.params where params[name] == nil {
                        diagnostics.append(.error(
                            "profile '\(profile.name)' does not define parameter '\(name)' for environment '\(env)', which policy \(policy.id) (\(policy.path)) needs",
                            at: profile.range))
                    }
                }
            }
            for id in profile.severity.keys.sorted() where !policies.contains(where: { $0.id == id }) {
                diagnostics.append(.warning("profile '\(profile.name)' overrides the severity of unknown policy '\(id)'", at: profile.range))
            }
        }
    }

    /// Parameters `policy` needs that `profile` lacks in `environment`.
    package func missingParameters(_ policy: PolicyDefinition, profile: Profile, environment: String) -> [String] {
        let params = profile.parameters(for: environment)
        return policy.params.filter { params[$0] == nil }
    }

    package func runs(_ policy: PolicyDefinition, under profile: Profile) -> Bool {
        if profile.disabled.contains(policy.id) { return false }
        if let ps = policy.profiles, !ps.contains(profile.name) { return false }
        return true
    }

    package func policy(_ id: String) -> PolicyDefinition? {
        policies.first { $0.id == id }
    }

    static func yamlFiles(under directory: URL) -> [(URL, String)] {
        let fm = FileManager.default
        guard let e = fm.enumerator(at: directory, includingPropertiesForKeys: [.isRegularFileKey], options: [.skipsHiddenFiles]) else { return [] }
        var out: [(URL, String)] = []
        let base = directory.resolvingSymlinksInPath().standardizedFileURL.path
        for case let url as URL in e {
            let ext = url.pathExtension
            guard ext == "yaml" || ext == "yml" else { continue }
            let full = url.resolvingSymlinksInPath().standardizedFileURL.path
            let rel = full.hasPrefix(base + "/") ? String(full.dropFirst(base.count + 1)) : url.lastPathComponent
            out.append((url, rel))
        }
        return out.sorted { $0.1 < $1.1 }
    }

    static func read(_ url: URL, display: String, into diagnostics: inout [Diagnostic]) -> String? {
        guard let data = try? Data(contentsOf: url) else {
            diagnostics.append(.error("cannot read \(display)"))
            return nil
        }
        guard let text = String(data: data, encoding: .utf8) else {
            diagnostics.append(.error("\(display) is not UTF-8"))
            return nil
        }
        return text
    }
}
