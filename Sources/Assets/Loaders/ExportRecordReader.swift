import Foundation
import HCL

/// The fast path for one line of a `gcloud asset export` NDJSON file: reads the envelope
/// straight into `CAIRecord.Envelope` (no envelope dictionary, unknown keys skipped without
/// building values) and `resource.data` into a `Value` whose objects are built once at their
/// final size.
///
/// Small repeated subtrees are shared (hash-consing by their exact bytes, `ValueCache`): a
/// CAI export repeats the same `{"enabled": true}`, asset types, ancestors, timestamps and URLs
/// thousands of times, and as `Value`s each copy would cost a dictionary or string allocation
/// (a `[String: Value]` dictionary is ~150 bytes even for one key). Shared copies are
/// indistinguishable from separate ones — `Value` is an immutable value type.
///
/// It accepts exactly the JSON `JSONReader` accepts and produces the same values (same number
/// and string rules, the last of duplicate keys wins). Anything unusual — a parse error, a
/// field of an unexpected type, invalid UTF-8 — returns nil and the caller takes the general
/// path (`JSONReader` + `CAIRecord.envelope(of:)`), which produces the diagnostics. The fast
/// path therefore never has to reproduce error messages.
struct ExportRecordReader {
    private struct Bail: Error {}

    private var cache = ValueCache()
    private var shapes = ObjectShapes()
    private var sharing = SharingStats()
    /// The sharing statistics slot of the key whose value is being read (−1: always share —
    /// keys, and the envelope's own fields).
    private var keySlot = -1
    /// Scratch stacks for the keys and values of the containers being parsed.
    private var keys: [String] = []
    private var values: [Value] = []
    private let maxDepth = JSONReader.defaultMaxDepth

    init() {
        keys.reserveCapacity(256)
        values.reserveCapacity(256)
    }

    /// The envelope of one record, or nil to fall back to the general path.
    mutating func envelope(_ line: UnsafeBufferPointer<UInt8>) -> CAIRecord.Envelope? {
        guard let base = line.baseAddress else { return nil }
        var p = Parser(b: base, end: line.count)
        do {
            let e = try readEnvelope(&p)
            p.skipSpace()
            return p.i == p.end ? e : nil
        } catch {
            keys.removeAll(keepingCapacity: true)
            values.removeAll(keepingCapacity: true)
            return nil
        }
    }

    private mutating func readEnvelope(_ p: inout Parser) throws(Bail) -> CAIRecord.Envelope {
        // A UTF-8 byte order mark is tolerated, as JSONReader does.
        if p.end >= 3, p.b[0] == 0xEF, p.b[1] == 0xBB, p.b[2] == 0xBF { p.i = 3 }
        p.skipSpace()
        var e = CAIRecord.Envelope()
        var snakeType: Value?, camelType: Value?, snakePolicy: Value?, camelPolicy: Value?
        try p.expect(UInt8(ascii: "{"))
        try members(&p) { (p: inout Parser, key: UnsafeBufferPointer<UInt8>, r: inout ExportRecordReader) throws(Bail) in
            switch Key(key) {
            case .name: e.name = try r.value(&p, depth: 1)
            case .assetTypeSnake: snakeType = try r.value(&p, depth: 1)
            case .assetTypeCamel: camelType = try r.value(&p, depth: 1)
            case .ancestors: e.ancestors = try r.value(&p, depth: 1)
            case .iamPolicySnake: snakePolicy = try r.value(&p, depth: 1)
            case .iamPolicyCamel: camelPolicy = try r.value(&p, depth: 1)
            case .otherContent:
                e.otherContent = true
                try r.skip(&p, depth: 1)
            case .resource:
                p.skipSpace()
                guard p.i < p.end else { throw Bail() }
                if p.b[p.i] == UInt8(ascii: "n") {
                    try p.word("null")
                    e.resource = nil
                    e.resourceWrongType = nil
                } else {
                    // Not an object: the general path words the diagnostic.
                    guard p.b[p.i] == UInt8(ascii: "{") else { throw Bail() }
                    e.resource = try r.resource(&p)
                    e.resourceWrongType = nil
                }
            default: try r.skip(&p, depth: 1)
            }
        }
        e.assetType = snakeType ?? camelType
        e.iamPolicy = snakePolicy ?? camelPolicy
        return e
    }

    private mutating func resource(_ p: inout Parser) throws(Bail) -> CAIRecord.Envelope.Resource {
        var r = CAIRecord.Envelope.Resource()
        var uriSnake: Value?, uriCamel: Value?, nameSnake: Value?, nameCamel: Value?
        p.i += 1
        try members(&p) { (p: inout Parser, key: UnsafeBufferPointer<UInt8>, s: inout ExportRecordReader) throws(Bail) in
            switch Key(key) {
            case .data: r.data = try s.value(&p, depth: 2)
            case .version: r.version = try s.value(&p, depth: 2)
            case .discoveryDocumentURISnake: uriSnake = try s.value(&p, depth: 2)
            case .discoveryDocumentURICamel: uriCamel = try s.value(&p, depth: 2)
            case .discoveryNameSnake: nameSnake = try s.value(&p, depth: 2)
            case .discoveryNameCamel: nameCamel = try s.value(&p, depth: 2)
            case .parent: r.parent = try s.value(&p, depth: 2)
            case .location: r.location = try s.value(&p, depth: 2)
            default: try s.skip(&p, depth: 2)
            }
        }
        r.discoveryDocumentURI = uriSnake ?? uriCamel
        r.discoveryName = nameSnake ?? nameCamel
        return r
    }

    /// Iterates the members of an object whose `{` was consumed, through its `}`.
    private mutating func members(
        _ p: inout Parser,
        _ body: (inout Parser, UnsafeBufferPointer<UInt8>, inout ExportRecordReader) throws(Bail) -> Void
    ) throws(Bail) {
        p.skipSpace()
        if p.i < p.end, p.b[p.i] == UInt8(ascii: "}") { p.i += 1; return }
        while true {
            p.skipSpace()
            let key = try p.plainString()
            p.skipSpace()
            try p.expect(UInt8(ascii: ":"))
            p.skipSpace()
            keySlot = -1
            try body(&p, key, &self)
            p.skipSpace()
            guard p.i < p.end else { throw Bail() }
            if p.b[p.i] == UInt8(ascii: ",") { p.i += 1; continue }
            if p.b[p.i] == UInt8(ascii: "}") { p.i += 1; return }
            throw Bail()
        }
    }

    /// Envelope keys (both spellings) recognised by their bytes.
    private enum Key {
        case name, assetTypeSnake, assetTypeCamel, ancestors, resource, iamPolicySnake, iamPolicyCamel, otherContent
        case data, version, discoveryDocumentURISnake, discoveryDocumentURICamel, discoveryNameSnake, discoveryNameCamel
        case parent, location, other

        init(_ k: UnsafeBufferPointer<UInt8>) {
            func eq(_ s: StaticString) -> Bool {
                s.utf8CodeUnitCount == k.count && memcmp(s.utf8Start, k.baseAddress!, k.count) == 0
            }
            switch k.count {
            case 4: self = eq("name") ? .name : eq("data") ? .data : .other
            case 6: self = eq("parent") ? .parent : .other
            case 7: self = eq("version") ? .version : .other
            case 8: self = eq("resource") ? .resource : eq("location") ? .location : .other
            case 9: self = eq("ancestors") ? .ancestors : eq("assetType") ? .assetTypeCamel : eq("iamPolicy") ? .iamPolicyCamel
                : eq("orgPolicy") ? .otherContent : .other
            case 10: self = eq("asset_type") ? .assetTypeSnake : eq("iam_policy") ? .iamPolicySnake
                : eq("org_policy") ? .otherContent : .other
            case 12: self = eq("accessPolicy") ? .otherContent : .other
            case 13: self = eq("access_policy") ? .otherContent : eq("discoveryName") ? .discoveryNameCamel : .other
            case 14: self = eq("discovery_name") ? .discoveryNameSnake : .other
            case 20: self = eq("discoveryDocumentUri") ? .discoveryDocumentURICamel : .other
            case 22: self = eq("discovery_document_uri") ? .discoveryDocumentURISnake : .other
            default: self = .other
            }
        }
    }

    // MARK: values

    /// Subtrees up to this many bytes of text are shared through the cache.
    private static let maxSharedBytes = 96

    private mutating func value(_ p: inout Parser, depth: Int) throws(Bail) -> Value {
        guard p.i < p.end else { throw Bail() }
        switch p.b[p.i] {
        case UInt8(ascii: "{"), UInt8(ascii: "["):
            // A small container: look it up by its exact text before building it. The bound on
            // its text also bounds its nesting (≤ 48 levels), so the depth limit still holds.
            let slot = keySlot
            if depth + Self.maxSharedBytes / 2 < maxDepth, sharing.worthLooking(slot),
               let close = p.containerEnd(limit: Self.maxSharedBytes) {
                let text = UnsafeBufferPointer(start: p.b + p.i, count: close - p.i)
                let (found, hash) = cache.lookup(text)
                sharing.record(slot, hit: found != nil)
                if let v = found {
                    p.i = close
                    return v
                }
                let v = p.b[p.i] == UInt8(ascii: "{") ? try object(&p, depth: depth + 1) : try array(&p, depth: depth + 1)
                cache.insert(text, v, hash: hash)
                return v
            }
            return p.b[p.i] == UInt8(ascii: "{") ? try object(&p, depth: depth + 1) : try array(&p, depth: depth + 1)
        case UInt8(ascii: "\""):
            return .string(try string(&p))
        case UInt8(ascii: "t"): try p.word("true"); return .bool(true)
        case UInt8(ascii: "f"): try p.word("false"); return .bool(false)
        case UInt8(ascii: "n"): try p.word("null"); return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number(try p.number())
        default: throw Bail()
        }
    }

    private mutating func object(_ p: inout Parser, depth: Int) throws(Bail) -> Value {
        if depth > maxDepth { throw Bail() }
        p.i += 1
        // Separate bases: an enclosing object has pushed its key but not yet its value.
        let keyBase = keys.count, valueBase = values.count
        p.skipSpace()
        if p.i < p.end, p.b[p.i] == UInt8(ascii: "}") { p.i += 1; return .object([:]) }
        // The object's shape: its keys' exact text, in order.
        var shape: UInt64 = 0xCBF2_9CE4_8422_2325
        while true {
            p.skipSpace()
            guard p.i < p.end, p.b[p.i] == UInt8(ascii: "\"") else { throw Bail() }
            let keyStart = p.i
            keySlot = -1  // keys themselves: always worth sharing (few distinct)
            keys.append(try string(&p))
            let keyHash = ValueCache.hash(UnsafeBufferPointer(start: p.b + keyStart, count: p.i - keyStart))
            shape = (shape ^ keyHash) &* 0x0000_0100_0000_01B3
            keySlot = SharingStats.slot(keyHash)
            p.skipSpace()
            try p.expect(UInt8(ascii: ":"))
            p.skipSpace()
            values.append(try value(&p, depth: depth))
            p.skipSpace()
            guard p.i < p.end else { throw Bail() }
            if p.b[p.i] == UInt8(ascii: ",") { p.i += 1; continue }
            if p.b[p.i] == UInt8(ascii: "}") { p.i += 1; break }
            throw Bail()
        }
        let m = shapes.object(shape: shape, keys: keys[keyBase...], values: values[valueBase...])
            ?? ValueObject(unsortedKeys: Array(keys[keyBase...]), values: Array(values[valueBase...]))  // the last of duplicate keys wins
        keys.removeSubrange(keyBase...)
        values.removeSubrange(valueBase...)
        return .object(m)
    }

    private mutating func array(_ p: inout Parser, depth: Int) throws(Bail) -> Value {
        if depth > maxDepth { throw Bail() }
        p.i += 1
        let base = values.count
        p.skipSpace()
        if p.i < p.end, p.b[p.i] == UInt8(ascii: "]") { p.i += 1; return .tuple([]) }
        let slot = keySlot  // elements count as values of the array's key
        while true {
            p.skipSpace()
            keySlot = slot
            values.append(try value(&p, depth: depth))
            p.skipSpace()
            guard p.i < p.end else { throw Bail() }
            if p.b[p.i] == UInt8(ascii: ",") { p.i += 1; continue }
            if p.b[p.i] == UInt8(ascii: "]") { p.i += 1; break }
            throw Bail()
        }
        let a = Array(values[base...])
        values.removeSubrange(base...)
        return .tuple(a)
    }

    /// A string value; strings long enough to need their own allocation are shared when
    /// their bytes repeat.
    private mutating func string(_ p: inout Parser) throws(Bail) -> String {
        // The key includes the opening quote, so a string never matches a container's text.
        let start = p.i
        let (s, shareable) = try p.string()
        if shareable, sharing.worthLooking(keySlot) {
            let text = UnsafeBufferPointer(start: p.b + start, count: p.i - 1 - start)
            let (found, hash) = cache.lookup(text)
            sharing.record(keySlot, hit: found != nil)
            if let v = found, case .string(let shared) = v { return shared }
            cache.insert(text, .string(s), hash: hash)
        }
        return s
    }

    /// Skips a value, checking it as strictly as parsing would.
    private mutating func skip(_ p: inout Parser, depth: Int) throws(Bail) {
        guard p.i < p.end else { throw Bail() }
        if p.b[p.i] == UInt8(ascii: "\"") { _ = try p.plainString() } else { _ = try value(&p, depth: depth) }
    }

    /// Byte cursor over one line.
    private struct Parser {
        let b: UnsafePointer<UInt8>
        let end: Int
        var i = 0

        @inline(__always) mutating func skipSpace() {
            while i < end {
                let c = b[i]
                if c == 0x20 || c == 0x0A || c == 0x0D || c == 0x09 { i += 1 } else { break }
            }
        }

        @inline(__always) mutating func expect(_ c: UInt8) throws(Bail) {
            guard i < end, b[i] == c else { throw Bail() }
            i += 1
        }

        mutating func word(_ w: StaticString) throws(Bail) {
            let n = w.utf8CodeUnitCount
            guard i + n <= end, memcmp(b + i, w.utf8Start, n) == 0 else { throw Bail() }
            i += n
        }

        /// The offset just past the container starting at `i` if it closes within `limit`
        /// bytes (a scan that only tracks strings and nesting; parsing checks the rest).
        func containerEnd(limit: Int) -> Int? {
            var k = i, depth = 0
            let stop = min(end, i + limit)
            while k < stop {
                let c = b[k]
                if c == UInt8(ascii: "\"") {
                    k += 1
                    while k < stop, b[k] != UInt8(ascii: "\"") { k += b[k] == UInt8(ascii: "\\") ? 2 : 1 }
                } else if c == UInt8(ascii: "{") || c == UInt8(ascii: "[") {
                    depth += 1
                } else if c == UInt8(ascii: "}") || c == UInt8(ascii: "]") {
                    depth -= 1
                    if depth == 0 { return k + 1 }
                }
                k += 1
            }
            return nil
        }

        /// A string without escapes or non-ASCII bytes (envelope keys), as its bytes.
        mutating func plainString() throws(Bail) -> UnsafeBufferPointer<UInt8> {
            guard i < end, b[i] == UInt8(ascii: "\"") else { throw Bail() }
            i += 1
            let start = i
            while i < end {
                let c = b[i]
                if c == UInt8(ascii: "\"") {
                    i += 1
                    return UnsafeBufferPointer(start: b + start, count: i - 1 - start)
                }
                // Escapes, control and non-ASCII bytes: the general path decides.
                if c == UInt8(ascii: "\\") || c < 0x20 || c >= 0x80 { throw Bail() }
                i += 1
            }
            throw Bail()
        }

        /// A string (the opening quote at `i`), with JSONReader's escape rules; `shareable`
        /// when it has no escapes and is longer than Swift's inline small strings.
        mutating func string() throws(Bail) -> (String, shareable: Bool) {
            i += 1
            let start = i
            var high: UInt8 = 0
            while i < end {
                let c = b[i]
                if c == UInt8(ascii: "\"") {
                    let bytes = UnsafeBufferPointer(start: b + start, count: i - start)
                    i += 1
                    if high < 0x80 {
                        // ASCII is valid UTF-8: no validation pass.
                        return (String(decoding: bytes, as: UTF8.self), bytes.count > 15)
                    }
                    guard let s = String(validating: bytes, as: UTF8.self) else { throw Bail() }
                    return (s, bytes.count > 15)
                }
                if c == UInt8(ascii: "\\") || c < 0x20 { break }
                high |= c
                i += 1
            }
            return (try escapedString(from: start), false)
        }

        /// The slow path of `string()`: JSONReader's own escape decoding.
        private mutating func escapedString(from start: Int) throws(Bail) -> String {
            do {
                return try JSONReader.finishEscapedString(b, end: end, start: start, at: &i)
            } catch {
                throw Bail()
            }
        }

        /// A number, as `JSONReader.number()`.
        mutating func number() throws(Bail) -> Number {
            let start = i
            if b[i] == UInt8(ascii: "-") { i += 1 }
            let digitsStart = i
            while i < end, b[i] >= 0x30, b[i] <= 0x39 { i += 1 }
            if i == digitsStart { throw Bail() }
            var integral = true
            if i < end, b[i] == UInt8(ascii: ".") {
                integral = false
                i += 1
                let f = i
                while i < end, b[i] >= 0x30, b[i] <= 0x39 { i += 1 }
                if i == f { throw Bail() }
            }
            if i < end, b[i] == UInt8(ascii: "e") || b[i] == UInt8(ascii: "E") {
                integral = false
                i += 1
                if i < end, b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: "-") { i += 1 }
                let e = i
                while i < end, b[i] >= 0x30, b[i] <= 0x39 { i += 1 }
                if i == e { throw Bail() }
            }
            if integral, i - start <= 18 {
                var n: Int64 = 0
                for k in digitsStart..<i { n = n &* 10 &+ Int64(b[k] &- 0x30) }
                return Number(b[start] == UInt8(ascii: "-") ? -n : n)
            }
            let text = String(decoding: UnsafeBufferPointer(start: b + start, count: i - start), as: UTF8.self)
            guard let n = Number(literal: text) else { throw Bail() }
            return n
        }
    }
}

/// Whether values under a key repeat, so that looking them up in `ValueCache` pays. Some keys
/// of an export repeat their values everywhere (`location`, `storageClass`, network URLs),
/// others never do (`etag`, `createTime`, `id`, `selfLink`); hashing, probing and copying a
/// never-repeating value into the cache's arena was a tenth of reading a varied export. Per
/// key (by its hash, 1,024 slots — a collision only mixes two keys' statistics), after 64
/// lookups with fewer than one in eight hits, only every 32nd value is looked up (so a key
/// whose values start repeating is noticed); counts halve at 1,024 so the choice follows the
/// input. Only sharing depends on this, never a value.
struct SharingStats {
    private static let slots = 1 << 10
    private var lookups = [UInt16](repeating: 0, count: slots)
    private var hits = [UInt16](repeating: 0, count: slots)
    private var skipped = [UInt8](repeating: 0, count: slots)

    @inline(__always) static func slot(_ keyHash: UInt64) -> Int { Int(truncatingIfNeeded: keyHash >> 17) & (slots - 1) }

    @inline(__always) mutating func worthLooking(_ s: Int) -> Bool {
        if s < 0 || lookups[s] < 64 || hits[s] &* 8 >= lookups[s] { return true }
        skipped[s] &+= 1
        return skipped[s] & 31 == 0
    }

    @inline(__always) mutating func record(_ s: Int, hit: Bool) {
        if s < 0 { return }
        lookups[s] += 1
        if hit { hits[s] += 1 }
        if lookups[s] >= 1024 {
            lookups[s] /= 2
            hits[s] /= 2
        }
    }
}

/// A bounded table from exact JSON text to the `Value` it parsed to, for sharing repeated
/// subtrees and strings (open addressing over a byte arena). When full it starts over, so
/// its memory stays bounded (≈ 3 MB) whatever the input, and values that keep repeating
/// come back quickly.
struct ValueCache {
    private static let slots = 1 << 15
    private static let maxEntries = slots / 2
    private static let maxArenaBytes = 1 << 21

    private var hashes = [UInt64](repeating: 0, count: slots)
    private var offsets = [Int32](repeating: 0, count: slots)
    private var lengths = [Int32](repeating: 0, count: slots)
    private var entries = [Value?](repeating: nil, count: slots)
    private var arena: [UInt8] = []
    private var count = 0

    init() { arena.reserveCapacity(Self.maxArenaBytes) }

    @inline(__always) static func hash(_ t: UnsafeBufferPointer<UInt8>) -> UInt64 {
        // A multiply-xorshift over 8-byte words: enough spread for a table probe; equality is
        // always confirmed on the bytes.
        var h: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(t.count)
        let raw = UnsafeRawPointer(t.baseAddress!)
        var k = 0
        while k + 8 <= t.count {
            h = (h ^ raw.loadUnaligned(fromByteOffset: k, as: UInt64.self)) &* 0xBF58_476D_1CE4_E5B9
            h ^= h >> 31
            k += 8
        }
        var tail: UInt64 = 0
        var shift: UInt64 = 0
        while k < t.count {
            tail |= UInt64(t[k]) << shift
            shift += 8
            k += 1
        }
        h = (h ^ tail) &* 0x94D0_49BB_1331_11EB
        h ^= h >> 29
        return h | 1  // 0 marks an empty slot
    }

    /// The value stored for `t`, and `t`'s hash for a following `insert` (hashed once).
    func lookup(_ t: UnsafeBufferPointer<UInt8>) -> (Value?, hash: UInt64) {
        let h = Self.hash(t)
        var s = Int(truncatingIfNeeded: h) & (Self.slots - 1)
        while hashes[s] != 0 {
            if hashes[s] == h, Int(lengths[s]) == t.count,
               arena.withUnsafeBufferPointer({ memcmp($0.baseAddress! + Int(offsets[s]), t.baseAddress!, t.count) == 0 }) {
                return (entries[s], h)
            }
            s = (s + 1) & (Self.slots - 1)
        }
        return (nil, h)
    }

    mutating func insert(_ t: UnsafeBufferPointer<UInt8>, _ v: Value, hash h: UInt64) {
        if count >= Self.maxEntries || arena.count + t.count > Self.maxArenaBytes { reset() }
        var s = Int(truncatingIfNeeded: h) & (Self.slots - 1)
        while hashes[s] != 0 {
            if hashes[s] == h, Int(lengths[s]) == t.count { return }  // rare: leave the entry there
            s = (s + 1) & (Self.slots - 1)
        }
        hashes[s] = h
        offsets[s] = Int32(arena.count)
        lengths[s] = Int32(t.count)
        entries[s] = v
        arena.append(contentsOf: t)
        count += 1
    }

    private mutating func reset() {
        for k in 0..<Self.slots { hashes[k] = 0 }
        for k in 0..<Self.slots { entries[k] = nil }
        arena.removeAll(keepingCapacity: true)
        count = 0
    }
}

/// Objects of a shape seen before (the same keys in the same order — an export repeats a few
/// hundred shapes 100,000 times) share one sorted key array, and their values are placed by
/// the shape's permutation: no key is compared or sorted again, and the keys' memory is paid
/// once per shape instead of once per object.
///
/// A shape is kept on its second sighting (one-off shapes such as label sets cost only a
/// table entry); the table is bounded, after which objects are built the ordinary way.
/// The result equals the ordinary build (of duplicate keys the last wins).
struct ObjectShapes {
    private struct Shape {
        /// The keys in the order they were read.
        var keys: [String]
        var sortedKeys: [String]
        /// For each sorted position, the position read.
        var order: [Int]
    }

    private static let maxShapes = 4096
    private static let maxKeys = 64
    /// Shape hash → position in `shapes`, or −1 when seen once.
    private var index: [UInt64: Int] = [:]
    private var shapes: [Shape] = []

    mutating func object(shape h: UInt64, keys: ArraySlice<String>, values: ArraySlice<Value>) -> ValueObject? {
        guard keys.count <= Self.maxKeys else { return nil }
        guard let found = index[h] else {
            if index.count < 4 * Self.maxShapes { index[h] = -1 }
            return nil
        }
        var s = found
        if s < 0 {
            guard shapes.count < Self.maxShapes else { return nil }
            let read = Array(keys)
            let (sortedKeys, order) = ValueObject.order(of: read)
            s = shapes.count
            shapes.append(Shape(keys: read, sortedKeys: sortedKeys, order: order))
            index[h] = s
        }
        return shapes.withUnsafeBufferPointer { buf -> ValueObject? in
            let shape = buf.baseAddress! + s
            // Equal hashes of different key lists are possible: confirm the keys.
            guard shape.pointee.keys.count == keys.count else { return nil }
            var k = keys.startIndex
            for key in shape.pointee.keys {
                if key != keys[k] { return nil }
                k += 1
            }
            let base = values.startIndex
            let order = shape.pointee.order
            let placed = [Value](unsafeUninitializedCapacity: order.count) { out, n in
                for (j, from) in order.enumerated() {
                    (out.baseAddress! + j).initialize(to: values[base + from])
                }
                n = order.count
            }
            return ValueObject(sortedKeys: shape.pointee.sortedKeys, values: placed)
        }
    }
}
