/// The HCL native-syntax parser: recursive descent over `Lexer` tokens, following
/// hashicorp/hcl `hclsyntax/parser.go` (2.14) in structure, recovery and diagnostics, so that
/// files the reference accepts are accepted with the same tree and files it rejects are
/// rejected. It never throws and never crashes on bad input: errors become diagnostics and
/// parsing resumes at the next body item.
///
/// Limits: expressions and blocks nest at most `maxDepth` levels (deeper input gets a
/// "Nesting too deep" diagnostic and is skipped), so no recursion — here or in the
/// evaluator — can exhaust the stack.
public enum Parser {
    /// Maximum nesting of blocks and expressions (brackets, calls, templates, operators...).
    public static let maxDepth = 128
    /// At most this many diagnostics are reported per file (then one "Too many errors").
    public static let maxDiagnostics = 1000

    /// Parses a native-syntax configuration file.
    public static func parse(bytes: [UInt8], filename: String) -> (File, [Diagnostic]) {
        let lines = LineTable(filename: filename, bytes: bytes)
        return bytes.withUnsafeBufferPointer { buf in
            let tokens = Lexer.scan(buf)
            var p = NativeParser(buf, tokens: tokens)
            p.checkInvalidTokens()
            let body = p.parseBody(end: .eof)
            var comments: [Comment] = []
            for t in tokens where t.kind == .comment {
                comments.append(Comment(range: t.range, text: commentText(buf, t)))
            }
            let file = File(filename: filename, body: body, comments: comments, lineTable: lines)
            return (file, p.diagnostics(lines))
        }
    }

    public static func parse(text: String, filename: String) -> (File, [Diagnostic]) {
        parse(bytes: Array(text.utf8), filename: filename)
    }

    /// Parses a standalone expression (`hclsyntax.ParseExpression`), newlines ignored.
    public static func parseExpression(bytes: [UInt8], filename: String) -> (Expression, [Diagnostic]) {
        parseExpression(bytes: bytes, offset: 0, lines: LineTable(filename: filename, bytes: bytes))
    }

    /// Parses an expression embedded in a larger file (a JSON string holding a reference or
    /// type expression); ranges are shifted by `offset`, `lines` resolves them.
    package static func parseExpression(bytes: [UInt8], offset: Int, lines: LineTable) -> (Expression, [Diagnostic]) {
        bytes.withUnsafeBufferPointer { buf in
            var p = NativeParser(buf, tokens: Lexer.scan(buf), base: offset)
            p.checkInvalidTokens()
            p.pushNewlines(false)
            let e = p.parseExpression()
            let next = p.peek()
            if next.kind != .eof && !p.recovery {
                p.error("Extra characters after expression",
                        "An expression was successfully parsed, but extra characters were found after it.", next.range)
            }
            p.popNewlines()
            return (e, p.diagnostics(lines))
        }
    }

    /// Parses a bare template (the content of a JSON string, or a template file):
    /// literal text with `${...}` interpolations and `%{...}` directives. Ranges are shifted
    /// by `offset` so they point into the enclosing file; `lines` resolves them.
    package static func parseTemplate(bytes: [UInt8], offset: Int, lines: LineTable) -> (Expression, [Diagnostic]) {
        bytes.withUnsafeBufferPointer { buf in
            var p = NativeParser(buf, tokens: Lexer.scan(buf, mode: .template), base: offset)
            p.checkInvalidTokens()
            let e = p.parseTemplate(end: .eof, flush: false)
            return (e, p.diagnostics(lines))
        }
    }

    private static func commentText(_ b: UnsafeBufferPointer<UInt8>, _ t: Token) -> String {
        var lo = t.start, hi = t.end
        if b[lo] == UInt8(ascii: "#") {
            lo += 1
        } else if hi - lo >= 2, b[lo + 1] == UInt8(ascii: "/") {
            lo += 2
        } else {
            lo += 2
            hi -= 2
        }
        while lo < hi, b[lo] == 0x20 || b[lo] == 0x09 { lo += 1 }
        while hi > lo, b[hi - 1] == 0x20 || b[hi - 1] == 0x09 || b[hi - 1] == 0x0A || b[hi - 1] == 0x0D { hi -= 1 }
        return String(decoding: UnsafeBufferPointer(rebasing: b[lo..<hi]), as: UTF8.self)
    }
}

/// A diagnostic before line/column resolution.
struct RawDiagnostic {
    var summary: String
    var detail: String
    var range: Range<Int>
}

struct NativeParser {
    let b: UnsafeBufferPointer<UInt8>
    let tokens: [Token]
    /// Added to every range (templates parsed out of JSON strings).
    let base: Int
    var next = 0
    var newlines: [Bool] = [true]
    /// Set once any recovery happened; later errors that are probably consequences are not
    /// reported (hclsyntax's `parser.recovery`).
    var recovery = false
    var raw: [RawDiagnostic] = []
    var truncated = false
    var depth = 0

    init(_ b: UnsafeBufferPointer<UInt8>, tokens: [Token], base: Int = 0) {
        self.b = b
        self.tokens = tokens
        self.base = base
    }

    func diagnostics(_ lines: LineTable) -> [Diagnostic] {
        var out = NativeParser.resolve(raw, lines)
        if truncated, let last = out.last {
            out.append(.error("Too many errors", detail: "Only the first \(Parser.maxDiagnostics) problems in this file are reported.", at: last.range))
        }
        return out
    }

    /// Line and column for many diagnostics in one pass over the bytes (a per-diagnostic
    /// lookup would rescan a long line each time: quadratic on a 50 MB one-line file).
    static func resolve(_ raw: [RawDiagnostic], _ lines: LineTable) -> [Diagnostic] {
        if raw.isEmpty { return [] }
        var offsets: [Int] = []
        offsets.reserveCapacity(raw.count * 2)
        for d in raw {
            offsets.append(d.range.lowerBound)
            offsets.append(d.range.upperBound)
        }
        offsets.sort()
        var positions: [Int: SourcePosition] = [:]
        let starts = lines.lineStarts
        var line = 0
        var column = 1
        var cursor = 0
        lines.withBytes { b in
            for off in offsets {
                let o = max(0, min(off, b.count))
                if positions[off] != nil { continue }
                var newLine = line
                while newLine + 1 < starts.count, starts[newLine + 1] <= o { newLine += 1 }
                if newLine != line {
                    line = newLine
                    column = 1
                    cursor = starts[line]
                }
                while cursor < o {
                    if b[cursor] & 0xC0 != 0x80 { column += 1 }
                    cursor += 1
                }
                positions[off] = SourcePosition(line: line + 1, column: column, offset: o)
            }
        }
        return raw.map {
            .error($0.summary, detail: $0.detail,
                   at: SourceRange(filename: lines.filename, start: positions[$0.range.lowerBound]!, end: positions[$0.range.upperBound]!))
        }
    }

    mutating func error(_ summary: String, _ detail: String, _ r: Range<Int>) {
        report(RawDiagnostic(summary: summary, detail: detail, range: (r.lowerBound + base)..<(r.upperBound + base)))
    }

    /// Records a diagnostic, up to `Parser.maxDiagnostics` per file.
    mutating func report(_ d: RawDiagnostic) {
        if raw.count >= Parser.maxDiagnostics {
            truncated = true
            return
        }
        raw.append(d)
    }

    @inline(__always) func rg(_ t: Token) -> Range<Int> { (t.start + base)..<(t.end + base) }
    @inline(__always) func rg(_ a: Token, _ z: Token) -> Range<Int> { (a.start + base)..<max(a.start, z.end) + base }

    func text(_ t: Token) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: b[t.start..<t.end]), as: UTF8.self)
    }

    func isKeyword(_ t: Token, _ kw: StaticString) -> Bool {
        guard t.kind == .ident, t.end - t.start == kw.utf8CodeUnitCount else { return false }
        let p = kw.utf8Start
        for k in 0..<(t.end - t.start) where b[t.start + k] != p[k] { return false }
        return true
    }

    // MARK: peeker

    mutating func pushNewlines(_ include: Bool) { newlines.append(include) }
    mutating func popNewlines() { newlines.removeLast() }

    @inline(__always) func nextToken() -> (Token, Int) { nextToken(from: next) }

    @inline(__always) func nextToken(from start: Int) -> (Token, Int) {
        let include = newlines[newlines.count - 1]
        var k = start
        while k < tokens.count {
            let t = tokens[k]
            switch t.kind {
            case .comment:
                // A line comment ends with the newline that ends its line: that newline
                // still counts where newlines matter (hclsyntax peeker).
                if include, t.end > t.start, b[t.end - 1] == 0x0A {
                    return (Token(.newline, t.start, t.end), k + 1)
                }
                k += 1
                continue
            case .newline:
                if !include { k += 1; continue }
            default: break
            }
            return (t, k + 1)
        }
        return (tokens[tokens.count - 1], tokens.count)
    }

    func peek() -> Token { nextToken().0 }

    @discardableResult
    mutating func read() -> Token {
        let (t, k) = nextToken()
        next = k
        return t
    }

    func prevToken() -> Token {
        next == 0 ? peek() : tokens[next - 1]
    }

    // MARK: lexical checks

    /// hclsyntax `checkInvalidTokens`: characters that are never valid, reported once each
    /// (or a few times) per file.
    mutating func checkInvalidTokens() {
        var bitwise = 0, backtick = 0, apostrophe = 0, semicolon = 0, badUTF8 = 0
        for t in tokens {
            switch t.kind {
            case .bitwiseAnd, .bitwiseOr, .bitwiseXor, .bitwiseNot:
                if bitwise < 4 {
                    let suggestion: String
                    switch t.kind {
                    case .bitwiseAnd: suggestion = " Did you mean boolean AND (\"&&\")?"
                    case .bitwiseOr: suggestion = " Did you mean boolean OR (\"||\")?"
                    case .bitwiseNot: suggestion = " Did you mean boolean NOT (\"!\")?"
                    default: suggestion = ""
                    }
                    error("Unsupported operator", "Bitwise operators are not supported.\(suggestion)", t.range)
                    bitwise += 1
                }
            case .backtick:
                if backtick % 2 == 0 {
                    error("Invalid character", "The \"`\" character is not valid. To create a multi-line string, use the \"heredoc\" syntax, like \"<<EOT\".", t.range)
                }
                if backtick <= 2 { backtick += 1 }
            case .apostrophe:
                if apostrophe % 2 == 0 {
                    error("Invalid character", "Single quotes are not valid. Use double quotes (\") to enclose strings.", t.range)
                }
                if apostrophe <= 2 { apostrophe += 1 }
            case .semicolon:
                if semicolon < 1 {
                    error("Invalid character", "The \";\" character is not valid. Use newlines to separate arguments and blocks, and commas to separate items in collection values.", t.range)
                    semicolon += 1
                }
            case .badUTF8:
                if badUTF8 < 1 {
                    error("Invalid character encoding", "All input files must be UTF-8 encoded. Ensure that UTF-8 encoding is selected in your editor.", t.range)
                    badUTF8 += 1
                }
            case .quotedNewline:
                error("Invalid multi-line string", "Quoted strings may not be split over multiple lines. To produce a multi-line string, either use the \\n escape to represent a newline character or use the \"heredoc\" multi-line template syntax.", t.range)
            case .invalid:
                let s = text(t)
                if s == "\u{201C}" || s == "\u{201D}" {
                    error("Invalid character", "\"Curly quotes\" are not valid here. These can sometimes be inadvertently introduced when sharing code via documents or discussion forums. It might help to replace the character with a \"straight quote\".", t.range)
                } else {
                    error("Invalid character", "This character is not used within the language.", t.range)
                }
            default:
                break
            }
        }
    }

    // MARK: recovery

    /// Skips to just after the `end` token that closes the current construct, counting nested
    /// pairs of the same bracket (hclsyntax `recover`).
    @discardableResult
    mutating func recover(_ end: Token.Kind) -> Token {
        let start = end.opposite
        recovery = true
        var nest = 0
        while true {
            let t = read()
            var kind = t.kind
            if end == .templateSeqEnd && kind == .templateControl { kind = .templateInterp }
            if kind == start {
                nest += 1
            } else if kind == end {
                if nest < 1 { return t }
                nest -= 1
            } else if kind == .eof {
                return t
            }
        }
    }

    /// Skips to the newline that ends the current body item, honouring brackets
    /// (hclsyntax `recoverAfterBodyItem`).
    mutating func recoverAfterBodyItem() {
        recovery = true
        var open: [Token.Kind] = []
        while true {
            let t = read()
            switch t.kind {
            case .newline:
                if open.isEmpty { return }
            case .eof:
                return
            case .oBrace, .oBrack, .oParen, .oQuote, .oHeredoc, .templateInterp, .templateControl:
                open.append(t.kind)
            case .cBrace, .cBrack, .cParen, .cQuote, .cHeredoc:
                let opener = t.kind.opposite
                while let last = open.last, last != opener { open.removeLast() }
                if !open.isEmpty { open.removeLast() }
            case .templateSeqEnd:
                while let last = open.last, last != .templateInterp, last != .templateControl { open.removeLast() }
                if !open.isEmpty { open.removeLast() }
            default:
                break
            }
        }
    }

    /// Past the depth limit inside a conditional chain: skip to the end of the line (or of
    /// the enclosing brackets) without recursing.
    mutating func recoverAfterBodyItemInExpression() {
        var nest = 0
        while true {
            let t = peek()
            switch t.kind {
            case .eof: return
            case .newline where nest == 0: return
            case .oBrace, .oBrack, .oParen, .oQuote, .oHeredoc, .templateInterp, .templateControl: nest += 1
            case .cBrace, .cBrack, .cParen, .cQuote, .cHeredoc, .templateSeqEnd:
                if nest == 0 { return }
                nest -= 1
            default: break
            }
            read()
        }
    }

    /// Skips one term without recursing (used past the depth limit): a bracketed construct
    /// up to its matching closer, or a single token.
    mutating func skipTerm() -> Token {
        var nest = 0
        var last = peek()
        repeat {
            let t = read()
            last = t
            switch t.kind {
            case .oBrace, .oBrack, .oParen, .oQuote, .oHeredoc, .templateInterp, .templateControl: nest += 1
            case .cBrace, .cBrack, .cParen, .cQuote, .cHeredoc, .templateSeqEnd: nest -= 1
            case .eof: return t
            default: break
            }
        } while nest > 0
        return last
    }

    mutating func tooDeep(_ at: Token) {
        if !recovery {
            error("Nesting too deep", "Blocks and expressions may be nested at most \(Parser.maxDepth) levels deep.", at.range)
        }
        recovery = true
    }

    /// Replaces an expression whose tree is deeper than the limit by a placeholder.
    mutating func bounded(_ e: Expression) -> Expression {
        if e.height <= Parser.maxDepth { return e }
        if !recovery {
            report(RawDiagnostic(summary: "Nesting too deep",
                                     detail: "Blocks and expressions may be nested at most \(Parser.maxDepth) levels deep.",
                                     range: e.range))
        }
        recovery = true
        return .invalid(e.range)
    }

    // MARK: bodies

    mutating func parseBody(end: Token.Kind) -> Body {
        var attrs: [Attribute] = []
        var seen: [String: Range<Int>] = [:]
        var blocks: [Block] = []
        let startTok = prevToken()
        var endTok = startTok
        while true {
            let t = peek()
            if t.kind == end {
                endTok = t
                read()
                break
            }
            switch t.kind {
            case .newline:
                read()
                continue
            case .ident:
                let item = parseBodyItem()
                switch item {
                case .block(let blk): blocks.append(blk)
                case .attribute(let a):
                    if let existing = seen[a.name] {
                        let pos = existing
                        error("Attribute redefined",
                              "The argument \"\(a.name)\" was already set at \(pos.lowerBound). Each argument may be set only once.",
                              a.nameRange.lowerBound - base..<a.nameRange.upperBound - base)
                    } else {
                        seen[a.name] = a.nameRange
                        attrs.append(a)
                    }
                case .none: continue
                }
            default:
                let bad = read()
                if !recovery {
                    switch bad.kind {
                    case .oQuote:
                        error("Invalid argument name", "Argument names must not be quoted.", bad.range)
                    case .eof:
                        if end == .cBrace {
                            error("Unclosed configuration block", "There is no closing brace for this block before the end of the file. This may be caused by incorrect brace nesting elsewhere in this file.", startTok.range)
                        } else {
                            error("Unclosed configuration body", "Found end of file before the end of this configuration body.", startTok.range)
                        }
                    default:
                        error("Argument or block definition required", "An argument or block definition is required here.", bad.range)
                    }
                }
                endTok = prevToken()
                recover(end)
                return Body(attributes: attrs, blocks: blocks, range: rg(startTok, endTok))
            }
        }
        return Body(attributes: attrs, blocks: blocks, range: rg(startTok, endTok))
    }

    enum BodyItem {
        case attribute(Attribute)
        case block(Block)
    }

    mutating func parseBodyItem() -> BodyItem? {
        let ident = read()
        guard ident.kind == .ident else {
            recoverAfterBodyItem()
            error("Argument or block definition required", "An argument or block definition is required here.", ident.range)
            return nil
        }
        switch peek().kind {
        case .equal:
            return .attribute(finishAttribute(ident, singleLine: false))
        case .oQuote, .oBrace, .ident:
            return .block(finishBlock(ident))
        default:
            recoverAfterBodyItem()
            error("Argument or block definition required", "An argument or block definition is required here. To set an argument, use the equals sign \"=\" to introduce the argument value.", ident.range)
            return nil
        }
    }

    /// The body of a one-line block `name { attr = value }`.
    mutating func parseSingleAttrBody() -> Body? {
        let ident = read()
        guard ident.kind == .ident else {
            recoverAfterBodyItem()
            error("Argument or block definition required", "An argument or block definition is required here.", ident.range)
            return nil
        }
        let nextTok = peek()
        switch nextTok.kind {
        case .equal:
            let a = finishAttribute(ident, singleLine: true)
            return Body(attributes: [a], blocks: [], range: a.range)
        case .oQuote, .oBrace, .ident:
            recoverAfterBodyItem()
            error("Argument definition required", "A single-line block definition can contain only a single argument. If you meant to define argument \"\(text(ident))\", use an equals sign to assign it a value. To define a nested block, place it on a line of its own within its parent block.", ident.start..<nextTok.end)
            return nil
        default:
            recoverAfterBodyItem()
            error("Argument or block definition required", "An argument or block definition is required here. To set an argument, use the equals sign \"=\" to introduce the argument value.", ident.range)
            return nil
        }
    }

    mutating func finishAttribute(_ ident: Token, singleLine: Bool) -> Attribute {
        read() // =
        let errorsBefore = raw.count
        let expr = parseExpression()
        var endTok: Token
        if recovery && raw.count > errorsBefore {
            endTok = prevToken()
            recoverAfterBodyItem()
        } else {
            endTok = prevToken()
            if !singleLine {
                let end = peek()
                if end.kind != .newline && end.kind != .eof {
                    if !recovery {
                        if end.kind == .comma {
                            error("Unexpected comma after argument", "Argument definitions must be separated by newlines, not commas. An argument definition must end with a newline.", end.range)
                        } else {
                            error("Missing newline after argument", "An argument definition must end with a newline.", end.range)
                        }
                    }
                    endTok = prevToken()
                    recoverAfterBodyItem()
                } else {
                    endTok = prevToken()
                    read() // newline
                }
            }
        }
        return Attribute(name: text(ident), expression: expr, range: rg(ident, endTok), nameRange: rg(ident))
    }

    mutating func finishBlock(_ ident: Token) -> Block {
        let type = text(ident)
        var labels: [String] = []
        var labelRanges: [Range<Int>] = []
        var oBrace: Token
        loop: while true {
            let t = peek()
            switch t.kind {
            case .oBrace:
                oBrace = read()
                break loop
            case .oQuote:
                let (label, r) = parseQuotedStringLiteral()
                labels.append(label)
                labelRanges.append(r)
            case .ident:
                read()
                labels.append(text(t))
                labelRanges.append(rg(t))
            default:
                switch t.kind {
                case .equal:
                    error("Invalid block definition", "The equals sign \"=\" indicates an argument definition, and must not be used when defining a block.", t.range)
                case .newline:
                    error("Invalid block definition", "A block definition must have block content delimited by \"{\" and \"}\", starting on the same line as the block header.", t.range)
                default:
                    if !recovery {
                        error("Invalid block definition", "Either a quoted string block label or an opening brace (\"{\") is expected here.", t.range)
                    }
                }
                recoverAfterBodyItem()
                return Block(type: type, labels: labels, body: Body(range: rg(ident)), typeRange: rg(ident),
                             labelRanges: labelRanges, openBraceRange: rg(ident), closeBraceRange: rg(ident))
            }
        }

        depth += 1
        defer { depth -= 1 }
        if depth > Parser.maxDepth {
            tooDeep(oBrace)
            let close = recover(.cBrace)
            let eol = peek()
            if eol.kind == .newline || eol.kind == .eof { read() } else { recoverAfterBodyItem() }
            return Block(type: type, labels: labels, body: Body(range: rg(oBrace, close)), typeRange: rg(ident),
                         labelRanges: labelRanges, openBraceRange: rg(oBrace), closeBraceRange: rg(close))
        }

        var body: Body?
        switch peek().kind {
        case .newline, .eof, .cBrace:
            body = parseBody(end: .cBrace)
        default:
            body = parseSingleAttrBody()
            let t = peek()
            switch t.kind {
            case .cBrace:
                read()
            case .comma:
                error("Invalid single-argument block definition", "Single-line block syntax can include only one argument definition. To define multiple arguments, use the multi-line block syntax with one argument definition per line.", t.range)
                recover(.cBrace)
            case .newline:
                error("Invalid single-argument block definition", "An argument definition on the same line as its containing block creates a single-line block definition, which must also be closed on the same line. Place the block's closing brace immediately after the argument definition.", t.range)
                recover(.cBrace)
            default:
                if !recovery {
                    if t.kind == .eof {
                        error("Unclosed configuration block", "There is no closing brace for this block before the end of the file. This may be caused by incorrect brace nesting elsewhere in this file.", oBrace.range)
                    } else {
                        error("Invalid single-argument block definition", "A single-line block definition must end with a closing brace immediately after its single argument definition.", t.range)
                    }
                }
                recover(.cBrace)
            }
        }
        let cBrace = prevToken()
        let eol = peek()
        if eol.kind == .newline || eol.kind == .eof {
            read()
        } else {
            if !recovery {
                error("Missing newline after block definition", "A block definition must end with a newline.", eol.range)
            }
            recoverAfterBodyItem()
        }
        return Block(type: type, labels: labels, body: body ?? Body(range: rg(oBrace, cBrace)), typeRange: rg(ident),
                     labelRanges: labelRanges, openBraceRange: rg(oBrace), closeBraceRange: rg(cBrace))
    }

    // MARK: expressions

    mutating func parseExpression() -> Expression {
        parseTernaryConditional()
    }

    mutating func parseTernaryConditional() -> Expression {
        let startTok = peek()
        var errorsBefore = raw.count
        let cond = parseBinaryOps(minLevel: 0)
        if recovery && raw.count > errorsBefore { return cond }
        guard peek().kind == .question else { return cond }
        let question = read()
        depth += 1
        defer { depth -= 1 }
        if depth > Parser.maxDepth {
            tooDeep(question)
            recoverAfterBodyItemInExpression()
            return .invalid(cond.range)
        }
        errorsBefore = raw.count
        let t = parseExpression()
        if recovery && raw.count > errorsBefore { return cond }
        let colon = peek()
        guard colon.kind == .colon else {
            error("Missing false expression in conditional", "The conditional operator (...?...:...) requires a false expression, delimited by a colon.", colon.range)
            return cond
        }
        read()
        errorsBefore = raw.count
        let f = parseExpression()
        if recovery && raw.count > errorsBefore { return cond }
        return bounded(Expression(.conditional(condition: cond, trueResult: t, falseResult: f),
                                  range: (startTok.start + base)..<f.range.upperBound))
    }

    /// Precedence levels from loosest to tightest (hclsyntax `binaryOps`).
    static func binaryOperator(_ k: Token.Kind) -> (BinaryOperator, Int)? {
        switch k {
        case .or: (.or, 0)
        case .and: (.and, 1)
        case .equalOp: (.equal, 2)
        case .notEqual: (.notEqual, 2)
        case .greaterThan: (.greaterThan, 3)
        case .greaterThanEq: (.greaterThanOrEqual, 3)
        case .lessThan: (.lessThan, 3)
        case .lessThanEq: (.lessThanOrEqual, 3)
        case .plus: (.add, 4)
        case .minus: (.subtract, 4)
        case .star: (.multiply, 5)
        case .slash: (.divide, 5)
        case .percent: (.modulo, 5)
        default: nil
        }
    }

    /// Left-associative operators by precedence climbing: the same trees as hclsyntax's
    /// one-function-per-level recursion, with one frame per level actually used.
    mutating func parseBinaryOps(minLevel: Int) -> Expression {
        if minLevel > 5 { return parseExpressionWithTraversals() }
        var errorsBefore = raw.count
        var lhs = parseBinaryOps(minLevel: minLevel + 1)
        if recovery && raw.count > errorsBefore { return lhs }
        while let (op, level) = NativeParser.binaryOperator(peek().kind), level == minLevel {
            read()
            errorsBefore = raw.count
            let rhs = parseBinaryOps(minLevel: minLevel + 1)
            if recovery && raw.count > errorsBefore {
                return lhs
            }
            if case .invalid = lhs.kind, recovery {
                // Already cut off at the depth limit: keep discarding the rest of the chain.
                lhs = .invalid(lhs.range.lowerBound..<rhs.range.upperBound)
                continue
            }
            lhs = bounded(Expression(.binary(op, lhs, rhs), range: lhs.range.lowerBound..<rhs.range.upperBound))
        }
        return lhs
    }

    mutating func parseExpressionWithTraversals() -> Expression {
        let term = parseExpressionTerm()
        return parseExpressionTraversals(term)
    }

    mutating func numberLiteral(_ t: Token) -> Value {
        if let n = NativeParser.number(b, t) { return .number(n) }
        error("Invalid number literal", "Failed to recognize the value of this number literal.", t.range)
        return .unknown("invalid number literal")
    }

    /// cty's `ParseNumberVal` on a number token: digits, optional fraction, optional exponent.
    static func number(_ b: UnsafeBufferPointer<UInt8>, _ t: Token) -> Number? {
        var integral = true
        var dots = 0
        var n: UInt64 = 0
        var overflow = false
        for k in t.start..<t.end {
            let c = b[k]
            if c >= 0x30 && c <= 0x39 {
                if integral {
                    let (m, o1) = n.multipliedReportingOverflow(by: 10)
                    let (a, o2) = m.addingReportingOverflow(UInt64(c - 0x30))
                    if o1 || o2 { overflow = true }
                    n = a
                }
            } else if c == UInt8(ascii: ".") {
                dots += 1
                integral = false
            } else {
                integral = false
            }
        }
        if dots > 1 { return nil }
        if integral && !overflow { return Number(n) }
        let s = String(decoding: UnsafeBufferPointer(rebasing: b[t.start..<t.end]), as: UTF8.self)
        guard let d = Double(s) else { return nil }
        return Number(d)
    }

    mutating func parseExpressionTraversals(_ from: Expression) -> Expression {
        var ret = from
        while true {
            let t = peek()
            switch t.kind {
            case .dot:
                let dot = read()
                let attrTok = peek()
                switch attrTok.kind {
                case .ident:
                    read()
                    ret = appendStep(ret, .attribute(text(attrTok)), rg(dot, attrTok))
                case .numberLit:
                    read()
                    if let d = (attrTok.start..<attrTok.end).first(where: { b[$0] == UInt8(ascii: ".") }) {
                        let first = String(decoding: UnsafeBufferPointer(rebasing: b[attrTok.start..<d]), as: UTF8.self)
                        let second = String(decoding: UnsafeBufferPointer(rebasing: b[(d + 1)..<attrTok.end]), as: UTF8.self)
                        error("Invalid legacy index syntax", "When using the legacy index syntax, chaining two indexes together is not permitted. Use the proper index syntax instead, like [\(first)][\(second)].", attrTok.range)
                        ret = appendStep(ret, .index(.unknown("invalid index")), rg(dot, attrTok))
                        break
                    }
                    // Legacy `foo.0` index syntax inherited from HIL.
                    ret = appendStep(ret, .index(numberLiteral(attrTok)), rg(dot, attrTok))
                case .star:
                    // Attribute-only splat `foo.*.bar`: only attribute (and legacy index)
                    // steps follow.
                    let marker = read()
                    var steps: [Traverser] = []
                    var ranges: [Range<Int>] = []
                    let firstTok = peek()
                    var lastEnd = marker.end
                    var bail = false
                    while peek().kind == .dot {
                        let dot2 = read()
                        if peek().kind == .numberLit {
                            let num = read()
                            if (num.start..<num.end).contains(where: { b[$0] == UInt8(ascii: ".") }) {
                                error("Invalid legacy index syntax", "When using the legacy index syntax, chaining two indexes together is not permitted. Use the proper index syntax with a full splat expression [*] instead.", attrTok.range)
                                steps.append(.index(.unknown("invalid index")))
                            } else {
                                steps.append(.index(numberLiteral(num)))
                            }
                            ranges.append(rg(dot2, num))
                            lastEnd = num.end
                            continue
                        }
                        if peek().kind != .ident {
                            if !recovery {
                                if peek().kind == .star {
                                    error("Nested splat expression not allowed", "A splat expression (*) cannot be used inside another attribute-only splat expression.", peek().range)
                                } else {
                                    error("Invalid attribute name", "An attribute name is required after a dot.", attrTok.range)
                                }
                            }
                            recovery = true
                            bail = true
                            break
                        }
                        let name = read()
                        steps.append(.attribute(text(name)))
                        ranges.append(rg(dot2, name))
                        lastEnd = name.end
                    }
                    let item = Expression(.anonymousSymbol, range: rg(dot, marker))
                    let each = steps.isEmpty
                        ? item
                        : Expression(.relativeTraversal(item, Traversal(steps: steps, ranges: ranges)),
                                     range: (firstTok.start + base)..<(lastEnd + base))
                    ret = bounded(Expression(.splat(source: ret, each: each), range: ret.range.lowerBound..<(lastEnd + base)))
                    if bail { continue }
                default:
                    error("Invalid attribute name", "An attribute name is required after a dot.", attrTok.range)
                    recovery = true
                }
            case .oBrack:
                let open = read()
                if peek().kind == .star {
                    read()
                    var close = read()
                    if close.kind != .cBrack && !recovery {
                        error("Missing close bracket on splat index", "The star for a full splat operator must be immediately followed by a closing bracket (\"]\").", close.range)
                        close = recover(.cBrack)
                    }
                    // The rest of the traversal applies to each element.
                    let item = Expression(.anonymousSymbol, range: rg(open, close))
                    depth += 1
                    let each: Expression
                    if depth > Parser.maxDepth {
                        tooDeep(open)
                        each = item
                    } else {
                        each = parseExpressionTraversals(item)
                    }
                    depth -= 1
                    ret = chained(ret, Expression(.splat(source: ret, each: each), range: ret.range.lowerBound..<each.range.upperBound))
                } else {
                    pushNewlines(false)
                    let errorsBefore = raw.count
                    let key = parseExpression()
                    var close: Token
                    if recovery && raw.count > errorsBefore {
                        close = recover(.cBrack)
                    } else {
                        close = read()
                        if close.kind != .cBrack && !recovery {
                            error("Missing close bracket on index", "The index operator must end with a closing bracket (\"]\").", close.range)
                            close = recover(.cBrack)
                        }
                    }
                    popNewlines()
                    // A constant key makes this a traversal step (a reference like a[0] or a["k"]).
                    if case .literal(let v) = key.kind {
                        ret = appendStep(ret, .index(v), rg(open, close))
                    } else if let s = key.stringLiteral {
                        ret = appendStep(ret, .index(.string(s)), rg(open, close))
                    } else {
                        ret = chained(ret, Expression(.index(collection: ret, key: key), range: ret.range.lowerBound..<(close.end + base)))
                    }
                }
            default:
                return ret
            }
        }
    }

    /// A traversal chain cut off at the depth limit stays a placeholder to its end.
    mutating func chained(_ previous: Expression, _ next: Expression) -> Expression {
        if case .invalid = previous.kind, recovery { return .invalid(next.range) }
        return bounded(next)
    }

    /// Extends a traversal expression by one step, or starts a relative traversal.
    func appendStep(_ e: Expression, _ step: Traverser, _ r: Range<Int>) -> Expression {
        switch e.kind {
        case .scopeTraversal(var t):
            t.steps.append(step)
            t.ranges.append(r)
            return Expression(.scopeTraversal(t), range: e.range.lowerBound..<r.upperBound)
        case .relativeTraversal(let src, var t):
            t.steps.append(step)
            t.ranges.append(r)
            return Expression(.relativeTraversal(src, t), range: e.range.lowerBound..<r.upperBound)
        default:
            return Expression(.relativeTraversal(e, Traversal(steps: [step], ranges: [r])), range: e.range.lowerBound..<r.upperBound)
        }
    }

    mutating func parseExpressionTerm() -> Expression {
        let start = peek()
        switch start.kind {
        case .oParen, .oQuote, .oHeredoc, .minus, .bang, .oBrack, .oBrace:
            depth += 1
            defer { depth -= 1 }
            if depth > Parser.maxDepth {
                tooDeep(start)
                let last = skipTerm()
                return .invalid(rg(start, last))
            }
            return bounded(parseNestingTerm(start))
        case .ident:
            if let last = namespacedFunctionNameEnd(start) {
                // `provider::google::name(…)`: a provider-defined function (HCL 2.18
                // namespaced function names, Terraform 1.8). The parts are joined by `::`
                // with nothing between them; the call is otherwise an ordinary call.
                depth += 1
                defer { depth -= 1 }
                while true {
                    let t = read()
                    if t.end >= last.end || t.kind == .eof { break }
                }
                return bounded(finishFunctionCall(start, nameEnd: last))
            }
            if peekAfter(start).kind == .oParen {
                depth += 1
                defer { depth -= 1 }
                if depth > Parser.maxDepth {
                    tooDeep(start)
                    read()
                    let last = skipTerm()
                    return .invalid(rg(start, last))
                }
                read()
                return bounded(finishFunctionCall(start))
            }
            read()
            if isKeyword(start, "true") { return Expression(.literal(.true), range: rg(start)) }
            if isKeyword(start, "false") { return Expression(.literal(.false), range: rg(start)) }
            if isKeyword(start, "null") { return Expression(.literal(.null), range: rg(start)) }
            return Expression(.scopeTraversal(Traversal(steps: [.root(text(start))], ranges: [rg(start)])), range: rg(start))
        case .numberLit:
            read()
            return Expression(.literal(numberLiteral(start)), range: rg(start))
        default:
            if !recovery {
                if start.kind == .eof {
                    error("Missing expression", "Expected the start of an expression, but found the end of the file.", start.range)
                } else {
                    error("Invalid expression", "Expected the start of an expression, but found an invalid expression token.", start.range)
                }
            }
            recovery = true
            return .invalid(rg(start))
        }
    }

    /// The token after `t` (which must be the next token) under the current newline mode.
    func peekAfter(_ t: Token) -> Token {
        nextToken(from: nextToken().1).0
    }

    mutating func parseNestingTerm(_ start: Token) -> Expression {
        switch start.kind {
        case .oParen:
            read()
            pushNewlines(false)
            let errorsBefore = raw.count
            let expr = parseExpression()
            if raw.count > errorsBefore {
                recover(.cParen)
                popNewlines()
                return expr
            }
            let close = peek()
            if close.kind != .cParen {
                error("Unbalanced parentheses", "Expected a closing parenthesis to terminate the expression.", close.range)
                recovery = true
            }
            let cParen = read()
            popNewlines()
            return Expression(.parentheses(expr), range: rg(start, cParen))
        case .oQuote, .oHeredoc:
            read()
            let closer: Token.Kind = start.kind == .oQuote ? .cQuote : .cHeredoc
            let flush = start.kind == .oHeredoc && start.end - start.start > 2 && b[start.start + 2] == UInt8(ascii: "-")
            let (parts, passthru, _) = parseTemplateInner(end: closer, flush: flush)
            let closeTok = prevToken()
            let r = rg(start, closeTok)
            if passthru { return Expression(.templateWrap(parts[0]), range: r) }
            return Expression(.template(parts), range: r)
        case .minus, .bang:
            read()
            // Binds tighter than any binary operator: -46+5 is (-46)+5.
            let operand = parseExpressionWithTraversals()
            return Expression(.unary(start.kind == .minus ? .negate : .not, operand),
                              range: (start.start + base)..<operand.range.upperBound)
        case .oBrack:
            return parseTupleCons()
        default:
            return parseObjectCons()
        }
    }

    /// When `start` begins `a::b::c(`, the token `c`; nil otherwise (no spaces allowed
    /// around `::`, as in HCL's scanner where `::` is one token).
    func namespacedFunctionNameEnd(_ start: Token) -> Token? {
        var (t, k) = nextToken()            // t == start
        var last = t
        var parts = 0
        while true {
            let (c1, k1) = nextToken(from: k)
            guard c1.kind == .colon, c1.start == last.end else { break }
            let (c2, k2) = nextToken(from: k1)
            guard c2.kind == .colon, c2.start == c1.end else { return nil }
            let (id, k3) = nextToken(from: k2)
            guard id.kind == .ident, id.start == c2.end else { return nil }
            last = id
            k = k3
            parts += 1
        }
        t = nextToken(from: k).0
        return parts > 0 && t.kind == .oParen ? last : nil
    }

    mutating func finishFunctionCall(_ name: Token, nameEnd: Token? = nil) -> Expression {
        let nameRange = nameEnd.map { rg(name, $0) } ?? rg(name)
        let nameText = nameEnd.map { String(decoding: b[name.start..<$0.end], as: UTF8.self) } ?? text(name)
        let open = read()
        var args: [Expression] = []
        var expandFinal = false
        var close = open
        pushNewlines(false)
        loop: while true {
            if peek().kind == .cParen {
                close = read()
                break
            }
            let errorsBefore = raw.count
            let arg = parseExpression()
            args.append(arg)
            if recovery && raw.count > errorsBefore {
                close = recover(.cParen)
                break
            }
            let sep = read()
            switch sep.kind {
            case .cParen:
                close = sep
                break loop
            case .ellipsis:
                expandFinal = true
                if peek().kind != .cParen {
                    if !recovery {
                        error("Missing closing parenthesis", "An expanded function argument (with ...) must be immediately followed by closing parentheses.", sep.range)
                    }
                    close = recover(.cParen)
                } else {
                    close = read()
                }
                break loop
            case .comma:
                if peek().kind == .cParen {
                    close = read()
                    break loop
                }
            case .eof:
                error("Unterminated function call", "There is no closing parenthesis for this function call before the end of the file. This may be caused by incorrect parethesis nesting elsewhere in this file.", name.start..<open.end)
                close = recover(.cParen)
                break loop
            default:
                error("Missing argument separator", "A comma is required to separate each function argument from the next.", sep.range)
                close = recover(.cParen)
                break loop
            }
        }
        popNewlines()
        return Expression(.functionCall(FunctionCall(name: nameText, arguments: args, expandFinal: expandFinal, nameRange: nameRange)),
                          range: rg(name, close))
    }

    mutating func parseTupleCons() -> Expression {
        let open = read()
        pushNewlines(false)
        defer { popNewlines() }
        if isKeyword(peek(), "for") { return finishForExpr(open) }
        var close = open
        var exprs: [Expression] = []
        while true {
            if peek().kind == .cBrack {
                close = read()
                break
            }
            let errorsBefore = raw.count
            let e = parseExpression()
            exprs.append(e)
            if recovery && raw.count > errorsBefore {
                close = recover(.cBrack)
                break
            }
            let t = peek()
            if t.kind == .cBrack {
                close = read()
                break
            }
            if t.kind != .comma {
                if !recovery {
                    if t.kind == .eof {
                        error("Unterminated tuple constructor expression", "There is no corresponding closing bracket before the end of the file. This may be caused by incorrect bracket nesting elsewhere in this file.", open.range)
                    } else {
                        error("Missing item separator", "Expected a comma to mark the beginning of the next item.", t.range)
                    }
                }
                close = recover(.cBrack)
                break
            }
            read()
        }
        return Expression(.tuple(exprs), range: rg(open, close))
    }

    mutating func parseObjectCons() -> Expression {
        let open = read()
        pushNewlines(false)
        let isFor = isKeyword(peek(), "for")
        popNewlines()
        if isFor {
            pushNewlines(false)
            defer { popNewlines() }
            return finishForExpr(open)
        }
        pushNewlines(true)
        defer { popNewlines() }
        var close = open
        var items: [ObjectItem] = []
        while true {
            var t = peek()
            if t.kind == .newline {
                read()
                continue
            }
            if t.kind == .cBrace {
                close = read()
                break
            }
            let forced = t.kind == .oParen
            var errorsBefore = raw.count
            let key = parseExpression()
            if recovery && raw.count > errorsBefore {
                close = recover(.cBrace)
                break
            }
            t = peek()
            if t.kind != .equal && t.kind != .colon {
                if !recovery {
                    switch t.kind {
                    case .newline, .comma:
                        error("Missing attribute value", "Expected an attribute value, introduced by an equals sign (\"=\").", t.range)
                    case .ident:
                        error("Missing key/value separator", "Expected an equals sign (\"=\") to mark the beginning of the attribute value. If you intended to given an attribute name containing periods or spaces, write the name in quotes to create a string literal.", t.range)
                    case .eof:
                        error("Unterminated object constructor expression", "There is no corresponding closing brace before the end of the file. This may be caused by incorrect brace nesting elsewhere in this file.", open.range)
                    default:
                        error("Missing key/value separator", "Expected an equals sign (\"=\") to mark the beginning of the attribute value.", t.range)
                    }
                }
                close = recover(.cBrace)
                break
            }
            read()
            errorsBefore = raw.count
            let value = parseExpression()
            if recovery && raw.count > errorsBefore {
                close = recover(.cBrace)
                break
            }
            items.append(ObjectItem(key: key, keyForcedExpression: forced, value: value))
            t = peek()
            if t.kind == .cBrace {
                close = read()
                break
            }
            if t.kind != .comma && t.kind != .newline {
                if !recovery {
                    if t.kind == .eof {
                        error("Unterminated object constructor expression", "There is no corresponding closing brace before the end of the file. This may be caused by incorrect brace nesting elsewhere in this file.", open.range)
                    } else {
                        error("Missing attribute separator", "Expected a newline or comma to mark the beginning of the next attribute.", t.range)
                    }
                }
                close = recover(.cBrace)
                break
            }
            read()
        }
        return Expression(.object(items), range: rg(open, close))
    }

    mutating func finishForExpr(_ open: Token) -> Expression {
        pushNewlines(false)
        defer { popNewlines() }
        read() // for
        let makeObject = open.kind == .oBrace
        let closeKind: Token.Kind = makeObject ? .cBrace : .cBrack

        func fail(_ p: inout NativeParser, _ detail: String) -> Expression {
            if !p.recovery {
                p.error("Invalid 'for' expression", detail, p.peek().range)
            }
            let close = p.recover(closeKind)
            return .invalid(p.rg(open, close))
        }

        guard peek().kind == .ident else { return fail(&self, "For expression requires variable name after 'for'.") }
        var keyName: String?
        var valName = text(read())
        if peek().kind == .comma {
            keyName = valName
            read()
            guard peek().kind == .ident else { return fail(&self, "For expression requires value variable name after comma.") }
            valName = text(read())
        }
        guard isKeyword(peek(), "in") else { return fail(&self, "For expression requires the 'in' keyword after its name declarations.") }
        read()
        var errorsBefore = raw.count
        let coll = parseExpression()
        if recovery && raw.count > errorsBefore {
            let close = recover(closeKind)
            return .invalid(rg(open, close))
        }
        guard peek().kind == .colon else { return fail(&self, "For expression requires a colon after the collection expression.") }
        read()
        errorsBefore = raw.count
        var keyExpr: Expression?
        var valExpr = parseExpression()
        if peek().kind == .fatArrow {
            read()
            keyExpr = valExpr
            valExpr = parseExpression()
        }
        if recovery && raw.count > errorsBefore {
            let close = recover(closeKind)
            return .invalid(rg(open, close))
        }
        var group = false
        var ellipsis: Token?
        if peek().kind == .ellipsis {
            ellipsis = read()
            group = true
        }
        var cond: Expression?
        if isKeyword(peek(), "if") {
            read()
            errorsBefore = raw.count
            cond = parseExpression()
            if recovery && raw.count > errorsBefore {
                let close = recover(closeKind)
                return .invalid(rg(open, close))
            }
        }
        var close: Token
        if peek().kind == closeKind {
            close = read()
        } else {
            if !recovery {
                error("Invalid 'for' expression", "Extra characters after the end of the 'for' expression.", peek().range)
            }
            close = recover(closeKind)
        }
        if !makeObject {
            if let k = keyExpr {
                report(RawDiagnostic(summary: "Invalid 'for' expression", detail: "Key expression is not valid when building a tuple.", range: k.range))
            }
            if group, let e = ellipsis {
                error("Invalid 'for' expression", "Grouping ellipsis (...) cannot be used when building a tuple.", e.range)
            }
        } else if keyExpr == nil {
            report(RawDiagnostic(summary: "Invalid 'for' expression", detail: "Key expression is required when building an object.", range: valExpr.range))
        }
        let f = ForExpression(keyVariable: keyName, valueVariable: valName, collection: coll, key: keyExpr, value: valExpr,
                              condition: cond, grouping: group)
        return Expression(.forExpression(f), range: rg(open, close))
    }

    /// A quoted string that may not contain template sequences (block labels).
    mutating func parseQuotedStringLiteral() -> (String, Range<Int>) {
        let oQuote = read()
        var out = ""
        var endTok = oQuote
        loop: while true {
            let t = read()
            switch t.kind {
            case .cQuote:
                endTok = t
                break loop
            case .quotedLit:
                out += stringLiteral(t, quoted: true)
            case .templateInterp, .templateControl:
                let which = t.kind == .templateControl ? "%" : "$"
                error("Invalid string literal", "Template sequences are not allowed in this string. To include a literal \"\(which)\", double it (as \"\(which)\(which)\") to escape it.", t.range)
                out += which + "{ ... }"
                recover(.templateSeqEnd)
            case .eof:
                error("Unterminated string literal", "Unable to find the closing quote mark before the end of the file.", t.range)
                endTok = t
                break loop
            default:
                error("Invalid string literal", "This item is not valid in a string literal.", t.range)
                recover(.cQuote)
                endTok = t
                break loop
            }
        }
        return (out, rg(oQuote, endTok))
    }

    /// The string a literal token stands for: escapes resolved in quoted templates, `$${` and
    /// `%%{` reduced to `${` and `%{` in both kinds (hclsyntax `ParseStringLiteralToken`).
    mutating func stringLiteral(_ t: Token, quoted: Bool) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(t.end - t.start)
        var k = t.start
        let end = t.end
        while k < end {
            let c = b[k]
            if c == UInt8(ascii: "\\") && quoted {
                let escStart = k
                guard k + 1 < end else {
                    error("Invalid escape sequence", "Backslash must be followed by an escape sequence selector character.", escStart..<end)
                    out.append(c)
                    k += 1
                    continue
                }
                let sel = b[k + 1]
                switch sel {
                case UInt8(ascii: "n"): out.append(0x0A); k += 2
                case UInt8(ascii: "r"): out.append(0x0D); k += 2
                case UInt8(ascii: "t"): out.append(0x09); k += 2
                case UInt8(ascii: "\""): out.append(0x22); k += 2
                case UInt8(ascii: "\\"): out.append(0x5C); k += 2
                case UInt8(ascii: "u"), UInt8(ascii: "U"):
                    let want = sel == UInt8(ascii: "u") ? 4 : 8
                    var j = k + 2
                    var v: UInt32 = 0
                    while j < end, j - (k + 2) < want, let d = hexDigit(b[j]) {
                        v = v << 4 | d
                        j += 1
                    }
                    if j - (k + 2) != want {
                        error("Invalid escape sequence", want == 4
                              ? "The \\u escape sequence must be followed by four hexadecimal digits."
                              : "The \\U escape sequence must be followed by eight hexadecimal digits.", escStart..<j)
                        out.append(contentsOf: b[k..<j])
                    } else if let s = Unicode.Scalar(v) {
                        out.append(contentsOf: Array(String(Character(s)).utf8))
                    } else {
                        error("Invalid escape sequence", "Cannot encode character U+\(String(v, radix: 16, uppercase: false)) in UTF-8.", escStart..<j)
                    }
                    k = j
                default:
                    let len = sel < 0x80 ? 1 : max(1, utf8Len(sel))
                    let selText = String(decoding: UnsafeBufferPointer(rebasing: b[(k + 1)..<min(end, k + 1 + len)]), as: UTF8.self)
                    error("Invalid escape sequence", "The symbol \"\(selText)\" is not a valid escape sequence selector.", escStart..<min(end, k + 1 + len))
                    out.append(contentsOf: b[(k + 1)..<min(end, k + 1 + len)])
                    k += 1 + len
                }
                continue
            }
            if (c == UInt8(ascii: "$") || c == UInt8(ascii: "%")), k + 2 < end + 0, b[k + 1] == c, b[k + 2] == UInt8(ascii: "{") {
                out.append(c)
                out.append(UInt8(ascii: "{"))
                k += 3
                continue
            }
            out.append(c)
            k += 1
        }
        return String(decoding: out, as: UTF8.self)
    }

    func hexDigit(_ c: UInt8) -> UInt32? {
        switch c {
        case 0x30...0x39: UInt32(c - 0x30)
        case 0x41...0x46: UInt32(c - 0x41 + 10)
        case 0x61...0x66: UInt32(c - 0x61 + 10)
        default: nil
        }
    }

    func utf8Len(_ c: UInt8) -> Int {
        switch c {
        case 0xC0...0xDF: 2
        case 0xE0...0xEF: 3
        case 0xF0...0xF7: 4
        default: 1
        }
    }
}
