import CEL
import HCL

/// A policy with its CEL compiled once (programs are immutable and reused for every asset).
final class CompiledPolicy: Sendable {
    let definition: PolicyDefinition
    /// The severity under the active profile.
    let severity: Severity
    let condition: CELProgram
    let applies: CELProgram?
    let violations: CELProgram?
    /// Graph calls used by any of the three expressions (generated variable → call).
    let graphCalls: [String: GraphCalls.Call]

    init(definition: PolicyDefinition, severity: Severity, condition: CELProgram, applies: CELProgram?, violations: CELProgram?,
         graphCalls: [String: GraphCalls.Call]) {
        self.definition = definition
        self.severity = severity
        self.condition = condition
        self.applies = applies
        self.violations = violations
        self.graphCalls = graphCalls
    }

    /// Compiles `definition`; a syntax error is a diagnostic at the expression's line and
    /// column in the policy file.
    static func compile(_ definition: PolicyDefinition, severity: Severity) -> (CompiledPolicy?, [Diagnostic]) {
        var diags: [Diagnostic] = []
        var calls: [String: GraphCalls.Call] = [:]
        func build(_ source: String?, _ field: String, _ range: SourceRange?, _ locator: ExpressionLocator?) -> CELProgram?? {
            guard let source else { return .some(nil) }
            let (expanded, graph, err) = GraphCalls.expand(source)
            if let err {
                diags.append(.error("policy \(definition.id): \(field): \(err)", at: range))
                return nil
            }
            for (k, v) in graph.variables { calls[k] = v }
            switch CELProgram.compile(expanded) {
            case .success(let p):
                return .some(p)
            case .failure(let e):
                // Report the position inside the file: the expression starts at `range`
                // (folded block scalars start on the next line, indented).
                diags.append(.error("policy \(definition.id): CEL syntax error in \(field) at \(e.line):\(e.column): \(e.message)",
                                    at: position(of: e, in: range, locator: locator)))
                return nil
            }
        }
        let condition = build(definition.condition, "condition", definition.conditionRange, definition.conditionLocator)
        let applies = build(definition.applies, "applies", definition.appliesRange, definition.appliesLocator)
        let violations = build(definition.violations, "violations", definition.violationsRange, definition.violationsLocator)
        guard let c = condition, let cond = c, let a = applies, let v = violations else { return (nil, diags) }
        _ = c
        return (CompiledPolicy(definition: definition, severity: severity, condition: cond, applies: a, violations: v,
                               graphCalls: calls), diags)
    }

    /// Maps a CEL error position (line:column within the expression) to the policy file.
    private static func position(of e: CELCompileError, in range: SourceRange?, locator: ExpressionLocator?) -> SourceRange? {
        guard var r = range else { return nil }
        if let (line, column) = locator?.position(line: e.line, column: e.column) {
            r.start = SourcePosition(line: line, column: column, offset: r.start.offset)
            r.end = r.start
        }
        return r
    }
}
