/// A JSON value with the byte range of its source text: the input of the HCL JSON syntax
/// (hcl `json/spec.md`). Unlike `JSONReader` (which yields plain `Value`s fast), every node and
/// every property name keeps its position, because diagnostics, `Attribute.range` and the
/// template expressions inside strings must point into the `.tf.json` file.
struct JSONNode: Sendable {
    indirect enum Kind: Sendable {
        case object([JSONProperty])
        case array([JSONNode])
        /// A string, decoded; `escaped` says whether the decoded bytes differ from the source
        /// (backslash escapes, or invalid UTF-8 replaced by U+FFFD), so that positions in it
        /// must be mapped back through `JSONNodeParser.decodeWithOffsets`.
        case string(String, escaped: Bool)
        case number(Number)
        case bool(Bool)
        case null
        /// Where the parser found an error (already diagnosed).
        case invalid
    }

    var kind: Kind
    /// Whole value; for strings including the quotes, for objects and arrays the brackets.
    var range: Range<Int>

    /// The opening bracket of an object or array (or the first byte of other values).
    var startRange: Range<Int> { range.lowerBound..<min(range.upperBound, range.lowerBound + 1) }
}

struct JSONProperty: Sendable {
    var name: String
    /// The key's string token, quotes included (what hcl calls `NameRange`).
    var nameRange: Range<Int>
    var nameEscaped: Bool
    var value: JSONNode
}

/// Recursive-descent JSON parser (RFC 8259) over UTF-8 bytes with recovery: a malformed
/// property or element is reported and skipped up to the next `,` or closing bracket of its
/// level, so one mistake does not lose the rest of the file. Nesting is bounded by
/// `JSONNodeParser.maxDepth`; anything deeper is reported once and skipped without recursion.
struct JSONNodeParser {
    /// Same bound as the native syntax (`Parser.maxDepth`), so the expressions built from the
    /// JSON stay within the evaluator's recursion bound.
    static let maxDepth = Parser.maxDepth

    private let b: UnsafeBufferPointer<UInt8>
    private var i = 0
    private var depth = 0
    private(set) var raw: [RawDiagnostic] = []
    private(set) var truncated = false

    private init(_ b: UnsafeBufferPointer<UInt8>) {
        self.b = b
    }

    /// Parses one JSON document; nil when there is no value at all (empty input).
    static func parse(_ buffer: UnsafeBufferPointer<UInt8>) -> (JSONNode?, [RawDiagnostic], truncated: Bool) {
        var p = JSONNodeParser(buffer)
        // A UTF-8 byte order mark is tolerated, as in native-syntax files.
        if buffer.count >= 3, buffer[0] == 0xEF, buffer[1] == 0xBB, buffer[2] == 0xBF { p.i = 3 }
        p.skipSpace()
        if p.i >= buffer.count {
            p.error("Missing JSON value", "A JSON configuration file must contain a JSON object.", buffer.count..<buffer.count)
            return (nil, p.raw, p.truncated)
        }
        let v = p.parseValue()
        p.skipSpace()
        if p.i < buffer.count {
            p.error("Extraneous data after value", "Extra characters appear after the JSON value.", p.i..<p.scalarEnd(p.i))
        }
        return (v, p.raw, p.truncated)
    }

    // MARK: - Diagnostics

    private mutating func error(_ summary: String, _ detail: String, _ r: Range<Int>) {
        if raw.count >= Parser.maxDiagnostics {
            truncated = true
            return
        }
        raw.append(RawDiagnostic(summary: summary, detail: detail, range: r))
    }

    // MARK: - Bytes

    private mutating func skipSpace() {
        while i < b.count {
            switch b[i] {
            case 0x20, 0x09, 0x0A, 0x0D: i += 1
            default: return
            }
        }
    }

    /// End of the UTF-8 scalar starting at `k` (so a diagnostic never splits a character).
    private func scalarEnd(_ k: Int) -> Int {
        var e = k + 1
        while e < b.count, e - k < 4, b[e] & 0xC0 == 0x80 { e += 1 }
        return min(e, b.count)
    }

    private static func isWordByte(_ c: UInt8) -> Bool {
        (c >= 0x61 && c <= 0x7A) || (c >= 0x41 && c <= 0x5A) || (c >= 0x30 && c <= 0x39) || c == 0x5F
    }

    // MARK: - Values

    private mutating func parseValue() -> JSONNode {
        let start = i
        guard i < b.count else {
            error("Missing JSON value", "A JSON value must start here.", i..<i)
            return JSONNode(kind: .invalid, range: i..<i)
        }
        switch b[i] {
        case UInt8(ascii: "{"), UInt8(ascii: "["):
            if depth >= JSONNodeParser.maxDepth {
                error("Nesting too deep", "JSON objects and arrays may be nested at most \(JSONNodeParser.maxDepth) levels deep.", i..<i + 1)
                skipNested()
                return JSONNode(kind: .invalid, range: start..<i)
            }
            depth += 1
            defer { depth -= 1 }
            return b[i] == UInt8(ascii: "{") ? parseObject() : parseArray()
        case UInt8(ascii: "\""):
            let (s, escaped) = parseString()
            return JSONNode(kind: .string(s, escaped: escaped), range: start..<i)
        case UInt8(ascii: "-"), 0x30...0x39:
            return parseNumber()
        default:
            if JSONNodeParser.isWordByte(b[i]) {
                while i < b.count, JSONNodeParser.isWordByte(b[i]) { i += 1 }
                let word = String(decoding: UnsafeBufferPointer(rebasing: b[start..<i]), as: UTF8.self)
                switch word {
                case "true": return JSONNode(kind: .bool(true), range: start..<i)
                case "false": return JSONNode(kind: .bool(false), range: start..<i)
                case "null": return JSONNode(kind: .null, range: start..<i)
                default:
                    var detail = "The JSON keyword \"\(word)\" is not valid; only true, false and null are keywords."
                    switch word.lowercased() {
                    case "true", "false", "null": detail += " Did you mean \"\(word.lowercased())\"?"
                    default: break
                    }
                    error("Invalid JSON keyword", detail, start..<i)
                    return JSONNode(kind: .invalid, range: start..<i)
                }
            }
            if b[i] == UInt8(ascii: ",") || b[i] == UInt8(ascii: "}") || b[i] == UInt8(ascii: "]") {
                // Leave the delimiter to the enclosing object or array.
                error("Missing JSON value", "A JSON value must appear here.", i..<i + 1)
                return JSONNode(kind: .invalid, range: i..<i)
            }
            let end = scalarEnd(i)
            error("Invalid character", "This character cannot start a JSON value.", i..<end)
            i = end
            return JSONNode(kind: .invalid, range: start..<end)
        }
    }

    /// Skips a balanced object/array (and the strings inside it) without recursion.
    private mutating func skipNested() {
        var level = 0
        while i < b.count {
            let c = b[i]
            if c == UInt8(ascii: "\"") {
                _ = parseString(reportErrors: false)
                continue
            }
            i += 1
            if c == UInt8(ascii: "{") || c == UInt8(ascii: "[") {
                level += 1
            } else if c == UInt8(ascii: "}") || c == UInt8(ascii: "]") {
                level -= 1
                if level == 0 { return }
            }
        }
    }

    /// Recovery: skips to the next `,` or `close` of the current level (not consuming it);
    /// nested brackets and strings are skipped whole.
    private mutating func skipToRecoveryPoint(close: UInt8) {
        let otherClose = close == UInt8(ascii: "}") ? UInt8(ascii: "]") : UInt8(ascii: "}")
        while i < b.count {
            let c = b[i]
            if c == UInt8(ascii: ",") || c == close || c == otherClose { return }
            if c == UInt8(ascii: "\"") {
                _ = parseString(reportErrors: false)
            } else if c == UInt8(ascii: "{") || c == UInt8(ascii: "[") {
                skipNested()
            } else {
                i += 1
            }
        }
    }

    private mutating func parseObject() -> JSONNode {
        let open = i
        i += 1
        var props: [JSONProperty] = []
        var lastComma: Range<Int>? = nil
        while true {
            skipSpace()
            guard i < b.count else {
                error("Unclosed object", "This JSON object has no closing brace.", open..<open + 1)
                return JSONNode(kind: .object(props), range: open..<i)
            }
            let c = b[i]
            if c == UInt8(ascii: "}") {
                if let comma = lastComma {
                    error("Trailing comma in object", "JSON does not permit a trailing comma after the last property.", comma)
                }
                i += 1
                return JSONNode(kind: .object(props), range: open..<i)
            }
            if c == UInt8(ascii: "]") {
                error("Mismatched bracket", "This JSON object opened with \"{\" must be closed with \"}\".", i..<i + 1)
                i += 1
                return JSONNode(kind: .object(props), range: open..<i)
            }
            lastComma = nil
            if c != UInt8(ascii: "\"") {
                error("Invalid object property name", "A JSON object property name must be a string in double quotes.", i..<scalarEnd(i))
                skipToRecoveryPoint(close: UInt8(ascii: "}"))
                if i < b.count, b[i] == UInt8(ascii: ",") { i += 1 }
                continue
            }
            let keyStart = i
            let (name, escaped) = parseString()
            let nameRange = keyStart..<i
            skipSpace()
            if i < b.count, b[i] == UInt8(ascii: ":") {
                i += 1
            } else {
                error("Missing property value colon", "A colon must appear between a JSON object property name and its value.", nameRange.upperBound..<nameRange.upperBound)
                // Recover as if the colon were there when a value follows; otherwise drop the property.
                if i >= b.count || b[i] == UInt8(ascii: ",") || b[i] == UInt8(ascii: "}") {
                    if i < b.count, b[i] == UInt8(ascii: ",") { i += 1 }
                    continue
                }
            }
            skipSpace()
            let value = parseValue()
            props.append(JSONProperty(name: name, nameRange: nameRange, nameEscaped: escaped, value: value))
            skipSpace()
            guard i < b.count else { continue }  // reported as unclosed above
            switch b[i] {
            case UInt8(ascii: ","):
                lastComma = i..<i + 1
                i += 1
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                continue
            case UInt8(ascii: "\""):
                error("Missing property separator comma", "A comma must appear between JSON object properties.", i..<i)
            default:
                error("Missing property separator comma", "A comma must appear between JSON object properties.", i..<scalarEnd(i))
                skipToRecoveryPoint(close: UInt8(ascii: "}"))
                if i < b.count, b[i] == UInt8(ascii: ",") { i += 1 }
            }
        }
    }

    private mutating func parseArray() -> JSONNode {
        let open = i
        i += 1
        var values: [JSONNode] = []
        var lastComma: Range<Int>? = nil
        while true {
            skipSpace()
            guard i < b.count else {
                error("Unclosed array", "This JSON array has no closing bracket.", open..<open + 1)
                return JSONNode(kind: .array(values), range: open..<i)
            }
            let c = b[i]
            if c == UInt8(ascii: "]") {
                if let comma = lastComma {
                    error("Trailing comma in array", "JSON does not permit a trailing comma after the last element.", comma)
                }
                i += 1
                return JSONNode(kind: .array(values), range: open..<i)
            }
            if c == UInt8(ascii: "}") {
                error("Mismatched bracket", "This JSON array opened with \"[\" must be closed with \"]\".", i..<i + 1)
                i += 1
                return JSONNode(kind: .array(values), range: open..<i)
            }
            if c == UInt8(ascii: ",") {
                error("Missing JSON value", "An array element is missing before this comma.", i..<i + 1)
                i += 1
                continue
            }
            lastComma = nil
            values.append(parseValue())
            skipSpace()
            guard i < b.count else { continue }
            switch b[i] {
            case UInt8(ascii: ","):
                lastComma = i..<i + 1
                i += 1
            case UInt8(ascii: "]"), UInt8(ascii: "}"):
                continue
            default:
                error("Missing array element separator comma", "A comma must appear between JSON array elements.", i..<scalarEnd(i))
                let before = i
                skipToRecoveryPoint(close: UInt8(ascii: "]"))
                if i == before { i += 1 }
                if i < b.count, b[i] == UInt8(ascii: ",") { i += 1 }
            }
        }
    }

    /// JSON number grammar (RFC 8259 §6): `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`.
    private mutating func parseNumber() -> JSONNode {
        let start = i
        // Take the maximal run of number-ish bytes, then validate it, so that `01` or `1.`
        // is one bad token rather than several confusing ones.
        while i < b.count {
            let c = b[i]
            if (c >= 0x30 && c <= 0x39) || c == UInt8(ascii: "-") || c == UInt8(ascii: "+") || c == UInt8(ascii: ".")
                || c == UInt8(ascii: "e") || c == UInt8(ascii: "E") {
                i += 1
            } else {
                break
            }
        }
        let t = UnsafeBufferPointer(rebasing: b[start..<i])
        if JSONNodeParser.validNumber(t), let n = Number(literal: String(decoding: t, as: UTF8.self)) {
            return JSONNode(kind: .number(n), range: start..<i)
        }
        error("Invalid JSON number", "\"\(String(decoding: t, as: UTF8.self))\" is not a valid JSON number.", start..<i)
        return JSONNode(kind: .invalid, range: start..<i)
    }

    static func validNumber(_ t: UnsafeBufferPointer<UInt8>) -> Bool {
        var k = 0
        func digits() -> Int {
            let s = k
            while k < t.count, t[k] >= 0x30, t[k] <= 0x39 { k += 1 }
            return k - s
        }
        if k < t.count, t[k] == UInt8(ascii: "-") { k += 1 }
        guard k < t.count else { return false }
        if t[k] == 0x30 {
            k += 1
        } else if digits() == 0 {
            return false
        }
        if k < t.count, t[k] == UInt8(ascii: ".") {
            k += 1
            if digits() == 0 { return false }
        }
        if k < t.count, t[k] == UInt8(ascii: "e") || t[k] == UInt8(ascii: "E") {
            k += 1
            if k < t.count, t[k] == UInt8(ascii: "+") || t[k] == UInt8(ascii: "-") { k += 1 }
            if digits() == 0 { return false }
        }
        return k == t.count
    }

    /// Parses a string starting at the opening quote; `i` ends after the closing quote. An
    /// unterminated string ends at the line break (JSON strings cannot contain one), which
    /// keeps the rest of the file parseable.
    private mutating func parseString(reportErrors: Bool = true) -> (String, escaped: Bool) {
        let open = i
        i += 1
        var out: [UInt8] = []
        var escaped = false
        var chunk = i
        while true {
            guard i < b.count, b[i] != 0x0A, b[i] != 0x0D else {
                if reportErrors { error("Unterminated string", "This JSON string has no closing quote on its line.", open..<i) }
                out.append(contentsOf: UnsafeBufferPointer(rebasing: b[chunk..<i]))
                break
            }
            let c = b[i]
            if c == UInt8(ascii: "\"") {
                out.append(contentsOf: UnsafeBufferPointer(rebasing: b[chunk..<i]))
                i += 1
                break
            }
            if c == UInt8(ascii: "\\") {
                out.append(contentsOf: UnsafeBufferPointer(rebasing: b[chunk..<i]))
                escaped = true
                let (bytes, next, ok) = JSONNodeParser.decodeEscape(b, at: i)
                if !ok, reportErrors {
                    error("Invalid escape sequence", "JSON strings allow the escapes \\\" \\\\ \\/ \\b \\f \\n \\r \\t and \\uXXXX.", i..<next)
                }
                out.append(contentsOf: bytes)
                i = next
                chunk = i
                continue
            }
            if c < 0x20 {
                if reportErrors { error("Control character in string", "JSON strings must escape control characters (U+0000 to U+001F).", i..<i + 1) }
                i += 1
                continue
            }
            if c >= 0x80 {
                let n = JSONNodeParser.validUTF8Length(b, at: i)
                if n == 0 {
                    if reportErrors { error("Invalid character encoding", "This string contains bytes that are not valid UTF-8.", i..<i + 1) }
                    out.append(contentsOf: UnsafeBufferPointer(rebasing: b[chunk..<i]))
                    out.append(contentsOf: [0xEF, 0xBF, 0xBD])  // U+FFFD
                    escaped = true  // decoded bytes no longer match the source
                    i += 1
                    chunk = i
                    continue
                }
                i += n
                continue
            }
            i += 1
        }
        return (String(decoding: out, as: UTF8.self), escaped)
    }

    /// Decodes the escape at `k` (the backslash): the UTF-8 bytes it stands for, the offset
    /// after it, and whether it was valid (invalid ones yield their text unchanged; lone
    /// surrogates yield U+FFFD, as Go's encoding/json does).
    static func decodeEscape(_ b: UnsafeBufferPointer<UInt8>, at k: Int) -> ([UInt8], Int, Bool) {
        guard k + 1 < b.count else { return ([UInt8(ascii: "\\")], k + 1, false) }
        switch b[k + 1] {
        case UInt8(ascii: "\""): return ([0x22], k + 2, true)
        case UInt8(ascii: "\\"): return ([0x5C], k + 2, true)
        case UInt8(ascii: "/"): return ([0x2F], k + 2, true)
        case UInt8(ascii: "b"): return ([0x08], k + 2, true)
        case UInt8(ascii: "f"): return ([0x0C], k + 2, true)
        case UInt8(ascii: "n"): return ([0x0A], k + 2, true)
        case UInt8(ascii: "r"): return ([0x0D], k + 2, true)
        case UInt8(ascii: "t"): return ([0x09], k + 2, true)
        case UInt8(ascii: "u"):
            guard let hi = hex4(b, k + 2) else { return ([UInt8(ascii: "\\"), UInt8(ascii: "u")], k + 2, false) }
            var scalar = hi
            var next = k + 6
            if (0xD800...0xDBFF).contains(hi) {
                if next + 1 < b.count, b[next] == UInt8(ascii: "\\"), b[next + 1] == UInt8(ascii: "u"),
                   let lo = hex4(b, next + 2), (0xDC00...0xDFFF).contains(lo) {
                    scalar = 0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00)
                    next += 6
                } else {
                    scalar = 0xFFFD
                }
            } else if (0xDC00...0xDFFF).contains(hi) {
                scalar = 0xFFFD
            }
            return (Array(String(Character(Unicode.Scalar(scalar)!)).utf8), next, true)
        default:
            let end = min(b.count, k + 2)
            return (Array(UnsafeBufferPointer(rebasing: b[k..<end])), end, false)
        }
    }

    private static func hex4(_ b: UnsafeBufferPointer<UInt8>, _ k: Int) -> UInt32? {
        guard k + 4 <= b.count else { return nil }
        var v: UInt32 = 0
        for j in k..<k + 4 {
            let c = b[j]
            let d: UInt8
            switch c {
            case 0x30...0x39: d = c - 0x30
            case 0x61...0x66: d = c - 0x61 + 10
            case 0x41...0x46: d = c - 0x41 + 10
            default: return nil
            }
            v = v << 4 | UInt32(d)
        }
        return v
    }

    /// Length of the valid UTF-8 sequence at `k` (1...4), or 0 when invalid.
    static func validUTF8Length(_ b: UnsafeBufferPointer<UInt8>, at k: Int) -> Int {
        let c = b[k]
        let n: Int
        var lo: UInt8 = 0x80, hi: UInt8 = 0xBF
        switch c {
        case 0xC2...0xDF: n = 2
        case 0xE0: n = 3; lo = 0xA0
        case 0xE1...0xEC, 0xEE...0xEF: n = 3
        case 0xED: n = 3; hi = 0x9F
        case 0xF0: n = 4; lo = 0x90
        case 0xF1...0xF3: n = 4
        case 0xF4: n = 4; hi = 0x8F
        default: return 0
        }
        guard k + n <= b.count else { return 0 }
        if b[k + 1] < lo || b[k + 1] > hi { return 0 }
        for j in k + 2..<k + n where b[j] & 0xC0 != 0x80 { return 0 }
        return n
    }

    /// Decodes the string token `range` (quotes included) again, with the source offset of
    /// every decoded byte (plus one entry for the end), for strings that used escapes.
    static func decodeWithOffsets(_ b: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> ([UInt8], [Int]) {
        var out: [UInt8] = []
        var map: [Int] = []
        var k = range.lowerBound + 1
        let end = b[range.upperBound - 1] == UInt8(ascii: "\"") && range.count >= 2 ? range.upperBound - 1 : range.upperBound
        while k < end {
            if b[k] == UInt8(ascii: "\\") {
                let (bytes, next, _) = decodeEscape(b, at: k)
                for x in bytes {
                    out.append(x)
                    map.append(k)
                }
                k = next
            } else if b[k] >= 0x80, validUTF8Length(b, at: k) == 0 {
                for x: UInt8 in [0xEF, 0xBF, 0xBD] {
                    out.append(x)
                    map.append(k)
                }
                k += 1
            } else {
                out.append(b[k])
                map.append(k)
                k += 1
            }
        }
        map.append(end)
        return (out, map)
    }
}
