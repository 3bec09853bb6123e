import HCL
import Terraform

/// One resource instance as a converter sees it: values, ranges, and the project/region/zone
/// resolved the way the provider resolves them (the resource's own argument, else the
/// provider configuration, else the converter's default project).
struct TerraformResource {
    let instance: ResourceInstance
    let options: TerraformConverter.Options

    var values: Value { instance.values }
    var address: String { instance.address }
    var type: String { instance.type }

    subscript(_ attr: String) -> Value? { instance.values[attr] }

    /// A known, non-empty string attribute.
    func string(_ attr: String) -> String? {
        guard let s = instance.values[attr]?.stringValue, !s.isEmpty else { return nil }
        return s
    }

    func isUnknown(_ attr: String) -> Bool {
        if let v = instance.values[attr], !v.isKnown { return true }
        return false
    }

    /// Source range of a dotted Terraform path with indices, or of its nearest ancestor.
    func range(of path: String) -> SourceRange? {
        var p = Substring(path)
        while true {
            if let r = instance.attributeRanges[String(p)] { return r }
            guard let dot = p.lastIndex(of: ".") else { return nil }
            p = p[..<dot]
        }
    }

    var project: String? {
        string("project") ?? instance.providerDefaults["project"]?.stringValue ?? options.defaultProject
    }
    var region: String? {
        string("region") ?? instance.providerDefaults["region"]?.stringValue
    }
    var zone: String? {
        string("zone") ?? instance.providerDefaults["zone"]?.stringValue
    }

    /// A name segment: the known value, else a placeholder (as tfplan2cai does for unknown
    /// identity fields, CONVENTIONS.md §3). Deterministic so repeated runs agree.
    func segment(_ value: String?, _ what: String) -> String {
        if let value, !value.isEmpty { return value }
        return placeholder(what)
    }

    func placeholder(_ what: String) -> String {
        // FNV-1a over the address and field, rendered in base 36: stable, not random.
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        // An unknown project is one project per root module (every resource of a root that
        // omits `project` uses the same provider default), so one placeholder serves them all.
        let key = what == "project" ? instance.rootModule + "|project" : instance.rootModule + "|" + address + "|" + what
        for b in key.utf8 {
            h ^= UInt64(b)
            h = h &* 0x100_0000_01b3
        }
        var s = String(h, radix: 36)
        if s.count > 8 { s = String(s.prefix(8)) }
        return "placeholder-" + s
    }

    var projectSegment: String { segment(project, "project") }

    /// Source for a converter-filled default: located at the resource block.
    func defaultSource(_ tfPath: String) -> FieldSource {
        FieldSource(kind: .providerDefault, range: instance.blockRange, terraformPath: tfPath)
    }

    func derivedSource(_ tfPath: String) -> FieldSource {
        FieldSource(kind: .derived, range: range(of: tfPath) ?? instance.blockRange, terraformPath: tfPath)
    }

    func attributeSource(_ tfPath: String) -> FieldSource {
        FieldSource(kind: .attribute, range: range(of: tfPath), terraformPath: tfPath)
    }

    /// Maps values with `mapping`.
    func mapped(_ mapping: DataMapping, dropping: Set<String> = []) -> MappedData {
        DataMapper(mapping: mapping, resource: self).map(dropping: dropping)
    }

    /// Sets `path` to `value` with provenance "default" when the field is absent
    /// (not when it is unknown: an unknown stays unknown). Returns whether it filled.
    @discardableResult
    func fillDefault(_ m: inout MappedData, _ path: String, _ value: Value, tfPath: String) -> Bool {
        let keys = path.split(separator: ".").map(String.init)
        var v: Value? = m.value
        for k in keys {
            guard let cur = v else { break }
            if !cur.isKnown { return false }
            v = cur[k]
        }
        if v != nil { return false }
        m.set(path, value, source: defaultSource(tfPath))
        return true
    }
}
