/// Tokens of CEL's lexical grammar (langdef "Syntax").
enum CELToken: Equatable, Sendable {
    case ident(String)
    case int(Int64)         // magnitude-checked later: `9223372036854775808` is only valid after `-`
    case bigInt             // 9223372036854775808 exactly (valid only as `-9223372036854775808`)
    case uint(UInt64)
    case double(Double)
    case string(String)
    case bytes([UInt8])
    case punct(String)      // operators and punctuation
    case kwTrue, kwFalse, kwNull, kwIn
    case eof
    case invalid(String)    // a lexical error, with its message
}

/// A byte-level lexer over the UTF-8 source. Lexes one token at a time on demand.
struct CELLexer {
    let bytes: [UInt8]
    var pos = 0
    /// Upper bound on a single literal, so a hostile 100 MB string cannot balloon memory twice.
    let maxLiteralBytes: Int

    init(_ source: String, maxLiteralBytes: Int) {
        bytes = Array(source.utf8)
        self.maxLiteralBytes = maxLiteralBytes
    }

    /// Reserved words that cannot be identifiers (langdef "Syntax").
    static let reserved: Set<String> = [
        "as", "break", "const", "continue", "else", "for", "function", "if", "import", "let",
        "loop", "package", "namespace", "return", "var", "void", "while",
    ]

    mutating func skipTrivia() {
        while pos < bytes.count {
            let c = bytes[pos]
            if c == 32 || c == 9 || c == 10 || c == 13 || c == 12 { pos += 1; continue }
            if c == 47, pos + 1 < bytes.count, bytes[pos + 1] == 47 {
                while pos < bytes.count && bytes[pos] != 10 { pos += 1 }
                continue
            }
            break
        }
    }

    /// Next token and the byte offset it starts at.
    mutating func next() -> (CELToken, Int) {
        skipTrivia()
        let start = pos
        guard pos < bytes.count else { return (.eof, start) }
        let c = bytes[pos]
        // String and bytes literals with optional r/b prefixes.
        if c == 34 || c == 39 { return (lexString(raw: false, isBytes: false), start) }
        if isIdentStart(c) {
            // Prefixes directly before a quote: `r`, `b`, or `b` then `r` (grammar: BYTES is
            // [bB] STRING, and STRING may be raw), case-insensitive.
            var p = pos
            var raw = false, isBytes = false
            if bytes[p] | 0x20 == 98 { isBytes = true; p += 1 }
            if p < bytes.count && bytes[p] | 0x20 == 114 { raw = true; p += 1 }
            if p > pos && p < bytes.count && (bytes[p] == 34 || bytes[p] == 39) {
                pos = p
                return (lexString(raw: raw, isBytes: isBytes), start)
            }
            var e = pos
            while e < bytes.count && (isIdentStart(bytes[e]) || isDigit(bytes[e])) { e += 1 }
            let word = String(decoding: bytes[pos..<e], as: UTF8.self)
            pos = e
            switch word {
            case "true": return (.kwTrue, start)
            case "false": return (.kwFalse, start)
            case "null": return (.kwNull, start)
            case "in": return (.kwIn, start)
            default: return (.ident(word), start)
            }
        }
        if isDigit(c) || (c == 46 && pos + 1 < bytes.count && isDigit(bytes[pos + 1])) {
            return (lexNumber(), start)
        }
        // Operators, longest first.
        let two: [String] = ["==", "!=", "<=", ">=", "&&", "||"]
        if pos + 1 < bytes.count {
            let s = String(decoding: bytes[pos..<pos + 2], as: UTF8.self)
            if two.contains(s) { pos += 2; return (.punct(s), start) }
        }
        switch c {
        case 60, 62, 43, 45, 42, 47, 37, 33, 63, 58, 46, 44, 40, 41, 91, 93, 123, 125:
            pos += 1
            return (.punct(String(UnicodeScalar(c))), start)
        default:
            pos += 1
            while pos < bytes.count && bytes[pos] & 0xC0 == 0x80 { pos += 1 }
            return (.invalid("unexpected character '\(String(decoding: bytes[start..<pos], as: UTF8.self))'"), start)
        }
    }

    private func isIdentStart(_ c: UInt8) -> Bool { (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c == 95 }
    private func isDigit(_ c: UInt8) -> Bool { c >= 48 && c <= 57 }
    private func isHex(_ c: UInt8) -> Bool { isDigit(c) || (c | 0x20 >= 97 && c | 0x20 <= 102) }

    private mutating func lexNumber() -> CELToken {
        let start = pos
        if bytes[pos] == 48, pos + 1 < bytes.count, bytes[pos + 1] == 120 {
            pos += 2
            let ds = pos
            while pos < bytes.count && isHex(bytes[pos]) { pos += 1 }
            guard pos > ds else { return .invalid("invalid hex literal") }
            let text = String(decoding: bytes[ds..<pos], as: UTF8.self)
            if pos < bytes.count && bytes[pos] | 0x20 == 117 {
                pos += 1
                guard let u = UInt64(text, radix: 16) else { return .invalid("invalid uint literal") }
                return .uint(u)
            }
            guard let i = Int64(text, radix: 16) else {
                return text.lowercased().trimmingLeadingZeros == "8000000000000000" ? .bigInt : .invalid("invalid int literal")
            }
            return .int(i)
        }
        var isDouble = false
        while pos < bytes.count && isDigit(bytes[pos]) { pos += 1 }
        if pos + 1 < bytes.count && bytes[pos] == 46 && isDigit(bytes[pos + 1]) {
            isDouble = true
            pos += 1
            while pos < bytes.count && isDigit(bytes[pos]) { pos += 1 }
        }
        if pos < bytes.count && bytes[pos] | 0x20 == 101 {
            var p = pos + 1
            if p < bytes.count && (bytes[p] == 43 || bytes[p] == 45) { p += 1 }
            if p < bytes.count && isDigit(bytes[p]) {
                isDouble = true
                pos = p
                while pos < bytes.count && isDigit(bytes[pos]) { pos += 1 }
            }
        }
        let text = String(decoding: bytes[start..<pos], as: UTF8.self)
        if isDouble {
            guard let d = Double(text) else { return .invalid("invalid double literal") }
            return .double(d)
        }
        if pos < bytes.count && bytes[pos] | 0x20 == 117 {
            pos += 1
            guard let u = UInt64(text) else { return .invalid("invalid uint literal") }
            return .uint(u)
        }
        guard let i = Int64(text) else {
            return text.trimmingLeadingZeros == "9223372036854775808" ? .bigInt : .invalid("invalid int literal")
        }
        return .int(i)
    }

    /// Lexes a quoted literal at `pos` (which is at the opening quote).
    private mutating func lexString(raw: Bool, isBytes: Bool) -> CELToken {
        let q = bytes[pos]
        let triple = pos + 2 < bytes.count && bytes[pos + 1] == q && bytes[pos + 2] == q
        pos += triple ? 3 : 1
        var out: [UInt8] = []
        while true {
            guard pos < bytes.count else { return .invalid("unterminated string literal") }
            if out.count > maxLiteralBytes { return .invalid("string literal longer than \(maxLiteralBytes) bytes") }
            let c = bytes[pos]
            if c == q {
                if !triple { pos += 1; break }
                if pos + 2 < bytes.count && bytes[pos + 1] == q && bytes[pos + 2] == q { pos += 3; break }
            }
            if !triple && (c == 10 || c == 13) { return .invalid("newline in string literal") }
            if c == 92 && !raw {
                pos += 1
                guard pos < bytes.count else { return .invalid("unterminated string literal") }
                let e = bytes[pos]
                pos += 1
                switch e {
                case 97: out.append(7)
                case 98: out.append(8)
                case 102: out.append(12)
                case 110: out.append(10)
                case 114: out.append(13)
                case 116: out.append(9)
                case 118: out.append(11)
                case 92, 39, 34, 96, 63: out.append(e)
                case 120, 88, 117, 85:
                    let n = (e == 120 || e == 88) ? 2 : (e == 117 ? 4 : 8)
                    guard pos + n <= bytes.count, bytes[pos..<pos + n].allSatisfy(isHex),
                          let v = UInt32(String(decoding: bytes[pos..<pos + n], as: UTF8.self), radix: 16)
                    else { return .invalid("invalid escape sequence") }
                    pos += n
                    if n == 2 && isBytes { out.append(UInt8(v)); continue }
                    if n != 2 && isBytes { return .invalid("unicode escape in bytes literal") }
                    guard let s = Unicode.Scalar(v) else { return .invalid("invalid unicode code point") }
                    out.append(contentsOf: Array(String(Character(s)).utf8))
                case 48...51:
                    guard pos + 2 <= bytes.count, (48...55).contains(bytes[pos]), (48...55).contains(bytes[pos + 1])
                    else { return .invalid("invalid octal escape") }
                    let v = UInt32(e - 48) * 64 + UInt32(bytes[pos] - 48) * 8 + UInt32(bytes[pos + 1] - 48)
                    pos += 2
                    if isBytes { out.append(UInt8(v)) } else {
                        out.append(contentsOf: Array(String(Character(Unicode.Scalar(v)!)).utf8))
                    }
                default: return .invalid("invalid escape sequence '\\\(String(UnicodeScalar(e)))'")
                }
                continue
            }
            out.append(c)
            pos += 1
        }
        if isBytes { return .bytes(out) }
        guard let s = String(validating: out, as: UTF8.self) else { return .invalid("invalid UTF-8 in string literal") }
        return .string(s)
    }
}

private extension String {
    var trimmingLeadingZeros: String {
        let t = drop { $0 == "0" }
        return t.isEmpty ? "0" : String(t)
    }
}
