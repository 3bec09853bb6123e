/// Pretty JSON written straight into one byte buffer, in exactly the layout of
/// `SortedJSONEncoder` (two-space indent, `"key": value`, `[]`/`{}` when empty), for the two
/// reports that are mostly JSON: `tollgate.json` and `tollgate.sarif`.
///
/// Why not `Codable`: at 50,000 findings the encoder's per-value dispatch (a container box
/// per object, a frame per value, key strings made and compared) was most of the time of
/// those two reports (docs/benchmarks.md, Report). Here the caller writes the keys of every
/// object in sorted order itself — the writers of the report types list them alphabetically —
/// and nothing is allocated but the output. `ReportTests` check that every report written
/// this way is byte for byte what `SortedJSONEncoder` makes of the same value.
struct JSONWriter {
    var out: [UInt8]
    /// Where `checkpoint()` moves the buffer, when the document is written to a file as it goes.
    var spill: ReportSpill?
    /// Depth of the innermost open container.
    private var depth = 0
    /// Whether the innermost open container has no member or element yet.
    private var empty = true

    init(capacity: Int) {
        out = []
        out.reserveCapacity(capacity)
    }

    // MARK: Containers

    mutating func beginObject() {
        out.append(UInt8(ascii: "{"))
        depth += 1
        empty = true
    }

    mutating func endObject() {
        close(UInt8(ascii: "}"))
    }

    mutating func beginArray() {
        out.append(UInt8(ascii: "["))
        depth += 1
        empty = true
    }

    mutating func endArray() {
        close(UInt8(ascii: "]"))
    }

    private mutating func close(_ bracket: UInt8) {
        depth -= 1
        if !empty {
            out.append(UInt8(ascii: "\n"))
            indent()
        }
        out.append(bracket)
        // The container itself is a member or element of its parent, so the parent is not empty.
        empty = false
    }

    /// `,` (after the first), line break and indentation before a member or element.
    private mutating func separate() {
        if empty {
            empty = false
        } else {
            out.append(UInt8(ascii: ","))
        }
        out.append(UInt8(ascii: "\n"))
        indent()
    }

    private mutating func indent() {
        let n = depth * 2
        Self.spaces.withUTF8Buffer { all in
            var left = n
            while left > 0 {
                let k = min(left, all.count)
                out.append(contentsOf: UnsafeBufferPointer(rebasing: all[0..<k]))
                left -= k
            }
        }
    }

    private static let spaces: StaticString = "                                                                "

    // MARK: Members and elements

    /// The next member's key (keys are plain ASCII identifiers: nothing to escape).
    mutating func key(_ k: StaticString) {
        separate()
        out.append(UInt8(ascii: "\""))
        k.withUTF8Buffer { out.append(contentsOf: $0) }
        out.append(UInt8(ascii: "\""))
        out.append(UInt8(ascii: ":"))
        out.append(UInt8(ascii: " "))
    }

    /// The next member's key, from data (dictionary keys): escaped.
    mutating func key(_ k: String) {
        separate()
        JSONText.quote(k, into: &out)
        out.append(UInt8(ascii: ":"))
        out.append(UInt8(ascii: " "))
    }

    /// Before the next array element.
    mutating func element() {
        separate()
    }

    // MARK: Values

    mutating func string(_ s: String) { JSONText.quote(s, into: &out) }
    mutating func integer(_ i: Int) { JSONText.integer(i, into: &out) }
    mutating func bool(_ b: Bool) { JSONText.bool(b, into: &out) }

    /// A string known to need no escaping (our own enum raw values and constants).
    mutating func literal(_ s: StaticString) {
        out.append(UInt8(ascii: "\""))
        s.withUTF8Buffer { out.append(contentsOf: $0) }
        out.append(UInt8(ascii: "\""))
    }

    mutating func field(_ k: StaticString, _ s: String) {
        key(k)
        string(s)
    }

    mutating func field(_ k: StaticString, _ s: String?) {
        guard let s else { return }
        key(k)
        string(s)
    }

    mutating func field(_ k: StaticString, _ i: Int) {
        key(k)
        integer(i)
    }

    mutating func field(_ k: StaticString, _ b: Bool) {
        key(k)
        bool(b)
    }

    mutating func stringArray(_ k: StaticString, _ a: [String]) {
        key(k)
        beginArray()
        for s in a {
            element()
            string(s)
        }
        endArray()
    }

    /// Between elements of a long array: with a spill, the buffer goes to the file once it
    /// is large enough (the bytes written are the same either way).
    @inline(__always) mutating func checkpoint() {
        if let spill { spill.drain(&out) }
    }

    /// Ends the document as `SortedJSONEncoder` does: with a line break.
    mutating func finish() -> [UInt8] {
        out.append(UInt8(ascii: "\n"))
        return out
    }
}
