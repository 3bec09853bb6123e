/// Encodes `Encodable` values as pretty-printed JSON with every object's keys sorted
/// (by their UTF-8 bytes; for the ASCII keys of our models, alphabetical) — stable bytes that
/// diff line by line.
///
/// Why not `JSONEncoder` with `.sortedKeys`: for 50,000 findings it alone costs most of the
/// one-second budget for all five reports (docs/benchmarks.md). This encoder streams UTF-8
/// into one buffer: values are written as `encode(to:)` produces them, each object member with
/// its key. When an object's `encode(to:)` returns (the first moment all its keys are known)
/// and its keys did not come in order, its members are rewritten once in key order; types
/// that declare their properties alphabetically (the SARIF model) are never rewritten. No
/// per-value allocation, no intermediate tree.
///
/// Output: two-space indentation, `"key": value`, `[]` and `{}` when empty, `/` and non-ASCII
/// unescaped, control characters as `\n`, `\t`, … or `\u00XX` (RFC 8259 §7). A key written
/// twice into one object (containers can merge) keeps its first value.
package struct SortedJSONEncoder {
    package init() {}

    package func encode<T: Encodable>(_ value: T) throws -> [UInt8] {
        let sink = JSONSink()
        try sink.write(value, key: nil, depth: 0)
        sink.out.append(UInt8(ascii: "\n"))
        return sink.out
    }
}

/// The encoder: one per document (plus one per deferred nested container). `frames` is the
/// stack of values being written; the containers it hands out all write to its buffer.
private final class JSONSink: Encoder {
    enum Kind { case empty, object, array, single }

    struct Frame {
        var kind = Kind.empty
        /// Where the value's bytes begin in `out`.
        let start: Int
        /// Where the value's members begin in `members` (objects).
        let memberBase: Int
        /// Elements or members written so far.
        var count = 0
        /// The last member's key, and whether every key so far came after the one before.
        var lastKey: String?
        var inOrder = true
        let depth: Int
        let key: String?
        /// Nested containers handed out before their content exists, finished with this frame.
        var deferred: [(key: String?, offset: Int, sink: JSONSink)] = []
    }

    /// One object member's bytes: `\n`, indentation, `"key": value` (the separating comma,
    /// if any, lies just before `start`).
    struct Member {
        let key: String
        let start: Int
        let end: Int
    }

    // Accessed only from this encoder's own, single-threaded calls; unchecked so every append
    // is not a dynamic exclusivity check (they were a fifth of the encoding time).
    @exclusivity(unchecked) var out: [UInt8] = []
    @exclusivity(unchecked) var frames: [Frame] = []
    @exclusivity(unchecked) var members: [Member] = []
    @exclusivity(unchecked) private var scratch: [UInt8] = []
    @exclusivity(unchecked) private var order: [Int] = []

    var codingPath: [any CodingKey] { frames.compactMap { $0.key.map(JSONKey.init) } }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    init() {
        out.reserveCapacity(1 << 16)
    }

    // MARK: Values

    /// Writes one value at `depth`: primitives directly, anything else through its
    /// `encode(to:)` inside a new frame.
    func write<T: Encodable>(_ value: T, key: String?, depth: Int) throws {
        // Type identity checks are cheap; a failed dynamic cast per value is not.
        if T.self == String.self { JSONText.quote(value as! String, into: &out); return }
        if T.self == Int.self { JSONText.integer(value as! Int, into: &out); return }
        if T.self == Int32.self { JSONText.integer(Int(value as! Int32), into: &out); return }
        if T.self == Bool.self { JSONText.bool(value as! Bool, into: &out); return }
        if T.self == Double.self { try JSONText.number(value as! Double, into: &out, at: codingPath); return }
        frames.append(Frame(start: out.count, memberBase: members.count, depth: depth, key: key))
        try value.encode(to: self)
        try finishFrame()
    }

    /// Closes the top frame: arrays get their closing bracket, objects are rewritten in key order.
    func finishFrame() throws {
        var f = frames.removeLast()
        // Deferred nested containers, last offset first so earlier offsets stay valid.
        for d in f.deferred.reversed() {
            try d.sink.finishFrame()
            if let key = d.key, f.kind == .object {
                frames.append(f)
                let start = beginMember(key)
                out.append(contentsOf: d.sink.out)
                endMember(key, start: start)
                f = frames.removeLast()
                f.inOrder = false  // appended out of turn
            } else {
                out.insert(contentsOf: d.sink.out, at: d.offset)
            }
        }
        f.deferred = []
        switch f.kind {
        case .empty:
            out.append(UInt8(ascii: "{"))
            out.append(UInt8(ascii: "}"))
        case .single:
            break
        case .array:
            if f.count > 0 {
                out.append(UInt8(ascii: "\n"))
                JSONText.indent(f.depth, into: &out)
            }
            out.append(UInt8(ascii: "]"))
        case .object:
            rewriteObject(f)
        }
    }

    /// Closes an object: in place when its keys came in order, else rewritten in key order.
    private func rewriteObject(_ f: Frame) {
        let base = f.memberBase
        defer { members.removeSubrange(base...) }
        guard members.count > base else {
            out.append(UInt8(ascii: "}"))
            return
        }
        if f.inOrder {
            out.append(UInt8(ascii: "\n"))
            JSONText.indent(f.depth, into: &out)
            out.append(UInt8(ascii: "}"))
            return
        }
        // Insertion sort of member indices: objects have a few dozen keys at most, and it is
        // stable, so of a repeated key the first write comes first.
        order.removeAll(keepingCapacity: true)
        for i in base..<members.count {
            var j = order.count
            order.append(i)
            while j > 0, members[i].key < members[order[j - 1]].key {
                order[j] = order[j - 1]
                j -= 1
            }
            order[j] = i
        }
        scratch.removeAll(keepingCapacity: true)
        scratch.append(UInt8(ascii: "{"))
        var previous: String?
        for i in order {
            let m = members[i]
            if m.key == previous { continue }
            if previous != nil { scratch.append(UInt8(ascii: ",")) }
            previous = m.key
            scratch.append(contentsOf: out[m.start..<m.end])
        }
        scratch.append(UInt8(ascii: "\n"))
        JSONText.indent(f.depth, into: &scratch)
        scratch.append(UInt8(ascii: "}"))
        if f.start == 0 {
            // The whole document: take the rewritten bytes instead of copying them back.
            swap(&out, &scratch)
        } else {
            out.removeSubrange(f.start...)
            out.append(contentsOf: scratch)
        }
    }

    // MARK: Members and elements

    /// The comma, line break, indentation and key before a member's value; returns where the
    /// member's bytes start (after the comma).
    func beginMember(_ key: String) -> Int {
        let top = frames.count - 1
        if frames[top].count > 0 { out.append(UInt8(ascii: ",")) }
        let start = out.count
        out.append(UInt8(ascii: "\n"))
        JSONText.indent(frames[top].depth + 1, into: &out)
        JSONText.quote(key, into: &out)
        out.append(UInt8(ascii: ":"))
        out.append(UInt8(ascii: " "))
        return start
    }

    func endMember(_ key: String, start: Int) {
        let top = frames.count - 1
        if let last = frames[top].lastKey, !(last < key) { frames[top].inOrder = false }
        frames[top].lastKey = key
        frames[top].count += 1
        members.append(Member(key: key, start: start, end: out.count))
    }

    func member<T: Encodable>(_ key: String, _ value: T) throws {
        let start = beginMember(key)
        try write(value, key: key, depth: frames[frames.count - 1].depth + 1)
        endMember(key, start: start)
    }

    func primitiveMember(_ key: String, _ write: (inout [UInt8]) throws -> Void) rethrows {
        let start = beginMember(key)
        try write(&out)
        endMember(key, start: start)
    }

    /// The separator and indentation before the next array element.
    func beginElement() {
        let top = frames.count - 1
        out.append(frames[top].count == 0 ? UInt8(ascii: "\n") : UInt8(ascii: ","))
        if frames[top].count > 0 { out.append(UInt8(ascii: "\n")) }
        JSONText.indent(frames[top].depth + 1, into: &out)
        frames[top].count += 1
    }

    /// A sink for a nested container whose content comes later; attached when the current
    /// frame finishes (as a member, or inserted at the element's place).
    func deferred(key: String?) -> JSONSink {
        let top = frames.count - 1
        let depth = frames[top].depth + 1
        if key == nil { beginElement() }
        let sink = JSONSink()
        sink.frames.append(Frame(start: 0, memberBase: 0, depth: depth, key: key))
        frames[top].deferred.append((key, out.count, sink))
        return sink
    }

    // MARK: Encoder

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        let top = frames.count - 1
        if frames[top].kind == .empty {
            frames[top].kind = .object
            out.append(UInt8(ascii: "{"))
        }
        return KeyedEncodingContainer(KeyedWriter<Key>(sink: self))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        let top = frames.count - 1
        if frames[top].kind == .empty {
            frames[top].kind = .array
            out.append(UInt8(ascii: "["))
        }
        return UnkeyedWriter(sink: self)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer {
        let top = frames.count - 1
        if frames[top].kind == .empty { frames[top].kind = .single }
        return SingleWriter(sink: self)
    }

    struct KeyedWriter<Key: CodingKey>: KeyedEncodingContainerProtocol {
        let sink: JSONSink
        var codingPath: [any CodingKey] { sink.codingPath }

        mutating func encodeNil(forKey key: Key) throws { sink.primitiveMember(key.stringValue) { $0.append(contentsOf: [0x6E, 0x75, 0x6C, 0x6C]) } }
        mutating func encode(_ value: String, forKey key: Key) throws { sink.primitiveMember(key.stringValue) { JSONText.quote(value, into: &$0) } }
        mutating func encode(_ value: Bool, forKey key: Key) throws { sink.primitiveMember(key.stringValue) { JSONText.bool(value, into: &$0) } }
        mutating func encode(_ value: Int, forKey key: Key) throws { sink.primitiveMember(key.stringValue) { JSONText.integer(value, into: &$0) } }
        mutating func encode(_ value: Int32, forKey key: Key) throws { sink.primitiveMember(key.stringValue) { JSONText.integer(Int(value), into: &$0) } }
        mutating func encode(_ value: Double, forKey key: Key) throws {
            let path = codingPath + [key]
            try sink.primitiveMember(key.stringValue) { try JSONText.number(value, into: &$0, at: path) }
        }
        mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws { try sink.member(key.stringValue, value) }
        mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
            sink.deferred(key: key.stringValue).container(keyedBy: keyType)
        }
        mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
            sink.deferred(key: key.stringValue).unkeyedContainer()
        }
        mutating func superEncoder() -> any Encoder { sink.deferred(key: "super") }
        mutating func superEncoder(forKey key: Key) -> any Encoder { sink.deferred(key: key.stringValue) }
    }

    struct UnkeyedWriter: UnkeyedEncodingContainer {
        let sink: JSONSink
        var codingPath: [any CodingKey] { sink.codingPath }
        var count: Int { sink.frames[sink.frames.count - 1].count }

        mutating func encodeNil() throws { sink.beginElement(); sink.out.append(contentsOf: [0x6E, 0x75, 0x6C, 0x6C]) }
        mutating func encode(_ value: String) throws { sink.beginElement(); JSONText.quote(value, into: &sink.out) }
        mutating func encode(_ value: Bool) throws { sink.beginElement(); JSONText.bool(value, into: &sink.out) }
        mutating func encode(_ value: Int) throws { sink.beginElement(); JSONText.integer(value, into: &sink.out) }
        mutating func encode(_ value: Double) throws { sink.beginElement(); try JSONText.number(value, into: &sink.out, at: codingPath) }
        mutating func encode<T: Encodable>(_ value: T) throws {
            sink.beginElement()
            try sink.write(value, key: nil, depth: sink.frames[sink.frames.count - 1].depth + 1)
        }
        mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
            sink.deferred(key: nil).container(keyedBy: keyType)
        }
        mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer { sink.deferred(key: nil).unkeyedContainer() }
        mutating func superEncoder() -> any Encoder { sink.deferred(key: nil) }
    }

    struct SingleWriter: SingleValueEncodingContainer {
        let sink: JSONSink
        var codingPath: [any CodingKey] { sink.codingPath }

        mutating func encodeNil() throws { sink.out.append(contentsOf: [0x6E, 0x75, 0x6C, 0x6C]) }
        mutating func encode(_ value: String) throws { JSONText.quote(value, into: &sink.out) }
        mutating func encode(_ value: Bool) throws { JSONText.bool(value, into: &sink.out) }
        mutating func encode(_ value: Int) throws { JSONText.integer(value, into: &sink.out) }
        mutating func encode(_ value: Double) throws { try JSONText.number(value, into: &sink.out, at: codingPath) }
        mutating func encode<T: Encodable>(_ value: T) throws {
            try sink.write(value, key: nil, depth: sink.frames[sink.frames.count - 1].depth)
        }
    }
}

private struct JSONKey: CodingKey {
    var stringValue: String
    var intValue: Int? { nil }
    init(_ s: String) { stringValue = s }
    init?(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
}

/// JSON text pieces (RFC 8259), appended to a byte buffer.
enum JSONText {
    static func indent(_ depth: Int, into out: inout [UInt8]) {
        for _ in 0..<(depth * 2) { out.append(UInt8(ascii: " ")) }
    }

    /// A string literal: `"` and `\` escaped, control characters as short escapes or `\u00XX`.
    static func quote(_ s: String, into out: inout [UInt8]) {
        // Native strings are contiguous UTF-8; others (bridged) are copied once to be so.
        if s.utf8.withContiguousStorageIfAvailable({ quote(bytes: $0, into: &out) }) == nil {
            let copy = Array(s.utf8)
            copy.withUnsafeBufferPointer { quote(bytes: $0, into: &out) }
        }
    }

    /// The escaped characters of a string literal, without its quotes (for a literal written
    /// in pieces: escaping is per byte, so the pieces escape as their concatenation would).
    static func escape(_ s: String, into out: inout [UInt8]) {
        s.withUTF8Buffer { escape(bytes: $0, into: &out) }
    }

    private static func quote(bytes: UnsafeBufferPointer<UInt8>, into out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        escape(bytes: bytes, into: &out)
        out.append(UInt8(ascii: "\""))
    }

    private static func escape(bytes: UnsafeBufferPointer<UInt8>, into out: inout [UInt8]) {
        if !ByteScan.json(bytes) {
            out.append(contentsOf: bytes)
        } else {
            for b in bytes {
                switch b {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"): out.append(UInt8(ascii: "\\")); out.append(b)
                case 0x0A: out.append(UInt8(ascii: "\\")); out.append(UInt8(ascii: "n"))
                case 0x0D: out.append(UInt8(ascii: "\\")); out.append(UInt8(ascii: "r"))
                case 0x09: out.append(UInt8(ascii: "\\")); out.append(UInt8(ascii: "t"))
                case 0x08: out.append(UInt8(ascii: "\\")); out.append(UInt8(ascii: "b"))
                case 0x0C: out.append(UInt8(ascii: "\\")); out.append(UInt8(ascii: "f"))
                case 0..<0x20:
                    let hex: StaticString = "0123456789abcdef"
                    out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0")])
                    out.append(hex.utf8Start[Int(b >> 4)])
                    out.append(hex.utf8Start[Int(b & 0xF)])
                default: out.append(b)
                }
            }
        }
    }

    static func integer(_ i: Int, into out: inout [UInt8]) {
        out.append(decimal: i)
    }

    static func bool(_ b: Bool, into out: inout [UInt8]) {
        if b { out.append(contentsOf: [0x74, 0x72, 0x75, 0x65]) } else { out.append(contentsOf: [0x66, 0x61, 0x6C, 0x73, 0x65]) }
    }

    static func number(_ d: Double, into out: inout [UInt8], at path: [any CodingKey]) throws {
        guard d.isFinite else {
            throw EncodingError.invalidValue(d, .init(codingPath: path, debugDescription: "JSON has no \(d)"))
        }
        if d == d.rounded(), abs(d) < 1e15 { integer(Int(d), into: &out); return }
        out.append(contentsOf: d.description.utf8)
    }
}
