/// The strings extension (cel-go `ext/README.md`, "Strings"). Positions count Unicode code
/// points, as CEL's `size()` does.
enum CELStringFunctions {
    typealias U = (String, CELFunctions.Style, @escaping @Sendable (CELValue) -> CELValue) -> Void
    typealias B = (String, CELFunctions.Style, @escaping @Sendable (CELValue, CELValue) -> CELValue) -> Void
    typealias N = (String, Int, CELFunctions.Style, @escaping @Sendable ([CELValue]) -> CELValue) -> Void

    static func register(_ u: U, _ b: B, _ n: N) {
        u("lowerAscii", .receiver) { v in
            guard case .string(let s) = v else { return .noOverload("lowerAscii", v) }
            return .string(String(decoding: s.utf8.map { $0 >= 65 && $0 <= 90 ? $0 + 32 : $0 }, as: UTF8.self))
        }
        u("upperAscii", .receiver) { v in
            guard case .string(let s) = v else { return .noOverload("upperAscii", v) }
            return .string(String(decoding: s.utf8.map { $0 >= 97 && $0 <= 122 ? $0 - 32 : $0 }, as: UTF8.self))
        }
        u("trim", .receiver) { v in
            guard case .string(let s) = v else { return .noOverload("trim", v) }
            let sc = Array(s.unicodeScalars)
            var lo = 0, hi = sc.count
            while lo < hi && isSpace(sc[lo]) { lo += 1 }
            while hi > lo && isSpace(sc[hi - 1]) { hi -= 1 }
            return .string(scalars(sc[lo..<hi]))
        }
        u("reverse", .receiver) { v in
            guard case .string(let s) = v else { return .noOverload("reverse", v) }
            return .string(scalars(Array(s.unicodeScalars).reversed()))
        }
        b("charAt", .receiver) { v, i in
            guard case .string(let s) = v, case .int(let k) = i else { return .noOverload("charAt", v, i) }
            let sc = Array(s.unicodeScalars)
            if k == sc.count { return .string("") }
            guard k >= 0 && k < sc.count else { return .err("index out of range: \(k)") }
            return .string(String(Character(sc[Int(k)])))
        }
        b("indexOf", .receiver) { v, x in indexOf(v, x, nil) }
        n("indexOf", 3, .receiver) { a in indexOf(a[0], a[1], a[2]) }
        b("lastIndexOf", .receiver) { v, x in lastIndexOf(v, x, nil) }
        n("lastIndexOf", 3, .receiver) { a in lastIndexOf(a[0], a[1], a[2]) }
        b("substring", .receiver) { v, x in substring(v, x, nil) }
        n("substring", 3, .receiver) { a in substring(a[0], a[1], a[2]) }
        n("replace", 3, .receiver) { a in replace(a[0], a[1], a[2], .int(-1)) }
        n("replace", 4, .receiver) { a in replace(a[0], a[1], a[2], a[3]) }
        b("split", .receiver) { v, x in split(v, x, .int(-1)) }
        n("split", 3, .receiver) { a in split(a[0], a[1], a[2]) }
        u("join", .receiver) { v in join(v, .string("")) }
        b("join", .receiver) { v, x in join(v, x) }
        u("strings.quote", .global) { v in
            guard case .string(let s) = v else { return .noOverload("strings.quote", v) }
            return .string(CELFormat.quote(s))
        }
        b("format", .receiver) { v, x in
            guard case .string(let f) = v, case .list(let args) = x else { return .noOverload("format", v, x) }
            return CELFormat.format(f, args)
        }
    }

    static func isSpace(_ c: Unicode.Scalar) -> Bool {
        switch c.value {
        case 0x09...0x0D, 0x20, 0x85, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000: return true
        default: return false
        }
    }

    static func scalars<S: Sequence>(_ s: S) -> String where S.Element == Unicode.Scalar {
        var out = String.UnicodeScalarView()
        out.append(contentsOf: s)
        return String(out)
    }

    static func find(_ hay: [Unicode.Scalar], _ needle: [Unicode.Scalar], from: Int) -> Int? {
        guard needle.count <= hay.count else { return nil }
        var i = from
        while i + needle.count <= hay.count {
            if hay[i] == needle[0] && hay[i..<i + needle.count].elementsEqual(needle) { return i }
            i += 1
        }
        return nil
    }

    static func indexOf(_ v: CELValue, _ x: CELValue, _ start: CELValue?) -> CELValue {
        guard case .string(let s) = v, case .string(let sub) = x else { return .noOverload("indexOf", v, x) }
        let hay = Array(s.unicodeScalars), needle = Array(sub.unicodeScalars)
        var from = 0
        if let start {
            guard case .int(let k) = start else { return .noOverload("indexOf", v, x, start) }
            guard k >= 0 && k <= hay.count else { return .err("index out of range: \(k)") }
            from = Int(k)
        }
        if needle.isEmpty { return .int(Int64(from)) }
        return .int(Int64(find(hay, needle, from: from) ?? -1))
    }

    static func lastIndexOf(_ v: CELValue, _ x: CELValue, _ end: CELValue?) -> CELValue {
        guard case .string(let s) = v, case .string(let sub) = x else { return .noOverload("lastIndexOf", v, x) }
        let hay = Array(s.unicodeScalars), needle = Array(sub.unicodeScalars)
        var last = hay.count
        if let end {
            guard case .int(let k) = end else { return .noOverload("lastIndexOf", v, x, end) }
            guard k >= 0 && k <= hay.count else { return .err("index out of range: \(k)") }
            last = Int(k)
        }
        if needle.isEmpty { return .int(Int64(last)) }
        var i = min(last, hay.count - needle.count)
        while i >= 0 {
            if hay[i..<i + needle.count].elementsEqual(needle) { return .int(Int64(i)) }
            i -= 1
        }
        return .int(-1)
    }

    static func substring(_ v: CELValue, _ a: CELValue, _ b: CELValue?) -> CELValue {
        guard case .string(let s) = v, case .int(let start) = a else { return .noOverload("substring", v, a) }
        let sc = Array(s.unicodeScalars)
        var end = Int64(sc.count)
        if let b {
            guard case .int(let e) = b else { return .noOverload("substring", v, a, b) }
            end = e
        }
        guard start >= 0 && start <= sc.count else { return .err("index out of range: \(start)") }
        guard end >= 0 && end <= sc.count else { return .err("index out of range: \(end)") }
        guard start <= end else { return .err("invalid substring range. start: \(start), end: \(end)") }
        return .string(scalars(sc[Int(start)..<Int(end)]))
    }

    static func replace(_ v: CELValue, _ a: CELValue, _ b: CELValue, _ n: CELValue) -> CELValue {
        guard case .string(let s) = v, case .string(let old) = a, case .string(let new) = b, case .int(var limit) = n
        else { return .noOverload("replace", v, a, b, n) }
        if limit == 0 { return v }
        let hay = Array(s.unicodeScalars), needle = Array(old.unicodeScalars), rep = Array(new.unicodeScalars)
        var out: [Unicode.Scalar] = []
        var i = 0
        if needle.isEmpty {
            // Go's strings.Replace: an empty `old` matches before every code point and at the end.
            out.append(contentsOf: rep); limit -= 1
            while i < hay.count {
                out.append(hay[i]); i += 1
                if limit != 0 { out.append(contentsOf: rep); limit -= 1 }
            }
            return .string(scalars(out))
        }
        while i < hay.count {
            if limit != 0, let j = find(hay, needle, from: i) {
                out.append(contentsOf: hay[i..<j]); out.append(contentsOf: rep)
                i = j + needle.count; limit -= 1
            } else {
                out.append(contentsOf: hay[i...]); break
            }
        }
        return .string(scalars(out))
    }

    static func split(_ v: CELValue, _ x: CELValue, _ n: CELValue) -> CELValue {
        guard case .string(let s) = v, case .string(let sep) = x, case .int(let limit) = n else { return .noOverload("split", v, x, n) }
        if limit == 0 { return .list([]) }
        if limit == 1 || s.isEmpty { return .list([v]) }
        if !sep.isEmpty { return .list(splitUTF8(s, sep, limit: limit)) }
        let hay = Array(s.unicodeScalars), needle = Array(sep.unicodeScalars)
        var parts: [CELValue] = []
        if needle.isEmpty {
            for (k, c) in hay.enumerated() {
                if limit > 0 && parts.count == limit - 1 { parts.append(.string(scalars(hay[k...]))); return .list(parts) }
                parts.append(.string(String(Character(c))))
            }
            return .list(parts)
        }
        var i = 0
        while true {
            if limit > 0 && parts.count == limit - 1 { break }
            guard let j = find(hay, needle, from: i) else { break }
            parts.append(.string(scalars(hay[i..<j])))
            i = j + needle.count
        }
        parts.append(.string(scalars(hay[i...])))
        return .list(parts)
    }

    /// `split` with a non-empty separator, on UTF-8 bytes: UTF-8 is self-synchronizing, so a
    /// byte match of a valid separator is always a match at scalar boundaries, and the parts
    /// are the same as the scalar search's (leftmost, non-overlapping) without building scalar
    /// arrays (policy conditions split filters of every alert policy).
    private static func splitUTF8(_ s: String, _ sep: String, limit: Int64) -> [CELValue] {
        var s = s, sep = sep
        return s.withUTF8 { hay in
            sep.withUTF8 { needle in
                var parts: [CELValue] = []
                let n = needle.count, first = needle[0]
                var start = 0, i = 0
                while i + n <= hay.count {
                    if limit > 0 && parts.count == limit - 1 { break }
                    if hay[i] == first && (n == 1 || hay[(i + 1)..<(i + n)].elementsEqual(needle[1...])) {
                        parts.append(.string(String(decoding: UnsafeBufferPointer(rebasing: hay[start..<i]), as: UTF8.self)))
                        i += n
                        start = i
                    } else {
                        i += 1
                    }
                }
                parts.append(.string(String(decoding: UnsafeBufferPointer(rebasing: hay[start...]), as: UTF8.self)))
                return parts
            }
        }
    }

    static func join(_ v: CELValue, _ x: CELValue) -> CELValue {
        guard case .list(let l) = v, case .string(let sep) = x else { return .noOverload("join", v, x) }
        var parts: [String] = []
        for e in l {
            guard case .string(let s) = e else { return .noOverload("join", e) }
            parts.append(s)
        }
        return .string(parts.joined(separator: sep))
    }
}

/// The math extension (cel-go `ext/README.md`, "Math").
enum CELMath {
    static func register(_ u: CELStringFunctions.U, _ b: CELStringFunctions.B) {
        func dbl(_ name: String, _ f: @escaping @Sendable (Double) -> CELValue) {
            u("math." + name, .global) { v in
                guard case .double(let d) = v else { return .noOverload("math." + name, v) }
                return f(d)
            }
        }
        dbl("ceil") { .double($0.rounded(.up)) }
        dbl("floor") { .double($0.rounded(.down)) }
        dbl("round") { .double($0.rounded(.toNearestOrAwayFromZero)) }
        dbl("trunc") { .double($0.rounded(.towardZero)) }
        dbl("isNaN") { .bool($0.isNaN) }
        dbl("isInf") { .bool($0.isInfinite) }
        dbl("isFinite") { .bool($0.isFinite) }
        u("math.abs", .global) { v in
            switch v {
            case .int(let i): return i == Int64.min ? .err("integer overflow") : .int(abs(i))
            case .uint: return v
            case .double(let d): return .double(abs(d))
            default: return .noOverload("math.abs", v)
            }
        }
        u("math.sign", .global) { v in
            switch v {
            case .int(let i): return .int(i.signum())
            case .uint(let x): return .uint(x == 0 ? 0 : 1)
            case .double(let d): return .double(d.isNaN ? d : (d > 0 ? 1 : (d < 0 ? -1 : 0)))
            default: return .noOverload("math.sign", v)
            }
        }
        u("math.sqrt", .global) { v in
            switch v {
            case .int(let i): return .double(Double(i).squareRoot())
            case .uint(let x): return .double(Double(x).squareRoot())
            case .double(let d): return .double(d.squareRoot())
            default: return .noOverload("math.sqrt", v)
            }
        }
        func bits(_ name: String, _ fi: @escaping @Sendable (Int64, Int64) -> Int64, _ fu: @escaping @Sendable (UInt64, UInt64) -> UInt64) {
            b("math." + name, .global) { x, y in
                switch (x, y) {
                case let (.int(a), .int(c)): return .int(fi(a, c))
                case let (.uint(a), .uint(c)): return .uint(fu(a, c))
                default: return .noOverload("math." + name, x, y)
                }
            }
        }
        bits("bitAnd", { $0 & $1 }, { $0 & $1 })
        bits("bitOr", { $0 | $1 }, { $0 | $1 })
        bits("bitXor", { $0 ^ $1 }, { $0 ^ $1 })
        u("math.bitNot", .global) { v in
            switch v {
            case .int(let i): return .int(~i)
            case .uint(let x): return .uint(~x)
            default: return .noOverload("math.bitNot", v)
            }
        }
        for left in [true, false] {
            let name = left ? "math.bitShiftLeft" : "math.bitShiftRight"
            b(name, .global) { x, s in
                guard case .int(let n) = s else { return .noOverload(name, x, s) }
                guard n >= 0 else { return .err("\(name)() negative offset: \(n)") }
                switch x {
                case .int(let i):
                    if n >= 64 { return .int(0) }
                    // Right shifts are logical (on the unsigned bit pattern), as in the reference.
                    return .int(left ? i << n : Int64(bitPattern: UInt64(bitPattern: i) >> UInt64(n)))
                case .uint(let u):
                    if n >= 64 { return .uint(0) }
                    return .uint(left ? u << UInt64(n) : u >> UInt64(n))
                default: return .noOverload(name, x, s)
                }
            }
        }
    }

    /// `math.greatest` / `math.least` over numeric arguments or one list of them.
    static func extreme(_ args: [CELValue], greatest: Bool) -> CELValue {
        var items = args
        if args.count == 1, case .list(let l) = args[0] { items = l }
        let name = greatest ? "math.greatest" : "math.least"
        guard var best = items.first else { return .err("\(name)(): list is empty") }
        for v in items {
            switch v {
            case .int, .uint, .double: break
            default: return .noOverload(name, v)
            }
        }
        for v in items.dropFirst() {
            guard let c = CELValue.celCompare(v, best) else { continue }
            if greatest ? c > 0 : c < 0 { best = v }
        }
        return best
    }
}
