import Foundation
import HCL

/// Evaluation of one instance of a module (a root, or one instance of a module call) in
/// dependency order. Nodes are the module's variables, locals, providers, resources, data
/// sources, module calls and outputs; edges come from the references in their expressions.
/// Each node is evaluated exactly once, after the nodes it refers to (a topological order);
/// nodes on a reference cycle get a diagnostic naming the cycle and unknown values.
struct ModuleInstance {
    let run: EvaluationRun
    let root: RootContext
    let module: Module
    /// `""` for a root, else `module.a["x"].module.b`.
    let address: String
    /// Call names from the root (`["a", "b"]`), the key of `modules.json`.
    let callPath: [String]
    /// Module directories from the root to here (recursion detection).
    let stack: [String]
    /// Values for this module's variables (caller arguments, or the root's variable sources).
    let inputs: [String: VariableInput]
    /// Provider configurations (`google`, `google.alias`): their `project`/`region`/`zone`.
    var providerConfigs: [String: [String: Value]]

    /// Instances in declaration order: this module's resources, then each module call's.
    var instances: [ResourceInstance] {
        let r = module.resources.indices.flatMap { resourceInstances[$0] ?? [] }
        return r + module.moduleCalls.indices.flatMap { callInstances[$0] ?? [] }
    }
    private var resourceInstances: [Int: [ResourceInstance]] = [:]
    private var callInstances: [Int: [ResourceInstance]] = [:]
    /// The evaluation context being built: `var`, `local`, `module`, `data`, resource types.
    private var scope: [String: Value] = [:]
    private var vars: [String: Value] = [:]
    private var locals: [String: Value] = [:]
    private var moduleValues: [String: Value] = [:]
    private var resourceValues: [String: [String: Value]] = [:]
    private var dataValues: [String: [String: Value]] = [:]
    private var outputs: [String: Value] = [:]

    init(run: EvaluationRun, root: RootContext, module: Module, address: String, callPath: [String], stack: [String],
         inputs: [String: VariableInput], providerConfigs: [String: [String: Value]]) {
        self.run = run
        self.root = root
        self.module = module
        self.address = address
        self.callPath = callPath
        self.stack = stack
        self.inputs = inputs
        self.providerConfigs = providerConfigs
    }

    // MARK: graph

    enum Kind { case variable(Int), local(Int), provider(Int), resource(Int), moduleCall(Int), output(Int) }

    struct Node {
        var key: String
        var kind: Kind
        var file: Int
        var range: Range<Int>
        var expressions: [Expression]
        var deps: [Int] = []
    }

    private func buildNodes() -> [Node] {
        var nodes: [Node] = []
        for (i, v) in module.variables.enumerated() {
            nodes.append(Node(key: "var." + v.name, kind: .variable(i), file: v.file, range: v.range, expressions: []))
        }
        for (i, p) in module.providers.enumerated() {
            var ex: [Expression] = []
            ExpressionWalk.expressions(in: p.block.body, into: &ex)
            nodes.append(Node(key: "provider." + p.key, kind: .provider(i), file: p.file, range: p.block.typeRange, expressions: ex))
        }
        for (i, l) in module.locals.enumerated() {
            nodes.append(Node(key: "local." + l.name, kind: .local(i), file: l.file, range: l.range, expressions: [l.expression]))
        }
        for (i, r) in module.resources.enumerated() {
            var ex: [Expression] = []
            ExpressionWalk.expressions(in: r.block.body, into: &ex)
            nodes.append(Node(key: r.key, kind: .resource(i), file: r.file, range: r.block.typeRange, expressions: ex))
        }
        for (i, c) in module.moduleCalls.enumerated() {
            var ex: [Expression] = []
            ExpressionWalk.expressions(in: c.block.body, into: &ex)
            nodes.append(Node(key: "module." + c.name, kind: .moduleCall(i), file: c.file, range: c.block.typeRange, expressions: ex))
        }
        for (i, o) in module.outputs.enumerated() {
            nodes.append(Node(key: "output." + o.name, kind: .output(i), file: o.file, range: o.range, expressions: o.value.map { [$0] } ?? []))
        }
        var index: [String: Int] = [:]
        for (i, n) in nodes.enumerated() where index[n.key] == nil { index[n.key] = i }
        for i in nodes.indices {
            var deps = Set<Int>()
            for e in nodes[i].expressions {
                for t in e.references {
                    if let k = ModuleInstance.nodeKey(t), let j = index[k], j != i { deps.insert(j) }
                }
            }
            // Resources depend on their provider's configuration.
            if case .resource(let r) = nodes[i].kind {
                let res = module.resources[r]
                if let j = index["provider." + (res.providerKey ?? res.providerName)] { deps.insert(j) }
            }
            nodes[i].deps = deps.sorted()
        }
        return nodes
    }

    /// The graph node a reference points at: `var.x`, `local.x`, `module.x`, `data.t.n`, `t.n`.
    static func nodeKey(_ t: Traversal) -> String? {
        let s = t.steps
        func attr(_ i: Int) -> String? {
            guard i < s.count, case .attribute(let n) = s[i] else { return nil }
            return n
        }
        switch t.rootName {
        case "var": return attr(1).map { "var." + $0 }
        case "local": return attr(1).map { "local." + $0 }
        case "module": return attr(1).map { "module." + $0 }
        case "data":
            guard let ty = attr(1), let n = attr(2) else { return nil }
            return "data.\(ty).\(n)"
        case "count", "each", "path", "terraform", "self": return nil
        default:
            return attr(1).map { t.rootName + "." + $0 }
        }
    }

    /// Kahn's algorithm in declaration order; what remains is on or behind a cycle.
    private func order(_ nodes: [Node]) -> (order: [Int], cyclic: [[Int]]) {
        var indegree = nodes.map { $0.deps.count }
        var users = [[Int]](repeating: [], count: nodes.count)
        for (i, n) in nodes.enumerated() { for d in n.deps { users[d].append(i) } }
        var ready = (0..<nodes.count).filter { indegree[$0] == 0 }.reversed() as [Int]
        var out: [Int] = []
        out.reserveCapacity(nodes.count)
        while let i = ready.popLast() {
            out.append(i)
            for u in users[i] {
                indegree[u] -= 1
                if indegree[u] == 0 { ready.append(u) }
            }
        }
        if out.count == nodes.count { return (out, []) }
        // Strongly connected components among the rest (Tarjan, iterative) name the cycles.
        let rest = Set((0..<nodes.count).filter { indegree[$0] > 0 })
        var cycles: [[Int]] = []
        var idx = [Int: Int](), low = [Int: Int](), onStack = Set<Int>(), st: [Int] = []
        var counter = 0
        for start in rest.sorted() where idx[start] == nil {
            var work: [(Int, Int)] = [(start, 0)]
            while let (v, pi) = work.popLast() {
                if pi == 0 {
                    idx[v] = counter; low[v] = counter; counter += 1
                    st.append(v); onStack.insert(v)
                }
                let ds = nodes[v].deps.filter { rest.contains($0) }
                if pi < ds.count {
                    work.append((v, pi + 1))
                    let w = ds[pi]
                    if idx[w] == nil {
                        work.append((w, 0))
                    } else if onStack.contains(w) {
                        low[v] = min(low[v]!, idx[w]!)
                    }
                    continue
                }
                if let (parent, _) = work.last, parent != v { low[parent] = min(low[parent]!, low[v]!) }
                if low[v] == idx[v] {
                    var comp: [Int] = []
                    while let w = st.popLast() {
                        onStack.remove(w)
                        comp.append(w)
                        if w == v { break }
                    }
                    if comp.count > 1 || nodes[v].deps.contains(v) { cycles.append(comp.sorted()) }
                }
            }
        }
        return (out, cycles)
    }

    // MARK: evaluation

    mutating func evaluate() -> [String: Value] {
        inheritProviders()
        scope["path"] = .object([
            "module": .string(modulePathFromRoot()), "root": ".", "cwd": .string(root.relativeDirectory),
        ])
        scope["terraform"] = .object(["workspace": "default"])
        let nodes = buildNodes()
        let (ordered, cycles) = order(nodes)
        for i in ordered { evaluateNode(nodes[i]) }
        if !cycles.isEmpty {
            var inCycle = Set<Int>()
            for c in cycles {
                let names = c.map { nodes[$0].key }
                let first = nodes[c[0]]
                let modulesOnly = c.allSatisfy { if case .moduleCall = nodes[$0].kind { true } else { false } }
                if modulesOnly {
                    inCycle.formUnion(c)
                    evaluateModuleCycle(c, nodes: nodes, names: names, at: module.files[first.file].sourceRange(first.range))
                    continue
                } else {
                    run.diagnostics.append(.error(
                        "Cycle: \(names.joined(separator: ", "))",
                        detail: "These objects refer to each other, so none of them can be evaluated; their values are unknown.",
                        at: module.files[first.file].sourceRange(first.range)))
                }
                inCycle.formUnion(c)
                for i in c { placeholder(nodes[i]) }
            }
            // The nodes behind the cycles then evaluate normally, each once.
            let done = Set(ordered)
            var remaining = (0..<nodes.count).filter { !done.contains($0) && !inCycle.contains($0) }
            var finished = done.union(inCycle)
            while !remaining.isEmpty {
                let next = remaining.first { nodes[$0].deps.allSatisfy(finished.contains) } ?? remaining[0]
                evaluateNode(nodes[next])
                finished.insert(next)
                remaining.removeAll { $0 == next }
            }
        }
        return outputs
    }

    /// Module calls that feed each other (legal in Terraform, whose graph has a node per module
    /// variable and output): evaluated in declaration order — outputs taken from a later call
    /// unknown at first — and again, with the outputs of the round before, until their values
    /// settle (at most `maxModuleCycleRounds`). Each round starts from the same checkpoint, so
    /// only the last round's instances and diagnostics remain. If an output still depends on
    /// itself through the calls, Terraform's graph has a cycle too: a warning, and those
    /// values stay unknown.
    private mutating func evaluateModuleCycle(_ c: [Int], nodes: [Node], names: [String], at range: SourceRange) {
        let maxModuleCycleRounds = 4
        for i in c { placeholder(nodes[i]) }
        let start = run.checkpoint()
        var previous: [Value]?
        var settled = false
        for round in 0..<maxModuleCycleRounds {
            if round > 0 { run.rewind(to: start) }
            for i in c {
                if case .moduleCall(let k) = nodes[i].kind { callInstances[k] = [] }
                evaluateNode(nodes[i])
            }
            let now = c.map { i -> Value in
                if case .moduleCall(let k) = nodes[i].kind { return moduleValues[module.moduleCalls[k].name] ?? .null }
                return .null
            }
            if now == previous {
                settled = true
                break
            }
            previous = now
        }
        let selfDependent = (previous ?? []).contains { Self.hasUnknown($0, from: "(reference cycle)") }
        if !settled || selfDependent {
            run.diagnostics.append(.warning(
                "Module calls refer to each other: \(names.joined(separator: ", "))",
                detail: settled
                    ? "An output of these modules depends on itself through their inputs; it is unknown in this evaluation."
                    : "Their outputs did not settle after \(maxModuleCycleRounds) rounds; the last round's values are used.",
                at: range))
        }
    }

    /// True when an unknown inside `v` came from an origin containing `marker`.
    static func hasUnknown(_ v: Value, from marker: String) -> Bool {
        switch v {
        case .unknown(let u): return u.origin.contains(marker)
        case .sensitive(let x): return hasUnknown(x, from: marker)
        case .tuple(let a), .list(let a), .set(let a): return a.contains { hasUnknown($0, from: marker) }
        case .object(let m), .map(let m): return m.values.contains { hasUnknown($0, from: marker) }
        default: return false
        }
    }

    private mutating func placeholder(_ n: Node) {
        let u = Value.unknown("\(n.key) (reference cycle)")
        switch n.kind {
        case .variable(let i): setVar(module.variables[i].name, u)
        case .local(let i): setLocal(module.locals[i].name, u)
        case .moduleCall(let i): setModule(module.moduleCalls[i].name, u)
        case .resource(let i): setResource(module.resources[i], u)
        case .output(let i): outputs[module.outputs[i].name] = u
        case .provider: break
        }
    }

    private mutating func evaluateNode(_ n: Node) {
        switch n.kind {
        case .variable(let i): evaluateVariable(module.variables[i])
        case .local(let i):
            let l = module.locals[i]
            setLocal(l.name, eval(l.expression, file: l.file))
        case .provider(let i): evaluateProvider(module.providers[i])
        case .resource(let i): evaluateResource(module.resources[i], index: i)
        case .moduleCall(let i): evaluateModuleCall(module.moduleCalls[i], index: i)
        case .output(let i):
            let o = module.outputs[i]
            var v = o.value.map { eval($0, file: o.valueFile) } ?? .null
            if o.sensitive { v = v.markedSensitive() }
            outputs[o.name] = v
        }
    }

    private mutating func setVar(_ name: String, _ v: Value) {
        vars[name] = v
        scope["var"] = .object(vars)
    }

    private mutating func setLocal(_ name: String, _ v: Value) {
        locals[name] = v
        scope["local"] = .object(locals)
    }

    private mutating func setModule(_ name: String, _ v: Value) {
        moduleValues[name] = v
        scope["module"] = .object(moduleValues)
    }

    private mutating func setResource(_ r: Module.Resource, _ v: Value) {
        if r.mode == .data {
            dataValues[r.type, default: [:]][r.name] = v
            scope["data"] = .object(dataValues.mapValues { .object($0) })
        } else {
            resourceValues[r.type, default: [:]][r.name] = v
            scope[r.type] = .object(resourceValues[r.type]!)
        }
    }

    /// Evaluates an expression of file `file` in the current scope plus `extra` names
    /// (`count`, `each`, dynamic iterators). Errors inside `try`/`can` are not reported.
    func evaluate(_ e: Expression, file: Int, extra: [String: Value] = [:], diagnostics: inout [Diagnostic]) -> Value {
        var vars = scope
        for (k, v) in extra { vars[k] = v }
        return ModuleInstance.evaluate(e, in: module.files[file], variables: vars, functions: root.functions, diagnostics: &diagnostics)
    }

    static func evaluate(_ e: Expression, in f: File, variables: [String: Value], functions: [String: Function], diagnostics: inout [Diagnostic]) -> Value {
        let (v, d) = e.evaluate(in: EvalContext(variables: variables, functions: functions), lines: f.lineTable)
        if !d.isEmpty {
            var caught: [Range<Int>] = []
            ExpressionWalk.tryCanRanges(e, into: &caught)
            for x in d {
                if let r = x.range, caught.contains(where: { $0.lowerBound <= r.start.offset && r.end.offset <= $0.upperBound }) { continue }
                diagnostics.append(x)
            }
        }
        return v
    }

    mutating func eval(_ e: Expression, file: Int, extra: [String: Value] = [:]) -> Value {
        var d: [Diagnostic] = []
        let v = evaluate(e, file: file, extra: extra, diagnostics: &d)
        run.diagnostics += d
        return v
    }

    private func range(_ file: Int, _ r: Range<Int>) -> SourceRange { module.files[file].sourceRange(r) }

    private func modulePathFromRoot() -> String {
        let from = root.directory.split(separator: "/"), to = module.directory.split(separator: "/")
        var n = 0
        while n < from.count, n < to.count, from[n] == to[n] { n += 1 }
        let parts = Array(repeating: "..", count: from.count - n) + to[n...].map(String.init)
        return parts.isEmpty ? "." : parts.joined(separator: "/")
    }

    // MARK: variables

    private mutating func evaluateVariable(_ v: Module.Variable) {
        let declared = "var.\(v.name) declared at \(range(v.file, v.range).description)"
        var value: Value
        if let given = inputs[v.name], !(given.value.isNull && !v.nullable) {
            value = given.value
            if let t = v.type {
                switch t.convert(value) {
                case .success(let c): value = c
                case .failure(let err):
                    run.diagnostics.append(.error("Invalid value for input variable", detail: "The given value (\(given.origin)) is not suitable for \(declared): \(err).", at: given.range))
                    value = .unknown("var.\(v.name) (invalid value)")
                }
            }
        } else if v.hasDefault, let d = v.defaultValue {
            value = d
            if let t = v.type {
                switch t.convert(d) {
                case .success(let c): value = c
                case .failure(let err):
                    run.diagnostics.append(.error("Invalid default value for variable", detail: "This default value is not compatible with the variable's type constraint: \(err).", at: range(v.file, v.range)))
                    value = .unknown("var.\(v.name) (invalid default)")
                }
            }
        } else {
            let whose = address.isEmpty ? "the root module \(module.relativeDirectory)" : address
            run.diagnostics.append(.warning(
                "No value for required variable",
                detail: "\(declared) has no default and no value was given for \(whose); its value is unknown.",
                at: range(v.file, v.range)))
            value = .unknown("var.\(v.name) (no value given)")
        }
        if v.sensitive { value = value.markedSensitive() }
        setVar(v.name, value)
    }

    // MARK: providers

    private mutating func inheritProviders() {
        // A module's own `provider` blocks (legacy) replace inherited configurations.
    }

    private mutating func evaluateProvider(_ p: Module.Provider) {
        var cfg: [String: Value] = [:]
        for key in ["project", "region", "zone"] {
            if let a = p.block.body.attribute(named: key) {
                let v = eval(a.expression, file: p.origins.file(ofAttribute: key, default: p.file))
                if !v.isNull { cfg[key] = v }
            }
        }
        providerConfigs[p.key] = cfg
    }

    private func providerDefaults(_ r: Module.Resource) -> [String: Value] {
        let key = r.providerKey ?? r.providerName
        if let c = providerConfigs[key] { return c }
        // google-beta resources without a google-beta configuration: the google one (a common
        // setup where both are configured alike; Terraform would use an empty configuration).
        if key.hasPrefix("google-beta"), let c = providerConfigs["google"] { return c }
        return [:]
    }

    // MARK: expansion

    enum InstanceKey {
        case single
        case count(Int)
        case each(String, Value)

        var key: ResourceInstance.Key? {
            switch self {
            case .single: nil
            case .count(let i): .int(i)
            case .each(let k, _): .string(k)
            }
        }

        var extra: [String: Value] {
            switch self {
            case .single: [:]
            case .count(let i): ["count": .object(["index": .number(i)])]
            case .each(let k, let v): ["each": .object(["key": .string(k), "value": v])]
            }
        }
    }

    /// The instance keys of a block with `count` or `for_each`; nil (with a diagnostic) when
    /// they cannot be known or exceed the limits. `origins` and `primary` give the file each
    /// argument was written in (an override file's when one replaced it).
    private mutating func expansion(count: Attribute?, forEach: Attribute?, origins: BodyOrigins, primary: Int, what: String) -> [InstanceKey]? {
        let limit = run.options.maxInstancesPerBlock
        if let c = count {
            let file = origins.file(ofAttribute: "count", default: primary)
            let v = eval(c.expression, file: file).deepUnmarked
            switch v {
            case .unknown where TryCan.isError(v):
                return nil  // the error is already reported
            case .unknown:
                run.diagnostics.append(.warning("Invalid count argument", detail: "The \"count\" value of \(what) depends on values known only after apply; its instances are not evaluated.", at: range(file, c.range)))
                return nil
            case .null:
                run.diagnostics.append(.error("Invalid count argument", detail: "The given \"count\" argument value is null. An integer is required.", at: range(file, c.range)))
                return nil
            default:
                guard let n = v.convertedToNumber, n.isInteger, let i = n.intValue ?? (n < Number(0) ? Int.min : Int.max) as Int? else {
                    run.diagnostics.append(.error("Invalid count argument", detail: "The given \"count\" argument value is unsuitable: a whole number is required.", at: range(file, c.range)))
                    return nil
                }
                if i < 0 {
                    run.diagnostics.append(.error("Invalid count argument", detail: "The given \"count\" argument value is unsuitable: must be greater than or equal to zero.", at: range(file, c.range)))
                    return nil
                }
                if i > limit {
                    run.diagnostics.append(.error("Too many instances", detail: "count = \(n.description) for \(what) exceeds Tollgate's limit of \(limit) instances per block; none of its instances are evaluated.", at: range(file, c.range)))
                    return nil
                }
                return (0..<i).map { .count($0) }
            }
        }
        if let fe = forEach {
            let file = origins.file(ofAttribute: "for_each", default: primary)
            let v = eval(fe.expression, file: file)
            let plain = v.deepUnmarked
            switch plain {
            case .unknown where TryCan.isError(plain):
                return nil  // the error is already reported
            case .unknown:
                run.diagnostics.append(.warning("Invalid for_each argument", detail: "The \"for_each\" value of \(what) depends on values known only after apply; its instances are not evaluated.", at: range(file, fe.range)))
                return nil
            case .null:
                run.diagnostics.append(.error("Invalid for_each argument", detail: "The given \"for_each\" argument value is null. A map, or set of strings is allowed.", at: range(file, fe.range)))
                return nil
            case .object(let m), .map(let m):
                if m.count > limit { return tooMany(m.count, what, fe, file) }
                return m.keys.sorted().map { .each($0, v.attributes![$0]!) }
            case .set(let elems):
                if elems.count > limit { return tooMany(elems.count, what, fe, file) }
                var keys: [InstanceKey] = []
                for e in elems {
                    if !e.isKnown {
                        run.diagnostics.append(.warning("Invalid for_each argument", detail: "The \"for_each\" set of \(what) contains values known only after apply; its instances are not evaluated.", at: range(file, fe.range)))
                        return nil
                    }
                    guard case .string(let s) = e else {
                        run.diagnostics.append(.error("Invalid for_each set argument", detail: "The given \"for_each\" argument value is unsuitable: \"for_each\" supports sets of strings, but you have provided a set containing type \(e.typeName).", at: range(file, fe.range)))
                        return nil
                    }
                    keys.append(.each(s, .string(s)))
                }
                return keys.sorted { a, b in
                    if case .each(let x, _) = a, case .each(let y, _) = b { return x < y }
                    return false
                }
            case .tuple(let e) where e.isEmpty && Self.isConditional(fe.expression):
                // `cond ? toset(var.names) : []`: Terraform unifies the arms, so `[]` is an
                // empty set(string). Our unknowns carry no type, so when the other arm is
                // unknown the tuple could not be converted: it is still no instances.
                return []
            default:
                run.diagnostics.append(.error("Invalid for_each argument", detail: "The given \"for_each\" argument value is unsuitable: the \"for_each\" argument must be a map, or set of strings, and you have provided a value of type \(plain.typeName).", at: range(file, fe.range)))
                return nil
            }
        }
        return [.single]
    }

    private mutating func tooMany(_ n: Int, _ what: String, _ a: Attribute, _ file: Int) -> [InstanceKey]? {
        run.diagnostics.append(.error("Too many instances", detail: "for_each over \(n) elements for \(what) exceeds Tollgate's limit of \(run.options.maxInstancesPerBlock) instances per block; none of its instances are evaluated.", at: range(file, a.range)))
        return nil
    }

    // MARK: resources

    static let resourceMetaAttributes: Set<String> = ["count", "for_each", "provider", "depends_on"]
    static let resourceMetaBlocks: Set<String> = ["lifecycle", "provisioner", "connection"]

    private mutating func evaluateResource(_ r: Module.Resource, index: Int) {
        let prefix = address.isEmpty ? "" : address + "."
        let what = prefix + r.key
        guard let keys = expansion(count: r.count, forEach: r.forEach, origins: r.origins, primary: r.file, what: what) else {
            setResource(r, .unknown("\(what) (instances unknown)"))
            return
        }
        if run.totalInstances + keys.count > run.options.maxInstancesTotal {
            run.diagnostics.append(.error("Too many instances", detail: "\(what) would bring the evaluation above Tollgate's limit of \(run.options.maxInstancesTotal) resource instances; it is not evaluated.", at: range(r.file, r.block.typeRange)))
            setResource(r, .unknown("\(what) (over the instance limit)"))
            return
        }
        run.totalInstances += keys.count
        let file = module.files[r.file]
        let defaults = providerDefaults(r)
        let blockRange = file.sourceRange(r.block.typeRange.lowerBound..<r.block.openBraceRange.upperBound)
        let comments = ModuleInstance.inlineComments(r, files: module.files)
        var preventDestroy = false
        if let lc = r.block.body.blocks(ofType: "lifecycle").first, let pd = lc.body.attribute(named: "prevent_destroy") {
            preventDestroy = eval(pd.expression, file: r.origins.file(ofAttribute: "lifecycle.prevent_destroy", default: r.file)).boolValue ?? false
        }
        var deps = Set<String>()
        var ex: [Expression] = []
        ExpressionWalk.expressions(in: r.block.body, into: &ex)
        for e in ex {
            for t in e.references {
                guard let k = ModuleInstance.nodeKey(t), !k.hasPrefix("var."), !k.hasPrefix("local."), !k.hasPrefix("module."), k != r.key,
                      module.resources.contains(where: { $0.key == k }) else { continue }
                deps.insert(prefix + k)
            }
        }
        let dependencies = deps.sorted()

        var refs: [Value] = []
        var byKey: [String: Value] = [:]
        // Unknowns for the attribute names other expressions may read, made once per block.
        // Sorted once per block: each instance's reference value merges it in one pass.
        let fill = ValueObject(root.referencedNames.map { ($0, Value.unknown(what + "." + $0)) })
        let nestedFill = root.nestedReferencedNames.isEmpty ? nil : NestedFill(names: root.nestedReferencedNames, origin: what)
        for key in keys {
            var body = BlockEvaluation(files: module.files, file: r.file, origins: r.origins, scope: scope, extra: key.extra, functions: root.functions)
            let (attrs, ranges) = body.evaluate(r.block.body, path: "", topLevel: true)
            run.diagnostics += body.diagnostics
            var values = attrs
            for (k, v) in ComputedAttributes.derive(type: r.type, mode: r.mode, values: attrs, defaults: defaults) { values[k] = v }
            let addr = prefix + r.key + (key.key?.description ?? "")
            resourceInstances[index, default: []].append(ResourceInstance(
                address: addr, mode: r.mode, type: r.type, name: r.name, moduleAddress: address, key: key.key,
                rootModule: root.relativeDirectory, providerDefaults: defaults, values: .object(values),
                attributeRanges: ranges, blockRange: blockRange, inlineComments: comments,
                preventDestroy: preventDestroy, dependencies: dependencies))
            let ref = referenceValue(values, defaults: defaults, fill: fill, nested: nestedFill)
            switch key {
            case .single, .count: refs.append(ref)
            case .each(let k, _): byKey[k] = ref
            }
        }
        if r.forEach != nil {
            setResource(r, .object(byKey))
        } else if r.count != nil {
            setResource(r, .tuple(refs))
        } else {
            setResource(r, refs.first ?? .null)
        }
    }

    /// A conditional expression, looking through parentheses.
    static func isConditional(_ e: Expression) -> Bool {
        switch e.kind {
        case .conditional: return true
        case .parentheses(let inner): return isConditional(inner)
        default: return false
        }
    }

    /// `# tollgate:` comments inside the resource block and inside every override block merged
    /// into it, each located in its own file.
    static func inlineComments(_ r: Module.Resource, files: [File]) -> [ResourceInstance.Comment] {
        var out: [ResourceInstance.Comment] = []
        for (fi, range) in [(r.file, r.block.range)] + r.overrides.map({ ($0.file, $0.range) }) {
            let f = files[fi]
            for c in f.comments where range.contains(c.range.lowerBound) && c.text.hasPrefix("tollgate:") {
                out.append(ResourceInstance.Comment(text: c.text, range: f.sourceRange(c.range)))
            }
        }
        return out
    }

    /// The value other expressions see for a resource instance: its configured and derived
    /// attributes, provider defaults for `project`/`region`/`zone`, and unknown for every
    /// other attribute name the module refers to (computed by the provider at apply).
    /// Nested blocks (lists of objects) get unknowns too, for the names read after an index or
    /// splat anywhere (`network_interface[0].access_config[0].nat_ip`): without the provider's
    /// schema a missing nested attribute may be computed, so reading it is unknown, not an error.
    private func referenceValue(_ values: [String: Value], defaults: [String: Value], fill: ValueObject,
                                nested: NestedFill?) -> Value {
        var v = values
        for (k, d) in defaults where v[k] == nil { v[k] = d }
        if let nested {
            for (k, x) in values {
                switch x {
                case .list, .tuple, .set: v[k] = nested.filling(x, path: k, depth: 1)
                default: break
                }
            }
        }
        // Both sorted: a linear merge, the configured and derived values winning.
        return .object(ValueObject(v).merging(fill) { current, _ in current })
    }

    /// The unknowns added to the nested blocks of one resource block's instances, made once per
    /// block path (`network_interface.access_config`) and merged into each nested object.
    final class NestedFill {
        let names: Set<String>
        let origin: String
        private var unknowns: [String: ValueObject] = [:]

        init(names: Set<String>, origin: String) {
            self.names = names
            self.origin = origin
        }

        func filling(_ v: Value, path: String, depth: Int) -> Value {
            guard depth <= 4 else { return v }
            func block(_ e: Value) -> Value {
                guard case .object(let m) = e else { return e }
                var out = m
                for (k, x) in m {
                    switch x {
                    case .list, .tuple, .set: out[k] = filling(x, path: path + "." + k, depth: depth + 1)
                    default: break
                    }
                }
                return .object(out.merging(unknownsAt(path)) { current, _ in current })
            }
            switch v {
            case .list(let a): return .list(a.map(block))
            case .tuple(let a): return .tuple(a.map(block))
            case .set(let a): return Value.makeSet(a.map(block))
            default: return v
            }
        }

        private func unknownsAt(_ path: String) -> ValueObject {
            if let u = unknowns[path] { return u }
            let prefix = origin + "." + path + "."
            let u = ValueObject(names.map { ($0, Value.unknown(prefix + $0)) })
            unknowns[path] = u
            return u
        }
    }

    // MARK: module calls

    static let moduleMetaAttributes: Set<String> = ["source", "version", "count", "for_each", "providers", "depends_on"]

    private mutating func evaluateModuleCall(_ c: Module.ModuleCall, index: Int) {
        let prefix = address.isEmpty ? "" : address + "."
        let what = prefix + "module." + c.name
        let callRange = range(c.file, c.block.typeRange.lowerBound..<c.block.openBraceRange.upperBound)
        guard let source = c.source else {
            run.diagnostics.append(.error("Missing module source", detail: "\(what) has no constant \"source\" argument; its resources are not evaluated.", at: callRange))
            setModule(c.name, .unknown("\(what) (no source)"))
            return
        }
        var dir: String
        if c.isLocal {
            dir = FileFunctions.absolute(source, relativeTo: module.directory)
        } else if let installed = root.installed[(callPath + [c.name]).joined(separator: ".")] {
            dir = installed
        } else {
            // A warning for evaluation (the rest of the root is fine), with a code the scan
            // turns into a coverage gap: the module's resources are not checked, and a scan
            // must not pass silently over what it could not see.
            run.diagnostics.append(Diagnostic(
                severity: .warning, summary: "Module not installed",
                detail: "\(what) uses source \(Value.string(source).jsonString), which is not installed (run `terraform init` to populate .terraform/modules); its resources are not evaluated and its outputs are unknown.",
                range: callRange, code: Diagnostic.Code.moduleNotInstalled))
            setModule(c.name, .unknown("\(what) (module \(source) not installed)"))
            return
        }
        dir = FileFunctions.realPath(dir) ?? dir
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: dir, isDirectory: &isDir), isDir.boolValue else {
            run.diagnostics.append(.error("Module not found", detail: "\(what): the module directory \(Value.string(source).jsonString) does not exist.", at: callRange))
            setModule(c.name, .unknown("\(what) (module not found)"))
            return
        }
        guard FileFunctions.isInside(dir, run.scanRoot) else {
            run.diagnostics.append(.error("Module outside the scanned tree", detail: "\(what): the module directory \(dir) is outside the scanned directory \(run.scanRoot); it is not read.", at: callRange))
            setModule(c.name, .unknown("\(what) (outside the scanned tree)"))
            return
        }
        if stack.contains(dir) {
            run.diagnostics.append(.error("Recursive module call", detail: "\(what) calls \(run.relative(dir)), which is already being evaluated on this path (\(stack.map(run.relative).joined(separator: " -> "))); the recursion is not followed.", at: callRange))
            setModule(c.name, .unknown("\(what) (recursive module)"))
            return
        }
        if callPath.count + 1 > run.options.maxModuleDepth {
            run.diagnostics.append(.error("Module nesting too deep", detail: "\(what) is nested more than \(run.options.maxModuleDepth) module calls deep; it is not evaluated.", at: callRange))
            setModule(c.name, .unknown("\(what) (nesting too deep)"))
            return
        }
        guard let keys = expansion(count: c.count, forEach: c.forEach, origins: c.origins, primary: c.file, what: what) else {
            setModule(c.name, .unknown("\(what) (instances unknown)"))
            return
        }
        let child = run.module(dir)
        // Provider configurations passed down: all defaults, remapped by `providers = {...}`.
        var childProviders = providerConfigs.filter { !$0.key.contains(".") }
        if let p = c.block.body.attribute(named: "providers"), case .object(let items) = p.expression.kind {
            for it in items {
                guard let to = it.key.asTraversal.map(ModuleInstance.dotted), let from = it.value.asTraversal.map(ModuleInstance.dotted) else { continue }
                childProviders[to] = providerConfigs[from] ?? [:]
            }
        }
        let declared = Set(child.variables.map(\.name))
        var refs: [Value] = []
        var byKey: [String: Value] = [:]
        for key in keys {
            var inputs: [String: VariableInput] = [:]
            for a in c.block.body.attributes where !ModuleInstance.moduleMetaAttributes.contains(a.name) {
                let file = c.origins.file(ofAttribute: a.name, default: c.file)
                if !declared.contains(a.name) {
                    run.diagnostics.append(.error("Unsupported argument", detail: "An argument named \"\(a.name)\" is not expected here: \(run.relative(dir)) declares no such variable.", at: range(file, a.nameRange)))
                    continue
                }
                inputs[a.name] = VariableInput(value: eval(a.expression, file: file, extra: key.extra), range: range(file, a.range), origin: "argument \(a.name) of \(what)")
            }
            let instAddress = what + (key.key?.description ?? "")
            var ev = ModuleInstance(
                run: run, root: root, module: child, address: instAddress, callPath: callPath + [c.name],
                stack: stack + [dir], inputs: inputs, providerConfigs: childProviders)
            let out = ev.evaluate()
            callInstances[index, default: []] += ev.instances
            switch key {
            case .single, .count: refs.append(.object(out))
            case .each(let k, _): byKey[k] = .object(out)
            }
        }
        if c.forEach != nil {
            setModule(c.name, .object(byKey))
        } else if c.count != nil {
            setModule(c.name, .tuple(refs))
        } else {
            setModule(c.name, refs.first ?? .object([:]))
        }
    }

    static func dotted(_ t: Traversal) -> String {
        t.steps.compactMap { s -> String? in
            switch s {
            case .root(let n), .attribute(let n): n
            default: nil
            }
        }.joined(separator: ".")
    }
}

/// Evaluates a resource body into plan-shaped values: attributes as values, nested blocks
/// (static and `dynamic`) as lists of objects in source order, with the source range of every
/// attribute and block by path (`settings.0.ip_configuration.0.ipv4_enabled`).
struct BlockEvaluation {
    let files: [File]
    /// The file being evaluated: the block's own, or an override file's while inside a nested
    /// block or at an argument that an override replaced.
    var file: Int
    /// Files of the top-level arguments and nested blocks that override files replaced.
    let origins: BodyOrigins
    /// The evaluation context's variables: the module scope plus `count`/`each`/iterators.
    var variables: [String: Value]
    let functions: [String: Function]
    var diagnostics: [Diagnostic] = []
    var ranges: [String: SourceRange] = [:]
    /// Bound on blocks one `dynamic` expands to.
    static let maxDynamicBlocks = 10_000

    init(files: [File], file: Int, origins: BodyOrigins = BodyOrigins(), scope: [String: Value], extra: [String: Value], functions: [String: Function]) {
        self.files = files
        self.file = file
        self.origins = origins
        var v = scope
        for (k, x) in extra { v[k] = x }
        self.variables = v
        self.functions = functions
    }

    private mutating func eval(_ e: Expression) -> Value {
        ModuleInstance.evaluate(e, in: files[file], variables: variables, functions: functions, diagnostics: &diagnostics)
    }

    mutating func evaluate(_ body: Body, path: String, topLevel: Bool) -> ([String: Value], [String: SourceRange]) {
        let v = evaluateBody(body, path: path, topLevel: topLevel, depth: 0)
        return (v, ranges)
    }

    private mutating func evaluateBody(_ body: Body, path: String, topLevel: Bool, depth: Int) -> [String: Value] {
        let own = file
        defer { file = own }
        var out: [String: Value] = [:]
        for a in body.attributes {
            if topLevel && ModuleInstance.resourceMetaAttributes.contains(a.name) { continue }
            if topLevel { file = origins.file(ofAttribute: a.name, default: own) }
            out[a.name] = eval(a.expression)
            ranges[path + a.name] = files[file].sourceRange(a.range)
        }
        var lists: [String: [Value]] = [:]
        var unknownBlocks: [String: Value] = [:]
        for b in body.blocks {
            if topLevel && ModuleInstance.resourceMetaBlocks.contains(b.type) { continue }
            // A nested block's subtree is all in one file (overrides replace whole block types).
            file = topLevel ? origins.file(of: b, default: own) : own
            if b.type == "dynamic" {
                guard let name = b.labels.first else { continue }
                expandDynamic(b, name: name, path: path, into: &lists, unknown: &unknownBlocks, depth: depth)
                continue
            }
            let i = lists[b.type]?.count ?? 0
            let p = path + b.type + ".\(i)."
            ranges[path + b.type + ".\(i)"] = files[file].sourceRange(b.typeRange.lowerBound..<b.openBraceRange.upperBound)
            lists[b.type, default: []].append(.object(evaluateBody(b.body, path: p, topLevel: false, depth: depth + 1)))
        }
        for (k, l) in lists where out[k] == nil { out[k] = .tuple(l) }
        for (k, u) in unknownBlocks { out[k] = u }
        return out
    }

    /// `dynamic "name" { for_each = …; iterator = it; content { … } }`: one `name` block per
    /// element, the iterator (`name` unless renamed) bound to `{key, value}`.
    private mutating func expandDynamic(_ b: Block, name: String, path: String, into lists: inout [String: [Value]], unknown: inout [String: Value], depth: Int) {
        let f = files[file]
        guard let fe = b.body.attribute(named: "for_each") else {
            diagnostics.append(.error("Missing required argument", detail: "The argument \"for_each\" is required, but no definition was found.", at: f.sourceRange(b.openBraceRange)))
            return
        }
        var iterator = name
        if let it = b.body.attribute(named: "iterator") {
            guard let k = it.expression.keyword else {
                diagnostics.append(.error("Invalid dynamic iterator name", detail: "Dynamic iterator must be a single variable name.", at: f.sourceRange(it.expression.range)))
                return
            }
            iterator = k
        }
        guard let content = b.body.blocks(ofType: "content").first else {
            diagnostics.append(.error("Missing content block", detail: "A dynamic block must have a nested block of type \"content\".", at: f.sourceRange(b.typeRange)))
            return
        }
        let coll = eval(fe.expression)
        let pairs: [(Value, Value)]
        switch coll.unmarked {
        case .unknown:
            unknown[name] = .unknown("dynamic \"\(name)\" blocks (for_each known after apply)")
            return
        case .null:
            diagnostics.append(.error("Invalid dynamic for_each value", detail: "Cannot use a null value in for_each.", at: f.sourceRange(fe.range)))
            return
        case .tuple(let a), .list(let a), .set(let a):
            pairs = a.enumerated().map { (.number($0.offset), $0.element) }
        case .object(let m), .map(let m):
            pairs = m.keys.sorted().map { (.string($0), m[$0]!) }
        default:
            diagnostics.append(.error("Invalid dynamic for_each value", detail: "Cannot use a \(coll.typeName) value in for_each. An iterable collection is required.", at: f.sourceRange(fe.range)))
            return
        }
        if pairs.count > BlockEvaluation.maxDynamicBlocks {
            diagnostics.append(.error("Too many dynamic blocks", detail: "for_each over \(pairs.count) elements exceeds Tollgate's limit of \(BlockEvaluation.maxDynamicBlocks) blocks per dynamic block; none are generated.", at: f.sourceRange(fe.range)))
            return
        }
        let saved = variables[iterator]
        // Zero elements still make the block list exist (plans print `"name": []`).
        if lists[name] == nil { lists[name] = [] }
        for (k, v) in pairs {
            variables[iterator] = .object(["key": k, "value": v])
            let i = lists[name]?.count ?? 0
            let p = path + name + ".\(i)."
            ranges[path + name + ".\(i)"] = f.sourceRange(b.typeRange.lowerBound..<b.openBraceRange.upperBound)
            lists[name, default: []].append(.object(evaluateBody(content.body, path: p, topLevel: false, depth: depth + 1)))
        }
        variables[iterator] = saved
    }
}
