import Foundation
import HCL

/// The `format` mini-language of cty's `stdlib.Format`: verbs `%% %v %#v %t %b %d %o %x %X
/// %e %E %f %g %G %s %q`, flags (space, `+`, `-`, `0`, `#`), width, `.precision`, and explicit
/// argument indices `%[n]d` after which numbering continues from n+1.
///
/// Numbers under `%v` print as Go's `big.Float.Text('g', -1)` does (see `shortestG`); widths
/// and precisions of strings count grapheme clusters.
enum StringFormat {
    struct Verb {
        var raw = ""
        var offset = 0
        var argNum = 0
        var mode: Unicode.Scalar = "v"
        var zero = false, sharp = false, plus = false, minus = false, space = false
        var width: Int? = nil
        var prec: Int? = nil
    }

    static func format(_ spec: String, _ args: [Value]) throws(FunctionError) -> String {
        let s = Array(spec.unicodeScalars)
        var out = ""
        var i = 0
        var nextArg = 1
        while i < s.count {
            let c = s[i]
            if c != "%" {
                out.unicodeScalars.append(c)
                i += 1
                continue
            }
            let start = i
            i += 1
            guard i < s.count else { throw FunctionError("invalid format string starting at offset \(start)") }
            if s[i] == "%" {
                out += "%"
                i += 1
                continue
            }
            var v = Verb()
            v.offset = start
            flags: while i < s.count {
                switch s[i] {
                case " ": v.space = true
                case "+": v.plus = true
                case "-": v.minus = true
                case "0": v.zero = true
                case "#": v.sharp = true
                default: break flags
                }
                i += 1
            }
            if i < s.count, s[i] == "[" {
                var j = i + 1
                var n = 0
                while j < s.count, s[j] >= "0", s[j] <= "9" { n = min(n * 10 + Int(s[j].value - 48), 1_000_000); j += 1 }
                guard j < s.count, s[j] == "]", j > i + 1 else { throw FunctionError("invalid format string starting at offset \(start)") }
                nextArg = n
                i = j + 1
            }
            var w = 0, hasW = false
            while i < s.count, s[i] >= "0", s[i] <= "9" { w = min(w * 10 + Int(s[i].value - 48), 1_000_000); hasW = true; i += 1 }
            if hasW { v.width = w }
            if i < s.count, s[i] == "." {
                i += 1
                var p = 0, hasP = false
                while i < s.count, s[i] >= "0", s[i] <= "9" { p = min(p * 10 + Int(s[i].value - 48), 1_000_000); hasP = true; i += 1 }
                guard hasP else { throw FunctionError("invalid format string starting at offset \(start)") }
                v.prec = p
            }
            guard i < s.count else { throw FunctionError("invalid format string starting at offset \(start)") }
            v.mode = s[i]
            i += 1
            v.raw = String(String.UnicodeScalarView(s[start..<i]))
            v.argNum = nextArg
            nextArg += 1
            try append(v, to: &out, args: args)
        }
        return out
    }

    private static func append(_ v: Verb, to out: inout String, args: [Value]) throws(FunctionError) {
        let idx = v.argNum - 1
        guard idx >= 0, idx < args.count else {
            throw FunctionError("not enough arguments for \"\(v.raw)\" at \(v.offset): need index \(v.argNum) but have \(args.count) total")
        }
        let arg = args[idx]
        if v.mode != "v", arg.isNull {
            throw FunctionError("unsupported value for \"\(v.raw)\" at \(v.offset): null value cannot be formatted")
        }
        switch v.mode {
        case "v":
            if !v.sharp, !arg.isNull {
                if case .string(let str) = arg { out += pad(v, str); return }
                if case .number(let n) = arg { out += pad(v, shortestG(n)); return }
            }
            out += pad(v, arg.jsonString)
        case "t":
            guard let b = arg.convertedToBool else {
                throw FunctionError("unsupported value for \"\(v.raw)\" at \(v.offset): bool required")
            }
            out += b ? "true" : "false"
        case "b", "d", "o", "x", "X", "e", "E", "f", "g", "G":
            guard let n = arg.convertedToNumber else {
                throw FunctionError("unsupported value for \"\(v.raw)\" at \(v.offset): number required")
            }
            if "bdoxX".unicodeScalars.contains(v.mode) {
                guard n.isInteger else {
                    throw FunctionError("unsupported value for \"\(v.raw)\" at \(v.offset): an integer is required")
                }
                out += integer(v, n)
            } else if (v.mode == "g" || v.mode == "G") && v.prec == nil {
                var t = shortestG(n)
                if v.mode == "G" { t = t.uppercased() }
                out += numericPad(v, t)
            } else {
                var c = "%"
                if v.plus { c += "+" }
                if v.space { c += " " }
                if v.sharp { c += "#" }
                if let p = v.prec { c += ".\(p)" } else { c += ".6" }
                c.unicodeScalars.append(v.mode)
                out += numericPad(v, String(format: c, n.doubleValue))
            }
        case "s", "q":
            guard var str = arg.convertedToString else {
                throw FunctionError("unsupported value for \"\(v.raw)\" at \(v.offset): string required")
            }
            if let p = v.prec, p > 0 { str = String(str.prefix(p)) }
            if v.mode == "q" { str = Value.string(str).jsonString }
            out += pad(v, str)
        default:
            throw FunctionError("unsupported format verb \"\(String(v.mode))\" in \"\(v.raw)\" at offset \(v.offset)")
        }
    }

    /// Pads to the width in grapheme clusters (cty's `formatPadWidth`).
    private static func pad(_ v: Verb, _ s: String) -> String {
        guard let w = v.width else { return s }
        let n = s.count
        if n >= w { return s }
        let padding = String(repeating: v.zero ? "0" : " ", count: w - n)
        return v.minus ? s + padding : padding + s
    }

    /// Width padding for numbers as Go's fmt does it: zero padding goes after the sign.
    private static func numericPad(_ v: Verb, _ s: String) -> String {
        guard let w = v.width, s.count < w else { return s }
        let n = w - s.count
        if v.minus { return s + String(repeating: " ", count: n) }
        if v.zero, let f = s.first, f == "-" || f == "+" || f == " " {
            return String(f) + String(repeating: "0", count: n) + s.dropFirst()
        }
        return String(repeating: v.zero ? "0" : " ", count: n) + s
    }

    private static func integer(_ v: Verb, _ n: Number) -> String {
        let radix: Int
        switch v.mode {
        case "b": radix = 2
        case "o": radix = 8
        case "x", "X": radix = 16
        default: radix = 10
        }
        var negative = false
        var digits: String
        switch n.storage {
        case .int(let i):
            negative = i < 0
            digits = String(i.magnitude, radix: radix, uppercase: v.mode == "X")
        case .uint(let u):
            digits = String(u, radix: radix, uppercase: v.mode == "X")
        case .double(let d):
            negative = d < 0
            digits = String(format: "%.0f", d.magnitude)  // beyond 2^64: decimal only
        }
        if let p = v.prec, digits.count < p { digits = String(repeating: "0", count: p - digits.count) + digits }
        var prefix = ""
        if v.sharp {
            switch v.mode {
            case "b": prefix = "0b"
            case "o": prefix = "0"
            case "x": prefix = "0x"
            case "X": prefix = "0X"
            default: break
            }
        }
        let sign = negative ? "-" : (v.plus ? "+" : (v.space ? " " : ""))
        return numericPad(v, sign + prefix + digits)
    }

    /// Go's `big.Float.Text('g', -1)` (and `strconv.FormatFloat(x, 'g', -1, 64)`): the
    /// shortest decimal that round-trips, in exponent form (`1e+06`, exponent of at least two
    /// digits) when the decimal exponent is < -4 or >= 6 — Go's `eprec = 6` rule for shortest
    /// formatting — so `format("%v", 1000000)` is "1e+06", as in Terraform.
    static func shortestG(_ n: Number) -> String {
        let (neg, digits, exp10) = decimalDigits(n)
        if digits.isEmpty { return "0" }
        let x = exp10 - 1
        var s = neg ? "-" : ""
        if x < -4 || x >= 6 {
            s += String(digits.first!)
            if digits.count > 1 { s += "." + String(digits.dropFirst()) }
            s += x < 0 ? "e-" : "e+"
            let e = String(abs(x))
            s += e.count < 2 ? "0" + e : e
            return s
        }
        if exp10 <= 0 {
            s += "0." + String(repeating: "0", count: -exp10) + String(digits)
        } else if exp10 >= digits.count {
            s += String(digits) + String(repeating: "0", count: exp10 - digits.count)
        } else {
            s += String(digits.prefix(exp10)) + "." + String(digits.dropFirst(exp10))
        }
        return s
    }

    /// Shortest decimal digits (no leading/trailing zeros) and the decimal point position:
    /// value = 0.d1d2d3… × 10^exp10.
    static func decimalDigits(_ n: Number) -> (negative: Bool, digits: [Character], exp10: Int) {
        var text: String
        var negative = false
        switch n.storage {
        case .int(let i):
            negative = i < 0
            text = String(i.magnitude)
        case .uint(let u):
            text = String(u)
        case .double(let d):
            negative = d < 0
            text = "\(d.magnitude)"  // Swift prints the shortest round-trip form
        }
        var mantissa = text
        var exp = 0
        if let e = text.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            exp = Int(text[text.index(after: e)...]) ?? 0
            mantissa = String(text[..<e])
        }
        var intPart = mantissa
        var frac = ""
        if let dot = mantissa.firstIndex(of: ".") {
            intPart = String(mantissa[..<dot])
            frac = String(mantissa[mantissa.index(after: dot)...])
        }
        var all = Array(intPart + frac)
        var point = intPart.count + exp
        while let f = all.first, f == "0" { all.removeFirst(); point -= 1 }
        while let l = all.last, l == "0" { all.removeLast() }
        return (negative, all, point)
    }
}
