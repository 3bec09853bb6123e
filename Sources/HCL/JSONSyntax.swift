/// The HCL JSON syntax (hashicorp/hcl `json/spec.md`; Terraform's `.tf.json`): a JSON document
/// decoded, under a `BodySchema`, into the same `File`/`Body`/`Attribute`/`Block`/`Expression`
/// tree the native parser produces, with byte ranges into the JSON file. Everything after
/// parsing — references, evaluation, the Terraform layer — works on either syntax alike.
///
/// Mapping (json/spec.md):
/// - A body is a JSON object (or an array of objects, whose properties are merged). A property
///   named by the schema as an attribute is an attribute; one named as a block type is one or
///   more blocks; `"//"` is a comment and ignored; others follow `BodySchema.otherProperties`.
/// - A block type's value has one level of nested object per label, the property names being
///   the labels; at every level an array of objects stands for several (so the same labels may
///   repeat); after the labels, an object is one block body and an array of objects one block
///   per element; `null` means no block.
/// - Expressions: numbers, `true`/`false`/`null` are literals; arrays are tuples; objects are
///   object constructors whose keys are templates too; strings are templates (`"${var.x}"`) in
///   `.template` mode, literal text in `.literal` mode, native expressions in `.expression`.
public enum JSONSyntax {
    /// Parses and decodes a JSON configuration file. Never throws: malformed JSON and
    /// schema mismatches are diagnostics (file:line:column), and the rest of the file is kept.
    public static func parse(bytes: [UInt8], filename: String, schema: BodySchema) -> (File, [Diagnostic]) {
        let lines = LineTable(filename: filename, bytes: bytes)
        return bytes.withUnsafeBufferPointer { buf in
            let (root, scanDiags, truncated) = JSONNodeParser.parse(buf)
            var d = JSONBodyDecoder(b: buf, lines: lines)
            d.raw = scanDiags
            var body = Body(range: 0..<bytes.count)
            if let root {
                body = d.decodeBody(root, schema: schema)
                body.range = 0..<bytes.count
            }
            var diags = NativeParser.resolve(d.raw, lines) + d.resolved
            diags.sort { ($0.range?.start.offset ?? 0) < ($1.range?.start.offset ?? 0) }
            if truncated || diags.count > Parser.maxDiagnostics {
                diags = Array(diags.prefix(Parser.maxDiagnostics))
                diags.append(.error("Too many errors", detail: "Only the first \(Parser.maxDiagnostics) problems in this file are reported.", at: diags.last?.range))
            }
            return (File(filename: filename, body: body, comments: [], lineTable: lines), diags)
        }
    }

    public static func parse(text: String, filename: String, schema: BodySchema) -> (File, [Diagnostic]) {
        parse(bytes: Array(text.utf8), filename: filename, schema: schema)
    }

    /// Parses a JSON document as one expression (e.g. a `.tfvars.json` value, or a test).
    public static func parseExpression(bytes: [UInt8], filename: String, mode: ExpressionMode = .template) -> (Expression, [Diagnostic]) {
        let lines = LineTable(filename: filename, bytes: bytes)
        return bytes.withUnsafeBufferPointer { buf in
            let (root, scanDiags, _) = JSONNodeParser.parse(buf)
            var d = JSONBodyDecoder(b: buf, lines: lines)
            d.raw = scanDiags
            let e = root.map { d.expression($0, mode: mode) } ?? .invalid(0..<0)
            var diags = NativeParser.resolve(d.raw, lines) + d.resolved
            diags.sort { ($0.range?.start.offset ?? 0) < ($1.range?.start.offset ?? 0) }
            return (e, diags)
        }
    }
}

/// Turns `JSONNode`s into bodies and expressions under a schema.
struct JSONBodyDecoder {
    let b: UnsafeBufferPointer<UInt8>
    let lines: LineTable
    /// Structural diagnostics (byte ranges), resolved at the end in one pass.
    var raw: [RawDiagnostic] = []
    /// Diagnostics of templates and expressions inside strings, already resolved.
    var resolved: [Diagnostic] = []

    init(b: UnsafeBufferPointer<UInt8>, lines: LineTable) {
        self.b = b
        self.lines = lines
    }

    private mutating func error(_ summary: String, _ detail: String, _ r: Range<Int>) {
        raw.append(RawDiagnostic(summary: summary, detail: detail, range: r))
    }

    // MARK: - Bodies

    /// The properties of a body value: an object's, or those of every object in an array
    /// (hcl `collectDeepAttrs`). `labelName` names the label being read, for the message.
    private mutating func properties(of node: JSONNode, labelName: String?) -> [JSONProperty] {
        let detail = labelName.map { "A JSON object is required here, to specify \($0) labels for this block." }
            ?? "A JSON object is required here, to define arguments and child blocks."
        switch node.kind {
        case .null, .invalid: return []
        case .object(let props): return props
        case .array(let elements):
            var out: [JSONProperty] = []
            for e in elements {
                switch e.kind {
                case .object(let props): out += props
                case .invalid: break
                default: error("Incorrect JSON value type", detail, e.startRange)
                }
            }
            return out
        default:
            error("Incorrect JSON value type", detail, node.startRange)
            return []
        }
    }

    mutating func decodeBody(_ node: JSONNode, schema: BodySchema) -> Body {
        var body = Body(range: node.range)
        var seen: [String: Range<Int>] = [:]
        for p in properties(of: node, labelName: nil) {
            if let mode = schema.attributes[p.name] {
                addAttribute(p, mode: mode, to: &body, seen: &seen)
            } else if let bs = schema.blocks[p.name] {
                unpackBlock(p, schema: bs, into: &body.blocks)
            } else if p.name == "//" {
                // json/spec.md: a "//" property of a body is a comment; its value is ignored.
                continue
            } else {
                switch schema.otherProperties {
                case .rejected:
                    error("Extraneous JSON object property", "No argument or block type is named \(Value.string(p.name).jsonString).", p.nameRange)
                case .attributes(let mode):
                    addAttribute(p, mode: mode, to: &body, seen: &seen)
                case .inferred:
                    if p.name == "dynamic" {
                        unpackBlock(p, schema: BodySchema.dynamicBlock, into: &body.blocks)
                    } else if BodySchema.inferBlock(name: p.name, value: p.value) {
                        unpackBlock(p, schema: BlockSchema(body: .inferred), into: &body.blocks)
                    } else {
                        addAttribute(p, mode: .template, to: &body, seen: &seen)
                    }
                }
            }
        }
        return body
    }

    private mutating func addAttribute(_ p: JSONProperty, mode: ExpressionMode, to body: inout Body, seen: inout [String: Range<Int>]) {
        if let first = seen[p.name] {
            let at = lines.position(of: first.lowerBound)
            error("Duplicate argument", "The argument \(Value.string(p.name).jsonString) was already set at \(lines.filename):\(at.line),\(at.column).", p.nameRange)
            return
        }
        seen[p.name] = p.nameRange
        let e = expression(p.value, mode: mode)
        body.attributes.append(Attribute(name: p.name, expression: e, range: p.nameRange.lowerBound..<max(p.nameRange.upperBound, e.range.upperBound), nameRange: p.nameRange))
    }

    /// hcl `unpackBlock`: peels one object level per label, then makes the block(s).
    private mutating func unpackBlock(_ p: JSONProperty, schema: BlockSchema, into blocks: inout [Block]) {
        var labels: [String] = []
        var labelRanges: [Range<Int>] = []
        unpack(p.value, type: p.name, typeRange: p.nameRange, labelsLeft: schema.labelNames[...], labels: &labels, labelRanges: &labelRanges, body: schema.body, into: &blocks)
    }

    private mutating func unpack(
        _ v: JSONNode, type: String, typeRange: Range<Int>, labelsLeft: ArraySlice<String>, labels: inout [String],
        labelRanges: inout [Range<Int>], body schema: BodySchema, into blocks: inout [Block]
    ) {
        if let labelName = labelsLeft.first {
            let props = properties(of: v, labelName: labelName)
            if props.isEmpty, !v.isInvalidOrScalar {
                error("Missing block label", "At least one object property is required, whose name represents the \(type) block's \(labelName).", v.startRange)
                return
            }
            for lp in props {
                labels.append(lp.name)
                labelRanges.append(lp.nameRange)
                unpack(lp.value, type: type, typeRange: typeRange, labelsLeft: labelsLeft.dropFirst(), labels: &labels, labelRanges: &labelRanges, body: schema, into: &blocks)
                labels.removeLast()
                labelRanges.removeLast()
            }
            return
        }
        func makeBlock(_ bodyNode: JSONNode, _ decoder: inout JSONBodyDecoder) -> Block {
            let body = decoder.decodeBody(bodyNode, schema: schema)
            let r = bodyNode.range
            let close = r.isEmpty ? r : (r.upperBound - 1)..<r.upperBound
            return Block(type: type, labels: labels, body: body, typeRange: typeRange, labelRanges: labelRanges,
                         openBraceRange: bodyNode.startRange, closeBraceRange: close)
        }
        switch v.kind {
        case .null, .invalid:
            return
        case .object:
            blocks.append(makeBlock(v, &self))
        case .array(let elements):
            for e in elements {
                switch e.kind {
                case .object, .array: blocks.append(makeBlock(e, &self))
                case .invalid: continue
                default:
                    error("Incorrect JSON value type", "A JSON object is required here, to define arguments and child blocks.", e.startRange)
                }
            }
        default:
            error("Incorrect JSON value type", "Either a JSON object or a JSON array is required, representing the contents of one or more \(Value.string(type).jsonString) blocks.", v.startRange)
        }
    }

    // MARK: - Expressions

    mutating func expression(_ node: JSONNode, mode: ExpressionMode) -> Expression {
        let e: Expression
        switch node.kind {
        case .invalid: return .invalid(node.range)
        case .null: return Expression(.literal(.null), range: node.range)
        case .bool(let v): return Expression(.literal(.bool(v)), range: node.range)
        case .number(let n): return Expression(.literal(.number(n)), range: node.range)
        case .string(let s, let escaped):
            return string(s, escaped: escaped, range: node.range, mode: mode)
        case .array(let elements):
            e = Expression(.tuple(elements.map { expression($0, mode: mode) }), range: node.range)
        case .object(let props):
            var items: [ObjectItem] = []
            items.reserveCapacity(props.count)
            for p in props {
                // json/spec.md: object keys are templates too (in template mode), giving
                // parity with the native syntax's dynamic keys.
                let key = string(p.name, escaped: p.nameEscaped, range: p.nameRange, mode: mode)
                items.append(ObjectItem(key: key, keyForcedExpression: false, value: expression(p.value, mode: mode)))
            }
            e = Expression(.object(items), range: node.range)
        }
        if e.height > Parser.maxDepth {
            error("Nesting too deep", "Expressions may be nested at most \(Parser.maxDepth) levels deep.", node.startRange)
            return .invalid(node.range)
        }
        return e
    }

    /// A JSON string as an expression. `range` is the string token, quotes included.
    private mutating func string(_ s: String, escaped: Bool, range: Range<Int>, mode: ExpressionMode) -> Expression {
        let closed = range.count >= 2 && b[range.upperBound - 1] == UInt8(ascii: "\"")
        let content = (range.lowerBound + 1)..<(closed ? range.upperBound - 1 : range.upperBound)
        if mode == .literal {
            // The shape of a native quoted string without interpolation, so `stringLiteral` works.
            let part = Expression(.literal(.string(Normalization.nfc(s))), range: content)
            return Expression(.template(s.isEmpty ? [] : [part]), range: range)
        }
        var e: Expression
        if !escaped {
            let bytes = Array(UnsafeBufferPointer(rebasing: b[content]))
            let (x, d) = mode == .template
                ? Parser.parseTemplate(bytes: bytes, offset: content.lowerBound, lines: lines)
                : Parser.parseExpression(bytes: bytes, offset: content.lowerBound, lines: lines)
            e = x
            resolved += d
        } else {
            // Escapes make decoded offsets differ from the file's: parse the decoded text on
            // its own, then map every range (and diagnostic) back through the offset table.
            let (bytes, map) = JSONNodeParser.decodeWithOffsets(b, range)
            let scratch = LineTable(filename: lines.filename, bytes: bytes)
            let (x, d) = mode == .template
                ? Parser.parseTemplate(bytes: bytes, offset: 0, lines: scratch)
                : Parser.parseExpression(bytes: bytes, offset: 0, lines: scratch)
            let f = { (o: Int) -> Int in map[max(0, min(o, map.count - 1))] }
            e = x.mappingOffsets(f)
            for var diag in d {
                if let r = diag.range {
                    diag.range = lines.range(f(r.start.offset), f(r.end.offset))
                }
                resolved.append(diag)
            }
        }
        // Like a native quoted template, the expression spans the quotes.
        if mode == .template { e.range = range }
        return e
    }
}

extension JSONNode {
    /// True for values already diagnosed or of a type `properties(of:)` reports itself.
    var isInvalidOrScalar: Bool {
        switch kind {
        case .object, .array, .null: return false
        default: return true
        }
    }
}

extension Expression {
    /// The same tree with every byte offset passed through `f` (for text parsed out of an
    /// escaped JSON string). Recursion is bounded by `height`.
    func mappingOffsets(_ f: (Int) -> Int) -> Expression {
        func r(_ x: Range<Int>) -> Range<Int> {
            let lo = f(x.lowerBound)
            return lo..<max(lo, f(x.upperBound))
        }
        func t(_ x: Traversal) -> Traversal { Traversal(steps: x.steps, ranges: x.ranges.map(r)) }
        func m(_ e: Expression) -> Expression { e.mappingOffsets(f) }
        let k: Kind
        switch kind {
        case .literal, .anonymousSymbol, .invalid: k = kind
        case .template(let parts): k = .template(parts.map(m))
        case .templateWrap(let x): k = .templateWrap(m(x))
        case .templateJoin(let x): k = .templateJoin(m(x))
        case .scopeTraversal(let x): k = .scopeTraversal(t(x))
        case .relativeTraversal(let x, let tr): k = .relativeTraversal(m(x), t(tr))
        case .functionCall(let c):
            k = .functionCall(FunctionCall(name: c.name, arguments: c.arguments.map(m), expandFinal: c.expandFinal, nameRange: r(c.nameRange)))
        case .conditional(let c, let a, let b): k = .conditional(condition: m(c), trueResult: m(a), falseResult: m(b))
        case .index(let c, let key): k = .index(collection: m(c), key: m(key))
        case .tuple(let es): k = .tuple(es.map(m))
        case .object(let items):
            k = .object(items.map { ObjectItem(key: m($0.key), keyForcedExpression: $0.keyForcedExpression, value: m($0.value)) })
        case .forExpression(let fe):
            k = .forExpression(ForExpression(
                keyVariable: fe.keyVariable, valueVariable: fe.valueVariable, collection: m(fe.collection), key: fe.key.map(m),
                value: m(fe.value), condition: fe.condition.map(m), grouping: fe.grouping))
        case .splat(let s, let each): k = .splat(source: m(s), each: m(each))
        case .binary(let op, let a, let b): k = .binary(op, m(a), m(b))
        case .unary(let op, let x): k = .unary(op, m(x))
        case .parentheses(let x): k = .parentheses(m(x))
        }
        return Expression(k, range: r(range))
    }
}
