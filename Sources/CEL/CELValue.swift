/// A CEL runtime value (cel-spec `doc/langdef.md`, "Values").
///
/// Dynamically typed: every value carries its type. `unknown` and `error` are values too, so
/// the commutative `&&`/`||` and the macros can absorb them (langdef "Logical operators",
/// "Partial state"). `indirect` only on the optional case keeps the common cases unboxed.
public enum CELValue: Sendable {
    case null
    case bool(Bool)
    case int(Int64)
    case uint(UInt64)
    case double(Double)
    case string(String)
    case bytes([UInt8])
    case list([CELValue])
    case map(CELMap)
    case timestamp(CELTimestamp)
    case duration(CELDuration)
    case type(CELType)
    /// `optional.of(x)` is `.optional(x)`; `optional.none()` is `.optional(nil)`.
    indirect case optional(CELValue?)
    /// A value not known yet (e.g. a Terraform attribute known only after apply).
    case unknown(CELUnknown)
    case error(CELError)

    /// A placeholder for "this input field is unknown"; evaluation fills in the path it was
    /// reached by (e.g. `resource.settings.tier`).
    public static let unknownField = CELValue.unknown(CELUnknown())

    public var type: CELType {
        switch self {
        case .null: return .null
        case .bool: return .bool
        case .int: return .int
        case .uint: return .uint
        case .double: return .double
        case .string: return .string
        case .bytes: return .bytes
        case .list: return .list
        case .map: return .map
        case .timestamp: return .timestamp
        case .duration: return .duration
        case .type: return .type
        case .optional: return .optional
        case .unknown: return .unknown
        case .error: return .error
        }
    }

    @inline(__always) var isErrorOrUnknown: Bool {
        switch self {
        case .error, .unknown: return true
        default: return false
        }
    }
}

/// CEL's type values (`type(1) == int`). Names are those the language uses.
public enum CELType: String, Sendable, Hashable {
    case null = "null_type", bool, int, uint, double, string, bytes, list, map
    case timestamp = "google.protobuf.Timestamp", duration = "google.protobuf.Duration"
    case type, optional = "optional_type", unknown, error
}

/// The set of unknown input paths a result depends on.
public struct CELUnknown: Sendable, Hashable {
    /// Sorted, duplicate-free attribute paths (`resource.settings.tier`).
    public private(set) var paths: [String]

    public init(paths: [String] = []) {
        self.paths = Array(Set(paths)).sorted()
    }

    func union(_ other: CELUnknown) -> CELUnknown {
        if other.paths.isEmpty || other.paths == paths { return self }
        if paths.isEmpty { return other }
        return CELUnknown(paths: paths + other.paths)
    }
}

/// An evaluation error (overflow, no such key, no matching overload…). Errors are values
/// so `false && error` can still be `false` (langdef "Logical operators").
public struct CELError: Sendable, Hashable, Error, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

extension CELValue {
    static func err(_ message: String) -> CELValue { .error(CELError(message)) }
    static func noOverload(_ function: String, _ args: CELValue...) -> CELValue {
        .error(CELError("no matching overload for '\(function)' applied to (\(args.map { $0.type.rawValue }.joined(separator: ", ")))"))
    }
}

// MARK: - Maps

/// A key of a CEL map. Keys are int, uint, bool or string (langdef "Values"); numeric keys
/// compare across int/uint/double (heterogeneous equality), so an integral number is
/// normalized to `.int` when it fits and to `.uint` otherwise.
enum CELMapKey: Hashable, Sendable {
    case bool(Bool)
    case int(Int64)
    case uint(UInt64)
    case string(String)

    /// The lookup key for a value, or nil when the value can never be a key of any map.
    init?(_ v: CELValue) {
        switch v {
        case .string(let s): self = .string(s)
        case .int(let i): self = .int(i)
        case .uint(let u): self = u <= UInt64(Int64.max) ? .int(Int64(u)) : .uint(u)
        case .bool(let b): self = .bool(b)
        case .double(let d):
            // Only for lookups: `1.0 in {1: 2}` is true per heterogeneous equality.
            guard d.rounded(.towardZero) == d else { return nil }
            if d >= -9.223372036854775808e18 && d < 9.223372036854775808e18 { self = .int(Int64(d)) }
            else if d >= 0 && d < 1.8446744073709551616e19 { self = .uint(UInt64(d)) }
            else { return nil }
        default: return nil
        }
    }
}

/// An immutable CEL map. Keeps insertion order (for iteration) and a hash index.
public final class CELMap: Sendable {
    public let keys: [CELValue]
    public let values: [CELValue]
    let index: [CELMapKey: Int]

    /// Builds a map; a later duplicate key replaces an earlier one.
    public init(_ pairs: [(CELValue, CELValue)]) {
        var keys: [CELValue] = []
        var values: [CELValue] = []
        var index: [CELMapKey: Int] = [:]
        keys.reserveCapacity(pairs.count)
        values.reserveCapacity(pairs.count)
        index.reserveCapacity(pairs.count)
        for (k, v) in pairs {
            guard let mk = CELMapKey(k) else { continue }
            if let i = index[mk] { values[i] = v; continue }
            index[mk] = keys.count
            keys.append(k)
            values.append(v)
        }
        self.keys = keys
        self.values = values
        self.index = index
    }

    /// A map with string keys, the shape of JSON objects and CAI resources.
    public convenience init(_ dict: [String: CELValue]) {
        self.init(dict.sorted { $0.key < $1.key }.map { (.string($0.key), $0.value) })
    }

    init(keys: [CELValue], values: [CELValue], index: [CELMapKey: Int]) {
        self.keys = keys
        self.values = values
        self.index = index
    }

    public var count: Int { keys.count }

    /// Position of a string key. Small maps (most resource objects) are scanned: comparing a
    /// few short strings is cheaper than hashing the key.
    @inline(__always) func position(ofField f: String) -> Int? {
        if keys.count <= 8 {
            for i in 0..<keys.count {
                if case .string(let k) = keys[i], k == f { return i }
            }
            return nil
        }
        return index[.string(f)]
    }

    public subscript(key: String) -> CELValue? {
        if let i = index[.string(key)] { return values[i] }
        return nil
    }

    func lookup(_ key: CELValue) -> CELValue? {
        guard let mk = CELMapKey(key), let i = index[mk] else { return nil }
        return values[i]
    }
}

// MARK: - Convenience initializers (the bridge from other value models)

extension CELValue {
    public static func map(_ dict: [String: CELValue]) -> CELValue { .map(CELMap(dict)) }
    public static func object(_ pairs: [(String, CELValue)]) -> CELValue {
        .map(CELMap(pairs.map { (.string($0.0), $0.1) }))
    }
}

extension CELValue: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByBooleanLiteral,
    ExpressibleByFloatLiteral, ExpressibleByArrayLiteral, ExpressibleByNilLiteral, ExpressibleByDictionaryLiteral
{
    public init(stringLiteral value: String) { self = .string(value) }
    public init(integerLiteral value: Int64) { self = .int(value) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(floatLiteral value: Double) { self = .double(value) }
    public init(arrayLiteral elements: CELValue...) { self = .list(elements) }
    public init(nilLiteral: ()) { self = .null }
    public init(dictionaryLiteral elements: (String, CELValue)...) { self = .object(elements) }
}

// MARK: - Equality and ordering (langdef "Equality", "Ordering")

extension CELValue {
    /// CEL `==`: heterogeneous numeric equality; NaN != NaN; lists and maps element-wise.
    /// Returns nil when the comparison itself is an error (never, for `==` in the current spec).
    static func celEquals(_ a: CELValue, _ b: CELValue) -> Bool {
        switch (a, b) {
        case (.null, .null): return true
        case let (.bool(x), .bool(y)): return x == y
        case let (.int(x), .int(y)): return x == y
        case let (.uint(x), .uint(y)): return x == y
        case let (.double(x), .double(y)): return x == y
        case let (.int(x), .uint(y)): return x >= 0 && UInt64(x) == y
        case let (.uint(x), .int(y)): return y >= 0 && UInt64(y) == x
        case let (.int(x), .double(y)): return compareIntDouble(x, y) == 0
        case let (.double(x), .int(y)): return compareIntDouble(y, x) == 0
        case let (.uint(x), .double(y)): return compareUintDouble(x, y) == 0
        case let (.double(x), .uint(y)): return compareUintDouble(y, x) == 0
        case let (.string(x), .string(y)): return x == y
        case let (.bytes(x), .bytes(y)): return x == y
        case let (.list(x), .list(y)):
            guard x.count == y.count else { return false }
            for i in x.indices where !celEquals(x[i], y[i]) { return false }
            return true
        case let (.map(x), .map(y)):
            guard x.count == y.count else { return false }
            for i in x.keys.indices {
                guard let other = y.lookup(x.keys[i]), celEquals(x.values[i], other) else { return false }
            }
            return true
        case let (.timestamp(x), .timestamp(y)): return x == y
        case let (.duration(x), .duration(y)): return x == y
        case let (.type(x), .type(y)): return x == y
        case let (.optional(x), .optional(y)):
            switch (x, y) {
            case (nil, nil): return true
            case let (x?, y?): return celEquals(x, y)
            default: return false
            }
        default: return false
        }
    }

    /// CEL ordering: -1/0/1, nil when unordered (NaN) or the types have no `<` overload.
    static func celCompare(_ a: CELValue, _ b: CELValue) -> Int? {
        switch (a, b) {
        case let (.int(x), .int(y)): return x < y ? -1 : (x == y ? 0 : 1)
        case let (.uint(x), .uint(y)): return x < y ? -1 : (x == y ? 0 : 1)
        case let (.double(x), .double(y)):
            if x.isNaN || y.isNaN { return nil }
            return x < y ? -1 : (x == y ? 0 : 1)
        case let (.int(x), .uint(y)): return x < 0 ? -1 : (UInt64(x) < y ? -1 : (UInt64(x) == y ? 0 : 1))
        case let (.uint(x), .int(y)): return y < 0 ? 1 : (x < UInt64(y) ? -1 : (x == UInt64(y) ? 0 : 1))
        case let (.int(x), .double(y)): return compareIntDouble(x, y)
        case let (.double(x), .int(y)): return compareIntDouble(y, x).map { -$0 }
        case let (.uint(x), .double(y)): return compareUintDouble(x, y)
        case let (.double(x), .uint(y)): return compareUintDouble(y, x).map { -$0 }
        case let (.string(x), .string(y)):
            // Strings order by code point; UTF-8 byte order is the same order.
            return lexCompare(x.utf8, y.utf8)
        case let (.bytes(x), .bytes(y)): return lexCompare(x, y)
        case let (.bool(x), .bool(y)): return x == y ? 0 : (!x ? -1 : 1)
        case let (.timestamp(x), .timestamp(y)): return x < y ? -1 : (x == y ? 0 : 1)
        case let (.duration(x), .duration(y)): return x < y ? -1 : (x == y ? 0 : 1)
        default: return nil
        }
    }

    private static func lexCompare<C: Collection>(_ x: C, _ y: C) -> Int where C.Element == UInt8 {
        var i = x.makeIterator(), j = y.makeIterator()
        while true {
            switch (i.next(), j.next()) {
            case (nil, nil): return 0
            case (nil, _): return -1
            case (_, nil): return 1
            case let (a?, b?): if a != b { return a < b ? -1 : 1 }
            }
        }
    }

    /// Exact comparison of an int64 with a double (no rounding of the int).
    static func compareIntDouble(_ x: Int64, _ y: Double) -> Int? {
        // The reference runtime compares an int with a double by converting the int to double
        // (so 9223372036854775807 == 9223372036854775807.0); follow it for conformance.
        if y.isNaN { return nil }
        let xd = Double(x)
        return xd < y ? -1 : (xd == y ? 0 : 1)
    }

    static func exactCompareIntDouble(_ x: Int64, _ y: Double) -> Int? {
        if y.isNaN { return nil }
        if y < -9.223372036854775808e18 { return 1 }
        if y >= 9.223372036854775808e18 { return -1 }
        let t = y.rounded(.towardZero)
        let yi = Int64(t)
        if x != yi { return x < yi ? -1 : 1 }
        let frac = y - t
        return frac > 0 ? -1 : (frac < 0 ? 1 : 0)
    }

    static func compareUintDouble(_ x: UInt64, _ y: Double) -> Int? {
        if y.isNaN { return nil }
        let xd = Double(x)
        return xd < y ? -1 : (xd == y ? 0 : 1)
    }

    static func exactCompareUintDouble(_ x: UInt64, _ y: Double) -> Int? {
        if y.isNaN { return nil }
        if y < 0 { return 1 }
        if y >= 1.8446744073709551616e19 { return -1 }
        let t = y.rounded(.towardZero)
        let yi = UInt64(t)
        if x != yi { return x < yi ? -1 : 1 }
        return y - t > 0 ? -1 : 0
    }
}
