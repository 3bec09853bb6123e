/// Arithmetic on non-integer numbers done on their decimal values, so results match cty's
/// 512-bit big floats as far as a double can hold them: `0.1 + 0.2` is `0.3` and
/// `3.14 % 2.34` is `0.8`, as Terraform prints them, not the binary rounding artefacts
/// `0.30000000000000004` / `0.8000000000000007`. Each double is taken at its shortest
/// round-trip decimal text (which is what the source literal said), the operation is done
/// exactly on integers scaled by a power of ten, and the result is rounded once.
/// Falls back to `Number`'s double arithmetic when the scaled integers would overflow.
enum DecimalArithmetic {
    /// `n` as `mantissa × 10^exponent`, exactly.
    static func decimal(_ n: Number) -> (mantissa: Int128, exponent: Int)? {
        switch n.storage {
        case .int(let i): return (Int128(i), 0)
        case .uint(let u): return (Int128(u), 0)
        case .double(let d):
            guard d.isFinite else { return nil }
            var m: Int128 = 0
            var e = 0
            var negative = false
            var afterPoint = false
            var expText = ""
            var inExp = false
            for ch in String(d).utf8 {
                if inExp {
                    expText.append(Character(Unicode.Scalar(ch)))
                    continue
                }
                switch ch {
                case UInt8(ascii: "-"): negative = true
                case UInt8(ascii: "."): afterPoint = true
                case UInt8(ascii: "e"), UInt8(ascii: "E"): inExp = true
                case UInt8(ascii: "0")...UInt8(ascii: "9"):
                    m = m * 10 + Int128(ch - 0x30)
                    if afterPoint { e -= 1 }
                default: return nil
                }
            }
            if inExp { e += Int(expText) ?? 0 }
            return (negative ? -m : m, e)
        }
    }

    static func pow10(_ k: Int) -> Int128? {
        guard k >= 0, k <= 38 else { return nil }
        var r: Int128 = 1
        for _ in 0..<k { r *= 10 }
        return r
    }

    static func number(_ m: Int128, _ e: Int) -> Number {
        if e >= 0, let p = pow10(e) {
            let (v, o) = m.multipliedReportingOverflow(by: p)
            if !o {
                if let i = Int64(exactly: v) { return Number(i) }
                if let u = UInt64(exactly: v) { return Number(u) }
            }
        }
        // One correctly rounded conversion from the exact decimal text.
        return Number(Double("\(m)e\(e)") ?? .nan)
    }

    /// Both operands on a common exponent.
    static func aligned(_ a: Number, _ b: Number) -> (Int128, Int128, Int)? {
        guard let (m1, e1) = decimal(a), let (m2, e2) = decimal(b) else { return nil }
        let e = min(e1, e2)
        guard let p1 = pow10(e1 - e), let p2 = pow10(e2 - e) else { return nil }
        let (x, o1) = m1.multipliedReportingOverflow(by: p1)
        let (y, o2) = m2.multipliedReportingOverflow(by: p2)
        if o1 || o2 { return nil }
        return (x, y, e)
    }

    static func isDouble(_ n: Number) -> Bool {
        if case .double = n.storage { return true }
        return false
    }

    static func add(_ a: Number, _ b: Number) -> Number {
        guard isDouble(a) || isDouble(b), let (x, y, e) = aligned(a, b) else { return a + b }
        let (s, o) = x.addingReportingOverflow(y)
        return o ? a + b : number(s, e)
    }

    static func subtract(_ a: Number, _ b: Number) -> Number {
        guard isDouble(a) || isDouble(b), let (x, y, e) = aligned(a, b) else { return a - b }
        let (s, o) = x.subtractingReportingOverflow(y)
        return o ? a - b : number(s, e)
    }

    static func multiply(_ a: Number, _ b: Number) -> Number {
        guard isDouble(a) || isDouble(b), let (m1, e1) = decimal(a), let (m2, e2) = decimal(b) else { return a * b }
        let (p, o) = m1.multipliedReportingOverflow(by: m2)
        return o ? a * b : number(p, e1 + e2)
    }

    /// cty's modulo: `a - b * trunc(a / b)`, the sign of the dividend; `a % 0` is `a`.
    static func modulo(_ a: Number, _ b: Number) -> Number {
        if b.isZero { return a }
        guard isDouble(a) || isDouble(b), let (x, y, e) = aligned(a, b) else { return a % b }
        return number(x % y, e)
    }

    static func divide(_ a: Number, _ b: Number) -> Number {
        guard isDouble(a) || isDouble(b), let (x, y, _) = aligned(a, b) else { return a / b }
        if y != 0, x % y == 0, let q = Int64(exactly: x / y) { return Number(q) }
        return Number(Double(x) / Double(y))
    }
}
