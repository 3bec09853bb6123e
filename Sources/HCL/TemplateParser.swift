/// Template parsing (quoted strings, heredocs, bare templates), after hashicorp/hcl
/// `hclsyntax/parser_template.go`: the tokens are first raised to a flat list of template
/// items (literals with strip markers applied, interpolations, directive markers), the
/// flush-heredoc indentation rule is applied to the literals, and then the directives are
/// nested into conditional and `for` expressions.
enum TemplateItem {
    case literal(String, Range<Int>)
    case interpolation(Expression, Range<Int>)
    case ifDirective(Expression, Range<Int>)
    case forDirective(key: String?, value: String, collection: Expression, Range<Int>)
    case endIf(Range<Int>)
    case elseDirective(Range<Int>)
    case endFor(Range<Int>)
    case end(Range<Int>)

    var range: Range<Int> {
        switch self {
        case .literal(_, let r), .interpolation(_, let r), .ifDirective(_, let r), .forDirective(_, _, _, let r),
             .endIf(let r), .elseDirective(let r), .endFor(let r), .end(let r): r
        }
    }
}

extension NativeParser {
    mutating func parseTemplate(end: Token.Kind, flush: Bool) -> Expression {
        let (parts, passthru, r) = parseTemplateInner(end: end, flush: flush)
        if passthru { return Expression(.templateWrap(parts[0]), range: r) }
        return Expression(.template(parts), range: r)
    }

    mutating func parseTemplateInner(end: Token.Kind, flush: Bool) -> ([Expression], Bool, Range<Int>) {
        var (items, r) = parseTemplateItems(end: end)
        if flush { NativeParser.flushHeredoc(&items) }
        let passthru: Bool
        if items.count == 2, case .interpolation = items[0] { passthru = true } else { passthru = false }
        var cursor = 0
        var exprs: [Expression] = []
        while true {
            if case .end = items[cursor] { break }
            exprs.append(parseTemplateExpr(items, &cursor))
        }
        return (exprs, passthru, r)
    }

    private mutating func parseTemplateExpr(_ items: [TemplateItem], _ cursor: inout Int) -> Expression {
        let item = items[cursor]
        switch item {
        case .literal(let s, let r):
            cursor += 1
            return Expression(.literal(.string(Normalization.nfc(s))), range: r)
        case .interpolation(let e, _):
            cursor += 1
            return e
        case .ifDirective:
            return parseTemplateIf(items, &cursor)
        case .forDirective:
            return parseTemplateFor(items, &cursor)
        case .end(let r):
            raw.append(RawDiagnostic(summary: "Unexpected end of template", detail: "The control directives within this template are unbalanced.", range: r))
            return .invalid(r)
        case .endIf(let r), .elseDirective(let r), .endFor(let r):
            cursor += 1
            let name: String
            switch item {
            case .endIf: name = "endif"
            case .elseDirective: name = "else"
            default: name = "endfor"
            }
            raw.append(RawDiagnostic(summary: "Unexpected \(name) directive", detail: "The control directives within this template are unbalanced.", range: r))
            return .invalid(r)
        }
    }

    private mutating func directiveTooDeep(_ items: [TemplateItem], _ cursor: inout Int) -> Expression {
        let r = items[cursor].range
        if !recovery {
            raw.append(RawDiagnostic(summary: "Nesting too deep", detail: "Template directives may be nested at most \(Parser.maxDepth) levels deep.", range: r))
        }
        recovery = true
        while true {
            if case .end = items[cursor] { break }
            cursor += 1
        }
        return .invalid(r)
    }

    private mutating func parseTemplateIf(_ items: [TemplateItem], _ cursor: inout Int) -> Expression {
        guard case .ifDirective(let cond, let openRange) = items[cursor] else { return .invalid(items[cursor].range) }
        depth += 1
        defer { depth -= 1 }
        if depth > Parser.maxDepth { return directiveTooDeep(items, &cursor) }
        cursor += 1
        var ifExprs: [Expression] = []
        var elseExprs: [Expression] = []
        var inElse = false
        var endifRange = openRange
        loop: while true {
            switch items[cursor] {
            case .end(let r):
                raw.append(RawDiagnostic(summary: "Unexpected end of template", detail: "The if directive at \(openRange.lowerBound) is missing its corresponding endif directive.", range: r))
                return .invalid(r)
            case .elseDirective(let r):
                cursor += 1
                if !inElse {
                    inElse = true
                    continue loop
                }
                raw.append(RawDiagnostic(summary: "Unexpected else directive", detail: "Already in the else clause for the if started at \(openRange.lowerBound).", range: r))
                return .invalid(r)
            case .endIf(let r):
                cursor += 1
                endifRange = r
                break loop
            case .endFor(let r):
                cursor += 1
                raw.append(RawDiagnostic(summary: "Unexpected endfor directive", detail: "Expecting an endif directive for the if started at \(openRange.lowerBound).", range: r))
                return .invalid(r)
            default:
                let e = parseTemplateExpr(items, &cursor)
                if inElse { elseExprs.append(e) } else { ifExprs.append(e) }
            }
        }
        if ifExprs.isEmpty { ifExprs.append(Expression(.literal(.string("")), range: openRange.upperBound..<openRange.upperBound)) }
        if elseExprs.isEmpty { elseExprs.append(Expression(.literal(.string("")), range: endifRange.lowerBound..<endifRange.lowerBound)) }
        let t = Expression(.template(ifExprs), range: ifExprs[0].range.lowerBound..<ifExprs[ifExprs.count - 1].range.upperBound)
        let f = Expression(.template(elseExprs), range: elseExprs[0].range.lowerBound..<elseExprs[elseExprs.count - 1].range.upperBound)
        return bounded(Expression(.conditional(condition: cond, trueResult: t, falseResult: f),
                                  range: openRange.lowerBound..<endifRange.upperBound))
    }

    private mutating func parseTemplateFor(_ items: [TemplateItem], _ cursor: inout Int) -> Expression {
        guard case .forDirective(let key, let value, let coll, let openRange) = items[cursor] else { return .invalid(items[cursor].range) }
        depth += 1
        defer { depth -= 1 }
        if depth > Parser.maxDepth { return directiveTooDeep(items, &cursor) }
        cursor += 1
        var content: [Expression] = []
        var endforRange = openRange
        loop: while true {
            switch items[cursor] {
            case .end(let r):
                raw.append(RawDiagnostic(summary: "Unexpected end of template", detail: "The for directive at \(openRange.lowerBound) is missing its corresponding endfor directive.", range: r))
                return .invalid(r)
            case .elseDirective(let r):
                cursor += 1
                raw.append(RawDiagnostic(summary: "Unexpected else directive", detail: "An else clause is not expected for a for directive.", range: r))
                return .invalid(r)
            case .endFor(let r):
                cursor += 1
                endforRange = r
                break loop
            case .endIf(let r):
                cursor += 1
                raw.append(RawDiagnostic(summary: "Unexpected endif directive", detail: "Expecting an endfor directive corresponding to the for directive at \(openRange.lowerBound).", range: r))
                return .invalid(r)
            default:
                content.append(parseTemplateExpr(items, &cursor))
            }
        }
        if content.isEmpty { content.append(Expression(.literal(.string("")), range: openRange.upperBound..<openRange.upperBound)) }
        let body = Expression(.template(content), range: content[0].range.lowerBound..<content[content.count - 1].range.upperBound)
        let f = ForExpression(keyVariable: key, valueVariable: value, collection: coll, key: nil, value: body, condition: nil, grouping: false)
        let forExpr = Expression(.forExpression(f), range: openRange.lowerBound..<endforRange.upperBound)
        return bounded(Expression(.templateJoin(forExpr), range: forExpr.range))
    }

    /// hclsyntax `parseTemplateParts`.
    mutating func parseTemplateItems(end: Token.Kind) -> ([TemplateItem], Range<Int>) {
        var items: [TemplateItem] = []
        let startTok = peek()
        var ltrimNext = false
        var nextCanTrimPrev = false
        var endTok = startTok
        loop: while true {
            let t = read()
            if t.kind == end {
                endTok = t
                break
            }
            let ltrim = ltrimNext
            ltrimNext = false
            let canTrimPrev = nextCanTrimPrev
            nextCanTrimPrev = false
            switch t.kind {
            case .stringLit, .quotedLit:
                var s = stringLiteral(t, quoted: t.kind == .quotedLit)
                if ltrim { s = NativeParser.trimLeadingSpace(s) }
                items.append(.literal(s, rg(t)))
                nextCanTrimPrev = true
            case .templateInterp:
                // `${~` strips the whitespace at the end of the literal just before it.
                if canTrimPrev, t.end - t.start == 3, !items.isEmpty, case .literal(let s, let r) = items[items.count - 1] {
                    items[items.count - 1] = .literal(NativeParser.trimTrailingSpace(s), r)
                }
                pushNewlines(false)
                let expr = parseExpression()
                let close = peek()
                if close.kind != .templateSeqEnd {
                    if !recovery {
                        switch close.kind {
                        case .eof:
                            error("Unclosed template interpolation sequence", "There is no closing brace for this interpolation sequence before the end of the file. This might be caused by incorrect nesting inside the given expression.", startTok.range)
                        case .colon:
                            error("Extra characters after interpolation expression", "Template interpolation doesn't expect a colon at this location. Did you intend this to be a literal sequence to be processed as part of another language? If so, you can escape it by starting with \"$${\" instead of just \"${\".", close.range)
                        default:
                            if (close.kind == .cQuote || close.kind == .oQuote) && end == .cQuote {
                                error("Unclosed template interpolation sequence", "There is no closing brace for this interpolation sequence before the end of the quoted template. This might be caused by incorrect nesting inside the given expression.", startTok.range)
                            } else {
                                error("Extra characters after interpolation expression", "Expected a closing brace to end the interpolation expression, but found extra characters.\n\nThis can happen when you include interpolation syntax for another language, such as shell scripting, but forget to escape the interpolation start token. If this is an embedded sequence for another language, escape it by starting with \"$${\" instead of just \"${\".", close.range)
                            }
                        }
                    }
                    recover(.templateSeqEnd)
                } else {
                    read()
                    // `~}` strips the whitespace at the start of the literal just after it.
                    if close.end - close.start == 2 && b[close.start] == UInt8(ascii: "~") { ltrimNext = true }
                }
                popNewlines()
                items.append(.interpolation(expr, rg(t, close)))
            case .templateControl:
                if canTrimPrev, t.end - t.start == 3, !items.isEmpty, case .literal(let s, let r) = items[items.count - 1] {
                    items[items.count - 1] = .literal(NativeParser.trimTrailingSpace(s), r)
                }
                pushNewlines(false)
                let kw = peek()
                if kw.kind != .ident {
                    if !recovery {
                        error("Invalid template directive", "A template directive keyword (\"if\", \"for\", etc) is expected at the beginning of a %{ sequence.", kw.range)
                    }
                    recover(.templateSeqEnd)
                    popNewlines()
                    continue loop
                }
                read()
                if isKeyword(kw, "if") {
                    let cond = parseExpression()
                    items.append(.ifDirective(cond, rg(t, peek())))
                } else if isKeyword(kw, "else") {
                    items.append(.elseDirective(rg(t, peek())))
                } else if isKeyword(kw, "endif") {
                    items.append(.endIf(rg(t, peek())))
                } else if isKeyword(kw, "for") {
                    guard peek().kind == .ident else {
                        if !recovery { error("Invalid 'for' directive", "For directive requires variable name after 'for'.", peek().range) }
                        recover(.templateSeqEnd)
                        popNewlines()
                        continue loop
                    }
                    var keyName: String?
                    var valName = text(read())
                    if peek().kind == .comma {
                        keyName = valName
                        read()
                        guard peek().kind == .ident else {
                            if !recovery { error("Invalid 'for' directive", "For directive requires value variable name after comma.", peek().range) }
                            recover(.templateSeqEnd)
                            popNewlines()
                            continue loop
                        }
                        valName = text(read())
                    }
                    guard isKeyword(peek(), "in") else {
                        if !recovery { error("Invalid 'for' directive", "For directive requires 'in' keyword after names.", peek().range) }
                        recover(.templateSeqEnd)
                        popNewlines()
                        continue loop
                    }
                    read()
                    let coll = parseExpression()
                    items.append(.forDirective(key: keyName, value: valName, collection: coll, rg(t, peek())))
                } else if isKeyword(kw, "endfor") {
                    items.append(.endFor(rg(t, peek())))
                } else {
                    if !recovery {
                        let given = text(kw)
                        let suggestion = NativeParser.suggestion(given, ["if", "for", "else", "endif", "endfor"]).map { " Did you mean \"\($0)\"?" } ?? ""
                        error("Invalid template control keyword", "\"\(given)\" is not a valid template control keyword.\(suggestion)", kw.range)
                    }
                    recover(.templateSeqEnd)
                    popNewlines()
                    continue loop
                }
                let close = peek()
                if close.kind != .templateSeqEnd {
                    if !recovery {
                        error("Extra characters in \(text(kw)) marker", "Expected a closing brace to end the sequence, but found extra characters.", close.range)
                    }
                    recover(.templateSeqEnd)
                } else {
                    read()
                    if close.end - close.start == 2 && b[close.start] == UInt8(ascii: "~") { ltrimNext = true }
                }
                popNewlines()
            default:
                if !recovery {
                    error("Unterminated template string", "No closing marker was found for the string.", t.range)
                }
                endTok = recover(end)
                break loop
            }
        }
        if items.isEmpty {
            // `""` is one empty literal, placed just after the opening quote.
            let at = startTok.start + base
            items.append(.literal("", at..<at))
        }
        items.append(.end(rg(endTok)))
        return (items, rg(startTok, endTok))
    }

    /// The flush heredoc rule (`<<-`): find the least indentation over the lines (blank lines
    /// and lines starting with an interpolation count as spec says) and remove that many
    /// whitespace characters from the start of every line's leading literal.
    static func flushHeredoc(_ items: inout [TemplateItem]) {
        var minSpaces = Int.max
        var newline = true
        var adjust: [Int] = []
        for (k, item) in items.enumerated() {
            if newline {
                newline = false
                var spaces = 0
                if case .literal(let s, _) = item {
                    let trimmed = trimLeadingSpace(s)
                    if trimmed.isEmpty && s.hasSuffix("\n") {
                        spaces = Int.max // a blank line does not count
                    } else {
                        let prefixBytes = s.utf8.count - trimmed.utf8.count
                        spaces = String(decoding: s.utf8.prefix(prefixBytes), as: UTF8.self).count
                        adjust.append(k)
                    }
                } else if case .end = item {
                    break
                }
                if spaces < minSpaces { minSpaces = spaces }
            }
            if case .literal(let s, _) = item, s.hasSuffix("\n") { newline = true }
        }
        guard minSpaces != Int.max else { return }
        for k in adjust {
            guard case .literal(let s, let r) = items[k] else { continue }
            let rest = String(s.dropFirst(minSpaces))
            let removed = s.utf8.count - rest.utf8.count
            items[k] = .literal(rest, min(r.lowerBound + removed, r.upperBound)..<r.upperBound)
        }
    }

    /// Go's `unicode.IsSpace`: the Unicode White_Space property.
    static func trimLeadingSpace(_ s: String) -> String {
        let scalars = s.unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        return String(scalars[first...])
    }

    static func trimTrailingSpace(_ s: String) -> String {
        let scalars = s.unicodeScalars
        guard let last = scalars.lastIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        return String(scalars[...last])
    }

    /// The closest candidate within edit distance 2 (hclsyntax `nameSuggestion`).
    static func suggestion(_ given: String, _ candidates: [String]) -> String? {
        for c in candidates where levenshtein(Array(given.unicodeScalars), Array(c.unicodeScalars)) < 3 { return c }
        return nil
    }

    static func levenshtein(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var prev = Array(0...b.count)
        var cur = prev
        for i in 1...a.count {
            cur[0] = i
            for j in 1...b.count {
                cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            swap(&prev, &cur)
        }
        return prev[b.count]
    }
}
