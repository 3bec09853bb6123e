import Foundation
import HCL
import Terraform

/// A minimal `terraform show -json` reader for the tests (the real plan loader lives in the
/// Terraform target): `resource_changes[].change.after` with `after_unknown` marks. An
/// attribute that is unknown but absent from the configuration was omitted by the author, so
/// it is left out (the converter then fills provider defaults); an unknown the configuration
/// sets stays unknown.
enum PlanFixtureReader {
    struct Plan {
        var instances: [ResourceInstance]
        var defaultProject: String?
    }

    static func read(_ url: URL) throws -> Plan {
        let bytes = [UInt8](try Data(contentsOf: url))
        guard case .success(let plan) = JSONReader.parse(bytes) else { throw CocoaError(.fileReadCorruptFile) }
        let provider = plan[path: ["configuration", "provider_config", "google", "expressions", "project", "constant_value"]]?.stringValue
            ?? plan[path: ["configuration", "provider_config", "google-beta", "expressions", "project", "constant_value"]]?.stringValue
        var configured: [String: Value] = [:]
        for r in plan[path: ["configuration", "root_module", "resources"]]?.elements ?? [] {
            if let a = r["address"]?.stringValue { configured[a] = r["expressions"] ?? .object([:]) }
        }
        var out: [ResourceInstance] = []
        for rc in plan["resource_changes"]?.elements ?? [] {
            guard let actions = rc[path: ["change", "actions"]]?.elements?.compactMap(\.stringValue) else { continue }
            if actions == ["delete"] || actions == ["read"] || actions == ["create", "delete"] { continue }
            let address = rc["address"]?.stringValue ?? ""
            let mode: ResourceInstance.Mode = rc["mode"]?.stringValue == "data" ? .data : .managed
            var after = rc[path: ["change", "after"]] ?? .object([:])
            let unknown = rc[path: ["change", "after_unknown"]] ?? .object([:])
            let config = configured[address.replacingOccurrences(of: #"\[.*\]$"#, with: "", options: .regularExpression)]
            after = merge(after, unknown, config: config, origin: address)
            var deps: [String] = []
            if let c = config { collectReferences(c, into: &deps) }
            out.append(ResourceInstance(
                address: address, mode: mode, type: rc["type"]?.stringValue ?? "", name: rc["name"]?.stringValue ?? "",
                rootModule: url.deletingLastPathComponent().lastPathComponent,
                providerDefaults: provider.map { ["project": .string($0)] } ?? [:], values: after, dependencies: deps))
        }
        return Plan(instances: out, defaultProject: provider)
    }

    /// Marks unknowns from `after_unknown` (`true` = unknown) into `after`.
    static func merge(_ after: Value, _ unknown: Value, config: Value?, origin: String) -> Value {
        switch unknown {
        case .bool(true):
            return .unknown(origin)
        case .object(let um):
            var m = after.attributes ?? [:]
            for (k, u) in um {
                if case .bool(true) = u {
                    // A value the plan also states (template-rendered corpus plans do this) wins.
                    if let existing = m[k], existing != .null { continue }
                    // Omitted in the configuration: the provider computes it; treat as not set.
                    if let config, config[k] == nil, m[k] == nil || m[k] == .null { continue }
                    m[k] = .unknown("\(origin).\(k)")
                } else if let child = m[k] {
                    m[k] = merge(child, u, config: nil, origin: "\(origin).\(k)")
                }
            }
            return .object(m)
        case .tuple(let ua):
            guard var a = after.elements else { return after }
            for (i, u) in ua.enumerated() where i < a.count { a[i] = merge(a[i], u, config: nil, origin: "\(origin)[\(i)]") }
            return .tuple(a)
        default:
            return after
        }
    }

    static func collectReferences(_ v: Value, into deps: inout [String]) {
        if let refs = v["references"]?.elements {
            for r in refs.compactMap(\.stringValue) where !deps.contains(r) { deps.append(r) }
        }
        for (_, c) in v.attributes ?? [:] { collectReferences(c, into: &deps) }
        for c in v.elements ?? [] { collectReferences(c, into: &deps) }
    }
}
