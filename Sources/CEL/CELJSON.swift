/// JSON in and out: reading variables (`--vars`), and the typed JSON line format of the
/// conformance oracle (`../shared/tools/cel-oracle.py`), reproduced byte for byte — including
/// Python's `json.dumps` defaults (`", "`/`": "` separators, ASCII-only `\uXXXX` escapes,
/// `repr(float)` numbers) — so `tollgate cel eval` output can be compared with it directly.
public enum CELJSON {
    /// Maximum nesting of a JSON document read as variables.
    public static let maxDepth = 512

    /// The oracle's line for a compile result and evaluation.
    public static func oracleLine(_ compiled: Result<CELProgram, CELCompileError>, _ activation: some CELActivation) -> String {
        switch compiled {
        case .failure(let e): return "{\"compile_error\": " + pyString(e.description) + "}"
        case .success(let p): return oracleLine(p.evaluate(activation).value)
        }
    }

    public static func oracleLine(_ v: CELValue) -> String {
        switch v {
        case .error(let e): return "{\"error\": " + pyString(e.message) + "}"
        case .unknown(let u): return "{\"unknown\": [" + u.paths.map(pyString).joined(separator: ", ") + "]}"
        default:
            // The oracle cannot convert optional values to Python: it reports an error.
            if containsOptional(v) { return "{\"error\": \"optional value in result\"}" }
            return "{\"ok\": " + typed(v) + "}"
        }
    }

    static func containsOptional(_ v: CELValue) -> Bool {
        switch v {
        case .optional: return true
        case .list(let l): return l.contains(where: containsOptional)
        case .map(let m): return m.values.contains(where: containsOptional)
        default: return false
        }
    }

    static func typed(_ v: CELValue) -> String {
        switch v {
        case .null: return "null"
        case .bool(let b): return b ? "true" : "false"
        case .string(let s): return pyString(s)
        case .int(let i): return "{\"int\": \"\(i)\"}"
        case .uint(let u): return "{\"uint\": \"\(u)\"}"
        case .double(let d):
            if d.isNaN { return "{\"double\": \"nan\"}" }
            if d.isInfinite { return d < 0 ? "{\"double\": \"-inf\"}" : "{\"double\": \"inf\"}" }
            return "{\"double\": " + CELFormat.pythonRepr(d) + "}"
        case .bytes(let b): return "{\"bytes\": \"" + base64(b) + "\"}"
        case .list(let l): return "[" + l.map(typed).joined(separator: ", ") + "]"
        case .map(let m):
            let items = m.keys.indices.map { (plainKey(m.keys[$0]), typed(m.values[$0])) }
                .sorted { $0.0.utf8.lexicographicallyPrecedes($1.0.utf8) }
            return "{\"map\": [" + items.map { "[" + $0.0 + ", " + $0.1 + "]" }.joined(separator: ", ") + "]}"
        case .timestamp(let t):
            // Python datetime: microseconds, `%Y` without zero padding.
            let c = CivilDate(seconds: t.seconds)
            let us = Int(t.nanos / 1000)
            return "{\"timestamp\": \"\(c.year)-\(p2(c.month))-\(p2(c.day))T\(p2(c.hour)):\(p2(c.minute)):\(p2(c.second)).\(p6(us))Z\"}"
        case .duration(let d):
            // Python timedelta.total_seconds() of the duration truncated to microseconds.
            let micros = d.seconds * 1_000_000 + Int64(d.nanos / 1000)
            return "{\"duration\": \"" + CELFormat.pythonRepr(Double(micros) / 1e6) + "s\"}"
        case .type(let t): return "{\"type\": \"" + typeName(t) + "\"}"
        case .optional, .unknown, .error: return "null"
        }
    }

    /// Type names as the reference runtime prints them.
    static func typeName(_ t: CELType) -> String {
        switch t {
        case .list: return "list<dyn>"
        case .map: return "map<dyn, dyn>"
        case .optional: return "optional_type<dyn>"
        default: return t.rawValue
        }
    }

    /// Map keys as the oracle renders them (ints and uints alike as `{"int": …}`).
    static func plainKey(_ k: CELValue) -> String {
        switch k {
        case .bool(let b): return b ? "true" : "false"
        case .int(let i): return "{\"int\": \"\(i)\"}"
        case .uint(let u): return "{\"int\": \"\(u)\"}"
        default: return typed(k)
        }
    }

    private static func p2(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
    private static func p6(_ v: Int) -> String { let s = String(v); return String(repeating: "0", count: 6 - s.count) + s }

    /// A JSON string as Python's `json.dumps` writes it (ASCII only).
    public static func pyString(_ s: String) -> String {
        var out = "\""
        let hex = Array("0123456789abcdef".utf8)
        func u4(_ v: UInt32) {
            out += "\\u"
            out += String(decoding: [hex[Int(v >> 12 & 15)], hex[Int(v >> 8 & 15)], hex[Int(v >> 4 & 15)], hex[Int(v & 15)]], as: UTF8.self)
        }
        for c in s.unicodeScalars {
            switch c.value {
            case 0x22: out += "\\\""
            case 0x5C: out += "\\\\"
            case 0x0A: out += "\\n"
            case 0x0D: out += "\\r"
            case 0x09: out += "\\t"
            case 0x08: out += "\\b"
            case 0x0C: out += "\\f"
            case 0..<0x20: u4(c.value)
            case 0x20..<0x7F: out.unicodeScalars.append(c)
            case 0x7F: u4(c.value)
            case 0x80..<0x10000: u4(c.value)
            default:
                let v = c.value - 0x10000
                u4(0xD800 + (v >> 10)); u4(0xDC00 + (v & 0x3FF))
            }
        }
        return out + "\""
    }

    static func base64(_ b: [UInt8]) -> String {
        let t = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)
        var out: [UInt8] = []
        var i = 0
        while i + 2 < b.count {
            let n = UInt32(b[i]) << 16 | UInt32(b[i + 1]) << 8 | UInt32(b[i + 2])
            out += [t[Int(n >> 18)], t[Int(n >> 12 & 63)], t[Int(n >> 6 & 63)], t[Int(n & 63)]]
            i += 3
        }
        if b.count - i == 1 {
            let n = UInt32(b[i]) << 16
            out += [t[Int(n >> 18)], t[Int(n >> 12 & 63)], 61, 61]
        } else if b.count - i == 2 {
            let n = UInt32(b[i]) << 16 | UInt32(b[i + 1]) << 8
            out += [t[Int(n >> 18)], t[Int(n >> 12 & 63)], t[Int(n >> 6 & 63)], 61]
        }
        return String(decoding: out, as: UTF8.self)
    }

    // MARK: reading

    /// Parses JSON into CEL values the way the oracle binds variables: numbers without a
    /// fraction or exponent are ints, others doubles; objects are string-keyed maps.
    public static func parse(_ text: String) -> Result<CELValue, CELError> {
        var r = Reader(bytes: Array(text.utf8))
        r.skip()
        guard let v = r.value(depth: 0) else { return .failure(CELError(r.error ?? "invalid JSON")) }
        r.skip()
        guard r.i == r.bytes.count else { return .failure(CELError("invalid JSON: trailing data at offset \(r.i)")) }
        return .success(v)
    }

    struct Reader {
        let bytes: [UInt8]
        var i = 0
        var error: String?

        mutating func skip() { while i < bytes.count, [32, 9, 10, 13].contains(bytes[i]) { i += 1 } }

        mutating func fail(_ m: String) -> CELValue? {
            if error == nil { error = "invalid JSON at offset \(i): \(m)" }
            return nil
        }

        mutating func lit(_ word: String, _ v: CELValue) -> CELValue? {
            let w = Array(word.utf8)
            guard i + w.count <= bytes.count, Array(bytes[i..<i + w.count]) == w else { return fail("unexpected character") }
            i += w.count
            return v
        }

        mutating func value(depth: Int) -> CELValue? {
            guard depth < CELJSON.maxDepth else { return fail("nesting deeper than \(CELJSON.maxDepth)") }
            guard i < bytes.count else { return fail("unexpected end") }
            switch bytes[i] {
            case 123:
                i += 1; skip()
                var pairs: [(CELValue, CELValue)] = []
                if i < bytes.count && bytes[i] == 125 { i += 1; return .map(CELMap(pairs)) }
                while true {
                    skip()
                    guard i < bytes.count, bytes[i] == 34, let k = string() else { return fail("expected a key") }
                    skip()
                    guard i < bytes.count, bytes[i] == 58 else { return fail("expected ':'") }
                    i += 1; skip()
                    guard let v = value(depth: depth + 1) else { return nil }
                    pairs.append((.string(k), v))
                    skip()
                    guard i < bytes.count else { return fail("unexpected end") }
                    if bytes[i] == 44 { i += 1; continue }
                    if bytes[i] == 125 { i += 1; return .map(CELMap(pairs)) }
                    return fail("expected ',' or '}'")
                }
            case 91:
                i += 1; skip()
                var items: [CELValue] = []
                if i < bytes.count && bytes[i] == 93 { i += 1; return .list(items) }
                while true {
                    skip()
                    guard let v = value(depth: depth + 1) else { return nil }
                    items.append(v)
                    skip()
                    guard i < bytes.count else { return fail("unexpected end") }
                    if bytes[i] == 44 { i += 1; continue }
                    if bytes[i] == 93 { i += 1; return .list(items) }
                    return fail("expected ',' or ']'")
                }
            case 34:
                guard let s = string() else { return fail("bad string") }
                return .string(s)
            case 116: return lit("true", .bool(true))
            case 102: return lit("false", .bool(false))
            case 110: return lit("null", .null)
            default:
                let start = i
                var isDouble = false
                while i < bytes.count, (bytes[i] >= 48 && bytes[i] <= 57) || [45, 43, 46, 101, 69].contains(bytes[i]) {
                    if [46, 101, 69].contains(bytes[i]) { isDouble = true }
                    i += 1
                }
                let text = String(decoding: bytes[start..<i], as: UTF8.self)
                guard !text.isEmpty else { return fail("unexpected character") }
                if !isDouble, let v = Int64(text) { return .int(v) }
                if !isDouble, let v = UInt64(text) { return .uint(v) }
                guard let d = Double(text) else { return fail("bad number") }
                return .double(d)
            }
        }

        mutating func string() -> String? {
            i += 1
            var out: [UInt8] = []
            while i < bytes.count {
                let c = bytes[i]
                if c == 34 { i += 1; return String(decoding: out, as: UTF8.self) }
                if c == 92 {
                    i += 1
                    guard i < bytes.count else { return nil }
                    let e = bytes[i]; i += 1
                    switch e {
                    case 34, 92, 47: out.append(e)
                    case 98: out.append(8)
                    case 102: out.append(12)
                    case 110: out.append(10)
                    case 114: out.append(13)
                    case 116: out.append(9)
                    case 117:
                        guard var v = hex4() else { return nil }
                        if v >= 0xD800 && v < 0xDC00, i + 1 < bytes.count, bytes[i] == 92, bytes[i + 1] == 117 {
                            i += 2
                            guard let lo = hex4() else { return nil }
                            v = 0x10000 + ((v - 0xD800) << 10) + (lo &- 0xDC00)
                        }
                        out += Array(String(Character(Unicode.Scalar(v) ?? "\u{FFFD}")).utf8)
                    default: return nil
                    }
                    continue
                }
                out.append(c); i += 1
            }
            return nil
        }

        mutating func hex4() -> UInt32? {
            guard i + 4 <= bytes.count, let v = UInt32(String(decoding: bytes[i..<i + 4], as: UTF8.self), radix: 16) else { return nil }
            i += 4
            return v
        }
    }
}
