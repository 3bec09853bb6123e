/// Turns a parsed expression into plan nodes (see `CELProgram`).
struct CELPlanner {
    let limits: CELLimits
    var paths: [String] = []
    var pathIndex: [String: Int32] = [:]
    var scopes: [(name: String, slot: Int, path: Int32)] = []
    var maxSlots = 0
    /// The declared variable layout, if any.
    let declared: CELVariables?
    /// Without a declared layout: the free variables read, in order of first appearance.
    var variableNames: [String] = []
    var variableSlots: [String: Int] = [:]

    init(limits: CELLimits, variables: CELVariables? = nil) { self.limits = limits; self.declared = variables }

    mutating func variableSlot(_ name: String) -> Int {
        if let declared { return declared.slot(of: name) ?? -1 }
        if let s = variableSlots[name] { return s }
        variableSlots[name] = variableNames.count
        variableNames.append(name)
        return variableNames.count - 1
    }

    /// Type names usable as values (`type(x) == map`).
    static let typeNames: [String: CELType] = [
        "int": .int, "uint": .uint, "double": .double, "bool": .bool, "string": .string, "bytes": .bytes,
        "list": .list, "map": .map, "null_type": .null, "type": .type,
        "google.protobuf.Timestamp": .timestamp, "google.protobuf.Duration": .duration,
    ]

    mutating func pathID(_ p: String) -> Int32 {
        if let id = pathIndex[p] { return id }
        let id = Int32(paths.count)
        paths.append(p)
        pathIndex[p] = id
        return id
    }

    func staticPath(_ n: Node) -> Int32 {
        switch n {
        case let v as VariableNode: return v.path
        case let l as LocalNode: return l.path
        case let s as SelectNode: return s.path
        case let i as IndexNode: return i.path
        case let f as FieldChainNode: return staticPath(f.fallback)
        default: return -1
        }
    }

    func local(_ name: String) -> (slot: Int, path: Int32)? {
        for s in scopes.reversed() where s.name == name { return (s.slot, s.path) }
        return nil
    }

    /// The dotted name of an identifier chain not rooted at a comprehension variable.
    func qualifiedName(_ e: CELExpr) -> String? {
        switch e {
        case .ident(let n): return local(n) == nil ? n : nil
        case .select(let o, let f, false, false): return qualifiedName(o).map { $0 + "." + f }
        default: return nil
        }
    }

    /// `extending`: the parent continues this node's member chain (so only the outermost link
    /// of a chain records its path as accessed).
    mutating func plan(_ e: CELExpr, extending: Bool) -> Node {
        switch e {
        case .literal(let v):
            return ConstNode(v)
        case .ident(let name):
            if let l = local(name) { return LocalNode(l.slot, path: l.path, record: !extending) }
            if let t = Self.typeNames[name] { return ConstNode(.type(t)) }
            return VariableNode(name, slot: variableSlot(name), path: pathID(name), record: !extending)
        case .select(let operand, let field, let testOnly, let optional):
            if !testOnly && !optional, let q = qualifiedName(e), let t = Self.typeNames[q] { return ConstNode(.type(t)) }
            let o = plan(operand, extending: true)
            let base = staticPath(o)
            let path = base >= 0 ? pathID(paths[Int(base)] + "." + field) : -1
            let mode: SelectNode.Mode = testOnly ? .test : (optional ? .optional : .plain)
            let n = SelectNode(o, field, mode: mode, path: path, record: (!extending || testOnly) && path >= 0)
            if !extending, let chain = FieldChainNode.make(n) { return chain }
            return fold(n, [o])
        case .index(let operand, let index, let optional):
            let i = plan(index, extending: false)
            var suffix: String?
            switch i.constant {
            case .string(let s)?: suffix = Self.isIdentifier(s) ? "." + s : "[" + CELFormat.quote(s) + "]"
            case .int(let k)?: suffix = "[\(k)]"
            case .uint(let k)?: suffix = "[\(k)]"
            default: suffix = nil
            }
            let o = plan(operand, extending: suffix != nil)
            let base = staticPath(o)
            let path = base >= 0 && suffix != nil ? pathID(paths[Int(base)] + suffix!) : -1
            return fold(IndexNode(o, i, optional: optional, path: path, record: !extending && path >= 0), [o, i])
        case .call(let name, let target, let args):
            return planCall(name, target: target, args: args)
        case .list(let elems, let opt):
            let nodes = elems.map { plan($0, extending: false) }
            return fold(ListNode(nodes, opt), nodes)
        case .map(let entries):
            let ks = entries.map { plan($0.key, extending: false) }
            let vs = entries.map { plan($0.value, extending: false) }
            return fold(MapNode(ks, vs, entries.map(\.optional)), ks + vs)
        case .message(let name, _):
            return ErrorNode("unknown type '\(name)': message construction is not supported")
        case .and(let terms):
            let nodes = terms.map { plan($0, extending: false) }
            return fold(AndNode(nodes), nodes)
        case .or(let terms):
            let nodes = terms.map { plan($0, extending: false) }
            return fold(OrNode(nodes), nodes)
        case .conditional(let c, let t, let f):
            let cn = plan(c, extending: false)
            let tn = plan(t, extending: false), fnode = plan(f, extending: false)
            if case .bool(let b)? = cn.constant { return b ? tn : fnode }
            return ConditionalNode(cn, tn, fnode)
        case .comprehension(let comp):
            let r = plan(comp.range, extending: false)
            let base = staticPath(r)
            let elementPath = base >= 0 ? pathID(paths[Int(base)] + (comp.kind == .optMap || comp.kind == .optFlatMap ? "" : "[]")) : -1
            let slot = scopes.count
            scopes.append((comp.variable, slot, elementPath))
            maxSlots = max(maxSlots, scopes.count)
            let body = plan(comp.body, extending: false)
            let filter = comp.filter.map { plan($0, extending: false) }
            scopes.removeLast()
            switch comp.kind {
            case .optMap: return OptionalMapNode(r, slot: slot, body, flat: false)
            case .optFlatMap: return OptionalMapNode(r, slot: slot, body, flat: true)
            default: return ComprehensionNode(comp.kind, r, slot: slot, body, filter)
            }
        }
    }

    static func isIdentifier(_ s: String) -> Bool {
        guard let f = s.utf8.first, !(f >= 48 && f <= 57) else { return false }
        return s.utf8.allSatisfy { ($0 >= 48 && $0 <= 57) || ($0 | 0x20 >= 97 && $0 | 0x20 <= 122) || $0 == 95 }
    }

    /// Evaluates `n` now when all its inputs are constants (pure functions only).
    func fold(_ n: Node, _ inputs: [Node]) -> Node {
        guard inputs.allSatisfy({ $0.constant != nil }) else { return n }
        // Constant inputs read no variables and no comprehension slots.
        var none: CELValue? = nil
        let table = CELPathTable(paths)
        return withExtendedLifetime(table) {
            withUnsafeMutablePointer(to: &none) { vars in
                EvalContext.run(nil, vars: vars, varCount: 0, resolved: 0, locals: 0, paths: table,
                                costLimit: limits.maxEvaluationCost) { ConstNode(n.eval(&$0)) }
            }
        }
    }

    mutating func planCall(_ name: String, target: CELExpr?, args: [CELExpr]) -> Node {
        // Namespaced global functions: `optional.of(x)`, `math.greatest(…)`, `strings.quote(s)`.
        if let target, let q = qualifiedName(target), CELFunctions.isQualifiedGlobal(q + "." + name) {
            return planResolved(q + "." + name, receiver: false, args: args.map { plan($0, extending: false) })
        }
        var nodes: [Node] = []
        if let target { nodes.append(plan(target, extending: false)) }
        for a in args { nodes.append(plan(a, extending: false)) }
        switch (name, nodes.count) {
        case ("!_", 1): return fold(NotNode(nodes[0]), nodes)
        case ("matches", 2):
            if case .string(let pattern)? = nodes[1].constant, nodes[0].constant == nil {
                switch CELRegex.compile(pattern, maxProgramSize: limits.maxRegexProgramSize) {
                case .success(let re): return MatchesNode(nodes[0], re)
                case .failure(let err): return ErrorNode(err.message)
                }
            }
        default: break
        }
        return planResolved(name, receiver: target != nil, args: nodes)
    }

    mutating func planResolved(_ name: String, receiver: Bool, args: [Node]) -> Node {
        guard let impl = CELFunctions.lookup(name, receiver: receiver, arity: args.count, limits: limits) else {
            return ErrorNode("no matching overload for '\(name)' with \(args.count) argument(s)")
        }
        if receiver && args.count == 2 && (name == "orValue" || name == "or") {
            let n = OptionalOrNode(args[0], args[1], unwrap: name == "orValue")
            if args.allSatisfy({ $0.constant != nil }) { return fold(n, args) }
            return specialize(name, receiver: receiver, args, general: n) ?? n
        }
        let n: Node
        switch impl {
        case .unary(let f): n = Call1Node(args[0], f)
        case .binary(let f): n = Call2Node(args[0], args[1], f)
        case .nary(let f): n = CallNNode(args, f)
        }
        if args.allSatisfy({ $0.constant != nil }) { return fold(n, args) }
        return specialize(name, receiver: receiver, args, general: n) ?? n
    }

    /// Specialised nodes for common shapes with a constant operand (each falls back to, or
    /// agrees with, the general call `general`).
    func specialize(_ name: String, receiver: Bool, _ args: [Node], general: Node) -> Node? {
        func usable(_ v: CELValue?) -> CELValue? {
            guard let v, !v.isErrorOrUnknown else { return nil }
            return v
        }
        switch (name, args.count) {
        case ("_==_", 2), ("_!=_", 2):
            let negate = name == "_!=_"
            if let k = usable(args[1].constant) { return EqualsConstantNode(args[0], k, negate: negate) }
            if let k = usable(args[0].constant) { return EqualsConstantNode(args[1], k, negate: negate) }
        case ("@in", 2):
            if case .list(let elements)? = args[1].constant { return InConstantListNode(args[0], .list(elements), elements: elements) }
            if case .string(let key)? = args[0].constant { return ConstantKeyInNode(key, args[1]) }
        case ("_<_", 2), ("_<=_", 2), ("_>_", 2), ("_>=_", 2):
            return RelationNode(name, args[0], args[1], general: general)
        case ("orValue", 2) where receiver:
            if let chain = args[0] as? FieldChainNode, let d = usable(args[1].constant) {
                return OptionalChainNode(chain, orValue: d, fallback: general)
            }
        case ("hasValue", 1) where receiver:
            if let chain = args[0] as? FieldChainNode { return OptionalChainNode(chain, orValue: nil, fallback: general) }
        default: break
        }
        return nil
    }
}

