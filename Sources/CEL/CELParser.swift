/// Recursive-descent parser for CEL (grammar in langdef "Syntax"), expanding macros as it goes.
///
/// Never throws or traps on bad input: the first problem stops the parse and is reported with
/// line:column. Nesting is bounded by `CELLimits.maxNestingDepth`, counted on every recursion
/// and on every link of a left-associative chain, so neither the parser nor the evaluator
/// can exhaust the stack.
struct CELParser {
    var lexer: CELLexer
    var token: CELToken = .eof
    var tokenStart = 0
    var depth = 0
    let limits: CELLimits
    var error: (String, Int)?

    init(_ source: String, limits: CELLimits) {
        self.limits = limits
        lexer = CELLexer(source, maxLiteralBytes: limits.maxLiteralBytes)
        advance()
    }

    static func parse(_ source: String, limits: CELLimits) -> Result<CELExpr, CELCompileError> {
        if source.utf8.count > limits.maxSourceBytes {
            return .failure(CELCompileError(message: "expression longer than \(limits.maxSourceBytes) bytes", line: 1, column: 1))
        }
        var p = CELParser(source, limits: limits)
        let e = p.parseExpr()
        if p.error == nil, p.token != .eof { p.fail("unexpected \(p.describe(p.token)) after the expression") }
        if let (message, offset) = p.error {
            let (line, column) = p.lineColumn(offset)
            return .failure(CELCompileError(message: message, line: line, column: column))
        }
        return .success(e!)
    }

    private func lineColumn(_ offset: Int) -> (Int, Int) {
        var line = 1, col = 1
        var i = 0
        let b = lexer.bytes
        while i < min(offset, b.count) {
            if b[i] == 10 { line += 1; col = 1 } else if b[i] & 0xC0 != 0x80 { col += 1 }
            i += 1
        }
        return (line, col)
    }

    // MARK: token helpers

    mutating func advance() {
        (token, tokenStart) = lexer.next()
        if case .invalid(let m) = token, error == nil { error = (m, tokenStart) }
    }

    mutating func fail(_ message: String, at offset: Int? = nil) {
        if error == nil { error = (message, offset ?? tokenStart) }
        token = .eof
    }

    func isPunct(_ s: String) -> Bool {
        if case .punct(let p) = token { return p == s }
        return false
    }

    mutating func accept(_ s: String) -> Bool {
        if isPunct(s) { advance(); return true }
        return false
    }

    mutating func expect(_ s: String) -> Bool {
        if accept(s) { return true }
        fail("expected '\(s)' but found \(describe(token))")
        return false
    }

    func describe(_ t: CELToken) -> String {
        switch t {
        case .eof: return "end of input"
        case .ident(let s): return "'\(s)'"
        case .punct(let p): return "'\(p)'"
        case .invalid(let m): return m
        default: return "literal"
        }
    }

    /// Enters one nesting level; false (with an error) beyond the limit.
    mutating func enter() -> Bool {
        depth += 1
        if depth > limits.maxNestingDepth {
            fail("expression nested more than \(limits.maxNestingDepth) levels deep")
            return false
        }
        return true
    }

    // MARK: grammar

    mutating func parseExpr() -> CELExpr? {
        guard enter() else { return nil }
        defer { depth -= 1 }
        guard let c = parseOr() else { return nil }
        if accept("?") {
            guard let t = parseOr(), expect(":"), let f = parseExpr() else { return nil }
            return .conditional(c, t, f)
        }
        return c
    }

    mutating func parseOr() -> CELExpr? {
        guard let first = parseAnd() else { return nil }
        guard isPunct("||") else { return first }
        var terms = [first]
        while accept("||") {
            guard let t = parseAnd() else { return nil }
            terms.append(t)
        }
        return .or(terms)
    }

    mutating func parseAnd() -> CELExpr? {
        guard let first = parseRelation() else { return nil }
        guard isPunct("&&") else { return first }
        var terms = [first]
        while accept("&&") {
            guard let t = parseRelation() else { return nil }
            terms.append(t)
        }
        return .and(terms)
    }

    /// Left-associative binary chains; each link is one level of nesting in the tree.
    mutating func parseRelation() -> CELExpr? {
        let saved = depth
        defer { depth = saved }
        guard var lhs = parseAddition() else { return nil }
        while true {
            let op: String
            switch token {
            case .punct("<"): op = "_<_"
            case .punct("<="): op = "_<=_"
            case .punct(">"): op = "_>_"
            case .punct(">="): op = "_>=_"
            case .punct("=="): op = "_==_"
            case .punct("!="): op = "_!=_"
            case .kwIn: op = "@in"
            default: return lhs
            }
            advance()
            guard enter(), let rhs = parseAddition() else { return nil }
            lhs = .call(op, target: nil, args: [lhs, rhs])
        }
    }

    mutating func parseAddition() -> CELExpr? {
        let saved = depth
        defer { depth = saved }
        guard var lhs = parseMultiplication() else { return nil }
        while true {
            let op: String
            if isPunct("+") { op = "_+_" } else if isPunct("-") { op = "_-_" } else { return lhs }
            advance()
            guard enter(), let rhs = parseMultiplication() else { return nil }
            lhs = .call(op, target: nil, args: [lhs, rhs])
        }
    }

    mutating func parseMultiplication() -> CELExpr? {
        let saved = depth
        defer { depth = saved }
        guard var lhs = parseUnary() else { return nil }
        while true {
            let op: String
            if isPunct("*") { op = "_*_" } else if isPunct("/") { op = "_/_" } else if isPunct("%") { op = "_%_" } else { return lhs }
            advance()
            guard enter(), let rhs = parseUnary() else { return nil }
            lhs = .call(op, target: nil, args: [lhs, rhs])
        }
    }

    mutating func parseUnary() -> CELExpr? {
        if isPunct("!") {
            var n = 0
            while accept("!") { n += 1 }
            guard let m = parseMember() else { return nil }
            // As the reference parsers do: an even run of `!` leaves the operand as is.
            return n % 2 == 0 ? m : .call("!_", target: nil, args: [m])
        }
        if isPunct("-") {
            var n = 0
            while accept("-") { n += 1 }
            // `-` directly before a number is part of the literal (grammar: `MINUS? NUM_INT`),
            // which is how `-9223372036854775808` is representable.
            if n == 1 {
                switch token {
                case .int(let i): advance(); return parseMemberSuffix(.literal(.int(-i)))
                case .bigInt: advance(); return parseMemberSuffix(.literal(.int(Int64.min)))
                case .double(let d): advance(); return parseMemberSuffix(.literal(.double(-d)))
                default: break
                }
            }
            guard let m = parseMember() else { return nil }
            return n % 2 == 0 ? m : .call("-_", target: nil, args: [m])
        }
        return parseMember()
    }

    mutating func parseMember() -> CELExpr? {
        guard let p = parsePrimary() else { return nil }
        return parseMemberSuffix(p)
    }

    mutating func parseMemberSuffix(_ start: CELExpr) -> CELExpr? {
        let saved = depth
        defer { depth = saved }
        var e = start
        while true {
            if accept(".") {
                guard enter() else { return nil }
                let optional = accept("?")
                guard case .ident(let name) = token else {
                    fail("expected a field name after '.' but found \(describe(token))")
                    return nil
                }
                let nameAt = tokenStart
                advance()
                if !optional && isPunct("(") {
                    advance()
                    guard let args = parseArgs(close: ")") else { return nil }
                    guard let m = expandReceiver(name, target: e, args: args, at: nameAt) else { return nil }
                    e = m
                } else {
                    e = .select(e, name, testOnly: false, optional: optional)
                }
            } else if accept("[") {
                guard enter() else { return nil }
                let optional = accept("?")
                guard let i = parseExpr(), expect("]") else { return nil }
                e = .index(e, i, optional: optional)
            } else if isPunct("{"), let name = qualifiedName(e) {
                advance()
                guard let fields = parseEntries(message: true) else { return nil }
                e = .message(name, fields)
            } else {
                return e
            }
        }
    }

    func qualifiedName(_ e: CELExpr) -> String? {
        switch e {
        case .ident(let n): return n
        case .select(let o, let f, false, false): return qualifiedName(o).map { $0 + "." + f }
        default: return nil
        }
    }

    mutating func parsePrimary() -> CELExpr? {
        let at = tokenStart
        switch token {
        case .int(let i): advance(); return .literal(.int(i))
        case .bigInt: fail("invalid int literal"); return nil
        case .uint(let u): advance(); return .literal(.uint(u))
        case .double(let d): advance(); return .literal(.double(d))
        case .string(let s): advance(); return .literal(.string(s))
        case .bytes(let b): advance(); return .literal(.bytes(b))
        case .kwTrue: advance(); return .literal(.bool(true))
        case .kwFalse: advance(); return .literal(.bool(false))
        case .kwNull: advance(); return .literal(.null)
        case .ident(let name):
            if CELLexer.reserved.contains(name) { fail("reserved identifier '\(name)'"); return nil }
            advance()
            if accept("(") {
                guard let args = parseArgs(close: ")") else { return nil }
                return expandGlobal(name, args: args, at: at)
            }
            return .ident(name)
        case .punct("."):
            advance()
            guard case .ident(let name) = token else { fail("expected an identifier after '.'"); return nil }
            advance()
            if accept("(") {
                guard let args = parseArgs(close: ")") else { return nil }
                return .call(name, target: nil, args: args)
            }
            return .ident(name)
        case .punct("("):
            advance()
            guard let e = parseExpr(), expect(")") else { return nil }
            return e
        case .punct("["):
            advance()
            var elems: [CELExpr] = [], opt: [Bool] = []
            if isPunct(","), case .punct("]") = peekAfterComma() { advance() }
            while !isPunct("]") {
                let o = accept("?")
                guard let e = parseExpr() else { return nil }
                elems.append(e); opt.append(o)
                if !accept(",") { break }
            }
            guard expect("]") else { return nil }
            return .list(elems, optionalAt: opt)
        case .punct("{"):
            advance()
            guard let entries = parseEntries(message: false) else { return nil }
            return .map(entries)
        case .eof:
            fail("unexpected end of input")
            return nil
        default:
            fail("unexpected \(describe(token))")
            return nil
        }
    }

    /// The token after the current `,` (for the reference grammar's `[,]` and `{,}`).
    func peekAfterComma() -> CELToken {
        var l = lexer
        return l.next().0
    }

    /// Call arguments: no trailing comma (unlike list and map literals).
    mutating func parseArgs(close: String) -> [CELExpr]? {
        var args: [CELExpr] = []
        if !isPunct(close) {
            repeat {
                guard let e = parseExpr() else { return nil }
                args.append(e)
            } while accept(",")
        }
        guard expect(close) else { return nil }
        return args
    }

    /// Map entries `k: v` or message fields `name: v`, each optionally prefixed by `?`.
    mutating func parseEntries(message: Bool) -> [CELMapEntry]? {
        var entries: [CELMapEntry] = []
        if !message, isPunct(","), case .punct("}") = peekAfterComma() { advance() }
        while !isPunct("}") {
            let o = accept("?")
            let key: CELExpr
            if message {
                guard case .ident(let f) = token else { fail("expected a field name"); return nil }
                advance()
                key = .literal(.string(f))
            } else {
                guard let k = parseExpr() else { return nil }
                key = k
            }
            guard expect(":"), let v = parseExpr() else { return nil }
            entries.append(CELMapEntry(key: key, value: v, optional: o))
            if !accept(",") { break }
        }
        guard expect("}") else { return nil }
        return entries
    }

    // MARK: macros (langdef "Macros")

    mutating func expandGlobal(_ name: String, args: [CELExpr], at: Int) -> CELExpr? {
        if name == "has" && args.count == 1 {
            guard case .select(let operand, let field, false, false) = args[0] else {
                fail("invalid argument to has() macro", at: at)
                return nil
            }
            return .select(operand, field, testOnly: true, optional: false)
        }
        return .call(name, target: nil, args: args)
    }

    mutating func expandReceiver(_ name: String, target: CELExpr, args: [CELExpr], at: Int) -> CELExpr? {
        let kind: CELComprehension.Kind?
        switch (name, args.count) {
        case ("all", 2): kind = .all
        case ("exists", 2): kind = .exists
        case ("exists_one", 2): kind = .existsOne
        case ("map", 2): kind = .map
        case ("map", 3): kind = .mapFilter
        case ("filter", 2): kind = .filter
        case ("optMap", 2): kind = .optMap
        case ("optFlatMap", 2): kind = .optFlatMap
        default: kind = nil
        }
        if let kind {
            guard case .ident(let v) = args[0] else {
                fail("argument is not an identifier", at: at)
                return nil
            }
            let body = kind == .mapFilter ? args[2] : args[1]
            return .comprehension(CELComprehension(kind: kind, range: target, variable: v, body: body,
                                                   filter: kind == .mapFilter ? args[1] : nil))
        }
        if case .ident("math") = target, name == "greatest" || name == "least" {
            if args.isEmpty { fail("math.\(name)() requires at least one argument", at: at); return nil }
            if args.count == 1, case .list(let items, _) = args[0] {
                let numeric = items.allSatisfy {
                    switch $0 {
                    case .literal(.int), .literal(.uint), .literal(.double): return true
                    case .literal, .list, .map: return false
                    default: return true
                    }
                }
                if items.isEmpty || !numeric { fail("math.\(name)() invalid single argument value", at: at); return nil }
            }
            for a in args {
                switch a {
                case .literal(.int), .literal(.uint), .literal(.double), .list, .ident, .select, .call, .index,
                     .comprehension, .conditional:
                    continue
                default:
                    fail("math.\(name)() invalid argument", at: at)
                    return nil
                }
            }
            if args.count == 1, case .literal = args[0] { return args[0] }
        }
        return .call(name, target: target, args: args)
    }
}

/// Bounds on what a compiled expression may contain or do. The defaults keep parsing and
/// evaluation far from the stack's capacity (each nesting level costs a few stack frames) and
/// memory bounded on hostile input.
public struct CELLimits: Sendable, Hashable {
    /// Maximum nesting of the expression tree (parentheses aside). cel-go allows 250; the
    /// oracle's C++ build 32. 100 keeps the recursive parser and evaluator well inside a
    /// 512 KiB thread stack even in debug builds.
    public var maxNestingDepth = 100
    /// Maximum size of the whole expression's source.
    public var maxSourceBytes = 4 << 20
    /// Maximum size of one string or bytes literal.
    public var maxLiteralBytes = 1 << 20
    /// Maximum number of instructions of one compiled regular expression.
    public var maxRegexProgramSize = 10_000
    /// Maximum number of comprehension iterations and regex steps of one evaluation (cost).
    public var maxEvaluationCost = 10_000_000

    public init() {}
}
