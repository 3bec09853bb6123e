import HCL

/// String functions (https://developer.hashicorp.com/terraform/language/functions, "String
/// Functions"), following cty's `stdlib` implementations.
enum StringFunctions {
    static let all: [String: Function] = [
        "format": Function(parameters: [.init("format")], variadic: .init("args", allowNull: true)) { a throws(FunctionError) in
            let spec = try Arg.string(a, 0, "format")
            if let u = Arg.firstUnknown(Array(a.dropFirst())) { return u }
            return .string(try StringFormat.format(spec, Array(a.dropFirst())))
        },
        "formatlist": Function(parameters: [.init("format")], variadic: .init("args", allowNull: true, allowUnknown: true)) { a throws(FunctionError) in
            try formatlist(a)
        },
        "join": Function(parameters: [.init("separator")], variadic: .init("lists")) { a throws(FunctionError) in
            let sep = try Arg.string(a, 0, "separator")
            guard a.count > 1 else { throw FunctionError("at least one list is required") }
            var parts: [String] = []
            for i in 1..<a.count {
                guard let list = a[i].elements else {
                    throw FunctionError("list of string required", argument: i)
                }
                for (j, e) in list.enumerated() {
                    if case .unknown = e { return e }
                    if e.isNull {
                        throw FunctionError("element \(j) of list \(i - 1) is null; cannot concatenate null values", argument: i)
                    }
                    guard let s = e.convertedToString else {
                        throw FunctionError("list of string required", argument: i)
                    }
                    parts.append(s)
                }
            }
            return .string(parts.joined(separator: sep))
        },
        "split": Function("separator", "str") { a throws(FunctionError) in
            let sep = try Arg.string(a, 0, "separator"), s = try Arg.string(a, 1, "str")
            return Arg.strings(goSplit(s, sep))
        },
        "replace": Function("str", "substr", "replace") { a throws(FunctionError) in
            let s = try Arg.string(a, 0, "str"), sub = try Arg.string(a, 1, "substr"), rep = try Arg.string(a, 2, "replace")
            // Terraform: a substring wrapped in forward slashes is a regular expression.
            if sub.utf8.count >= 2, sub.hasPrefix("/"), sub.hasSuffix("/") {
                let pattern = String(sub.dropFirst().dropLast())
                let re: RE2
                do throws(RE2.SyntaxError) { re = try RE2(pattern) } catch {
                    throw FunctionError("invalid regexp pattern: \(error.message)", argument: 1)
                }
                return .string(re.replaceAll(in: s, with: rep))
            }
            return .string(goReplaceAll(s, sub, rep))
        },
        "regex": Function("pattern", "string") { a throws(FunctionError) in
            let (re, kind) = try compileCapturing(a)
            let input = Array(try Arg.string(a, 1, "string").unicodeScalars)
            guard let m = re.firstMatch(in: input) else {
                throw FunctionError("pattern did not match any part of the given string")
            }
            return captureResult(m, re: re, kind: kind, input: input)
        },
        "regexall": Function("pattern", "string") { a throws(FunctionError) in
            let (re, kind) = try compileCapturing(a)
            let input = Array(try Arg.string(a, 1, "string").unicodeScalars)
            return .list(re.allMatches(in: input).map { captureResult($0, re: re, kind: kind, input: input) })
        },
        "lower": Function("str") { a throws(FunctionError) in .string(try Arg.string(a, 0, "str").lowercased()) },
        "upper": Function("str") { a throws(FunctionError) in .string(try Arg.string(a, 0, "str").uppercased()) },
        "title": Function("str") { a throws(FunctionError) in .string(title(try Arg.string(a, 0, "str"))) },
        "trim": Function("str", "cutset") { a throws(FunctionError) in
            let s = try Arg.string(a, 0, "str"), cut = Set(try Arg.string(a, 1, "cutset").unicodeScalars)
            return .string(trim(s) { cut.contains($0) })
        },
        "trimspace": Function("str") { a throws(FunctionError) in
            .string(trim(try Arg.string(a, 0, "str")) { $0.properties.isWhitespace })
        },
        "trimprefix": Function("str", "prefix") { a throws(FunctionError) in
            let s = try Arg.string(a, 0, "str"), p = try Arg.string(a, 1, "prefix")
            return .string(s.utf8.starts(with: p.utf8) ? String(decoding: s.utf8.dropFirst(p.utf8.count), as: UTF8.self) : s)
        },
        "trimsuffix": Function("str", "suffix") { a throws(FunctionError) in
            let s = try Arg.string(a, 0, "str"), p = try Arg.string(a, 1, "suffix")
            return .string(s.utf8.reversed().starts(with: p.utf8.reversed()) ? String(decoding: s.utf8.dropLast(p.utf8.count), as: UTF8.self) : s)
        },
        "substr": Function("str", "offset", "length") { a throws(FunctionError) in
            let s = try Arg.string(a, 0, "str")
            let offset = try Arg.int(a, 1, "offset"), length = try Arg.int(a, 2, "length")
            return .string(substr(s, offset, length))
        },
        "startswith": Function("str", "prefix") { a throws(FunctionError) in
            .bool(try Arg.string(a, 0, "str").utf8.starts(with: try Arg.string(a, 1, "prefix").utf8))
        },
        "endswith": Function("str", "suffix") { a throws(FunctionError) in
            .bool(try Arg.string(a, 0, "str").utf8.reversed().starts(with: try Arg.string(a, 1, "suffix").utf8.reversed()))
        },
        "strcontains": Function("str", "substr") { a throws(FunctionError) in
            let s = try Arg.string(a, 0, "str"), sub = try Arg.string(a, 1, "substr")
            return .bool(sub.isEmpty || s.utf8.firstRange(of: sub.utf8) != nil)
        },
        "strrev": Function("str") { a throws(FunctionError) in .string(String(try Arg.string(a, 0, "str").reversed())) },
        "indent": Function("spaces", "str") { a throws(FunctionError) in
            let n = try Arg.int(a, 0, "spaces"), s = try Arg.string(a, 1, "str")
            // cty: every line but the first gets the padding (strings.Replace(str, "\n", "\n"+pad)).
            return .string(goReplaceAll(s, "\n", "\n" + String(repeating: " ", count: max(0, n))))
        },
        "chomp": Function("str") { a throws(FunctionError) in
            // Removes all trailing newline sequences (\n, \r\n, \r).
            var u = Array(try Arg.string(a, 0, "str").utf8)
            while let last = u.last, last == 0x0A || last == 0x0D { u.removeLast() }
            return .string(String(decoding: u, as: UTF8.self))
        },
    ]

    // MARK: formatlist

    static func formatlist(_ a: [Value]) throws(FunctionError) -> Value {
        let spec = try Arg.string(a, 0, "format")
        let args = Array(a.dropFirst())
        if args.isEmpty { return .list([.string(try StringFormat.format(spec, []))]) }
        var length = -1, chooser = -1
        for (i, arg) in args.enumerated() {
            if case .unknown = arg { return .unknown(Value.Unknown("formatlist()")) }
            if !arg.isNull, let e = arg.elements {
                if length == -1 {
                    length = e.count
                    chooser = i
                } else if e.count != length {
                    throw FunctionError("argument \(i + 1) has length \(e.count), which is inconsistent with argument \(chooser + 1) of length \(length)", argument: i + 1)
                }
            }
        }
        if length == 0 { return .list([]) }
        if length == -1 { length = 1 }
        var out: [Value] = []
        out.reserveCapacity(length)
        iterations: for k in 0..<length {
            var call: [Value] = []
            for arg in args {
                let v = (!arg.isNull ? arg.elements?[k] : nil) ?? arg
                if Arg.firstUnknown(in: v) != nil {
                    out.append(.unknown("formatlist()"))
                    continue iterations
                }
                call.append(v)
            }
            do {
                out.append(.string(try StringFormat.format(spec, call)))
            } catch {
                throw FunctionError("error on format iteration \(k): \(error.message)")
            }
        }
        return .list(out)
    }

    // MARK: regex

    enum CaptureKind { case whole, tuple, object }

    static func compileCapturing(_ a: [Value]) throws(FunctionError) -> (RE2, CaptureKind) {
        let pattern = try Arg.string(a, 0, "pattern")
        let re: RE2
        do throws(RE2.SyntaxError) { re = try RE2(pattern) } catch {
            throw FunctionError("invalid regexp pattern: \(error.message)", argument: 0)
        }
        let names = re.groupNames.dropFirst()
        let named = names.filter { $0 != nil }.count
        let unnamed = names.count - named
        if named > 0 && unnamed > 0 {
            throw FunctionError("invalid regexp pattern: cannot mix both named and unnamed capture groups", argument: 0)
        }
        return (re, names.isEmpty ? .whole : (named > 0 ? .object : .tuple))
    }

    static func captureResult(_ m: [Range<Int>?], re: RE2, kind: CaptureKind, input: [Unicode.Scalar]) -> Value {
        func text(_ r: Range<Int>?) -> Value {
            guard let r else { return .null }  // group inside another group that did not match
            return .string(String(String.UnicodeScalarView(input[r])))
        }
        switch kind {
        case .whole: return text(m[0])
        case .tuple: return .tuple(m.dropFirst().map(text))
        case .object:
            var o: [String: Value] = [:]
            for g in 1..<m.count { o[re.groupNames[g]!] = text(m[g]) }
            return .object(o)
        }
    }

    // MARK: Go string semantics

    /// Go's `strings.Split`: an empty separator splits into UTF-8 sequences; `split(",", "")` is `[""]`.
    static func goSplit(_ s: String, _ sep: String) -> [String] {
        if sep.isEmpty { return s.unicodeScalars.map { String($0) } }
        let b = Array(s.utf8), p = Array(sep.utf8)
        var out: [String] = []
        var start = 0, i = 0
        while i + p.count <= b.count {
            if b[i] == p[0], Array(b[i..<(i + p.count)]) == p {
                out.append(String(decoding: b[start..<i], as: UTF8.self))
                i += p.count
                start = i
            } else {
                i += 1
            }
        }
        out.append(String(decoding: b[start...], as: UTF8.self))
        return out
    }

    /// Go's `strings.ReplaceAll` (an empty `old` inserts `new` around every rune).
    static func goReplaceAll(_ s: String, _ old: String, _ new: String) -> String {
        if old.isEmpty {
            var out = new
            for c in s.unicodeScalars {
                out.unicodeScalars.append(c)
                out += new
            }
            return out
        }
        let parts = goSplit(s, old)
        return parts.joined(separator: new)
    }

    /// Go's `strings.Title`: upper-case (title-case) the first letter of each word; words are
    /// separated by characters that are not letters, digits or `_` (ASCII) / not letters,
    /// digits (Unicode) but spaces.
    static func title(_ s: String) -> String {
        var out = String.UnicodeScalarView()
        var prev: Unicode.Scalar = " "
        for c in s.unicodeScalars {
            if isSeparator(prev) {
                let t = c.properties.titlecaseMapping
                out.append(contentsOf: t.unicodeScalars)
            } else {
                out.append(c)
            }
            prev = c
        }
        return String(out)
    }

    private static func isSeparator(_ r: Unicode.Scalar) -> Bool {
        if r.value <= 0x7F {
            if RE2.isWordChar(r) { return false }
            return true
        }
        if r.properties.isAlphabetic || r.properties.numericType == .decimal { return false }
        return r.properties.isWhitespace
    }

    static func trim(_ s: String, _ cut: (Unicode.Scalar) -> Bool) -> String {
        let u = Array(s.unicodeScalars)
        var lo = 0, hi = u.count
        while lo < hi, cut(u[lo]) { lo += 1 }
        while hi > lo, cut(u[hi - 1]) { hi -= 1 }
        return String(String.UnicodeScalarView(u[lo..<hi]))
    }

    /// cty's `substr`: offsets and lengths count grapheme clusters; a negative offset counts
    /// from the end; a length of -1 means "to the end"; out-of-range offsets give "".
    static func substr(_ s: String, _ offset: Int, _ length: Int) -> String {
        let chars = Array(s)
        var off = offset
        if off < 0 { off = chars.count + off }
        if off < 0 { off = 0 }
        if off >= chars.count { return "" }
        let end = length < 0 ? chars.count : min(chars.count, off + length)
        return String(chars[off..<end])
    }
}
