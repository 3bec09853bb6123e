/// A fast JSON reader over UTF-8 bytes producing `Value`s (objects as `.object`, arrays as
/// `.tuple`, numbers exact where `Number` is). Shared by plan loading, `jsondecode`, CAI
/// exports and gcloud output. It never throws on bad input: it returns a diagnostic with the
/// byte offset, and callers turn that into file:line:column with a `LineTable`.
///
/// Limits: nesting deeper than `maxDepth` is an error, never a stack overflow.
public struct JSONReader {
    public struct Failure: Error, Hashable, Sendable {
        public var message: String
        /// Byte offset of the problem in the input.
        public var offset: Int
    }

    public static let defaultMaxDepth = 512

    /// Parses one JSON document that must fill `bytes` (surrounding whitespace allowed).
    public static func parse(_ bytes: some Collection<UInt8>, maxDepth: Int = defaultMaxDepth) -> Result<Value, Failure> {
        let array = bytes as? [UInt8] ?? Array(bytes)
        return array.withUnsafeBufferPointer { buf in
            var r = JSONReader(buf, maxDepth: maxDepth)
            return r.parseDocument()
        }
    }

    public static func parse(_ text: String, maxDepth: Int = defaultMaxDepth) -> Result<Value, Failure> {
        var t = text
        return t.withUTF8 { buf in
            var r = JSONReader(buf, maxDepth: maxDepth)
            return r.parseDocument()
        }
    }

    /// Parses a document in a buffer the caller owns (e.g. one NDJSON line of a mapped file).
    public static func parse(buffer: UnsafeBufferPointer<UInt8>, maxDepth: Int = defaultMaxDepth) -> Result<Value, Failure> {
        var r = JSONReader(buffer, maxDepth: maxDepth)
        return r.parseDocument()
    }

    private let b: UnsafeBufferPointer<UInt8>
    private var i = 0
    private let maxDepth: Int
    private var depth = 0

    private init(_ b: UnsafeBufferPointer<UInt8>, maxDepth: Int) {
        self.b = b
        self.maxDepth = maxDepth
    }

    private mutating func parseDocument() -> Result<Value, Failure> {
        do {
            // A UTF-8 byte order mark is tolerated (PowerShell writes one).
            if b.count >= 3, b[0] == 0xEF, b[1] == 0xBB, b[2] == 0xBF { i = 3 }
            skipSpace()
            let v = try value()
            skipSpace()
            if i < b.count { throw fail("unexpected data after the JSON value") }
            return .success(v)
        } catch let f as Failure {
            return .failure(f)
        } catch {
            return .failure(Failure(message: "\(error)", offset: i))
        }
    }

    private func fail(_ message: String) -> Failure { Failure(message: message, offset: i) }

    @inline(__always) private mutating func skipSpace() {
        while i < b.count {
            let c = b[i]
            if c == 0x20 || c == 0x0A || c == 0x0D || c == 0x09 { i += 1 } else { break }
        }
    }

    private mutating func value() throws(Failure) -> Value {
        guard i < b.count else { throw fail("unexpected end of input") }
        switch b[i] {
        case UInt8(ascii: "{"): return try object()
        case UInt8(ascii: "["): return try array()
        case UInt8(ascii: "\""): return .string(try string())
        case UInt8(ascii: "t"): try word("true"); return .bool(true)
        case UInt8(ascii: "f"): try word("false"); return .bool(false)
        case UInt8(ascii: "n"): try word("null"); return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number(try number())
        default: throw fail("unexpected character '\(Unicode.Scalar(b[i]))'")
        }
    }

    private mutating func word(_ w: StaticString) throws(Failure) {
        let n = w.utf8CodeUnitCount
        guard i + n <= b.count else { throw fail("unexpected end of input") }
        let p = w.utf8Start
        for k in 0..<n where b[i + k] != p[k] { throw fail("invalid literal") }
        i += n
    }

    private mutating func enter() throws(Failure) {
        depth += 1
        if depth > maxDepth { throw fail("nesting deeper than \(maxDepth) levels") }
    }

    private mutating func object() throws(Failure) -> Value {
        try enter()
        i += 1
        var ks: [String] = []
        var vs: [Value] = []
        skipSpace()
        if i < b.count, b[i] == UInt8(ascii: "}") { i += 1; depth -= 1; return .object(ValueObject()) }
        while true {
            skipSpace()
            guard i < b.count, b[i] == UInt8(ascii: "\"") else { throw fail("expected a string key") }
            ks.append(try string())
            skipSpace()
            guard i < b.count, b[i] == UInt8(ascii: ":") else { throw fail("expected ':' after object key") }
            i += 1
            skipSpace()
            vs.append(try value())
            skipSpace()
            guard i < b.count else { throw fail("unterminated object") }
            if b[i] == UInt8(ascii: ",") { i += 1; continue }
            if b[i] == UInt8(ascii: "}") { i += 1; break }
            throw fail("expected ',' or '}' in object")
        }
        depth -= 1
        // Duplicate keys: the last wins, as Go's encoding/json does.
        return .object(ValueObject(unsortedKeys: ks, values: vs))
    }

    private mutating func array() throws(Failure) -> Value {
        try enter()
        i += 1
        var a: [Value] = []
        skipSpace()
        if i < b.count, b[i] == UInt8(ascii: "]") { i += 1; depth -= 1; return .tuple(a) }
        while true {
            skipSpace()
            a.append(try value())
            skipSpace()
            guard i < b.count else { throw fail("unterminated array") }
            if b[i] == UInt8(ascii: ",") { i += 1; continue }
            if b[i] == UInt8(ascii: "]") { i += 1; break }
            throw fail("expected ',' or ']' in array")
        }
        depth -= 1
        return .tuple(a)
    }

    private mutating func number() throws(Failure) -> Number {
        let start = i
        if b[i] == UInt8(ascii: "-") { i += 1 }
        let digitsStart = i
        while i < b.count, b[i] >= 0x30, b[i] <= 0x39 { i += 1 }
        if i == digitsStart { throw fail("invalid number") }
        var integral = true
        if i < b.count, b[i] == UInt8(ascii: ".") {
            integral = false
            i += 1
            let f = i
            while i < b.count, b[i] >= 0x30, b[i] <= 0x39 { i += 1 }
            if i == f { throw fail("invalid number: digits expected after '.'") }
        }
        if i < b.count, b[i] == UInt8(ascii: "e") || b[i] == UInt8(ascii: "E") {
            integral = false
            i += 1
            if i < b.count, b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: "-") { i += 1 }
            let e = i
            while i < b.count, b[i] >= 0x30, b[i] <= 0x39 { i += 1 }
            if i == e { throw fail("invalid number: digits expected in exponent") }
        }
        // Fast path: short integers need no string.
        if integral, i - start <= 18 {
            var n: Int64 = 0
            for k in digitsStart..<i { n = n &* 10 &+ Int64(b[k] &- 0x30) }
            return Number(b[start] == UInt8(ascii: "-") ? -n : n)
        }
        let text = String(decoding: UnsafeBufferPointer(rebasing: b[start..<i]), as: UTF8.self)
        guard let n = Number(literal: text) else { throw fail("number out of range") }
        return n
    }

    private mutating func string() throws(Failure) -> String {
        i += 1
        let start = i
        // Fast path: no escapes.
        while i < b.count {
            let c = b[i]
            if c == UInt8(ascii: "\"") {
                let s = String(validating: UnsafeBufferPointer(rebasing: b[start..<i]), as: UTF8.self)
                i += 1
                guard let s else { i = start; throw fail("invalid UTF-8 in string") }
                return s
            }
            if c == UInt8(ascii: "\\") || c < 0x20 { break }
            i += 1
        }
        return try JSONReader.finishEscapedString(b.baseAddress!, end: b.count, start: start, at: &i)
    }
}

extension JSONReader {
    /// The slow path of reading a JSON string (RFC 8259 §7), shared by `JSONReader` and the
    /// CAI export fast path in `Assets`: `b[start..<i]` are plain bytes already scanned and
    /// `i` is at the first escape or control byte. On return `i` is past the closing quote;
    /// on failure it is at the offending byte.
    package static func finishEscapedString(_ b: UnsafePointer<UInt8>, end: Int, start: Int, at i: inout Int) throws(Failure) -> String {
        func fail(_ message: String) -> Failure { Failure(message: message, offset: i) }
        func hex4() throws(Failure) -> UInt32 {
            guard i + 4 <= end else { throw fail("invalid \\u escape") }
            var v: UInt32 = 0
            for _ in 0..<4 {
                let c = b[i]
                let d: UInt32
                switch c {
                case 0x30...0x39: d = UInt32(c - 0x30)
                case 0x41...0x46: d = UInt32(c - 0x41 + 10)
                case 0x61...0x66: d = UInt32(c - 0x61 + 10)
                default: throw fail("invalid \\u escape")
                }
                v = v << 4 | d
                i += 1
            }
            return v
        }
        var bytes = Array(UnsafeBufferPointer(start: b + start, count: i - start))
        while true {
            guard i < end else { throw fail("unterminated string") }
            let c = b[i]
            if c == UInt8(ascii: "\"") { i += 1; break }
            if c < 0x20 { throw fail("control character in string") }
            if c != UInt8(ascii: "\\") { bytes.append(c); i += 1; continue }
            i += 1
            guard i < end else { throw fail("unterminated string") }
            let e = b[i]
            i += 1
            switch e {
            case UInt8(ascii: "\""): bytes.append(0x22)
            case UInt8(ascii: "\\"): bytes.append(0x5C)
            case UInt8(ascii: "/"): bytes.append(0x2F)
            case UInt8(ascii: "b"): bytes.append(0x08)
            case UInt8(ascii: "f"): bytes.append(0x0C)
            case UInt8(ascii: "n"): bytes.append(0x0A)
            case UInt8(ascii: "r"): bytes.append(0x0D)
            case UInt8(ascii: "t"): bytes.append(0x09)
            case UInt8(ascii: "u"):
                var scalar = try hex4()
                if scalar >= 0xD800, scalar < 0xDC00 {
                    // A high surrogate must be followed by `\uDC00`–`\uDFFF` (RFC 8259 §7).
                    if i + 1 < end, b[i] == UInt8(ascii: "\\"), b[i + 1] == UInt8(ascii: "u") {
                        i += 2
                        let low = try hex4()
                        if low >= 0xDC00, low < 0xE000 {
                            scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                        } else { scalar = 0xFFFD }
                    } else { scalar = 0xFFFD }
                } else if scalar >= 0xDC00, scalar < 0xE000 { scalar = 0xFFFD }
                bytes.append(contentsOf: Array(String(Character(Unicode.Scalar(scalar)!)).utf8))
            default: throw fail("invalid escape sequence")
            }
        }
        guard let s = String(validating: bytes, as: UTF8.self) else { throw fail("invalid UTF-8 in string") }
        return s
    }
}
