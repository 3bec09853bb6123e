import Foundation
import HCL

/// Loads the JSON of `terraform show -json PLANFILE` (format versions 0.1 through 1.x,
/// https://developer.hashicorp.com/terraform/internals/json-format) into resource instances.
///
/// Values come from `resource_changes[].change.after`, where Terraform also says what is
/// unknown (`after_unknown`) and sensitive (`after_sensitive`); resources absent from
/// `resource_changes` (very old plans) come from `planned_values` across `child_modules`.
/// Instances being deleted (`actions: ["delete"]`) and deposed objects are skipped. The order
/// is that of `planned_values` (module tree, depth first), then any other changes.
package enum PlanLoader {
    /// The largest plan file read (a bound on memory).
    package static let maxPlanSize = 512 << 20

    /// Reads and loads a plan file. Throws only when the file cannot be read.
    /// - Parameter source: the configuration the plan was made from (`--source DIR`), to map
    ///   instances back to their blocks; by default the plan's directory when it holds `.tf`
    ///   files; `""` for none.
    package static func load(path: String, rootModule: String? = nil, source: String? = nil) throws -> (instances: [ResourceInstance], diagnostics: [Diagnostic]) {
        var (instances, diags) = try loadPlan(path: path, rootModule: rootModule)
        let dir = source ?? (path as NSString).deletingLastPathComponent
        let isSource = !dir.isEmpty && ((try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []).contains { $0.hasSuffix(".tf") }
        diags = diags.coded(Diagnostic.Code.parseError)
        if isSource {
            diags += PlanSourceMapping.attach(&instances, sourceDirectory: dir).coded(Diagnostic.Code.parseError)
        } else if let s = source, !s.isEmpty {
            diags.append(.warning("No configuration in source directory", detail: "\(s) has no .tf files; plan resources are not mapped to source lines"))
        }
        return (instances, diags)
    }

    private static func loadPlan(path: String, rootModule: String?) throws -> (instances: [ResourceInstance], diagnostics: [Diagnostic]) {
        let url = URL(fileURLWithPath: path)
        let attrs = try FileManager.default.attributesOfItem(atPath: path)
        if let size = attrs[.size] as? Int, size > maxPlanSize {
            return ([], [.error("Plan file too large", detail: "\(path) is \(size) bytes; the limit is \(maxPlanSize)")])
        }
        let data = try Data(contentsOf: url)
        return load(bytes: [UInt8](data), filename: path, rootModule: rootModule ?? path)
    }

    /// Loads a plan from its bytes. Never throws: problems are diagnostics.
    package static func load(bytes: [UInt8], filename: String, rootModule: String) -> (instances: [ResourceInstance], diagnostics: [Diagnostic]) {
        var diags: [Diagnostic] = []
        let doc: Value
        switch JSONReader.parse(bytes) {
        case .success(let v): doc = v
        case .failure(let f):
            let lines = LineTable(filename: filename, bytes: bytes)
            return ([], [.error("Invalid plan JSON", detail: f.message, at: lines.range(f.offset, f.offset))])
        }
        guard let top = doc.attributes, top["format_version"] != nil || top["planned_values"] != nil else {
            return ([], [.error("Not a Terraform plan", detail: "\(filename) has no \"format_version\" or \"planned_values\"; expected the output of `terraform show -json PLANFILE`")])
        }
        if let fv = top["format_version"]?.stringValue, let major = fv.split(separator: ".").first.flatMap({ Int($0) }), major > 1 {
            diags.append(.warning("Unsupported plan format version", detail: "\(filename) has format_version \(fv); this reader knows 0.1 through 1.x"))
        }
        let defaults = providerDefaults(top["configuration"])

        // Changes by address (deposed objects are not the planned instance).
        var changes: [String: Value] = [:]
        var changeOrder: [String] = []
        for rc in top["resource_changes"]?.elements ?? [] {
            guard let addr = rc["address"]?.stringValue, rc["deposed"] == nil || rc["deposed"]!.isNull else { continue }
            if changes[addr] == nil { changeOrder.append(addr) }
            changes[addr] = rc
        }

        var out: [ResourceInstance] = []
        var seen = Set<String>()
        func visit(_ module: Value, depth: Int) {
            guard depth < 64 else {
                diags.append(.error("Plan module tree too deep", detail: "\(filename): more than 64 nested child_modules"))
                return
            }
            for r in module["resources"]?.elements ?? [] {
                guard let addr = r["address"]?.stringValue, !seen.contains(addr) else { continue }
                seen.insert(addr)
                if let rc = changes[addr] {
                    if let inst = instance(fromChange: rc, rootModule: rootModule, defaults: defaults) { out.append(inst) }
                } else if let inst = instance(fromPlanned: r, rootModule: rootModule, defaults: defaults) {
                    out.append(inst)
                }
            }
            for child in module["child_modules"]?.elements ?? [] { visit(child, depth: depth + 1) }
        }
        if let root = top["planned_values"]?["root_module"] { visit(root, depth: 0) }
        for addr in changeOrder where !seen.contains(addr) {
            seen.insert(addr)
            if let inst = instance(fromChange: changes[addr]!, rootModule: rootModule, defaults: defaults) { out.append(inst) }
        }
        return (out, diags)
    }

    // MARK: instances

    private static func header(_ r: Value, rootModule: String, defaults: [String: Value]) -> ResourceInstance? {
        guard let address = r["address"]?.stringValue, let type = r["type"]?.stringValue,
              let name = r["name"]?.stringValue else { return nil }
        let mode: ResourceInstance.Mode = r["mode"]?.stringValue == "data" ? .data : .managed
        var key: ResourceInstance.Key? = nil
        switch r["index"] {
        case .number(let n)?: key = n.intValue.map { .int($0) }
        case .string(let s)?: key = .string(s)
        default: break
        }
        let moduleAddress = r["module_address"]?.stringValue ?? moduleAddress(of: address, mode: mode, type: type)
        let provider = r["provider_name"]?.stringValue ?? ""
        return ResourceInstance(
            address: address, mode: mode, type: type, name: name, moduleAddress: moduleAddress, key: key,
            rootModule: rootModule,
            providerDefaults: provider.hasSuffix("/google") || provider.hasSuffix("/google-beta") || provider == "google" ? defaults : [:],
            values: .object([:]))
    }

    private static func instance(fromChange rc: Value, rootModule: String, defaults: [String: Value]) -> ResourceInstance? {
        guard var inst = header(rc, rootModule: rootModule, defaults: defaults), let change = rc["change"] else { return nil }
        let actions = (change["actions"]?.elements ?? []).compactMap(\.stringValue)
        if actions == ["delete"] || actions == ["forget"] { return nil }
        inst.values = overlay(change["after"] ?? .null, unknown: change["after_unknown"], sensitive: change["after_sensitive"], origin: inst.address)
        if case .null = inst.values { inst.values = .object([:]) }
        return inst
    }

    private static func instance(fromPlanned r: Value, rootModule: String, defaults: [String: Value]) -> ResourceInstance? {
        guard var inst = header(r, rootModule: rootModule, defaults: defaults) else { return nil }
        inst.values = overlay(r["values"] ?? .object([:]), unknown: nil, sensitive: r["sensitive_values"], origin: inst.address)
        return inst
    }

    /// `after` with unknowns where `after_unknown` says `true` and sensitive marks where
    /// `after_sensitive` says `true`; both mirror the structure of `after`.
    static func overlay(_ after: Value, unknown: Value?, sensitive: Value?, origin: String) -> Value {
        if case .bool(true)? = unknown { return .unknown(origin + " (known after apply)") }
        var v: Value
        switch after {
        case .object(let m):
            var out: [String: Value] = [:]
            var keys = Set(m.keys)
            if let u = unknown?.attributes { for (k, x) in u where x == .true { keys.insert(k) } }
            for k in keys {
                out[k] = overlay(m[k] ?? .null, unknown: unknown?[k], sensitive: sensitive?[k], origin: origin + "." + k)
            }
            v = .object(out)
        case .tuple(let a), .list(let a):
            let ue = unknown?.elements, se = sensitive?.elements
            var out: [Value] = []
            out.reserveCapacity(a.count)
            for (i, e) in a.enumerated() {
                out.append(overlay(e, unknown: ue.flatMap { i < $0.count ? $0[i] : nil }, sensitive: se.flatMap { i < $0.count ? $0[i] : nil }, origin: origin + ".\(i)"))
            }
            // An unknown element beyond the known ones (a list that grows at apply).
            if let ue, ue.count > a.count {
                for i in a.count..<ue.count where ue[i] == .true { out.append(.unknown(origin + ".\(i) (known after apply)")) }
            }
            v = .tuple(out)
        default:
            v = after
        }
        if case .bool(true)? = sensitive { v = v.markedSensitive() }
        return v
    }

    /// `module.a["x"].module.b` from `module.a["x"].module.b.google_x.y[0]`.
    static func moduleAddress(of address: String, mode: ResourceInstance.Mode, type: String) -> String {
        let marker = (mode == .data ? "data." : "") + type + "."
        guard let r = address.range(of: "." + marker, options: .backwards) ?? (address.hasPrefix(marker) ? address.range(of: marker) : nil) else { return "" }
        if r.lowerBound == address.startIndex { return "" }
        return String(address[..<r.lowerBound])
    }

    /// `project`/`region`/`zone` of the default (unaliased) google provider, when constant.
    static func providerDefaults(_ configuration: Value?) -> [String: Value] {
        guard let pc = configuration?["provider_config"]?.attributes else { return [:] }
        var out: [String: Value] = [:]
        for key in ["google", "google-beta"] {
            guard let p = pc[key], p["alias"] == nil || p["alias"]!.isNull, let ex = p["expressions"]?.attributes else { continue }
            for attr in ["project", "region", "zone"] where out[attr] == nil {
                if let c = ex[attr]?["constant_value"], !c.isNull { out[attr] = c }
            }
        }
        return out
    }
}
