/// What an expression is evaluated against: variables (`var`, `local`, resource names... as
/// the caller arranges them — each is the root of a traversal) and functions.
///
/// An empty `functions` table means functions are not available at all ("Function calls not
/// allowed", as hcl reports for a nil function table); likewise for `variables`.
public struct EvalContext: Sendable {
    public var variables: [String: Value]
    public var functions: [String: Function]

    public init(variables: [String: Value] = [:], functions: [String: Function] = [:]) {
        self.variables = variables
        self.functions = functions
    }
}

extension Expression {
    /// Evaluates the expression. Never throws: problems become error diagnostics (located
    /// with `lines`, the table of the file the expression came from) and the value is then
    /// unknown where it could not be computed.
    public func evaluate(in context: EvalContext, lines: LineTable) -> (Value, [Diagnostic]) {
        var ev = Evaluator(context: context, lines: lines)
        let v = ev.eval(self)
        return (v, ev.diagnostics)
    }

    /// The value of an expression that needs no variables and no functions and evaluates
    /// without error to a wholly known value; nil otherwise. This is the hcl-oracle's rule for
    /// a "static" attribute value.
    public var staticValue: Value? {
        if !references.isEmpty { return nil }
        var ev = Evaluator(context: EvalContext(), lines: nil)
        let v = ev.eval(self)
        if ev.hasErrors || !v.isWhollyKnown || !v.isFinite { return nil }
        return v
    }
}

extension Value {
    /// False when an infinite or NaN number appears anywhere inside (JSON cannot carry it).
    var isFinite: Bool {
        switch self {
        case .number(let n): return n.isFinite
        case .sensitive(let v): return v.isFinite
        case .tuple(let a), .list(let a), .set(let a): return a.allSatisfy(\.isFinite)
        case .object(let m), .map(let m): return m.values.allSatisfy(\.isFinite)
        default: return true
        }
    }
}
