/// The attributes of an object or map `Value`: each key once, keys in ascending order, with
/// their values in two parallel arrays.
///
/// Why not `[String: Value]`: a hash table costs about four times its JSON text (slots sized to
/// a power of two, a 40-byte slot per key) and every build hashes every key again. Objects in
/// scanned data are small and repeat a few hundred shapes (an export of 100,000 assets has the
/// same dozen keys in every `settings`), so a shape's sorted key array is built once and
/// shared by reference between all objects of that shape (`init(sortedKeys:values:)`); an
/// object then costs one array of values. Lookups scan short key lists and binary-search long
/// ones. The order is canonical, so equality and hashing are element-wise and iteration is
/// deterministic (cty iterates object attributes and map keys in lexical order too).
///
/// The order is `String`'s `<`: Unicode scalar order of the canonical (NFC) form, which for
/// NFC text is the byte order of the UTF-8 encoding.
///
/// The API follows `Dictionary`'s where the two meet, so code written against dictionaries
/// reads the same.
public struct ValueObject: Hashable, Sendable {
    public private(set) var keys: [String]
    public private(set) var values: [Value]

    public init() {
        keys = []
        values = []
    }

    /// From keys already in ascending order without duplicates (a shared shape's keys).
    /// Checked in debug builds only: the callers sort.
    package init(sortedKeys: [String], values: [Value]) {
        assert(sortedKeys.count == values.count)
        assert(zip(sortedKeys, sortedKeys.dropFirst()).allSatisfy { $0 < $1 })
        self.keys = sortedKeys
        self.values = values
    }

    public init(_ dictionary: [String: Value]) {
        let sorted = dictionary.sorted { $0.key < $1.key }
        keys = sorted.map(\.key)
        values = sorted.map(\.value)
    }

    /// The last of duplicate keys wins (as JSON objects and HCL object constructors have it).
    public init(_ pairs: some Sequence<(String, Value)>) {
        var ks: [String] = []
        var vs: [Value] = []
        for (k, v) in pairs {
            ks.append(k)
            vs.append(v)
        }
        self.init(unsortedKeys: ks, values: vs)
    }

    public init<S: Sequence>(uniqueKeysWithValues pairs: S) where S.Element == (String, Value) {
        self.init(pairs)
    }

    /// Sorts `keys` (stable, so of duplicate keys the last written wins).
    package init(unsortedKeys ks: [String], values vs: [Value]) {
        precondition(ks.count == vs.count)
        var ascending = true
        var k = 1
        while k < ks.count {
            if !(ks[k - 1] < ks[k]) { ascending = false; break }
            k += 1
        }
        if ascending {
            keys = ks
            values = vs
            return
        }
        let (sortedKeys, order) = Self.order(of: ks)
        keys = sortedKeys
        values = order.map { vs[$0] }
    }

    /// The keys in ascending order without duplicates, and for each the position it is taken
    /// from in `ks` — of duplicate keys the last, as JSON objects and HCL object constructors
    /// have it. (A key shape's order, reused for every object of that shape by the export reader.)
    package static func order(of ks: [String]) -> (sortedKeys: [String], from: [Int]) {
        // Stable, so of equal keys the last read ends its run.
        let byKey = ks.indices.sorted { a, b in ks[a] < ks[b] || (ks[a] == ks[b] && a < b) }
        var sortedKeys: [String] = []
        var from: [Int] = []
        sortedKeys.reserveCapacity(ks.count)
        from.reserveCapacity(ks.count)
        for i in byKey {
            if let last = sortedKeys.last, last == ks[i] {
                from[from.count - 1] = i
            } else {
                sortedKeys.append(ks[i])
                from.append(i)
            }
        }
        return (sortedKeys, from)
    }

    /// The position of `key`, or where it would be inserted.
    @inline(__always)
    private func search(_ key: String) -> (index: Int, found: Bool) {
        if keys.count <= 8 {
            var i = 0
            while i < keys.count {
                if keys[i] == key { return (i, true) }
                if key < keys[i] { return (i, false) }
                i += 1
            }
            return (i, false)
        }
        var lo = 0, hi = keys.count
        while lo < hi {
            let mid = (lo &+ hi) >> 1
            if keys[mid] < key { lo = mid + 1 } else { hi = mid }
        }
        return (lo, lo < keys.count && keys[lo] == key)
    }

    public func index(forKey key: String) -> Int? {
        let (i, found) = search(key)
        return found ? i : nil
    }

    public subscript(key: String) -> Value? {
        get {
            // Not a ternary: `Value` is nil-literal-expressible, so `found ? v : nil` would
            // make a missing key `.null`.
            let (i, found) = search(key)
            if found { return values[i] }
            return Optional<Value>.none
        }
        set {
            if let newValue {
                updateValue(newValue, forKey: key)
            } else {
                removeValue(forKey: key)
            }
        }
    }

    public subscript(key: String, default defaultValue: @autoclosure () -> Value) -> Value {
        self[key] ?? defaultValue()
    }

    @discardableResult
    public mutating func updateValue(_ value: Value, forKey key: String) -> Value? {
        let (i, found) = search(key)
        if found {
            let old = values[i]
            values[i] = value
            return old
        }
        keys.insert(key, at: i)
        values.insert(value, at: i)
        return nil
    }

    @discardableResult
    public mutating func removeValue(forKey key: String) -> Value? {
        let (i, found) = search(key)
        guard found else { return nil }
        keys.remove(at: i)
        return values.remove(at: i)
    }

    public func mapValues(_ transform: (Value) throws -> Value) rethrows -> ValueObject {
        ValueObject(sortedKeys: keys, values: try values.map(transform))
    }

    public func mapValues<T>(_ transform: (Value) throws -> T) rethrows -> [String: T] {
        var out = [String: T](minimumCapacity: keys.count)
        for i in keys.indices { out[keys[i]] = try transform(values[i]) }
        return out
    }

    public func compactMapValues(_ transform: (Value) throws -> Value?) rethrows -> ValueObject {
        var ks: [String] = []
        var vs: [Value] = []
        for i in keys.indices {
            if let v = try transform(values[i]) {
                ks.append(keys[i])
                vs.append(v)
            }
        }
        return ValueObject(sortedKeys: ks, values: vs)
    }

    public func filter(_ isIncluded: ((key: String, value: Value)) throws -> Bool) rethrows -> ValueObject {
        var ks: [String] = []
        var vs: [Value] = []
        for i in keys.indices where try isIncluded((keys[i], values[i])) {
            ks.append(keys[i])
            vs.append(values[i])
        }
        return ValueObject(sortedKeys: ks, values: vs)
    }

    /// A merge in one pass over both sorted key lists.
    public func merging(_ other: ValueObject, uniquingKeysWith combine: (Value, Value) throws -> Value) rethrows -> ValueObject {
        if other.isEmpty { return self }
        if isEmpty { return other }
        var ks: [String] = []
        var vs: [Value] = []
        ks.reserveCapacity(keys.count + other.keys.count)
        vs.reserveCapacity(keys.count + other.keys.count)
        var a = 0, b = 0
        while a < keys.count || b < other.keys.count {
            if b == other.keys.count || (a < keys.count && keys[a] < other.keys[b]) {
                ks.append(keys[a]); vs.append(values[a]); a += 1
            } else if a == keys.count || other.keys[b] < keys[a] {
                ks.append(other.keys[b]); vs.append(other.values[b]); b += 1
            } else {
                ks.append(keys[a]); vs.append(try combine(values[a], other.values[b])); a += 1; b += 1
            }
        }
        return ValueObject(sortedKeys: ks, values: vs)
    }

    public func merging(_ other: [String: Value], uniquingKeysWith combine: (Value, Value) throws -> Value) rethrows -> ValueObject {
        try merging(ValueObject(other), uniquingKeysWith: combine)
    }

    public mutating func merge(_ other: ValueObject, uniquingKeysWith combine: (Value, Value) throws -> Value) rethrows {
        self = try merging(other, uniquingKeysWith: combine)
    }

    public mutating func merge(_ other: [String: Value], uniquingKeysWith combine: (Value, Value) throws -> Value) rethrows {
        self = try merging(ValueObject(other), uniquingKeysWith: combine)
    }

    /// As a dictionary, for APIs that take one.
    public var dictionary: [String: Value] {
        var d = [String: Value](minimumCapacity: keys.count)
        for i in keys.indices { d[keys[i]] = values[i] }
        return d
    }
}

extension ValueObject: RandomAccessCollection {
    public typealias Element = (key: String, value: Value)
    public var startIndex: Int { 0 }
    public var endIndex: Int { keys.count }
    public subscript(position: Int) -> (key: String, value: Value) { (keys[position], values[position]) }
    public var isEmpty: Bool { keys.isEmpty }
    public var count: Int { keys.count }
}

extension ValueObject: ExpressibleByDictionaryLiteral {
    public init(dictionaryLiteral elements: (String, Value)...) {
        self.init(elements)
    }
}

extension ValueObject: CustomStringConvertible {
    public var description: String {
        "[" + (isEmpty ? ":" : indices.map { "\(String(reflecting: keys[$0])): \(values[$0])" }.joined(separator: ", ")) + "]"
    }
}
