import HCL

/// Per-type rules for turning plan-shaped Terraform values into the REST representation.
///
/// The default (tfplan2cai's, CONVENTIONS.md §7): attribute names snake_case → lowerCamelCase;
/// a nested block (a list of objects in plan JSON) becomes an object unless it repeats;
/// map attributes (JSON objects) keep their keys verbatim (labels, annotations); empty values
/// (null, "", [], {}) are dropped. Unknowns are kept as `.unknown` (tfplan2cai drops them).
struct DataMapping: Sendable {
    /// Terraform-only or unmapped attributes, dotted Terraform paths without indices.
    var drop: Set<String> = []
    /// Terraform path → output key path relative to the parent object (may be several
    /// segments, e.g. `uniform_bucket_level_access` → `iamConfiguration.uniformBucketLevelAccess.enabled`).
    var rename: [String: String] = [:]
    /// Nested blocks that repeat, so stay arrays even with one element.
    var repeated: Set<String> = []
    /// int64 fields the REST JSON writes as strings (Go API client types).
    var int64AsString: Set<String> = []

    /// Arguments no REST representation has (Terraform-only, or provider bookkeeping).
    static let terraformOnly: Set<String> = [
        "timeouts", "id", "self_link", "effective_labels", "terraform_labels", "effective_annotations",
        "deletion_policy", "force_destroy",
    ]
}

/// The output of mapping: `resource.data` plus per-field provenance.
struct MappedData {
    var data: ValueObject = [:]
    var fields: [String: FieldSource] = [:]

    var value: Value { .object(data) }

    subscript(path: String) -> Value? {
        Value.object(data)[path: path.split(separator: ".").map(String.init)]
    }

    mutating func set(_ path: String, _ value: Value, source: FieldSource?) {
        let keys = path.split(separator: ".").map(String.init)
        var root = Value.object(data)
        root = root.setting(keys[...], to: value)
        data = root.attributes ?? [:]
        if let source { fields[path] = source }
    }

    /// `set` for keys that contain dots themselves (annotation keys such as `run.googleapis.com/ingress`).
    mutating func set(keys: [String], _ value: Value, source: FieldSource?) {
        data = (Value.object(data).setting(keys[...], to: value)).attributes ?? [:]
        if let source { fields[keys.joined(separator: ".")] = source }
    }

    mutating func remove(_ path: String) {
        let keys = path.split(separator: ".").map(String.init)
        data = (Value.object(data).removing(keys[...])).attributes ?? [:]
        fields = fields.filter { $0.key != path && !$0.key.hasPrefix(path + ".") }
    }

    /// Moves a field (and the provenance of everything under it).
    mutating func move(_ from: String, to: String) {
        guard let v = self[from] else { return }
        let moved = fields.filter { $0.key == from || $0.key.hasPrefix(from + ".") }
        remove(from)
        set(to, v, source: nil)
        for (k, s) in moved { fields[to + k.dropFirst(from.count)] = s }
    }
}

extension Value {
    /// A copy with `value` stored at `keys`, creating objects on the way (an unknown or
    /// non-object on the way is replaced: the caller only sets paths it owns).
    func setting(_ keys: ArraySlice<String>, to value: Value) -> Value {
        guard let k = keys.first else { return value }
        var m = attributes ?? [:]
        m[k] = (m[k] ?? .object([:])).setting(keys.dropFirst(), to: value)
        return .object(m)
    }

    func removing(_ keys: ArraySlice<String>) -> Value {
        guard let k = keys.first, var m = attributes else { return self }
        if keys.count == 1 {
            m[k] = nil
        } else if let child = m[k] {
            m[k] = child.removing(keys.dropFirst())
        }
        return .object(m)
    }

    /// An empty value tfplan2cai would not write: null, "", [], {}.
    var isEmptyForREST: Bool {
        switch self {
        case .null: true
        case .string(let s): s.isEmpty
        case .tuple(let a), .list(let a), .set(let a): a.isEmpty
        case .object(let m), .map(let m): m.isEmpty
        case .sensitive(let v): v.isEmptyForREST
        default: false
        }
    }
}

/// snake_case → lowerCamelCase over ASCII bytes.
func camelCase(_ s: String) -> String {
    guard s.utf8.contains(UInt8(ascii: "_")) else { return s }
    var out = ""
    out.reserveCapacity(s.utf8.count)
    var upper = false
    for u in s.unicodeScalars {
        if u == "_" { upper = true; continue }
        if upper { out += String(u).uppercased(); upper = false } else { out.unicodeScalars.append(u) }
    }
    return out
}

/// Applies a `DataMapping` to one resource's values.
struct DataMapper {
    let mapping: DataMapping
    let resource: TerraformResource

    func map(dropping extra: Set<String> = []) -> MappedData {
        var out = MappedData()
        guard let attrs = resource.values.attributes else { return out }
        var obj: ValueObject = [:]
        mapObject(attrs, tfPrefix: "", tfIndexed: "", outPrefix: "", extraDrop: extra, into: &obj, fields: &out.fields)
        out.data = obj
        return out
    }

    private func join(_ a: String, _ b: String) -> String { a.isEmpty ? b : a + "." + b }

    private func mapObject(
        _ attrs: ValueObject, tfPrefix: String, tfIndexed: String, outPrefix: String, extraDrop: Set<String>,
        into obj: inout ValueObject, fields: inout [String: FieldSource]
    ) {
        for k in attrs.keys.sorted() {
            let v = attrs[k]!
            let tfPath = join(tfPrefix, k)
            let tfIdx = join(tfIndexed, k)
            if tfPrefix.isEmpty, DataMapping.terraformOnly.contains(k) || extraDrop.contains(k) {
                if mapping.rename[k] == nil { continue }
            }
            if mapping.drop.contains(tfPath) { continue }
            let outRel = mapping.rename[tfPath] ?? camelCase(k)
            let outPath = join(outPrefix, outRel)
            guard let mapped = mapValue(v, tfPath: tfPath, tfIndexed: tfIdx, outPath: outPath, fields: &fields) else { continue }
            let keys = outRel.split(separator: ".").map(String.init)
            if keys.count == 1 {
                obj[keys[0]] = mapped
            } else {
                obj = (Value.object(obj).setting(keys[...], to: mapped)).attributes ?? [:]
            }
            fields[outPath] = FieldSource(kind: .attribute, range: resource.range(of: tfIdx), terraformPath: tfIdx)
        }
    }

    private func mapValue(_ v: Value, tfPath: String, tfIndexed: String, outPath: String, fields: inout [String: FieldSource]) -> Value? {
        switch v {
        case .unknown:
            return v
        case .sensitive(let inner):
            return mapValue(inner, tfPath: tfPath, tfIndexed: tfIndexed, outPath: outPath, fields: &fields).map { .sensitive($0) }
        case .tuple(let a), .list(let a), .set(let a):
            if a.isEmpty { return nil }
            let blocks = a.allSatisfy { if case .object = $0 { true } else { false } }
            if !blocks {
                return .tuple(a)
            }
            if a.count == 1, !mapping.repeated.contains(tfPath) {
                var o: ValueObject = [:]
                mapObject(a[0].attributes ?? [:], tfPrefix: tfPath, tfIndexed: tfIndexed + ".0", outPrefix: outPath,
                          extraDrop: [], into: &o, fields: &fields)
                return o.isEmpty ? Value?.none : .object(o)
            }
            var out: [Value] = []
            for (i, e) in a.enumerated() {
                var o: ValueObject = [:]
                mapObject(e.attributes ?? [:], tfPrefix: tfPath, tfIndexed: "\(tfIndexed).\(i)", outPrefix: "\(outPath).\(out.count)",
                          extraDrop: [], into: &o, fields: &fields)
                if !o.isEmpty { out.append(.object(o)) }
            }
            return out.isEmpty ? Value?.none : .tuple(out)
        case .object(let m), .map(let m):
            // A map attribute: user keys stay verbatim; empty values inside are dropped.
            let kept = m.filter { !$0.value.isNull }
            return kept.isEmpty ? Value?.none : .object(kept)
        case .number(let n) where mapping.int64AsString.contains(tfPath):
            // Go's API client omits a zero int64 (`omitempty`), so 0 means "not set".
            return n.isZero ? Value?.none : .string(n.description)
        default:
            return v.isEmptyForREST ? Value?.none : v
        }
    }
}
