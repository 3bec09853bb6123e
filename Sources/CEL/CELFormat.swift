import Foundation

/// Text forms of values: CEL's `string(double)`, quoting, `format()`, and display in messages.
enum CELFormat {
    /// Shortest round-trip decimal digits of a finite, non-zero magnitude and its decimal
    /// exponent (value = d1.d2d3… × 10^exp).
    static func shortestDigits(_ d: Double) -> (digits: [UInt8], exp: Int) {
        let text = "\(abs(d))"   // Swift prints the shortest round-trip representation.
        var mantissa = Substring(text), exp = 0
        if let e = text.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            mantissa = text[..<e]
            exp = Int(text[text.index(after: e)...])!
        }
        var digits: [UInt8] = []
        var pointAt = mantissa.count
        for (i, ch) in mantissa.enumerated() {
            if ch == "." { pointAt = i; continue }
            digits.append(ch.asciiValue! - 48)
        }
        // Normalize: strip leading zeros (adjusting the exponent) and trailing zeros.
        var lead = 0
        while lead < digits.count - 1 && digits[lead] == 0 { lead += 1 }
        exp += pointAt - 1 - lead
        digits.removeFirst(lead)
        while digits.count > 1 && digits.last == 0 { digits.removeLast() }
        return (digits, exp)
    }

    /// `%g`-like layout of the shortest digits: scientific when exp < -4 or exp >= `sciAt`.
    static func layout(_ d: Double, sciAt: Int, forcePoint: Bool) -> String {
        if d == 0 { return (d.sign == .minus ? "-0" : "0") + (forcePoint ? ".0" : "") }
        let (digits, exp) = shortestDigits(d)
        var out = d < 0 ? "-" : ""
        let ds = digits.map { String($0) }.joined()
        if exp < -4 || exp >= sciAt {
            out += String(ds.first!)
            if ds.count > 1 { out += "." + ds.dropFirst() }
            out += exp < 0 ? "e-" : "e+"
            let e = String(abs(exp))
            out += e.count < 2 ? "0" + e : e
            return out
        }
        if exp < 0 {
            out += "0." + String(repeating: "0", count: -exp - 1) + ds
        } else if ds.count <= exp + 1 {
            out += ds + String(repeating: "0", count: exp + 1 - ds.count) + (forcePoint ? ".0" : "")
        } else {
            let k = ds.index(ds.startIndex, offsetBy: exp + 1)
            out += ds[..<k] + "." + ds[k...]
        }
        return out
    }

    /// CEL `string(double)` as the reference C++ runtime prints it (`1e+06`, `123456`, `-0`).
    static func doubleToString(_ d: Double) -> String {
        if d.isNaN { return "nan" }
        if d.isInfinite { return d < 0 ? "-inf" : "inf" }
        return layout(d, sciAt: 6, forcePoint: false)
    }

    /// Python's `repr(float)` (the oracle's JSON numbers): scientific from 1e16.
    static func pythonRepr(_ d: Double) -> String {
        layout(d, sciAt: 16, forcePoint: true)
    }

    static func trimASCIISpace(_ s: String) -> Substring {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" || $0 == "\u{0B}" || $0 == "\u{0C}" }
        var t = Substring(s)
        while let f = t.first, isSpace(f) { t.removeFirst() }
        while let l = t.last, isSpace(l) { t.removeLast() }
        return t
    }

    /// strtod-like, as the reference runtime converts strings (surrounding space, hex, inf, nan).
    static func parseDouble(_ s: String) -> Double? {
        let t = trimASCIISpace(s).lowercased()
        switch t {
        case "nan": return .nan
        case "inf", "+inf", "infinity", "+infinity": return .infinity
        case "-inf", "-infinity": return -.infinity
        default: break
        }
        guard !t.isEmpty, t.utf8.allSatisfy({ ($0 >= 48 && $0 <= 57) || $0 == 46 || $0 == 43 || $0 == 45 || ($0 >= 97 && $0 <= 102) || $0 == 120 || $0 == 112 })
        else { return nil }
        return Double(t)
    }

    /// A double-quoted CEL string literal (`strings.quote`).
    static func quote(_ s: String) -> String {
        var out = "\""
        for c in s.unicodeScalars {
            switch c {
            case "\u{07}": out += "\\a"
            case "\u{08}": out += "\\b"
            case "\u{0C}": out += "\\f"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{0B}": out += "\\v"
            case "\\": out += "\\\\"
            case "\"": out += "\\\""
            default: out.unicodeScalars.append(c)
            }
        }
        return out + "\""
    }

    /// A value as `%s` and error messages show it: strings bare, containers recursively.
    static func display(_ v: CELValue) -> String {
        switch v {
        case .null: return "null"
        case .bool(let b): return b ? "true" : "false"
        case .int(let i): return String(i)
        case .uint(let u): return String(u)
        case .double(let d): return doubleToString(d)
        case .string(let s): return s
        case .bytes(let b): return String(decoding: b, as: UTF8.self)
        case .list(let l): return "[" + l.map(display).joined(separator: ", ") + "]"
        case .map(let m): return "{" + m.keys.indices.map { display(m.keys[$0]) + ": " + display(m.values[$0]) }.joined(separator: ", ") + "}"
        case .timestamp(let t): return t.rfc3339
        case .duration(let d): return d.text
        case .type(let t): return t.rawValue
        case .optional(let o): return o.map { "optional.of(\(display($0)))" } ?? "optional.none()"
        case .unknown(let u): return "unknown(\(u.paths.joined(separator: ", ")))"
        case .error(let e): return "error(\(e.message))"
        }
    }

    /// The strings extension's `format` (`%s %d %f %e %x %X %o %b %%`, precision `.N`).
    static func format(_ f: String, _ args: [CELValue]) -> CELValue {
        var out = ""
        var it = Array(f.unicodeScalars)[...]
        var argIndex = 0
        while let c = it.popFirst() {
            guard c == "%" else { out.unicodeScalars.append(c); continue }
            guard let next = it.first else { return .err("unterminated formatting clause") }
            if next == "%" { it.removeFirst(); out += "%"; continue }
            var precision: Int?
            if next == "." {
                it.removeFirst()
                var p = 0, any = false
                while let d = it.first, d.properties.numericType != nil, let v = Int(String(d)) { p = p * 10 + v; any = true; it.removeFirst() }
                guard any else { return .err("malformed precision in formatting clause") }
                precision = p
            }
            guard let verb = it.popFirst() else { return .err("unterminated formatting clause") }
            guard argIndex < args.count else { return .err("index \(argIndex) out of range") }
            let arg = args[argIndex]
            argIndex += 1
            switch verb {
            case "s":
                out += display(arg)
            case "d":
                switch arg {
                case .int(let i): out += String(i)
                case .uint(let u): out += String(u)
                case .double(let d): out += fixed(d, 6)   // as the reference runtime does
                default: return .err("decimal clause can only be used on numbers, was given \(arg.type.rawValue)")
                }
            case "f", "e":
                let d: Double
                switch arg {
                case .int(let i): d = Double(i)
                case .uint(let u): d = Double(u)
                case .double(let x): d = x
                default: return .err("fixed-point clause can only be used on numbers, was given \(arg.type.rawValue)")
                }
                if d.isNaN { out += "NaN"; continue }
                if d.isInfinite { out += d < 0 ? "-Infinity" : "Infinity"; continue }
                out += verb == "f" ? fixed(d, precision ?? 6) : String(format: "%.\(precision ?? 6)e", d)
            case "x", "X":
                var s: String
                switch arg {
                case .int(let i): s = (i < 0 ? "-" : "") + String(i.magnitude, radix: 16)
                case .uint(let u): s = String(u, radix: 16)
                case .string(let t): s = t.utf8.map { hex2($0) }.joined()
                case .bytes(let b): s = b.map { hex2($0) }.joined()
                default: return .err("hex clause can only be used on integers, byte buffers, and strings, was given \(arg.type.rawValue)")
                }
                if verb == "X" { s = s.uppercased() }
                out += s
            case "o":
                switch arg {
                case .int(let i): out += (i < 0 ? "-" : "") + String(i.magnitude, radix: 8)
                case .uint(let u): out += String(u, radix: 8)
                default: return .err("octal clause can only be used on integers, was given \(arg.type.rawValue)")
                }
            case "b":
                switch arg {
                case .int(let i): out += (i < 0 ? "-" : "") + String(i.magnitude, radix: 2)
                case .uint(let u): out += String(u, radix: 2)
                case .bool(let b): out += b ? "1" : "0"
                default: return .err("binary clause can only be used on integers and bools, was given \(arg.type.rawValue)")
                }
            default:
                return .err("unrecognized formatting clause \"\(verb)\"")
            }
        }
        return .string(out)
    }

    static func fixed(_ d: Double, _ p: Int) -> String { String(format: "%.\(p)f", d) }

    static func hex2(_ b: UInt8) -> String {
        let h = Array("0123456789abcdef".utf8)
        return String(decoding: [h[Int(b >> 4)], h[Int(b & 15)]], as: UTF8.self)
    }
}
