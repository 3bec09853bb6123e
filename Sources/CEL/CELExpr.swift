/// The parsed form of a CEL expression, after macro expansion (langdef "Syntax", "Macros").
/// Operators are calls named as in the spec (`_+_`, `_&&_`, `!_`, `@in`, `_[_]`); `&&` and
/// `||` chains are flattened so a 10,000-clause condition is not 10,000 levels deep.
indirect enum CELExpr: Sendable {
    case literal(CELValue)
    /// An identifier; `leadingDot` for `.name` (root-scope reference).
    case ident(String)
    /// `operand.field`; `testOnly` for the `has()` macro; `optional` for `operand.?field`.
    case select(CELExpr, String, testOnly: Bool, optional: Bool)
    /// `operand[index]`, or `operand[?index]` when `optional`.
    case index(CELExpr, CELExpr, optional: Bool)
    /// A function call; `target` for receiver style (`s.startsWith(p)`).
    case call(String, target: CELExpr?, args: [CELExpr])
    /// List literal; `optionalAt` marks `?elem` entries.
    case list([CELExpr], optionalAt: [Bool])
    case map([CELMapEntry])
    /// `Name{field: value}`: parsed, rejected at evaluation (there are no message types here).
    case message(String, [CELMapEntry])
    case and([CELExpr])
    case or([CELExpr])
    case conditional(CELExpr, CELExpr, CELExpr)
    /// Expanded macros (`all`, `exists`, `exists_one`, `map`, `filter`).
    case comprehension(CELComprehension)
}

struct CELMapEntry: Sendable {
    var key: CELExpr
    var value: CELExpr
    var optional: Bool
}

struct CELComprehension: Sendable {
    enum Kind: Sendable { case all, exists, existsOne, map, mapFilter, filter, optMap, optFlatMap }
    var kind: Kind
    var range: CELExpr
    var variable: String
    /// The predicate (`all`, `exists`, `exists_one`, `filter`), or the transform (`map`).
    var body: CELExpr
    /// The filter of the 3-argument `map(x, filter, transform)`.
    var filter: CELExpr?
}

/// A compile-time problem (syntax error, bad macro use, limit exceeded), with its position.
public struct CELCompileError: Error, Sendable, Hashable, CustomStringConvertible {
    public var message: String
    /// 1-based line and column (columns count Unicode scalars).
    public var line: Int
    public var column: Int
    public var description: String { "\(line):\(column): \(message)" }
}
