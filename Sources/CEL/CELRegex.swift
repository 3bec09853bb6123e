/// Regular expressions in RE2 syntax (what CEL's `matches` specifies), matched by a Thompson
/// NFA simulation (Pike VM without captures): time O(text × program), no backtracking, so a
/// pattern like `(a+)+$` cannot blow up on attacker-controlled input. Compiled once; immutable.
///
/// Supported: literals and escapes (`\n \t \x41 \x{263A} \123 \Q…\E`), `.`, classes
/// (`[a-z]`, `[^…]`, `[[:alpha:]]`, `\d \w \s \D \W \S`, `\pL`, `\p{Lu}`, `\PN`, `\p{^L}`: Unicode
/// general categories), groups (`(…)`, `(?:…)`, `(?P<n>…)`, `(?<n>…)`), flags `i m s U`
/// (`(?i)`, `(?i:…)`), repetition `* + ? {n} {n,} {n,m}` (lazy forms too; counts ≤ 1000),
/// alternation, anchors `^ $ \A \z \b \B`. Unicode scripts (`\p{Greek}`) are rejected.
public struct CELRegex: Sendable {
    enum Inst: Sendable {
        case char(UInt32)
        case cls(Int)
        case any
        case anyNotNL
        case split(Int, Int)
        case jmp(Int)
        case assert(Assertion)
        case match
    }

    enum Assertion: Sendable { case beginText, endText, beginLine, endLine, wordBoundary, notWordBoundary }

    let program: [Inst]
    let classes: [CharClass]
    /// The program starts with `\A`/`^` (outside multi-line mode): threads can only start at
    /// position 0, so the search stops as soon as none is left (policy patterns usually are).
    let anchored: Bool
    /// For an anchored pattern, the literal characters that follow `^` (`^POSTGRES_1[4-9]$` →
    /// `POSTGRES_1`). Until they are consumed the simulation has exactly one thread (a literal
    /// is not an ε-instruction), so they are compared directly and the NFA starts after them.
    let literalPrefix: [UInt32]

    init(program: [Inst], classes: [CharClass]) {
        self.program = program
        self.classes = classes
        if case .assert(.beginText) = program.first { anchored = true } else { anchored = false }
        var prefix: [UInt32] = []
        if anchored {
            var pc = 1
            while pc < program.count, case .char(let c) = program[pc] { prefix.append(c); pc += 1 }
        }
        literalPrefix = prefix
    }

    public struct CompileError: Error, Sendable { public let message: String }

    public static func compile(_ pattern: String, maxProgramSize: Int = 10_000) -> Result<CELRegex, CompileError> {
        var p = RegexParser(Array(pattern.unicodeScalars))
        guard let ast = p.parseAll() else {
            return .failure(CompileError(message: "invalid regular expression: \(p.error ?? "syntax error"): \(pattern)"))
        }
        var c = RegexCompiler(maxSize: maxProgramSize)
        guard c.emit(ast) else {
            return .failure(CompileError(message: "invalid regular expression: pattern too large (more than \(maxProgramSize) instructions)"))
        }
        c.program.append(.match)
        return .success(CELRegex(program: c.program, classes: c.classes))
    }

    /// True when the pattern matches anywhere in `text` (RE2 partial match).
    public func matches(_ text: String) -> Bool {
        // All working memory in one temporary allocation: the decoded text, two thread lists
        // (sparse sets) and the ε-closure stack (each pc is inserted once per list, a split
        // pushes two, so 2n + 2 entries suffice).
        let n = program.count
        let utf8Count = text.utf8.count
        return withUnsafeTemporaryAllocation(of: Unicode.Scalar.self, capacity: max(utf8Count, 1)) { scalars in
            var count = 0
            for u in text.unicodeScalars { scalars[count] = u; count += 1 }
            let input = UnsafeBufferPointer(rebasing: scalars[0..<count])
            let skip = literalPrefix.count
            if skip > 0 {
                guard count >= skip else { return false }
                for i in 0..<skip where input[i].value != literalPrefix[i] { return false }
            }
            return withUnsafeTemporaryAllocation(of: Int.self, capacity: 6 * n + 2) { mem in
                mem.initialize(repeating: 0)
                let base = mem.baseAddress!
                var clist = SparseSet(dense: base, sparse: base + n)
                var nlist = SparseSet(dense: base + 2 * n, sparse: base + 3 * n)
                return run(input, &clist, &nlist, stack: base + 4 * n, from: skip)
            }
        }
    }

    private func run(_ input: UnsafeBufferPointer<Unicode.Scalar>, _ clist: inout SparseSet, _ nlist: inout SparseSet,
                     stack: UnsafeMutablePointer<Int>, from start: Int) -> Bool {
        // `start` > 0 only for an anchored pattern whose literal prefix has been matched: the
        // one thread is then at the instruction after it.
        for pos in start...input.count {
            // Unanchored search: a new thread starts at every position.
            if pos == start || !anchored {
                if add(pos == start ? start + (start > 0 ? 1 : 0) : 0, &clist, pos, input, stack) { return true }
            }
            if clist.count == 0 {
                if anchored { return false }
                if pos < input.count { continue }
            }
            if pos == input.count { break }
            let ch = input[pos].value
            nlist.clear()
            for k in 0..<clist.count {
                let pc = clist.dense[k]
                let ok: Bool
                switch program[pc] {
                case .char(let c): ok = c == ch
                case .cls(let i): ok = classes[i].contains(ch)
                case .any: ok = true
                case .anyNotNL: ok = ch != 10
                default: ok = false
                }
                if ok, add(pc + 1, &nlist, pos + 1, input, stack) { return true }
            }
            swap(&clist, &nlist)
        }
        return false
    }

    /// Adds the thread at `pc` and every thread reachable without consuming input; true when
    /// one of them is the match instruction.
    private func add(_ start: Int, _ list: inout SparseSet, _ pos: Int, _ input: UnsafeBufferPointer<Unicode.Scalar>,
                     _ stack: UnsafeMutablePointer<Int>) -> Bool {
        var top = 0
        stack[0] = start
        top = 1
        while top > 0 {
            top -= 1
            let pc = stack[top]
            if list.contains(pc) { continue }
            list.insert(pc)
            switch program[pc] {
            case .match: return true
            case .jmp(let t): stack[top] = t; top += 1
            case .split(let a, let b): stack[top] = b; stack[top + 1] = a; top += 2
            case .assert(let a):
                if check(a, pos, input) { stack[top] = pc + 1; top += 1 }
            default: break
            }
        }
        return false
    }

    private func check(_ a: Assertion, _ pos: Int, _ input: UnsafeBufferPointer<Unicode.Scalar>) -> Bool {
        switch a {
        case .beginText: return pos == 0
        case .endText: return pos == input.count
        case .beginLine: return pos == 0 || input[pos - 1] == "\n"
        case .endLine: return pos == input.count || input[pos] == "\n"
        case .wordBoundary, .notWordBoundary:
            let before = pos > 0 && Self.isWord(input[pos - 1].value)
            let after = pos < input.count && Self.isWord(input[pos].value)
            return (before != after) == (a == .wordBoundary)
        }
    }

    static func isWord(_ c: UInt32) -> Bool {
        (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c == 95
    }
}

/// A set of program counters with O(1) insert, membership and clear (Briggs & Torczon),
/// over caller-provided memory.
struct SparseSet {
    let dense: UnsafeMutablePointer<Int>
    let sparse: UnsafeMutablePointer<Int>
    var count = 0
    init(dense: UnsafeMutablePointer<Int>, sparse: UnsafeMutablePointer<Int>) { self.dense = dense; self.sparse = sparse }
    func contains(_ i: Int) -> Bool { let s = sparse[i]; return s < count && dense[s] == i }
    mutating func insert(_ i: Int) { sparse[i] = count; dense[count] = i; count += 1 }
    mutating func clear() { count = 0 }
}

/// A character class: ranges and Unicode general categories, possibly negated.
struct CharClass: Sendable {
    var ranges: [(UInt32, UInt32)] = []
    var categories: [(Set<Unicode.GeneralCategory>, Bool)] = []   // (categories, negated)
    var negated = false

    func contains(_ c: UInt32) -> Bool {
        var hit = false
        for (lo, hi) in ranges where c >= lo && c <= hi { hit = true; break }
        if !hit, !categories.isEmpty, let s = Unicode.Scalar(c) {
            let gc = s.properties.generalCategory
            for (set, neg) in categories where set.contains(gc) != neg { hit = true; break }
        }
        return hit != negated
    }

    mutating func add(_ other: CharClass) {
        if other.negated {
            // Fold a negated class into this one via its complement ranges (categories kept as negated sets).
            var last: UInt32 = 0
            for (lo, hi) in other.ranges.sorted(by: { $0.0 < $1.0 }) {
                if lo > last { ranges.append((last, lo - 1)) }
                last = max(last, hi &+ 1)
            }
            if last <= 0x10FFFF { ranges.append((last, 0x10FFFF)) }
            for (set, neg) in other.categories { categories.append((set, !neg)) }
        } else {
            ranges += other.ranges
            categories += other.categories
        }
    }

    /// Adds the other-case forms of every character in the ranges (for `(?i)`).
    mutating func addCaseFolds() {
        var extra: [(UInt32, UInt32)] = []
        for (lo, hi) in ranges {
            if hi - lo > 2000 { continue }
            for c in lo...hi {
                guard let s = Unicode.Scalar(c) else { continue }
                for v in [s.properties.lowercaseMapping, s.properties.uppercaseMapping, s.properties.titlecaseMapping] {
                    let u = v.unicodeScalars
                    if u.count == 1, let f = u.first, f.value != c { extra.append((f.value, f.value)) }
                }
            }
        }
        ranges += extra
    }
}

indirect enum RegexNode {
    case empty
    case char(UInt32)
    case cls(CharClass)
    case any(dotAll: Bool)
    case cat([RegexNode])
    case alt([RegexNode])
    case rep(RegexNode, min: Int, max: Int)   // max -1: unbounded
    case assert(CELRegex.Assertion)
}

struct RegexParser {
    let s: [Unicode.Scalar]
    var i = 0
    var error: String?
    var caseInsensitive = false, multiLine = false, dotAll = false
    var depth = 0
    static let maxDepth = 1000
    static let maxRepeat = 1000

    init(_ s: [Unicode.Scalar]) { self.s = s }

    mutating func fail(_ m: String) -> RegexNode? {
        if error == nil { error = m }
        return nil
    }

    mutating func parseAll() -> RegexNode? {
        guard let n = parseAlt() else { return nil }
        if i < s.count { return fail("unexpected )") }
        return n
    }

    mutating func parseAlt() -> RegexNode? {
        depth += 1
        defer { depth -= 1 }
        if depth > Self.maxDepth { return fail("nesting too deep") }
        var alts: [RegexNode] = []
        let saved = (caseInsensitive, multiLine, dotAll)
        while true {
            guard let c = parseConcat() else { return nil }
            alts.append(c)
            if i < s.count && s[i] == "|" { i += 1; continue }
            break
        }
        _ = saved
        return alts.count == 1 ? alts[0] : .alt(alts)
    }

    mutating func parseConcat() -> RegexNode? {
        var items: [RegexNode] = []
        while i < s.count && s[i] != "|" && s[i] != ")" {
            let c = s[i]
            if c == "*" || c == "+" || c == "?" {
                guard let last = items.popLast() else { return fail("missing argument to repetition operator: \(c)") }
                i += 1
                let (mn, mx) = c == "*" ? (0, -1) : (c == "+" ? (1, -1) : (0, 1))
                if i < s.count && s[i] == "?" { i += 1 }
                if i < s.count && (s[i] == "*" || s[i] == "+" || s[i] == "?") { return fail("bad repetition operator: \(c)\(s[i])") }
                items.append(.rep(last, min: mn, max: mx))
                continue
            }
            if c == "{", let (mn, mx, end) = parseCount(i) {
                guard let last = items.popLast() else { return fail("missing argument to repetition operator") }
                if mn > Self.maxRepeat || mx > Self.maxRepeat || (mx >= 0 && mx < mn) { return fail("bad repetition operator") }
                i = end
                if i < s.count && s[i] == "?" { i += 1 }
                if i < s.count && (s[i] == "*" || s[i] == "+" || s[i] == "?") { return fail("bad repetition operator") }
                items.append(.rep(last, min: mn, max: mx))
                continue
            }
            guard let atom = parseAtom() else {
                if error != nil { return nil }
                continue   // a flag group like (?i) that produced nothing
            }
            items.append(atom)
        }
        if items.isEmpty { return .empty }
        return items.count == 1 ? items[0] : .cat(items)
    }

    static func repeatable(_ n: RegexNode) -> Bool { false }

    /// `{n}`, `{n,}`, `{n,m}` at `at`, or nil (then `{` is a literal, as in RE2).
    func parseCount(_ at: Int) -> (Int, Int, Int)? {
        var j = at + 1
        func num() -> Int? {
            var v = 0, any = false
            while j < s.count, let d = Int(String(s[j])), s[j].isASCII { v = min(v * 10 + d, 100_000); any = true; j += 1 }
            return any ? v : nil
        }
        guard let mn = num() else { return nil }
        var mx = mn
        if j < s.count && s[j] == "," {
            j += 1
            mx = num() ?? -1
        }
        guard j < s.count && s[j] == "}" else { return nil }
        return (mn, mx, j + 1)
    }

    mutating func parseAtom() -> RegexNode? {
        let c = s[i]
        switch c {
        case "(":
            i += 1
            if i < s.count && s[i] == "?" {
                i += 1
                if i < s.count && (s[i] == "P" || s[i] == "<") {
                    if s[i] == "P" { i += 1 }
                    guard i < s.count && s[i] == "<" else { return fail("invalid named capture group") }
                    while i < s.count && s[i] != ">" { i += 1 }
                    guard i < s.count else { return fail("invalid named capture group") }
                    i += 1
                    return parseGroupBody()
                }
                // Flags: (?flags) or (?flags:re)
                var neg = false
                var ci = caseInsensitive, ml = multiLine, da = dotAll
                while i < s.count {
                    let f = s[i]
                    i += 1
                    switch f {
                    case "i": ci = !neg
                    case "m": ml = !neg
                    case "s": da = !neg
                    case "U": break
                    case "-": if neg { return fail("invalid or unsupported Perl syntax") }; neg = true
                    case ")":
                        caseInsensitive = ci; multiLine = ml; dotAll = da
                        return nil
                    case ":":
                        let saved = (caseInsensitive, multiLine, dotAll)
                        caseInsensitive = ci; multiLine = ml; dotAll = da
                        let g = parseGroupBody()
                        (caseInsensitive, multiLine, dotAll) = saved
                        return g
                    default: return fail("invalid or unsupported Perl syntax")
                    }
                }
                return fail("missing closing )")
            }
            return parseGroupBody()
        case ")": return fail("unexpected )")
        case "[": return parseClass()
        case ".": i += 1; return .any(dotAll: dotAll)
        case "^": i += 1; return .assert(multiLine ? .beginLine : .beginText)
        case "$": i += 1; return .assert(multiLine ? .endLine : .endText)
        case "\\": return parseEscape(inClass: false)
        default:
            i += 1
            return literal(c.value)
        }
    }

    mutating func parseGroupBody() -> RegexNode? {
        let saved = (caseInsensitive, multiLine, dotAll)
        guard let inner = parseAlt() else { return nil }
        (caseInsensitive, multiLine, dotAll) = saved
        guard i < s.count && s[i] == ")" else { return fail("missing closing )") }
        i += 1
        return inner
    }

    func literal(_ v: UInt32) -> RegexNode {
        if caseInsensitive {
            var cc = CharClass(ranges: [(v, v)])
            cc.addCaseFolds()
            if cc.ranges.count > 1 { return .cls(cc) }
        }
        return .char(v)
    }

    static func perlClass(_ c: Unicode.Scalar) -> CharClass? {
        switch c {
        case "d": return CharClass(ranges: [(48, 57)])
        case "D": return CharClass(ranges: [(48, 57)], negated: true)
        case "w": return CharClass(ranges: [(48, 57), (65, 90), (97, 122), (95, 95)])
        case "W": return CharClass(ranges: [(48, 57), (65, 90), (97, 122), (95, 95)], negated: true)
        case "s": return CharClass(ranges: [(9, 10), (12, 13), (32, 32)])
        case "S": return CharClass(ranges: [(9, 10), (12, 13), (32, 32)], negated: true)
        default: return nil
        }
    }

    static let categoryNames: [String: Set<Unicode.GeneralCategory>] = {
        let map: [String: Unicode.GeneralCategory] = [
            "Lu": .uppercaseLetter, "Ll": .lowercaseLetter, "Lt": .titlecaseLetter, "Lm": .modifierLetter, "Lo": .otherLetter,
            "Mn": .nonspacingMark, "Mc": .spacingMark, "Me": .enclosingMark,
            "Nd": .decimalNumber, "Nl": .letterNumber, "No": .otherNumber,
            "Pc": .connectorPunctuation, "Pd": .dashPunctuation, "Ps": .openPunctuation, "Pe": .closePunctuation,
            "Pi": .initialPunctuation, "Pf": .finalPunctuation, "Po": .otherPunctuation,
            "Sm": .mathSymbol, "Sc": .currencySymbol, "Sk": .modifierSymbol, "So": .otherSymbol,
            "Zs": .spaceSeparator, "Zl": .lineSeparator, "Zp": .paragraphSeparator,
            "Cc": .control, "Cf": .format, "Cs": .surrogate, "Co": .privateUse, "Cn": .unassigned,
        ]
        var out: [String: Set<Unicode.GeneralCategory>] = [:]
        for (k, v) in map {
            out[k] = [v]
            out[String(k.first!), default: []].insert(v)
        }
        out["Any"] = Set(map.values)
        return out
    }()

    /// After `\`: an escape producing a node (outside classes) or a class/char (inside).
    mutating func parseEscape(inClass: Bool) -> RegexNode? {
        i += 1
        guard i < s.count else { return fail("trailing \\") }
        let c = s[i]
        i += 1
        if let pc = Self.perlClass(c) { return .cls(pc) }
        if c == "C" && !inClass { return .any(dotAll: true) }   // RE2's "any byte"; here any code point
        switch c {
        case "p", "P":
            var name: String
            var neg = c == "P"
            guard i < s.count else { return fail("invalid character class range") }
            if s[i] == "{" {
                var j = i + 1
                while j < s.count && s[j] != "}" { j += 1 }
                guard j < s.count else { return fail("invalid character class range") }
                name = String(String.UnicodeScalarView(s[(i + 1)..<j]))
                i = j + 1
            } else {
                name = String(s[i]); i += 1
            }
            if name.hasPrefix("^") { neg.toggle(); name.removeFirst() }
            if let ranges = Self.scripts[name] {
                return .cls(CharClass(ranges: ranges, negated: neg))
            }
            guard let set = Self.categoryNames[name] else { return fail("invalid character class range: \\p{\(name)}") }
            return .cls(CharClass(categories: [(set, neg)]))
        case "n": return literal(10)
        case "t": return literal(9)
        case "r": return literal(13)
        case "f": return literal(12)
        case "v": return literal(11)
        case "a": return literal(7)
        case "x":
            guard i < s.count else { return fail("invalid escape sequence") }
            var hex = ""
            if s[i] == "{" {
                var j = i + 1
                while j < s.count && s[j] != "}" { hex.unicodeScalars.append(s[j]); j += 1 }
                guard j < s.count else { return fail("invalid escape sequence") }
                i = j + 1
            } else {
                guard i + 2 <= s.count else { return fail("invalid escape sequence") }
                hex = String(String.UnicodeScalarView(s[i..<i + 2])); i += 2
            }
            guard let v = UInt32(hex, radix: 16), v <= 0x10FFFF else { return fail("invalid escape sequence") }
            return literal(v)
        case "0"..."7":
            // Octal: \0, \01, \012 (RE2 allows \1-\7 only as octal when followed by digits; it rejects backreferences).
            if c != "0" && !(i < s.count && ("0"..."7").contains(s[i])) { return fail("invalid escape sequence: backreferences are not supported") }
            var v = c.value - 48
            var k = 0
            while k < 2 && i < s.count && ("0"..."7").contains(s[i]) { v = v * 8 + s[i].value - 48; i += 1; k += 1 }
            return literal(v)
        case "A" where !inClass: return .assert(.beginText)
        case "z" where !inClass: return .assert(.endText)
        case "b" where !inClass: return .assert(.wordBoundary)
        case "B" where !inClass: return .assert(.notWordBoundary)
        case "Q" where !inClass:
            var items: [RegexNode] = []
            while i < s.count {
                if s[i] == "\\" && i + 1 < s.count && s[i + 1] == "E" { i += 2; break }
                items.append(literal(s[i].value)); i += 1
            }
            return items.isEmpty ? .empty : .cat(items)
        default:
            // Punctuation may be escaped; letters and digits that are not escapes may not (RE2).
            if c.value < 128 && !c.properties.isAlphabetic && !(c.value >= 48 && c.value <= 57) {
                return literal(c.value)
            }
            return fail("invalid escape sequence: \\\(c)")
        }
    }

    mutating func parseClass() -> RegexNode? {
        i += 1
        var cc = CharClass()
        if i < s.count && s[i] == "^" { cc.negated = true; i += 1 }
        var first = true
        while i < s.count && (s[i] != "]" || first) {
            first = false
            // POSIX classes [:alpha:]
            if s[i] == "[", i + 1 < s.count, s[i + 1] == ":" {
                var j = i + 2
                while j < s.count && s[j] != ":" { j += 1 }
                if j + 1 < s.count && s[j + 1] == "]" {
                    var name = String(String.UnicodeScalarView(s[(i + 2)..<j]))
                    var neg = false
                    if name.hasPrefix("^") { neg = true; name.removeFirst() }
                    guard var pc = Self.posix[name].map({ CharClass(ranges: $0) }) else { _ = fail("invalid character class range"); return nil }
                    pc.negated = neg
                    cc.add(pc)
                    i = j + 2
                    continue
                }
            }
            let lo: UInt32
            if s[i] == "\\" {
                guard let e = parseEscape(inClass: true) else { return nil }
                switch e {
                case .char(let v): lo = v
                case .cls(let inner):
                    if inner.ranges.count == 1 && inner.categories.isEmpty && !inner.negated && inner.ranges[0].0 == inner.ranges[0].1 {
                        lo = inner.ranges[0].0   // a case-folded literal
                    } else { cc.add(inner); continue }
                default: return fail("invalid escape in character class")
                }
            } else {
                lo = s[i].value; i += 1
            }
            var hi = lo
            if i + 1 < s.count && s[i] == "-" && s[i + 1] != "]" {
                i += 1
                if s[i] == "\\" {
                    guard case .char(let v)? = parseEscape(inClass: true) else { return fail("invalid character class range") }
                    hi = v
                } else { hi = s[i].value; i += 1 }
                guard hi >= lo else { return fail("invalid character class range") }
            }
            cc.ranges.append((lo, hi))
        }
        guard i < s.count else { return fail("missing ]") }
        i += 1
        if caseInsensitive { cc.addCaseFolds() }
        return .cls(cc)
    }

    /// Main blocks of common scripts (Swift exposes no Script property; this covers the
    /// scripts policy patterns plausibly use, not every code point of each script).
    static let scripts: [String: [(UInt32, UInt32)]] = [
        "Latin": [(0x41, 0x5A), (0x61, 0x7A), (0xAA, 0xAA), (0xBA, 0xBA), (0xC0, 0xD6), (0xD8, 0xF6), (0xF8, 0x24F),
                  (0x1E00, 0x1EFF), (0x2C60, 0x2C7F), (0xA720, 0xA7FF), (0xFF21, 0xFF3A), (0xFF41, 0xFF5A)],
        "Greek": [(0x370, 0x373), (0x375, 0x377), (0x37A, 0x37D), (0x37F, 0x37F), (0x384, 0x384), (0x386, 0x386),
                  (0x388, 0x3E1), (0x3F0, 0x3FF), (0x1F00, 0x1FFF)],
        "Cyrillic": [(0x400, 0x52F), (0x1C80, 0x1C8F), (0x2DE0, 0x2DFF), (0xA640, 0xA69F)],
        "Han": [(0x2E80, 0x2FD5), (0x3005, 0x3005), (0x3007, 0x3007), (0x3021, 0x3029), (0x3038, 0x303B),
                (0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF), (0x20000, 0x3134F)],
        "Hiragana": [(0x3041, 0x3096), (0x309D, 0x309F)],
        "Katakana": [(0x30A1, 0x30FA), (0x30FD, 0x30FF), (0x31F0, 0x31FF), (0xFF66, 0xFF6F), (0xFF71, 0xFF9D)],
        "Hangul": [(0x1100, 0x11FF), (0x3131, 0x318E), (0xAC00, 0xD7A3)],
        "Arabic": [(0x600, 0x604), (0x606, 0x60B), (0x60D, 0x61A), (0x61C, 0x61E), (0x620, 0x63F), (0x641, 0x64A),
                   (0x656, 0x66F), (0x671, 0x6DC), (0x6DE, 0x6FF), (0x750, 0x77F)],
        "Hebrew": [(0x591, 0x5C7), (0x5D0, 0x5EA), (0x5EF, 0x5F4)],
        "Thai": [(0xE01, 0xE3A), (0xE40, 0xE5B)],
        "Devanagari": [(0x900, 0x950), (0x955, 0x963), (0x966, 0x97F)],
    ]

    static let posix: [String: [(UInt32, UInt32)]] = [
        "alnum": [(48, 57), (65, 90), (97, 122)], "alpha": [(65, 90), (97, 122)], "ascii": [(0, 127)],
        "blank": [(9, 9), (32, 32)], "cntrl": [(0, 31), (127, 127)], "digit": [(48, 57)], "graph": [(33, 126)],
        "lower": [(97, 122)], "print": [(32, 126)], "punct": [(33, 47), (58, 64), (91, 96), (123, 126)],
        "space": [(9, 13), (32, 32)], "upper": [(65, 90)], "word": [(48, 57), (65, 90), (97, 122), (95, 95)],
        "xdigit": [(48, 57), (65, 70), (97, 102)],
    ]
}

struct RegexCompiler {
    var program: [CELRegex.Inst] = []
    var classes: [CharClass] = []
    let maxSize: Int

    init(maxSize: Int) { self.maxSize = maxSize }

    /// Emits `n`; false when the program would exceed the size bound.
    mutating func emit(_ n: RegexNode) -> Bool {
        if program.count > maxSize { return false }
        switch n {
        case .empty: return true
        case .char(let c): program.append(.char(c))
        case .cls(let cc): classes.append(cc); program.append(.cls(classes.count - 1))
        case .any(let dotAll): program.append(dotAll ? .any : .anyNotNL)
        case .assert(let a): program.append(.assert(a))
        case .cat(let items):
            for it in items where !emit(it) { return false }
        case .alt(let alts):
            var jumps: [Int] = []
            for (k, a) in alts.enumerated() {
                if k < alts.count - 1 {
                    let split = program.count
                    program.append(.split(split + 1, 0))
                    guard emit(a) else { return false }
                    jumps.append(program.count)
                    program.append(.jmp(0))
                    program[split] = .split(split + 1, program.count)
                } else {
                    guard emit(a) else { return false }
                }
            }
            for j in jumps { program[j] = .jmp(program.count) }
        case .rep(let sub, let mn, let mx):
            for _ in 0..<mn where !emit(sub) { return false }
            if mx == -1 {
                // x*: L: split(L+1, E); x; jmp L; E:
                let l = program.count
                program.append(.split(l + 1, 0))
                guard emit(sub) else { return false }
                program.append(.jmp(l))
                program[l] = .split(l + 1, program.count)
            } else if mx > mn {
                var splits: [Int] = []
                for _ in mn..<mx {
                    splits.append(program.count)
                    program.append(.split(program.count + 1, 0))
                    guard emit(sub) else { return false }
                }
                for sp in splits { program[sp] = .split(sp + 1, program.count) }
            }
        }
        return program.count <= maxSize
    }
}
