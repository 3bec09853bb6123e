/// A regular-expression engine for Terraform's `regex`, `regexall` and `replace`, which use
/// Go's `regexp` package: RE2 syntax, leftmost-first (Perl-like) match semantics, and a
/// guarantee of linear time in the input (no backtracking).
///
/// Implemented as a Pike VM (Thompson NFA simulation carrying capture slots per thread), so a
/// hostile pattern such as `(a*)*b` cannot make a match take exponential time: every step
/// visits each instruction at most once. Positions are indices into the input's Unicode
/// scalars (Go matches runes).
///
/// Supported syntax (RE2, https://github.com/google/re2/wiki/Syntax): literals and escapes,
/// `.`, classes `[...]` with ranges, negation, Perl classes (`\d \s \w` and negations), POSIX
/// classes (`[[:alpha:]]`), `\pL`/`\p{Greek}`-style classes for the common general categories,
/// anchors `^ $ \A \z \b \B`, groups `( )`, `(?: )`, `(?P<name> )`, `(?<name> )`, flags
/// `(?i) (?m) (?s) (?U)` (also scoped `(?i: )`), alternation, and the quantifiers `* + ? {n}
/// {n,} {n,m}` with their lazy `?` forms.
///
/// Limits (as RE2): a repeat count above 1000 is an error; a compiled program above
/// `maxProgramSize` instructions and group nesting above `maxNesting` are errors, not crashes.
struct RE2: Sendable {
    struct SyntaxError: Error, Sendable, Equatable {
        var message: String
    }

    static let maxRepeat = 1000
    static let maxProgramSize = 100_000
    static let maxNesting = 1000

    /// Number of capture groups, not counting the whole match.
    let groupCount: Int
    /// Name of each group (index 0 is the whole match, always nil); nil for unnamed groups.
    let groupNames: [String?]
    private let program: [Inst]

    init(_ pattern: String) throws(SyntaxError) {
        var parser = Parser(pattern: Array(pattern.unicodeScalars))
        let node = try parser.parse()
        var compiler = Compiler()
        compiler.emit(.save(0))
        try compiler.compile(node)
        compiler.emit(.save(1))
        compiler.emit(.match)
        program = compiler.program
        groupCount = parser.groupCount
        groupNames = [nil] + parser.names
    }

    // MARK: matching

    /// The first match at or after scalar index `from`: capture spans (start, end) per group,
    /// index 0 the whole match; nil for a group that did not take part.
    func firstMatch(in input: [Unicode.Scalar], from: Int = 0) -> [Range<Int>?]? {
        let slotCount = 2 * (groupCount + 1)
        var clist = ThreadList(size: program.count)
        var nlist = ThreadList(size: program.count)
        var matched: [Int]? = nil
        var pos = from
        var stack: [(pc: Int, caps: [Int])] = []
        while true {
            if matched == nil {
                // Start a new thread here at the lowest priority (unanchored search).
                addThread(&clist, pc: 0, pos: pos, caps: [Int](repeating: -1, count: slotCount), input: input, stack: &stack)
            }
            if clist.count == 0 && matched != nil { break }
            let c: Unicode.Scalar? = pos < input.count ? input[pos] : nil
            for i in 0..<clist.count {
                let pc = clist.pcs[i]
                let caps = clist.caps[i]
                switch program[pc] {
                case .match:
                    matched = caps
                    // Leftmost-first: threads after this one have lower priority; cut them.
                    clist.count = i + 1
                case .char(let s, let fold):
                    if let c, c == s || (fold && RE2.foldEqual(c, s)) {
                        addThread(&nlist, pc: pc + 1, pos: pos + 1, caps: caps, input: input, stack: &stack)
                    }
                case .cls(let cls):
                    if let c, cls.matches(c) {
                        addThread(&nlist, pc: pc + 1, pos: pos + 1, caps: caps, input: input, stack: &stack)
                    }
                case .any(let dotNL):
                    if let c, dotNL || c != "\n" {
                        addThread(&nlist, pc: pc + 1, pos: pos + 1, caps: caps, input: input, stack: &stack)
                    }
                default:
                    break
                }
                if clist.count == i + 1, case .match = program[pc] { break }
            }
            if pos >= input.count { break }
            swap(&clist, &nlist)
            nlist.clear()
            pos += 1
        }
        guard let m = matched else { return nil }
        var out: [Range<Int>?] = []
        out.reserveCapacity(groupCount + 1)
        for g in 0...groupCount {
            let s = m[2 * g], e = m[2 * g + 1]
            out.append(s >= 0 && e >= s ? s..<e : nil)
        }
        return out
    }

    /// All successive non-overlapping matches, as Go's `FindAllStringSubmatchIndex(s, -1)`:
    /// an empty match right after the previous match is skipped.
    func allMatches(in input: [Unicode.Scalar]) -> [[Range<Int>?]] {
        var out: [[Range<Int>?]] = []
        var pos = 0
        var prevEnd = -1
        while pos <= input.count {
            guard let m = firstMatch(in: input, from: pos), let whole = m[0] else { break }
            var accept = true
            if whole.upperBound == pos {
                // An empty match at `pos`; skip it when it abuts the previous match.
                if whole.lowerBound == prevEnd { accept = false }
                pos += 1
            } else {
                pos = whole.upperBound
            }
            prevEnd = whole.upperBound
            if accept { out.append(m) }
        }
        return out
    }

    /// `ReplaceAllString` with Go's template expansion: `$1`, `${1}`, `$name`, `${name}`, `$$`.
    func replaceAll(in string: String, with template: String) -> String {
        let input = Array(string.unicodeScalars)
        var out = String.UnicodeScalarView()
        var last = 0
        for m in allMatches(in: input) {
            let whole = m[0]!
            out.append(contentsOf: input[last..<whole.lowerBound])
            expand(template, match: m, input: input, into: &out)
            last = whole.upperBound
        }
        out.append(contentsOf: input[last...])
        return String(out)
    }

    private func expand(_ template: String, match: [Range<Int>?], input: [Unicode.Scalar], into out: inout String.UnicodeScalarView) {
        let t = Array(template.unicodeScalars)
        var i = 0
        while i < t.count {
            let c = t[i]
            guard c == "$", i + 1 < t.count else {
                out.append(c)
                i += 1
                continue
            }
            if t[i + 1] == "$" {
                out.append("$")
                i += 2
                continue
            }
            var name = ""
            var j = i + 1
            if t[j] == "{" {
                j += 1
                var k = j
                while k < t.count, RE2.isWordChar(t[k]) { k += 1 }
                guard k < t.count, t[k] == "}", k > j else {
                    out.append(c)  // malformed: Go copies the `$` literally
                    i += 1
                    continue
                }
                name = String(String.UnicodeScalarView(t[j..<k]))
                j = k + 1
            } else {
                var k = j
                while k < t.count, RE2.isWordChar(t[k]) { k += 1 }
                guard k > j else {
                    out.append(c)
                    i += 1
                    continue
                }
                name = String(String.UnicodeScalarView(t[j..<k]))
                j = k
            }
            // A number names a group by index, otherwise a named group; unknown names expand to "".
            var group: Int? = nil
            if let n = Int(name) {
                group = n
            } else {
                group = groupNames.firstIndex(where: { $0 == name })
            }
            if let g = group, g < match.count, let r = match[g] {
                out.append(contentsOf: input[r])
            }
            i = j
        }
    }

    private func addThread(_ list: inout ThreadList, pc: Int, pos: Int, caps: [Int], input: [Unicode.Scalar], stack: inout [(pc: Int, caps: [Int])]) {
        // Iterative depth-first walk over empty transitions, preserving priority order
        // (the first branch of a split is explored before the second).
        stack.removeAll(keepingCapacity: true)
        stack.append((pc, caps))
        while let (pc, caps) = stack.popLast() {
            if list.contains(pc) { continue }
            list.mark(pc)
            switch program[pc] {
            case .jmp(let x):
                stack.append((x, caps))
            case .split(let x, let y):
                stack.append((y, caps))
                stack.append((x, caps))
            case .save(let n):
                var c2 = caps
                c2[n] = pos
                stack.append((pc + 1, c2))
            case .assert(let kind):
                if RE2.check(kind, at: pos, in: input) { stack.append((pc + 1, caps)) }
            default:
                list.append(pc, caps)
            }
        }
    }

    private static func check(_ kind: Assertion, at pos: Int, in input: [Unicode.Scalar]) -> Bool {
        let before: Unicode.Scalar? = pos > 0 ? input[pos - 1] : nil
        let after: Unicode.Scalar? = pos < input.count ? input[pos] : nil
        switch kind {
        case .beginText: return pos == 0
        case .endText: return pos == input.count
        case .beginLine: return before == nil || before == "\n"
        case .endLine: return after == nil || after == "\n"
        case .wordBoundary, .notWordBoundary:
            let a = before.map(isWordChar) ?? false
            let b = after.map(isWordChar) ?? false
            return (a != b) == (kind == .wordBoundary)
        }
    }

    static func isWordChar(_ c: Unicode.Scalar) -> Bool {
        (c >= "a" && c <= "z") || (c >= "A" && c <= "Z") || (c >= "0" && c <= "9") || c == "_"
    }

    static func foldEqual(_ a: Unicode.Scalar, _ b: Unicode.Scalar) -> Bool {
        a.properties.lowercaseMapping == b.properties.lowercaseMapping
    }

    // MARK: program

    enum Assertion: Sendable, Equatable {
        case beginText, endText, beginLine, endLine, wordBoundary, notWordBoundary
    }

    enum Inst: Sendable {
        case char(Unicode.Scalar, fold: Bool)
        case cls(CharClass)
        case any(dotNL: Bool)
        case split(Int, Int)
        case jmp(Int)
        case save(Int)
        case assert(Assertion)
        case match
    }

    struct CharClass: Sendable, Equatable {
        var ranges: [ClosedRange<UInt32>] = []
        /// Unicode property tests (`\pL`), by general-category predicate name.
        var properties: [UnicodeProperty] = []
        var negatedProperties: [UnicodeProperty] = []
        var negated = false
        var fold = false

        func matches(_ c: Unicode.Scalar) -> Bool {
            var hit = contains(c)
            if !hit && fold {
                let lower = c.properties.lowercaseMapping.unicodeScalars
                let upper = c.properties.uppercaseMapping.unicodeScalars
                if lower.count == 1, let l = lower.first, l != c { hit = contains(l) }
                if !hit, upper.count == 1, let u = upper.first, u != c { hit = contains(u) }
            }
            return hit != negated
        }

        private func contains(_ c: Unicode.Scalar) -> Bool {
            let v = c.value
            for r in ranges where r.contains(v) { return true }
            for p in properties where p.matches(c) { return true }
            for p in negatedProperties where !p.matches(c) { return true }
            return false
        }
    }

    enum UnicodeProperty: Sendable, Equatable {
        case letter, upper, lower, digit, number, punctuation, space, symbol, mark, control

        func matches(_ c: Unicode.Scalar) -> Bool {
            let cat = c.properties.generalCategory
            switch self {
            case .letter: return c.properties.isAlphabetic && [.uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter].contains(cat)
            case .upper: return cat == .uppercaseLetter
            case .lower: return cat == .lowercaseLetter
            case .digit: return cat == .decimalNumber
            case .number: return [.decimalNumber, .letterNumber, .otherNumber].contains(cat)
            case .punctuation: return [.connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation, .initialPunctuation, .finalPunctuation, .otherPunctuation].contains(cat)
            case .space: return [.spaceSeparator, .lineSeparator, .paragraphSeparator].contains(cat)
            case .symbol: return [.mathSymbol, .currencySymbol, .modifierSymbol, .otherSymbol].contains(cat)
            case .mark: return [.nonspacingMark, .spacingMark, .enclosingMark].contains(cat)
            case .control: return cat == .control
            }
        }
    }

    /// Sparse set of program counters plus the threads (pc, captures) in priority order.
    private struct ThreadList {
        var dense: [Int]
        var sparse: [Int]
        var pcs: [Int] = []
        var caps: [[Int]] = []
        var count = 0
        private var marked = 0

        init(size: Int) {
            dense = [Int](repeating: 0, count: size)
            sparse = [Int](repeating: 0, count: size)
        }

        func contains(_ pc: Int) -> Bool {
            let i = sparse[pc]
            return i < marked && dense[i] == pc
        }

        mutating func mark(_ pc: Int) {
            sparse[pc] = marked
            dense[marked] = pc
            marked += 1
        }

        mutating func append(_ pc: Int, _ c: [Int]) {
            if count < pcs.count {
                pcs[count] = pc
                caps[count] = c
            } else {
                pcs.append(pc)
                caps.append(c)
            }
            count += 1
        }

        mutating func clear() {
            count = 0
            marked = 0
        }
    }

    // MARK: syntax tree

    indirect enum Node {
        case empty
        case literal(Unicode.Scalar, fold: Bool)
        case cls(CharClass)
        case any(dotNL: Bool)
        case assert(Assertion)
        case group(Node, index: Int?)
        case concat([Node])
        case alternate([Node])
        case repeatRange(Node, min: Int, max: Int?, greedy: Bool)
    }

    struct Flags {
        var caseInsensitive = false
        var multiLine = false
        var dotNL = false
        var ungreedy = false
    }

    struct Parser {
        let p: [Unicode.Scalar]
        var i = 0
        var groupCount = 0
        var names: [String?] = []
        var depth = 0

        init(pattern: [Unicode.Scalar]) { p = pattern }

        mutating func parse() throws(SyntaxError) -> Node {
            var flags = Flags()
            let n = try alternation(&flags)
            if i < p.count {
                throw SyntaxError(message: "unexpected ): `\(String(String.UnicodeScalarView(p)))`")
            }
            return n
        }

        private mutating func alternation(_ flags: inout Flags) throws(SyntaxError) -> Node {
            var branches: [Node] = [try concatenation(&flags)]
            while i < p.count, p[i] == "|" {
                i += 1
                branches.append(try concatenation(&flags))
            }
            return branches.count == 1 ? branches[0] : .alternate(branches)
        }

        private mutating func concatenation(_ flags: inout Flags) throws(SyntaxError) -> Node {
            var items: [Node] = []
            while i < p.count, p[i] != "|", p[i] != ")" {
                guard let atom = try atom(&flags) else { continue }
                items.append(try quantified(atom, flags: flags))
            }
            if items.isEmpty { return .empty }
            return items.count == 1 ? items[0] : .concat(items)
        }

        private mutating func quantified(_ atom: Node, flags: Flags) throws(SyntaxError) -> Node {
            var node = atom
            var quantifiedOnce = false
            while i < p.count {
                var minCount = 0
                var maxCount: Int? = nil
                let start = i
                switch p[i] {
                case "*": i += 1
                case "+": minCount = 1; i += 1
                case "?": maxCount = 1; i += 1
                case "{":
                    guard let (lo, hi) = try repeatBounds() else { return node }
                    minCount = lo
                    maxCount = hi
                default:
                    return node
                }
                if quantifiedOnce {
                    throw SyntaxError(message: "invalid nested repetition operator: `\(String(String.UnicodeScalarView(p[start..<i])))`")
                }
                if case .empty = node {
                    throw SyntaxError(message: "missing argument to repetition operator: `\(String(String.UnicodeScalarView(p[start..<i])))`")
                }
                var greedy = true
                if i < p.count, p[i] == "?" {
                    greedy = false
                    i += 1
                }
                if flags.ungreedy { greedy.toggle() }
                node = .repeatRange(node, min: minCount, max: maxCount, greedy: greedy)
                quantifiedOnce = true
            }
            return node
        }

        /// Parses `{n}`, `{n,}`, `{n,m}` at `i`; nil (and `{` taken literally) when malformed, as RE2 does.
        private mutating func repeatBounds() throws(SyntaxError) -> (Int, Int?)? {
            var j = i + 1
            func number(_ j: inout Int) -> Int? {
                var v = 0
                let s = j
                while j < p.count, p[j] >= "0", p[j] <= "9" {
                    v = min(v * 10 + Int(p[j].value - 0x30), 100_000)
                    j += 1
                }
                return j > s ? v : nil
            }
            guard let lo = number(&j) else { return nil }
            var hi: Int? = lo
            if j < p.count, p[j] == "," {
                j += 1
                hi = number(&j)
            }
            guard j < p.count, p[j] == "}" else { return nil }
            let raw = String(String.UnicodeScalarView(p[i...j]))
            if lo > RE2.maxRepeat || (hi ?? 0) > RE2.maxRepeat || (hi != nil && hi! < lo) {
                throw SyntaxError(message: "invalid repeat count: `\(raw)`")
            }
            i = j + 1
            return (lo, hi)
        }

        private mutating func atom(_ flags: inout Flags) throws(SyntaxError) -> Node? {
            let c = p[i]
            switch c {
            case "(":
                return try group(&flags)
            case "[":
                return .cls(try charClass(flags))
            case ".":
                i += 1
                return .any(dotNL: flags.dotNL)
            case "^":
                i += 1
                return .assert(flags.multiLine ? .beginLine : .beginText)
            case "$":
                i += 1
                return .assert(flags.multiLine ? .endLine : .endText)
            case "\\":
                return try escape(flags)
            case "*", "+", "?":
                throw SyntaxError(message: "missing argument to repetition operator: `\(String(c))`")
            default:
                i += 1
                return .literal(c, fold: flags.caseInsensitive)
            }
        }

        private mutating func group(_ flags: inout Flags) throws(SyntaxError) -> Node? {
            depth += 1
            defer { depth -= 1 }
            if depth > RE2.maxNesting { throw SyntaxError(message: "expression nests too deeply") }
            i += 1
            var index: Int? = nil
            var inner = flags
            if i < p.count, p[i] == "?" {
                i += 1
                if i < p.count, p[i] == "P" || p[i] == "<" {
                    if p[i] == "P" { i += 1 }
                    guard i < p.count, p[i] == "<" else { throw SyntaxError(message: "invalid or unsupported Perl syntax: `(?P`") }
                    i += 1
                    var name = ""
                    while i < p.count, p[i] != ">" {
                        guard RE2.isWordChar(p[i]) else { throw SyntaxError(message: "invalid named capture: `\(name)`") }
                        name.unicodeScalars.append(p[i])
                        i += 1
                    }
                    guard i < p.count, !name.isEmpty else { throw SyntaxError(message: "invalid named capture: `\(name)`") }
                    i += 1
                    if names.contains(name) { throw SyntaxError(message: "duplicate capture group name: `\(name)`") }
                    groupCount += 1
                    index = groupCount
                    names.append(name)
                } else {
                    // Flags: (?flags) or (?flags:re)
                    var negate = false
                    var sawFlag = false
                    while i < p.count {
                        let f = p[i]
                        i += 1
                        switch f {
                        case "i": inner.caseInsensitive = !negate; sawFlag = true
                        case "m": inner.multiLine = !negate; sawFlag = true
                        case "s": inner.dotNL = !negate; sawFlag = true
                        case "U": inner.ungreedy = !negate; sawFlag = true
                        case "-":
                            if negate { throw SyntaxError(message: "invalid or unsupported Perl syntax: `(?-`") }
                            negate = true
                        case ")":
                            guard sawFlag else { throw SyntaxError(message: "missing argument to flags") }
                            flags = inner  // applies to the rest of the enclosing group
                            return nil
                        case ":":
                            let body = try alternation(&inner)
                            guard i < p.count, p[i] == ")" else { throw SyntaxError(message: "missing closing ): `\(String(String.UnicodeScalarView(p)))`") }
                            i += 1
                            return .group(body, index: nil)
                        default:
                            throw SyntaxError(message: "invalid or unsupported Perl syntax: `(?\(String(f))`")
                        }
                    }
                    throw SyntaxError(message: "missing closing ): `\(String(String.UnicodeScalarView(p)))`")
                }
            } else {
                groupCount += 1
                index = groupCount
                names.append(nil)
            }
            let body = try alternation(&inner)
            guard i < p.count, p[i] == ")" else {
                throw SyntaxError(message: "missing closing ): `\(String(String.UnicodeScalarView(p)))`")
            }
            i += 1
            return .group(body, index: index)
        }

        private mutating func escape(_ flags: Flags) throws(SyntaxError) -> Node {
            i += 1
            guard i < p.count else { throw SyntaxError(message: "trailing backslash at end of expression") }
            let c = p[i]
            i += 1
            switch c {
            case "A": return .assert(.beginText)
            case "z": return .assert(.endText)
            case "b": return .assert(.wordBoundary)
            case "B": return .assert(.notWordBoundary)
            default:
                i -= 2
                var cls = CharClass(fold: flags.caseInsensitive)
                if try classEscape(into: &cls) {
                    return .cls(cls)
                }
                // a single literal was put in the class
                let r = cls.ranges[0]
                return .literal(Unicode.Scalar(r.lowerBound)!, fold: flags.caseInsensitive)
            }
        }

        /// Parses an escape at `i` (which points at the backslash) into `cls`. Returns true if it
        /// was a class escape (`\d`, `\pL`), false if it was a single literal character.
        private mutating func classEscape(into cls: inout CharClass) throws(SyntaxError) -> Bool {
            i += 1
            guard i < p.count else { throw SyntaxError(message: "trailing backslash at end of expression") }
            let c = p[i]
            i += 1
            func add(_ r: [ClosedRange<UInt32>], negated: Bool) {
                if negated { cls.ranges += RE2.complement(r) } else { cls.ranges += r }
            }
            switch c {
            case "d": add(RE2.digitRanges, negated: false); return true
            case "D": add(RE2.digitRanges, negated: true); return true
            case "s": add(RE2.spaceRanges, negated: false); return true
            case "S": add(RE2.spaceRanges, negated: true); return true
            case "w": add(RE2.wordRanges, negated: false); return true
            case "W": add(RE2.wordRanges, negated: true); return true
            case "p", "P":
                var name = ""
                if i < p.count, p[i] == "{" {
                    i += 1
                    while i < p.count, p[i] != "}" { name.unicodeScalars.append(p[i]); i += 1 }
                    guard i < p.count else { throw SyntaxError(message: "invalid character class range: `\\\(String(c)){\(name)`") }
                    i += 1
                } else if i < p.count {
                    name = String(p[i])
                    i += 1
                }
                var negated = c == "P"
                if name.hasPrefix("^") { negated.toggle(); name.removeFirst() }
                guard let prop = RE2.property(named: name) else {
                    throw SyntaxError(message: "invalid character class range: `\\\(String(c)){\(name)}`")
                }
                if negated { cls.negatedProperties.append(prop) } else { cls.properties.append(prop) }
                return true
            case "n": cls.ranges.append(0x0A...0x0A)
            case "t": cls.ranges.append(0x09...0x09)
            case "r": cls.ranges.append(0x0D...0x0D)
            case "f": cls.ranges.append(0x0C...0x0C)
            case "v": cls.ranges.append(0x0B...0x0B)
            case "a": cls.ranges.append(0x07...0x07)
            case "x":
                var hex = ""
                if i < p.count, p[i] == "{" {
                    i += 1
                    while i < p.count, p[i] != "}" { hex.unicodeScalars.append(p[i]); i += 1 }
                    i += 1
                } else {
                    for _ in 0..<2 where i < p.count { hex.unicodeScalars.append(p[i]); i += 1 }
                }
                guard let v = UInt32(hex, radix: 16), v <= 0x10FFFF else {
                    throw SyntaxError(message: "invalid escape sequence: `\\x\(hex)`")
                }
                cls.ranges.append(v...v)
            case "0", "1", "2", "3", "4", "5", "6", "7":
                // Octal escapes (\0, \012) as RE2 accepts; backreferences (\1) are not supported by RE2.
                if c != "0" && !(i < p.count && ("0"..."7").contains(p[i])) {
                    throw SyntaxError(message: "invalid escape sequence: `\\\(String(c))`")
                }
                var v = c.value - 0x30
                var n = 1
                while n < 3, i < p.count, ("0"..."7").contains(p[i]) { v = v * 8 + (p[i].value - 0x30); i += 1; n += 1 }
                cls.ranges.append(v...v)
            default:
                // Only punctuation may be escaped to stand for itself.
                if c.value < 0x80, !(RE2.isWordChar(c)) {
                    cls.ranges.append(c.value...c.value)
                } else {
                    throw SyntaxError(message: "invalid escape sequence: `\\\(String(c))`")
                }
            }
            return false
        }

        private mutating func charClass(_ flags: Flags) throws(SyntaxError) -> CharClass {
            let start = i
            i += 1
            var cls = CharClass(fold: flags.caseInsensitive)
            if i < p.count, p[i] == "^" {
                cls.negated = true
                i += 1
            }
            var first = true
            while i < p.count, p[i] != "]" || first {
                first = false
                // POSIX class [:alpha:]
                if p[i] == "[", i + 1 < p.count, p[i + 1] == ":" {
                    if let end = (i + 2..<p.count).first(where: { p[$0] == ":" && $0 + 1 < p.count && p[$0 + 1] == "]" }) {
                        var name = String(String.UnicodeScalarView(p[(i + 2)..<end]))
                        var neg = false
                        if name.hasPrefix("^") { neg = true; name.removeFirst() }
                        guard let r = RE2.posixClass(name) else {
                            throw SyntaxError(message: "invalid character class range: `[:\(name):]`")
                        }
                        cls.ranges += neg ? RE2.complement(r) : r
                        i = end + 2
                        continue
                    }
                }
                var lo: UInt32
                if p[i] == "\\" {
                    var single = CharClass()
                    if try classEscape(into: &single) {
                        cls.ranges += single.ranges
                        cls.properties += single.properties
                        cls.negatedProperties += single.negatedProperties
                        continue
                    }
                    lo = single.ranges[0].lowerBound
                } else {
                    lo = p[i].value
                    i += 1
                }
                var hi = lo
                if i + 1 < p.count, p[i] == "-", p[i + 1] != "]" {
                    i += 1
                    if p[i] == "\\" {
                        var single = CharClass()
                        if try classEscape(into: &single) {
                            throw SyntaxError(message: "invalid character class range")
                        }
                        hi = single.ranges[0].lowerBound
                    } else {
                        hi = p[i].value
                        i += 1
                    }
                    if hi < lo {
                        throw SyntaxError(message: "invalid character class range: `\(String(Unicode.Scalar(lo)!))-\(String(Unicode.Scalar(hi)!))`")
                    }
                }
                cls.ranges.append(lo...hi)
            }
            guard i < p.count else {
                throw SyntaxError(message: "missing closing ]: `\(String(String.UnicodeScalarView(p[start...])))`")
            }
            i += 1
            return cls
        }
    }

    static let digitRanges: [ClosedRange<UInt32>] = [0x30...0x39]
    static let spaceRanges: [ClosedRange<UInt32>] = [0x09...0x0A, 0x0C...0x0D, 0x20...0x20]
    static let wordRanges: [ClosedRange<UInt32>] = [0x30...0x39, 0x41...0x5A, 0x5F...0x5F, 0x61...0x7A]

    static func complement(_ ranges: [ClosedRange<UInt32>]) -> [ClosedRange<UInt32>] {
        let sorted = ranges.sorted { $0.lowerBound < $1.lowerBound }
        var out: [ClosedRange<UInt32>] = []
        var next: UInt32 = 0
        for r in sorted {
            if r.lowerBound > next { out.append(next...(r.lowerBound - 1)) }
            next = max(next, r.upperBound + 1)
        }
        if next <= 0x10FFFF { out.append(next...0x10FFFF) }
        return out
    }

    static func posixClass(_ name: String) -> [ClosedRange<UInt32>]? {
        switch name {
        case "alnum": [0x30...0x39, 0x41...0x5A, 0x61...0x7A]
        case "alpha": [0x41...0x5A, 0x61...0x7A]
        case "ascii": [0x00...0x7F]
        case "blank": [0x09...0x09, 0x20...0x20]
        case "cntrl": [0x00...0x1F, 0x7F...0x7F]
        case "digit": [0x30...0x39]
        case "graph": [0x21...0x7E]
        case "lower": [0x61...0x7A]
        case "print": [0x20...0x7E]
        case "punct": [0x21...0x2F, 0x3A...0x40, 0x5B...0x60, 0x7B...0x7E]
        case "space": [0x09...0x0D, 0x20...0x20]
        case "upper": [0x41...0x5A]
        case "word": wordRanges
        case "xdigit": [0x30...0x39, 0x41...0x46, 0x61...0x66]
        default: nil
        }
    }

    static func property(named name: String) -> UnicodeProperty? {
        switch name {
        case "L": .letter
        case "Lu": .upper
        case "Ll": .lower
        case "N": .number
        case "Nd": .digit
        case "P": .punctuation
        case "Z", "Zs": .space
        case "S": .symbol
        case "M": .mark
        case "Cc": .control
        default: nil
        }
    }

    // MARK: compiler

    struct Compiler {
        var program: [Inst] = []

        mutating func emit(_ i: Inst) {
            program.append(i)
        }

        mutating func compile(_ node: Node) throws(SyntaxError) {
            if program.count > RE2.maxProgramSize {
                throw SyntaxError(message: "expression too large")
            }
            switch node {
            case .empty:
                break
            case .literal(let c, let fold):
                emit(.char(c, fold: fold))
            case .cls(let cls):
                emit(.cls(cls))
            case .any(let dotNL):
                emit(.any(dotNL: dotNL))
            case .assert(let a):
                emit(.assert(a))
            case .group(let body, let index):
                if let g = index { emit(.save(2 * g)) }
                try compile(body)
                if let g = index { emit(.save(2 * g + 1)) }
            case .concat(let items):
                for n in items { try compile(n) }
            case .alternate(let branches):
                // split L1, next; L1: a; jmp end; next: split L2, ...; last
                var jumps: [Int] = []
                for (k, b) in branches.enumerated() {
                    if k < branches.count - 1 {
                        let split = program.count
                        emit(.split(split + 1, -1))
                        try compile(b)
                        jumps.append(program.count)
                        emit(.jmp(-1))
                        program[split] = .split(split + 1, program.count)
                    } else {
                        try compile(b)
                    }
                }
                for j in jumps { program[j] = .jmp(program.count) }
            case .repeatRange(let body, let lo, let hi, let greedy):
                for _ in 0..<lo { try compile(body) }
                if let hi {
                    // (body)? repeated hi-lo times, nested: x{2,4} = xx(x(x)?)?
                    var splits: [Int] = []
                    for _ in lo..<hi {
                        splits.append(program.count)
                        emit(.split(-1, -1))
                        try compile(body)
                    }
                    for s in splits {
                        program[s] = greedy ? .split(s + 1, program.count) : .split(program.count, s + 1)
                    }
                } else {
                    // star: L: split body, end; body; jmp L
                    let l = program.count
                    emit(.split(-1, -1))
                    try compile(body)
                    emit(.jmp(l))
                    program[l] = greedy ? .split(l + 1, program.count) : .split(program.count, l + 1)
                }
            }
        }
    }
}
