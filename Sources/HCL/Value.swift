/// A value as HCL and Terraform (cty) see it, shared by every stage up to the asset graph
/// (`resource.data` of an asset is a `Value`).
///
/// Dynamically typed: the structural kinds cty has (tuple vs list, object vs map, set) are
/// kept because Terraform's functions and conversions tell them apart, but element types are
/// not tracked. `unknown` is a real value (known only after apply): operations pass it through
/// (HCL spec, "Unknown Values"). `sensitive` marks a value (Terraform `sensitive = true`,
/// `sensitive()`); the mark propagates to anything derived from it and reports redact it.
public enum Value: Hashable, Sendable {
    case null
    case bool(Bool)
    case number(Number)
    case string(String)
    /// An HCL tuple (the result of `[a, b]`): ordered, any element kinds.
    case tuple([Value])
    /// A Terraform list (after conversion to `list(T)`): ordered.
    case list([Value])
    /// A Terraform set: no duplicates, kept in canonical order (see `Value.set(_:)`).
    case set([Value])
    /// An HCL object (`{a = 1}`): attribute names to values.
    case object(ValueObject)
    /// A Terraform map (after conversion to `map(T)`).
    case map(ValueObject)
    /// Known only after apply. `Unknown` says where it came from, for "undetermined" reports.
    case unknown(Unknown)
    /// A sensitive value. Never nested: `sensitive(sensitive(x))` is not built.
    indirect case sensitive(Value)

    /// Where an unknown came from, e.g. `google_sql_database_instance.db.private_ip_address`
    /// or `var.project_id (no value given)`.
    public struct Unknown: Hashable, Sendable {
        public var origin: String
        public init(_ origin: String = "") { self.origin = origin }
    }

    public static let `true` = Value.bool(true)
    public static let `false` = Value.bool(false)
    public static func unknown(_ origin: String = "") -> Value { .unknown(Unknown(origin)) }
    public static func number(_ i: Int) -> Value { .number(Number(i)) }
    public static func number(_ d: Double) -> Value { .number(Number(d)) }
    /// An object from a dictionary (sorted once into `ValueObject`'s canonical order).
    public static func object(_ d: [String: Value]) -> Value { .object(ValueObject(d)) }
    public static func map(_ d: [String: Value]) -> Value { .map(ValueObject(d)) }

    /// A set from elements: unknown-free duplicates removed, canonical order (cty orders set
    /// elements; we sort by `Value.canonicalLess` so output is deterministic).
    public static func makeSet(_ elements: [Value]) -> Value {
        var seen = Set<Value>()
        var out: [Value] = []
        out.reserveCapacity(elements.count)
        for e in elements where seen.insert(e).inserted { out.append(e) }
        out.sort(by: Value.canonicalLess)
        return .set(out)
    }
}

// MARK: - Inspection

extension Value {
    public var isNull: Bool {
        switch self {
        case .null: true
        case .sensitive(let v): v.isNull
        default: false
        }
    }

    /// False only for an unknown at the top level.
    public var isKnown: Bool {
        switch self {
        case .unknown: false
        case .sensitive(let v): v.isKnown
        default: true
        }
    }

    /// True when no unknown appears anywhere inside.
    public var isWhollyKnown: Bool {
        switch self {
        case .unknown: return false
        case .sensitive(let v): return v.isWhollyKnown
        case .tuple(let a), .list(let a), .set(let a): return a.allSatisfy(\.isWhollyKnown)
        case .object(let m), .map(let m): return m.values.allSatisfy(\.isWhollyKnown)
        default: return true
        }
    }

    public var isSensitive: Bool {
        if case .sensitive = self { return true }
        return false
    }

    /// True when a sensitive mark appears anywhere inside.
    public var containsSensitive: Bool {
        switch self {
        case .sensitive: return true
        case .tuple(let a), .list(let a), .set(let a): return a.contains(where: \.containsSensitive)
        case .object(let m), .map(let m): return m.values.contains(where: \.containsSensitive)
        default: return false
        }
    }

    /// The value without its top-level sensitive mark.
    public var unmarked: Value {
        if case .sensitive(let v) = self { return v }
        return self
    }

    /// The value with every sensitive mark removed, deeply (`nonsensitive`, JSON rendering
    /// for the oracle). Reports must redact before calling this.
    public var deepUnmarked: Value {
        switch self {
        case .sensitive(let v): return v.deepUnmarked
        case .tuple(let a): return .tuple(a.map(\.deepUnmarked))
        case .list(let a): return .list(a.map(\.deepUnmarked))
        case .set(let a): return .set(a.map(\.deepUnmarked))
        case .object(let m): return .object(m.mapValues(\.deepUnmarked))
        case .map(let m): return .map(m.mapValues(\.deepUnmarked))
        default: return self
        }
    }

    /// Marks `self` sensitive when `source` is (the propagation rule for derived values).
    public func markedLike(_ source: Value...) -> Value {
        if source.contains(where: \.isSensitive) && !isSensitive { return .sensitive(self) }
        return self
    }

    public func markedSensitive(_ yes: Bool = true) -> Value {
        guard yes, !isSensitive else { return self }
        return .sensitive(self)
    }

    /// Elements of a tuple, list or set (nil otherwise).
    public var elements: [Value]? {
        switch self {
        case .tuple(let a), .list(let a), .set(let a): a
        case .sensitive(let v): v.elements
        default: nil
        }
    }

    /// Attributes of an object or map (nil otherwise).
    public var attributes: ValueObject? {
        switch self {
        case .object(let m), .map(let m): m
        case .sensitive(let v): v.attributes
        default: nil
        }
    }

    public subscript(key: String) -> Value? {
        attributes?[key]
    }

    /// Follows a path of attribute names through objects and maps.
    public subscript(path path: [String]) -> Value? {
        var v: Value? = self
        for k in path { v = v?[k] }
        return v
    }

    public var stringValue: String? {
        switch self {
        case .string(let s): s
        case .sensitive(let v): v.stringValue
        default: nil
        }
    }

    public var boolValue: Bool? {
        switch self {
        case .bool(let b): b
        case .sensitive(let v): v.boolValue
        default: nil
        }
    }

    public var numberValue: Number? {
        switch self {
        case .number(let n): n
        case .sensitive(let v): v.numberValue
        default: nil
        }
    }

    /// The cty-style type name used in messages: `string`, `number`, `bool`, `tuple`, `list`,
    /// `set`, `object`, `map`, `null`, `unknown`.
    public var typeName: String {
        switch self {
        case .null: "null"
        case .bool: "bool"
        case .number: "number"
        case .string: "string"
        case .tuple: "tuple"
        case .list: "list"
        case .set: "set"
        case .object: "object"
        case .map: "map"
        case .unknown: "unknown"
        case .sensitive(let v): v.typeName
        }
    }
}

// MARK: - cty's primitive conversions

extension Value {
    /// Conversion to string as cty does it for templates and `tostring`: strings as they are,
    /// numbers in decimal, bools as `true`/`false`. Nil for anything else (including null).
    public var convertedToString: String? {
        switch self {
        case .string(let s): s
        case .number(let n): n.description
        case .bool(let b): b ? "true" : "false"
        case .sensitive(let v): v.convertedToString
        default: nil
        }
    }

    /// Conversion to number: numbers, and strings holding a number literal.
    public var convertedToNumber: Number? {
        switch self {
        case .number(let n): n
        case .string(let s): Number(literal: s)
        case .sensitive(let v): v.convertedToNumber
        default: nil
        }
    }

    /// Conversion to bool: bools, and the strings "true" and "false".
    public var convertedToBool: Bool? {
        switch self {
        case .bool(let b): b
        case .string("true"): true
        case .string("false"): false
        case .sensitive(let v): v.convertedToBool
        default: nil
        }
    }
}

// MARK: - Ordering and JSON

extension Value {
    /// A total order used only to make sets and sorted output deterministic:
    /// by kind, then by content.
    public static func canonicalLess(_ a: Value, _ b: Value) -> Bool {
        let ka = a.kindRank, kb = b.kindRank
        if ka != kb { return ka < kb }
        switch (a, b) {
        case (.bool(let x), .bool(let y)): return !x && y
        case (.number(let x), .number(let y)): return x < y
        case (.string(let x), .string(let y)): return x < y
        case (.sensitive(let x), .sensitive(let y)): return canonicalLess(x, y)
        default: return a.jsonString < b.jsonString
        }
    }

    private var kindRank: Int {
        switch self {
        case .null: 0
        case .bool: 1
        case .number: 2
        case .string: 3
        case .tuple, .list: 4
        case .set: 5
        case .object, .map: 6
        case .unknown: 7
        case .sensitive: 8
        }
    }

    /// Compact JSON (object keys sorted). Unknowns render as `null`, sensitive values as their
    /// content: callers that must not leak or guess check `isWhollyKnown`/`containsSensitive` first.
    public var jsonString: String {
        var out = ""
        writeJSON(to: &out)
        return out
    }

    public func writeJSON(to out: inout String) {
        switch self {
        case .null, .unknown: out += "null"
        case .bool(let b): out += b ? "true" : "false"
        case .number(let n):
            if n.isFinite { out += n.description } else { out += "null" }
        case .string(let s): Value.writeJSONString(s, to: &out)
        case .tuple(let a), .list(let a), .set(let a):
            out += "["
            for (i, e) in a.enumerated() {
                if i > 0 { out += "," }
                e.writeJSON(to: &out)
            }
            out += "]"
        case .object(let m), .map(let m):
            out += "{"
            for (i, k) in m.keys.sorted().enumerated() {
                if i > 0 { out += "," }
                Value.writeJSONString(k, to: &out)
                out += ":"
                m[k]!.writeJSON(to: &out)
            }
            out += "}"
        case .sensitive(let v): v.writeJSON(to: &out)
        }
    }

    /// JSON string escaping as Go's encoding/json does it (`<`, `>`, `&` escaped too, since
    /// Terraform's `jsonencode` produces exactly that).
    public static func writeJSONString(_ s: String, to out: inout String) {
        out += "\""
        var needsEscape = false
        for b in s.utf8 where b < 0x20 || b == 0x22 || b == 0x5C || b == 0x3C || b == 0x3E || b == 0x26 {
            needsEscape = true
            break
        }
        if !needsEscape {
            out += s
        } else {
            for u in s.unicodeScalars {
                switch u {
                case "\"": out += "\\\""
                case "\\": out += "\\\\"
                case "\n": out += "\\n"
                case "\r": out += "\\r"
                case "\t": out += "\\t"
                case "<": out += "\\u003c"
                case ">": out += "\\u003e"
                case "&": out += "\\u0026"
                default:
                    if u.value < 0x20 {
                        let hex = String(u.value, radix: 16)
                        out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                    } else {
                        out.unicodeScalars.append(u)
                    }
                }
            }
        }
        out += "\""
    }
}

extension Value: ExpressibleByStringLiteral, ExpressibleByBooleanLiteral, ExpressibleByIntegerLiteral,
    ExpressibleByFloatLiteral, ExpressibleByNilLiteral, ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral
{
    public init(stringLiteral s: String) { self = .string(s) }
    public init(booleanLiteral b: Bool) { self = .bool(b) }
    public init(integerLiteral i: Int) { self = .number(Number(i)) }
    public init(floatLiteral d: Double) { self = .number(Number(d)) }
    public init(nilLiteral: ()) { self = .null }
    public init(arrayLiteral elements: Value...) { self = .tuple(elements) }
    public init(dictionaryLiteral pairs: (String, Value)...) {
        self = .object(Dictionary(pairs, uniquingKeysWith: { _, b in b }))
    }
}
