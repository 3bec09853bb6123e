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
    /// The three expressions after graph-call expansion (what the programs were compiled from).
    let sources: [String?]
    /// The slots (in the programs' shared `CELVariables` layout) each program reads, so the
    /// engine fills exactly those of an asset's activation before evaluating: applies,
    /// condition, violations. Empty when compiled without a shared layout.
    let appliesSlots: [Int]
    let conditionSlots: [Int]
    let violationsSlots: [Int]

    init(definition: PolicyDefinition, severity: Severity, condition: CELProgram, applies: CELProgram?, violations: CELProgram?,
         graphCalls: [String: GraphCalls.Call], sources: [String?],
         appliesSlots: [Int] = [], conditionSlots: [Int] = [], violationsSlots: [Int] = []) {
        self.definition = definition
        self.severity = severity
        self.condition = condition
        self.applies = applies
        self.violations = violations
        self.graphCalls = graphCalls
        self.sources = sources
        self.appliesSlots = appliesSlots
        self.conditionSlots = conditionSlots
        self.violationsSlots = violationsSlots
    }

    /// The variable names the three programs read (their own layouts: compiled without one).
    var referencedVariables: [String] {
        [applies, condition, violations].compactMap { $0?.variables.names }.flatMap { $0 }
    }

    /// The same policy compiled against the engine's shared `layout` (one slot activation per
    /// asset serves every policy). The sources compiled once already, so this cannot fail; if
    /// it somehow did, the policy keeps its own programs (read by name: slower, same results).
    func relaid(in layout: CELVariables) -> CompiledPolicy {
        func recompile(_ p: CELProgram?, _ source: String?) -> (CELProgram?, [Int]) {
            guard let p, let source else { return (nil, []) }
            let slots = p.variables.names.compactMap { layout.slot(of: $0) }
            guard case .success(let q) = CELProgram.compile(source, variables: layout) else { return (p, slots) }
            return (q, slots)
        }
        let (a, aSlots) = recompile(applies, sources[0])
        let (c, cSlots) = recompile(condition, sources[1])
        let (v, vSlots) = recompile(violations, sources[2])
        return CompiledPolicy(definition: definition, severity: severity, condition: c ?? condition, applies: a, violations: v,
                              graphCalls: graphCalls, sources: sources, appliesSlots: aSlots, conditionSlots: cSlots, violationsSlots: vSlots)
    }

    /// Compiles `definition`; a syntax error is a diagnostic at the expression's line and
    /// column in the policy file.
    static func compile(_ definition: PolicyDefinition, severity: Severity) -> (CompiledPolicy?, [Diagnostic]) {
        var diags: [Diagnostic] = []
        var calls: [String: GraphCalls.Call] = [:]
        var sources: [String?] = [nil, nil, nil]
        func build(_ source: String?, _ field: String, _ range: SourceRange?, _ locator: ExpressionLocator?) -> CELProgram?? {
            guard let source else { return .some(nil) }
            let (expanded, graph, err) = GraphCalls.expand(source)
            if let err {
                diags.append(.error("policy \(definition.id): \(field): \(err)", at: range))
                return nil
            }
            for (k, v) in graph.variables { calls[k] = v }
            sources[field == "applies" ? 0 : field == "condition" ? 1 : 2] = expanded
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
                               graphCalls: calls, sources: sources), diags)
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
