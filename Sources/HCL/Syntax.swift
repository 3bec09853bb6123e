/// The syntax tree of an HCL file (native or JSON syntax). Every node carries the byte range
/// of its source text; `File.lineTable` turns offsets into line and column on demand.

/// A parsed file: its body, the comments found in it, and what is needed to locate nodes.
public struct File: Sendable {
    public var filename: String
    public var body: Body
    /// Comments in source order (native syntax only; JSON has none).
    public var comments: [Comment]
    public var lineTable: LineTable

    public init(filename: String, body: Body, comments: [Comment], lineTable: LineTable) {
        self.filename = filename
        self.body = body
        self.comments = comments
        self.lineTable = lineTable
    }

    /// Line and column of a byte range of this file.
    public func sourceRange(_ r: Range<Int>) -> SourceRange {
        lineTable.range(r.lowerBound, r.upperBound)
    }
}

/// A body: attributes and blocks in source order.
public struct Body: Sendable {
    /// Attributes in source order, names unique (a redefinition is diagnosed and dropped).
    public var attributes: [Attribute]
    public var blocks: [Block]
    /// From the opening brace (or start of file) to the closing brace (or end of file).
    public var range: Range<Int>

    public init(attributes: [Attribute] = [], blocks: [Block] = [], range: Range<Int>) {
        self.attributes = attributes
        self.blocks = blocks
        self.range = range
    }

    public func attribute(named name: String) -> Attribute? {
        attributes.first { $0.name == name }
    }

    public func blocks(ofType type: String) -> [Block] {
        blocks.filter { $0.type == type }
    }
}

public struct Attribute: Sendable {
    public var name: String
    public var expression: Expression
    /// The whole definition, name to end of expression.
    public var range: Range<Int>
    public var nameRange: Range<Int>

    public init(name: String, expression: Expression, range: Range<Int>, nameRange: Range<Int>) {
        self.name = name
        self.expression = expression
        self.range = range
        self.nameRange = nameRange
    }
}

public struct Block: Sendable {
    public var type: String
    public var labels: [String]
    public var body: Body
    public var typeRange: Range<Int>
    public var labelRanges: [Range<Int>]
    public var openBraceRange: Range<Int>
    public var closeBraceRange: Range<Int>

    public init(
        type: String, labels: [String], body: Body, typeRange: Range<Int>, labelRanges: [Range<Int>],
        openBraceRange: Range<Int>, closeBraceRange: Range<Int>
    ) {
        self.type = type
        self.labels = labels
        self.body = body
        self.typeRange = typeRange
        self.labelRanges = labelRanges
        self.openBraceRange = openBraceRange
        self.closeBraceRange = closeBraceRange
    }

    /// From the block type to the closing brace.
    public var range: Range<Int> { typeRange.lowerBound..<max(typeRange.upperBound, closeBraceRange.upperBound) }
}

// MARK: - Traversals

/// One step of a traversal: `var` `.name` `[0]` `["key"]`.
public enum Traverser: Hashable, Sendable {
    case root(String)
    case attribute(String)
    /// An index with a constant key (a number or string literal in the source, or a legacy `.0`).
    case index(Value)
    /// A splat step; only produced when a traversal is rendered after a splat (never by
    /// `references`, which stops before it).
    case splat
}

/// A static reference such as `google_sql_database_instance.db.settings[0]`, with the range
/// of each step.
public struct Traversal: Hashable, Sendable {
    public var steps: [Traverser]
    public var ranges: [Range<Int>]

    public init(steps: [Traverser], ranges: [Range<Int>]) {
        self.steps = steps
        self.ranges = ranges
    }

    public var rootName: String {
        if case .root(let n)? = steps.first { return n }
        return ""
    }

    public var range: Range<Int> {
        guard let f = ranges.first, let l = ranges.last else { return 0..<0 }
        return f.lowerBound..<l.upperBound
    }

    /// `root.attr[0]["key"]` as the hcl-oracle renders traversals: string keys JSON-quoted,
    /// numbers in plain decimal.
    public var description: String {
        var s = ""
        for step in steps {
            switch step {
            case .root(let n): s += n
            case .attribute(let n): s += "." + n
            case .index(let v):
                switch v.unmarked {
                case .string(let k):
                    s += "["
                    Value.writeJSONString(k, to: &s)
                    s += "]"
                case .number(let n): s += "[" + n.description + "]"
                default: s += "[?]"
                }
            case .splat: s += "[*]"
            }
        }
        return s
    }
}

// MARK: - Expressions

public enum BinaryOperator: String, Hashable, Sendable {
    case or = "||", and = "&&"
    case equal = "==", notEqual = "!="
    case lessThan = "<", lessThanOrEqual = "<=", greaterThan = ">", greaterThanOrEqual = ">="
    case add = "+", subtract = "-"
    case multiply = "*", divide = "/", modulo = "%"
}

public enum UnaryOperator: String, Hashable, Sendable {
    case not = "!", negate = "-"
}

/// An expression node: what it is, where it is, and how deep the tree below it goes (the
/// parser keeps `height` under `Parser.maxDepth`, so every recursive walk is bounded).
public struct Expression: Sendable {
    public var kind: Kind
    public var range: Range<Int>
    public var height: Int

    public init(_ kind: Kind, range: Range<Int>) {
        self.kind = kind
        self.range = range
        self.height = 1 + kind.childHeight
    }

    public indirect enum Kind: Sendable {
        /// A constant (number, bool, null, or a string from a template literal part).
        case literal(Value)
        /// A template with literal and interpolated parts, concatenated as strings.
        case template([Expression])
        /// A template that is exactly one interpolation (`"${x}"`): it yields `x` unconverted.
        case templateWrap(Expression)
        /// A `%{for}` directive: the for expression's tuple joined into a string.
        case templateJoin(Expression)
        /// A variable and the static steps after it.
        case scopeTraversal(Traversal)
        /// Static steps applied to the value of another expression.
        case relativeTraversal(Expression, Traversal)
        case functionCall(FunctionCall)
        case conditional(condition: Expression, trueResult: Expression, falseResult: Expression)
        /// An index with a non-constant key: `collection[key]`.
        case index(collection: Expression, key: Expression)
        case tuple([Expression])
        case object([ObjectItem])
        case forExpression(ForExpression)
        /// `source[*].each` or `source.*.each`; `each` refers to the element as `anonymousSymbol`.
        case splat(source: Expression, each: Expression)
        /// The element of a splat, inside its `each` expression.
        case anonymousSymbol
        case binary(BinaryOperator, Expression, Expression)
        case unary(UnaryOperator, Expression)
        case parentheses(Expression)
        /// Placeholder where the parser found an error; evaluates to an unknown value.
        case invalid

        var childHeight: Int {
            switch self {
            case .literal, .scopeTraversal, .anonymousSymbol, .invalid: return 0
            case .template(let parts): return parts.reduce(0) { max($0, $1.height) }
            case .templateWrap(let e), .templateJoin(let e), .unary(_, let e), .parentheses(let e): return e.height
            case .relativeTraversal(let e, _): return e.height
            case .functionCall(let c): return c.arguments.reduce(0) { max($0, $1.height) }
            case .conditional(let c, let t, let f): return max(c.height, t.height, f.height)
            case .index(let c, let k): return max(c.height, k.height)
            case .tuple(let es): return es.reduce(0) { max($0, $1.height) }
            case .object(let items): return items.reduce(0) { max($0, $1.key.height, $1.value.height) }
            case .forExpression(let f):
                return max(f.collection.height, f.key?.height ?? 0, f.value.height, f.condition?.height ?? 0)
            case .splat(let s, let e): return max(s.height, e.height)
            case .binary(_, let l, let r): return max(l.height, r.height)
            }
        }
    }

    public static func invalid(_ range: Range<Int>) -> Expression { Expression(.invalid, range: range) }
}

public struct FunctionCall: Sendable {
    public var name: String
    public var arguments: [Expression]
    /// `f(a, b...)`: the last argument is expanded into separate arguments.
    public var expandFinal: Bool
    public var nameRange: Range<Int>

    public init(name: String, arguments: [Expression], expandFinal: Bool, nameRange: Range<Int>) {
        self.name = name
        self.arguments = arguments
        self.expandFinal = expandFinal
        self.nameRange = nameRange
    }
}

public struct ObjectItem: Sendable {
    public var key: Expression
    /// True when the key was written in parentheses: then it is never a literal name.
    public var keyForcedExpression: Bool
    public var value: Expression

    public init(key: Expression, keyForcedExpression: Bool, value: Expression) {
        self.key = key
        self.keyForcedExpression = keyForcedExpression
        self.value = value
    }

    /// The literal name of a key written as a bare identifier (or `true`/`false`/`null`),
    /// which HCL takes as a string rather than a reference (hcl `ExprAsKeyword`).
    public var keyword: String? {
        if keyForcedExpression { return nil }
        return key.keyword
    }
}

public struct ForExpression: Sendable {
    public var keyVariable: String?
    public var valueVariable: String
    public var collection: Expression
    /// Present for object `for` expressions (`k => v`).
    public var key: Expression?
    public var value: Expression
    public var condition: Expression?
    /// `...` after the value: group values with the same key into tuples.
    public var grouping: Bool

    public init(
        keyVariable: String?, valueVariable: String, collection: Expression, key: Expression?, value: Expression,
        condition: Expression?, grouping: Bool
    ) {
        self.keyVariable = keyVariable
        self.valueVariable = valueVariable
        self.collection = collection
        self.key = key
        self.value = value
        self.condition = condition
        self.grouping = grouping
    }
}

extension Expression {
    /// A single-name traversal (or the keywords `true`, `false`, `null`) as a bare word.
    public var keyword: String? {
        switch kind {
        case .scopeTraversal(let t) where t.steps.count == 1: return t.rootName
        case .literal(.bool(true)): return "true"
        case .literal(.bool(false)): return "false"
        case .literal(.null): return "null"
        default: return nil
        }
    }

    /// A template that is one literal string (`"abc"`), and that string.
    public var stringLiteral: String? {
        if case .template(let parts) = kind, parts.count == 1, case .literal(.string(let s)) = parts[0].kind { return s }
        return nil
    }

    /// The expression as a static traversal, when it is one (hcl `AbsTraversalForExpr`).
    public var asTraversal: Traversal? {
        switch kind {
        case .scopeTraversal(let t): return t
        case .relativeTraversal(let src, let t):
            guard let base = src.asTraversal else { return nil }
            return Traversal(steps: base.steps + t.steps, ranges: base.ranges + t.ranges)
        case .literal(.bool(let b)): return Traversal(steps: [.root(b ? "true" : "false")], ranges: [range])
        case .literal(.null): return Traversal(steps: [.root("null")], ranges: [range])
        default: return nil
        }
    }
}
