/// A member chain on a variable or comprehension variable (`resource.settings.tier`,
/// `has(resource.logging)`, `resource.?settings.?ipConfiguration.?ipv4Enabled`), walked in one
/// node: each link is a map lookup with a field hash computed at planning time, intermediate
/// maps are borrowed (no reference counting), and no intermediate value is built (an optional
/// chain allocates no `.optional` box until its result, or none with `orValue`/`hasValue`).
///
/// Only the common case is handled here: maps all the way, fields present or missing. Anything
/// else (an unknown or error on the way, a non-map, an optional input, a missing field that is
/// an error) is handed to `fallback`, the general `SelectNode` tree for the same chain, so the
/// semantics (messages, unknown paths, optional chaining rules) are exactly the general ones.
final class FieldChainNode: Node, @unchecked Sendable {
    let root: Node
    let fields: [String]
    let hashes: [Int]
    let modes: [SelectNode.Mode]
    /// Whether a `has()` link follows link i (a missing optional field then is not simply none).
    let testAfter: [Bool]
    /// The path the outermost link records (what the SelectNode tree records), or -1.
    let recordPath: Int32
    let missing: CELValue
    let fallback: Node
    /// The root read in place: a variable's slot and name, or (`rootIsLocal`) a comprehension
    /// slot. Plain fields, not an enum with a `String` payload: reading them copies nothing.
    let rootSlot: Int
    let rootName: String
    let rootIsLocal: Bool

    /// The chain ending at `outer`, or nil when it is not rooted at a variable.
    static func make(_ outer: SelectNode) -> FieldChainNode? {
        var links: [SelectNode] = []
        var n: Node = outer
        while let s = n as? SelectNode {
            links.append(s)
            n = s.operand
        }
        guard n is VariableNode || n is LocalNode else { return nil }
        // Inner links never record (they extend the chain); a has() link can only be outermost.
        guard links.dropFirst().allSatisfy({ !$0.record && $0.mode != .test }) else { return nil }
        links.reverse()
        return FieldChainNode(root: n, links: links, outer: outer)
    }

    private init(root: Node, links: [SelectNode], outer: SelectNode) {
        self.root = root
        fields = links.map(\.field)
        hashes = links.map(\.hash)
        modes = links.map(\.mode)
        testAfter = links.indices.map { i in links[(i + 1)...].contains { $0.mode == .test } }
        recordPath = outer.record ? outer.path : -1
        missing = outer.missing
        fallback = outer
        if let v = root as? VariableNode { rootSlot = v.slot; rootName = v.name; rootIsLocal = false }
        else { rootSlot = (root as! LocalNode).slot; rootName = ""; rootIsLocal = true }
    }

    /// The outcome of a walk that stayed on the fast path.
    enum Walk {
        case value(CELValue)      // a plain selection's value
        case some(CELValue)       // an optional chain's present value
        case none                 // an optional chain's absent value
        case test(Bool)           // has()
        case general              // evaluate `fallback`
    }

    @inline(__always) func walk(_ c: inout EvalContext) -> Walk {
        if recordPath >= 0 { c.accessed.insert(recordPath) }
        // The root node records nothing (it extends the chain), and an unknown or undefined
        // root is not a map: the general path reports those.
        // The root map is borrowed from where the context holds it (the variable's slot or the
        // comprehension slot, neither written while the chain is walked); only a variable the
        // context does not cache is held by `owned`.
        var owned: CELValue? = nil
        let top: Unmanaged<CELMap>
        if rootIsLocal {
            guard case .map(let m) = c.locals[rootSlot] else { return .general }
            top = Unmanaged.passUnretained(m)
        } else if c.cache(rootSlot, rootName) {
            guard case .map(let m)? = c.vars[rootSlot] else { return .general }
            top = Unmanaged.passUnretained(m)
        } else {
            owned = c.variable(rootSlot, rootName)
            guard case .map(let m)? = owned else { return .general }
            top = Unmanaged.passUnretained(m)
        }
        return withExtendedLifetime(owned) { () -> Walk in
            // Maps below `top` are kept alive by it (maps are immutable), so intermediate maps
            // are used as unretained, guaranteed references.
            var um = top
            var wrapped = false
            let last = fields.count - 1
            for k in 0..<last {
                let step: Unmanaged<CELMap>?? = um._withUnsafeGuaranteedRef { m in
                    guard let i = m.position(ofField: fields[k], hash: hashes[k]) else { return nil }
                    guard case .map(let next) = m.values[i] else { return .some(nil) }
                    return .some(Unmanaged.passUnretained(next))
                }
                guard let step else {
                    return (modes[k] == .optional || wrapped) && !testAfter[k] ? .none : .general
                }
                guard let next = step else { return .general }
                if modes[k] == .optional { wrapped = true }
                um = next
            }
            return um._withUnsafeGuaranteedRef { m -> Walk in
                guard let i = m.position(ofField: fields[last], hash: hashes[last]) else {
                    switch modes[last] {
                    case .test: return wrapped ? .general : .test(false)
                    case .optional: return .none
                    case .plain: return wrapped ? .none : .value(missing)
                    }
                }
                switch modes[last] {
                case .test: return wrapped ? .general : .test(true)
                case .optional: wrapped = true
                case .plain: break
                }
                let v = m.values[i]
                if case .unknown = v { return .general }
                return wrapped ? .some(v) : .value(v)
            }
        }
    }

    override func eval(_ c: inout EvalContext) -> CELValue {
        switch walk(&c) {
        case .value(let v): return v
        case .some(let v): return .optional(v)
        case .none: return .optional(nil)
        case .test(let b): return .bool(b)
        case .general: return fallback.eval(&c)
        }
    }
}

/// `chain.orValue(d)` (constant `d`) and `chain.hasValue()` on an optional field chain, the
/// idiom for a provider default (`resource.?settings.?ipConfiguration.?ipv4Enabled.orValue(true)`):
/// no optional value is built. Off the fast path, `fallback` is the general call.
final class OptionalChainNode: Node, @unchecked Sendable {
    let chain: FieldChainNode
    /// The `orValue` default; nil for `hasValue()`.
    let orValue: CELValue?
    let fallback: Node
    init(_ chain: FieldChainNode, orValue: CELValue?, fallback: Node) {
        self.chain = chain; self.orValue = orValue; self.fallback = fallback
    }

    override func eval(_ c: inout EvalContext) -> CELValue {
        switch chain.walk(&c) {
        case .some(let v): return orValue == nil ? .bool(true) : v
        case .none: return orValue ?? .bool(false)
        case .value, .test, .general: return fallback.eval(&c)
        }
    }
}
