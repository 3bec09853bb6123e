/// A compiled CEL expression: immutable, `Sendable`, evaluated any number of times, from any
/// number of threads. Compile once per policy; evaluate once per asset.
///
/// Planning resolves identifiers (comprehension variables to slots, type names to constants,
/// qualified function names), picks the implementation of every call by name and arity,
/// folds calls whose arguments are all constants, and compiles constant regular expressions.
public struct CELProgram: Sendable {
    /// One reference, so copying a program (into a policy table, a loop variable) is one
    /// retain, not one per field.
    final class Storage: Sendable {
        let root: Node
        let pathTable: CELPathTable
        let slotCount: Int
        let variables: CELVariables
        let limits: CELLimits
        let source: String
        /// `variables.names.count`, and the address of that array's elements: a slot activation
        /// built with the very same `CELVariables` (the usual case) is recognised by this one
        /// pointer compare, without copying or comparing the layouts.
        let variableCount: Int
        nonisolated(unsafe) let variablesIdentity: UnsafePointer<String>?
        init(root: Node, paths: [String], slotCount: Int, variables: CELVariables, limits: CELLimits, source: String) {
            self.root = root; self.pathTable = CELPathTable(paths); self.slotCount = slotCount
            self.variables = variables; self.limits = limits; self.source = source
            variableCount = variables.names.count
            variablesIdentity = variables.names.withUnsafeBufferPointer { $0.baseAddress }
        }

        /// Whether `a` has this program's layout (then its values are the variables by slot).
        @inline(__always) func sameLayout(_ a: CELVariables) -> Bool {
            guard variableCount > 0 else { return false }
            if a.names.withUnsafeBufferPointer({ $0.baseAddress }) == variablesIdentity { return true }
            return a == variables
        }
    }
    let storage: Storage

    init(root: Node, paths: [String], slotCount: Int, variables: CELVariables, limits: CELLimits, source: String) {
        storage = Storage(root: root, paths: paths, slotCount: slotCount, variables: variables, limits: limits, source: source)
    }

    var root: Node { storage.root }
    /// Static attribute paths this program can read (`resource.settings.tier`), by id.
    var paths: [String] { storage.pathTable.paths }
    var slotCount: Int { storage.slotCount }
    /// The layout its variable references index: the one it was compiled against, or else
    /// the names it reads in order of first appearance.
    public var variables: CELVariables { storage.variables }
    public var limits: CELLimits { storage.limits }
    public var source: String { storage.source }

    /// Parses and plans `source`. Fails only on syntax errors, bad macro use or limits.
    /// With `variables`, references to those names are resolved to their slots, so
    /// `evaluate(_: CELSlotActivation)` reads them by position; other names are still looked
    /// up by name.
    public static func compile(_ source: String, variables: CELVariables? = nil, limits: CELLimits = CELLimits()) -> Result<CELProgram, CELCompileError> {
        switch CELParser.parse(source, limits: limits) {
        case .failure(let e): return .failure(e)
        case .success(let expr):
            var planner = CELPlanner(limits: limits, variables: variables)
            let root = planner.plan(expr, extending: false)
            return .success(CELProgram(root: root, paths: planner.paths, slotCount: planner.maxSlots,
                                       variables: variables ?? CELVariables(planner.variableNames),
                                       limits: limits, source: source))
        }
    }

    /// Evaluates against `activation`. Never throws: failures are `.error` values.
    /// Each variable is asked for once, when first read.
    public func evaluate(_ activation: some CELActivation = CELEmptyActivation()) -> CELResult {
        let (v, accessed) = runLazily(activation)
        return CELResult(value: v, accessed: accessed, paths: paths)
    }

    /// Evaluates with variables by slot (the fast path when the program was compiled against
    /// `activation.variables`; any other layout is read by name).
    public func evaluate(_ activation: CELSlotActivation) -> CELResult {
        let (v, accessed) = run(activation)
        return CELResult(value: v, accessed: accessed, paths: paths)
    }

    /// Just the value, without the access record.
    public func value(_ activation: some CELActivation = CELEmptyActivation()) -> CELValue {
        runLazily(activation).0
    }

    /// Just the value, variables by slot.
    public func value(_ activation: CELSlotActivation) -> CELValue {
        // `self` holds the storage for the whole call: used unretained.
        Unmanaged.passUnretained(storage)._withUnsafeGuaranteedRef { storage in
            guard storage.sameLayout(activation.variables) else { return runLazily(activation).0 }
            return activation.values.withUnsafeBufferPointer { buf in
                EvalContext.run(nil, vars: UnsafeMutablePointer(mutating: buf.baseAddress!), varCount: storage.variableCount,
                                resolved: ~0, locals: storage.slotCount, paths: storage.pathTable,
                                costLimit: storage.limits.maxEvaluationCost) { c in
                    storage.root.eval(&c)
                }
            }
        }
    }

    private func run(_ activation: CELSlotActivation) -> (CELValue, CELAccessSet) {
        let storage = storage
        guard storage.sameLayout(activation.variables) else { return runLazily(activation) }
        let n = storage.variableCount
        return activation.values.withUnsafeBufferPointer { buf in
            // Every name the program reads by name is outside the shared layout, so undefined:
            // the activation itself is not needed (and not copied into the context).
            EvalContext.run(nil, vars: UnsafeMutablePointer(mutating: buf.baseAddress!), varCount: n,
                            resolved: ~0, locals: storage.slotCount, paths: storage.pathTable,
                            costLimit: storage.limits.maxEvaluationCost) { c in
                (storage.root.eval(&c), c.accessed)
            }
        }
    }

    private func runLazily(_ activation: some CELActivation) -> (CELValue, CELAccessSet) {
        let n = min(variables.names.count, 64)
        let storage = storage
        return withUnsafeTemporaryAllocation(of: CELValue?.self, capacity: max(n, 1)) { vars in
            vars.initialize(repeating: nil)
            defer { vars.deinitialize() }
            let boxed: any CELActivation = activation
            return withUnsafePointer(to: boxed) { a in
                EvalContext.run(a, vars: vars.baseAddress!, varCount: n, resolved: 0,
                                locals: storage.slotCount, paths: storage.pathTable,
                                costLimit: storage.limits.maxEvaluationCost) { c in
                    (storage.root.eval(&c), c.accessed)
                }
            }
        }
    }
}

/// The outcome of one evaluation: the value plus the input paths it read.
public struct CELResult: Sendable {
    public let value: CELValue
    let accessed: CELAccessSet
    let paths: [String]

    /// Input attribute paths read by the evaluation (each member chain once, at its full
    /// length, including `has()` tests and `.?` selections), sorted. Elements of a list
    /// iterated by a macro appear as `path[]` (`resource.rules[].action`).
    public var accessedPaths: [String] {
        accessed.ids.map { paths[$0] }.sorted()
    }
}

/// Bit set of path ids, inline for the first 64 (the common case: no allocation).
struct CELAccessSet: Sendable {
    var low: UInt64 = 0
    /// nil until a path id ≥ 64 is recorded (no array to release per evaluation).
    var high: [UInt64]? = nil

    @inline(__always) mutating func insert(_ id: Int32) {
        if id < 64 { low |= 1 << UInt64(id); return }
        insertHigh(id)
    }

    private mutating func insertHigh(_ id: Int32) {
        let w = Int(id) / 64 - 1
        var h = high ?? []
        high = nil
        if h.count <= w { h.append(contentsOf: repeatElement(0, count: w + 1 - h.count)) }
        h[w] |= 1 << UInt64(Int(id) % 64)
        high = h
    }

    var ids: [Int] {
        var out: [Int] = []
        for b in 0..<64 where low & (1 << UInt64(b)) != 0 { out.append(b) }
        for (w, word) in (high ?? []).enumerated() {
            for b in 0..<64 where word & (1 << UInt64(b)) != 0 { out.append((w + 1) * 64 + b) }
        }
        return out
    }
}

/// A program's static attribute paths by id (a class so an evaluation context refers to it
/// without reference counting).
final class CELPathTable: Sendable {
    let paths: [String]
    init(_ paths: [String]) { self.paths = paths }
}

/// The locals pointer of a program without comprehension variables (never read or written).
nonisolated(unsafe) let noLocals = UnsafeMutablePointer<CELValue>.allocate(capacity: 1)

struct EvalContext {
    /// nil when every variable is in `vars` (a slot activation of the program's layout): names
    /// outside the layout are then undefined.
    /// A pointer, not the existential itself, so making and dropping a context copies nothing.
    let activation: UnsafePointer<any CELActivation>?
    /// The program's variables by slot. For a `CELSlotActivation` of the program's layout this
    /// is its value array (`resolved` all ones); otherwise values are fetched from `activation`
    /// on first use and cached here (bit `slot` of `resolved` set once cached).
    let vars: UnsafeMutablePointer<CELValue?>
    let varCount: Int
    var resolved: UInt64
    /// Comprehension variables by slot (stack memory, one evaluation).
    let locals: UnsafeMutablePointer<CELValue>
    /// Held by the program (or the planner) for the whole evaluation: not reference counted.
    unowned(unsafe) let paths: CELPathTable
    var accessed = CELAccessSet()
    var cost = 0
    let costLimit: Int

    /// Runs `body` with a context whose locals live in temporary (stack) memory.
    @inline(__always)
    static func run<R>(_ activation: UnsafePointer<any CELActivation>?, vars: UnsafeMutablePointer<CELValue?>, varCount: Int,
                       resolved: UInt64, locals: Int, paths: CELPathTable, costLimit: Int,
                       _ body: (inout EvalContext) -> R) -> R {
        if locals == 0 {
            // No comprehension variables (most conditions): no locals to set up and tear down.
            var c = EvalContext(activation: activation, vars: vars, varCount: varCount, resolved: resolved,
                                locals: noLocals, paths: paths, costLimit: costLimit)
            return body(&c)
        }
        return withUnsafeTemporaryAllocation(of: CELValue.self, capacity: max(locals, 1)) { buf in
            buf.initialize(repeating: .null)
            defer { buf.deinitialize() }
            var c = EvalContext(activation: activation, vars: vars, varCount: varCount, resolved: resolved,
                                locals: buf.baseAddress!, paths: paths, costLimit: costLimit)
            return body(&c)
        }
    }

    /// Makes sure variable `slot` is held in `vars[slot]`; false when it cannot be (undeclared
    /// or beyond the lazy cache).
    @inline(__always) mutating func cache(_ slot: Int, _ name: String) -> Bool {
        guard slot >= 0 && slot < varCount else { return false }
        if slot < 64 && resolved & (1 << UInt64(slot)) == 0 {
            vars[slot] = activation?.pointee.value(of: name)
            resolved |= 1 << UInt64(slot)
        }
        return true
    }

    /// The value of variable `slot` (`name`), nil when undefined.
    @inline(__always) mutating func variable(_ slot: Int, _ name: String) -> CELValue? {
        if slot >= 0 && slot < varCount {
            if slot >= 64 || resolved & (1 << UInt64(slot)) != 0 { return vars[slot] }
            let v = activation?.pointee.value(of: name)
            vars[slot] = v
            resolved |= 1 << UInt64(slot)
            return v
        }
        return activation?.pointee.value(of: name)
    }

    /// Fills in the path of an unknown that came from input data without one.
    func located(_ v: CELValue, _ path: Int32) -> CELValue {
        if case .unknown(let u) = v, u.paths.isEmpty, path >= 0 {
            return .unknown(CELUnknown(paths: [paths.paths[Int(path)]]))
        }
        return v
    }
}

// MARK: - Plan nodes

/// One node of a planned expression. Classes (not an enum) so evaluation is one virtual call
/// per node with no payload copies; all stored properties are immutable.
class Node: @unchecked Sendable {
    func eval(_ c: inout EvalContext) -> CELValue { fatalError("abstract") }
    /// The constant this node always produces, if any (for folding).
    var constant: CELValue? { nil }
}

final class ConstNode: Node, @unchecked Sendable {
    let value: CELValue
    init(_ v: CELValue) { value = v }
    override func eval(_ c: inout EvalContext) -> CELValue { value }
    override var constant: CELValue? { value }
}

final class VariableNode: Node, @unchecked Sendable {
    let name: String
    /// Position in the program's `CELVariables`, -1 when not declared there.
    let slot: Int
    let path: Int32
    let record: Bool
    let undefined: CELValue
    init(_ name: String, slot: Int, path: Int32, record: Bool) {
        self.name = name; self.slot = slot; self.path = path; self.record = record
        undefined = .err("no such attribute: '\(name)'")
    }
    override func eval(_ c: inout EvalContext) -> CELValue {
        if record { c.accessed.insert(path) }
        guard let v = c.variable(slot, name) else { return undefined }
        return c.located(v, path)
    }
}

final class LocalNode: Node, @unchecked Sendable {
    let slot: Int
    let path: Int32
    let record: Bool
    init(_ slot: Int, path: Int32, record: Bool) { self.slot = slot; self.path = path; self.record = record }
    override func eval(_ c: inout EvalContext) -> CELValue {
        if record && path >= 0 { c.accessed.insert(path) }
        return c.locals[slot]
    }
}

/// `operand.field`, `has(operand.field)` and `operand.?field`.
final class SelectNode: Node, @unchecked Sendable {
    enum Mode { case plain, test, optional }
    let operand: Node
    let field: String
    let hash: Int
    let mode: Mode
    let path: Int32
    let record: Bool
    /// Built once: error values are returned, not formatted, on every miss.
    let missing: CELValue
    init(_ operand: Node, _ field: String, mode: Mode, path: Int32, record: Bool) {
        self.operand = operand; self.field = field; self.hash = CELMap.fieldHash(field)
        self.mode = mode; self.path = path; self.record = record
        missing = .err("no such key: '\(field)'")
    }

    override func eval(_ c: inout EvalContext) -> CELValue {
        if record && path >= 0 { c.accessed.insert(path) }
        var o = operand.eval(&c)
        if case .optional(let inner) = o {
            // Selection on an optional stays optional (optional chaining); `has()` tests the
            // field of the contained map, and is false on `optional.none()` (as the reference).
            guard let inner else { return mode == .test ? .bool(false) : .optional(nil) }
            if mode == .plain {
                guard case .map(let m) = inner else {
                    if inner.isErrorOrUnknown { return inner }
                    return .err("type '\(inner.type.rawValue)' does not support field selection")
                }
                return .optional(m.position(ofField: field, hash: hash).map { c.located(m.values[$0], path) })
            }
            o = inner
        }
        switch o {
        case .map(let m):
            if let i = m.position(ofField: field, hash: hash) {
                switch mode {
                case .plain: return c.located(m.values[i], path)
                case .test: return .bool(true)
                case .optional: return .optional(c.located(m.values[i], path))
                }
            }
            switch mode {
            case .plain: return missing
            case .test: return .bool(false)
            case .optional: return .optional(nil)
            }
        case .error, .unknown: return o
        default:
            return .err("type '\(o.type.rawValue)' does not support field selection")
        }
    }

}

/// `operand[index]` and `operand[?index]`.
final class IndexNode: Node, @unchecked Sendable {
    let operand: Node
    let index: Node
    let optional: Bool
    let path: Int32
    let record: Bool
    init(_ o: Node, _ i: Node, optional: Bool, path: Int32, record: Bool) {
        operand = o; index = i; self.optional = optional; self.path = path; self.record = record
    }

    override func eval(_ c: inout EvalContext) -> CELValue {
        if record && path >= 0 { c.accessed.insert(path) }
        var o = operand.eval(&c)
        let i = index.eval(&c)
        if let bad = strict(o, i) { return bad }
        var wrap = optional
        if case .optional(let inner) = o {
            guard let inner else { return .optional(nil) }
            o = inner
            wrap = true
        }
        let r = Self.lookup(o, i)
        if wrap {
            if case .error = r { return Self.isMissing(o, i) ? .optional(nil) : r }
            return .optional(c.located(r, path))
        }
        return c.located(r, path)
    }

    static func isMissing(_ o: CELValue, _ i: CELValue) -> Bool {
        switch o {
        case .map: return CELMapKey(i) != nil || true
        case .list: return listIndex(i) != nil
        default: return false
        }
    }

    static func listIndex(_ i: CELValue) -> Int64? {
        switch i {
        case .int(let v): return v
        case .uint(let u): return u <= UInt64(Int64.max) ? Int64(u) : Int64.max
        case .double(let d):
            guard d.rounded(.towardZero) == d, abs(d) < 9.2e18 else { return nil }
            return Int64(d)
        default: return nil
        }
    }

    static func lookup(_ o: CELValue, _ i: CELValue) -> CELValue {
        switch o {
        case .list(let l):
            guard let k = listIndex(i) else { return .noOverload("_[_]", o, i) }
            guard k >= 0 && k < l.count else { return .err("index out of range: \(k)") }
            return l[Int(k)]
        case .map(let m):
            switch i {
            case .string, .int, .uint, .bool, .double:
                if let v = m.lookup(i) { return v }
                return .err("no such key: \(CELFormat.display(i))")
            default: return .noOverload("_[_]", o, i)
            }
        default: return .noOverload("_[_]", o, i)
        }
    }
}

/// Strict propagation: unknowns win over errors (langdef "Partial state"); nil when both are plain.
@inline(__always) func strict(_ a: CELValue, _ b: CELValue) -> CELValue? {
    guard a.isErrorOrUnknown || b.isErrorOrUnknown else { return nil }
    switch (a, b) {
    case let (.unknown(x), .unknown(y)): return .unknown(x.union(y))
    case (.unknown, _): return a
    case (_, .unknown): return b
    case (.error, _): return a
    default: return b
    }
}

func strict(_ args: [CELValue]) -> CELValue? {
    var unknown: CELUnknown?
    var error: CELValue?
    for a in args {
        switch a {
        case .unknown(let u): unknown = unknown.map { $0.union(u) } ?? u
        case .error: if error == nil { error = a }
        default: break
        }
    }
    if let unknown { return .unknown(unknown) }
    return error
}

/// `a && b && …`: false if any term is false, whatever the others are (errors and unknowns
/// included, in any order); else unknown if any is unknown; else the first error; else true.
final class AndNode: Node, @unchecked Sendable {
    let terms: [Node]
    /// The same terms unretained (`terms` owns them): iterating them costs no reference counting.
    let unretained: UnmanagedNodes
    init(_ t: [Node]) { terms = t; unretained = UnmanagedNodes(t) }
    deinit { unretained.release() }
    override func eval(_ c: inout EvalContext) -> CELValue {
        var pending: CELValue?
        for t in unretained.nodes {
            let v = t._withUnsafeGuaranteedRef { $0.eval(&c) }
            switch v {
            case .bool(true): continue
            case .bool(false): return v
            default: pending = logicalMerge(pending, v, "_&&_")
            }
        }
        return pending ?? .bool(true)
    }
}

final class OrNode: Node, @unchecked Sendable {
    let terms: [Node]
    let unretained: UnmanagedNodes
    init(_ t: [Node]) { terms = t; unretained = UnmanagedNodes(t) }
    deinit { unretained.release() }
    override func eval(_ c: inout EvalContext) -> CELValue {
        var pending: CELValue?
        for t in unretained.nodes {
            let v = t._withUnsafeGuaranteedRef { $0.eval(&c) }
            switch v {
            case .bool(false): continue
            case .bool(true): return v
            default: pending = logicalMerge(pending, v, "_||_")
            }
        }
        return pending ?? .bool(false)
    }
}

/// Child nodes as unretained references in a buffer owned by the parent node (which also keeps
/// the nodes alive in a strong array): evaluating a `&&`/`||` chain retains nothing.
struct UnmanagedNodes: @unchecked Sendable {
    let nodes: UnsafeBufferPointer<Unmanaged<Node>>
    init(_ strong: [Node]) {
        let buf = UnsafeMutableBufferPointer<Unmanaged<Node>>.allocate(capacity: strong.count)
        for (i, n) in strong.enumerated() { buf[i] = Unmanaged.passUnretained(n) }
        nodes = UnsafeBufferPointer(buf)
    }
    /// Called by the owning node's deinit.
    func release() { nodes.deallocate() }
}

/// Combines non-boolean outcomes of `&&`/`||` terms: unknowns accumulate and win over errors.
func logicalMerge(_ pending: CELValue?, _ v: CELValue, _ op: String) -> CELValue {
    let v: CELValue = {
        switch v {
        case .unknown, .error: return v
        default: return .noOverload(op, v)
        }
    }()
    guard let p = pending else { return v }
    return strict(p, v) ?? p
}

final class ConditionalNode: Node, @unchecked Sendable {
    let cond: Node, then: Node, otherwise: Node
    init(_ c: Node, _ t: Node, _ f: Node) { cond = c; then = t; otherwise = f }
    override func eval(_ c: inout EvalContext) -> CELValue {
        switch cond.eval(&c) {
        case .bool(true): return then.eval(&c)
        case .bool(false): return otherwise.eval(&c)
        case let v where v.isErrorOrUnknown: return v
        case let v: return .noOverload("_?_:_", v)
        }
    }
}

final class NotNode: Node, @unchecked Sendable {
    let operand: Node
    init(_ o: Node) { operand = o }
    override func eval(_ c: inout EvalContext) -> CELValue {
        switch operand.eval(&c) {
        case .bool(let b): return .bool(!b)
        case let v where v.isErrorOrUnknown: return v
        case let v: return .noOverload("!_", v)
        }
    }
}

/// A call of a strict function with one, two, three or more arguments (receiver first).
final class Call1Node: Node, @unchecked Sendable {
    let a: Node
    let fn: @Sendable (CELValue) -> CELValue
    init(_ a: Node, _ fn: @escaping @Sendable (CELValue) -> CELValue) { self.a = a; self.fn = fn }
    override func eval(_ c: inout EvalContext) -> CELValue {
        let x = a.eval(&c)
        if x.isErrorOrUnknown { return x }
        return fn(x)
    }
}

final class Call2Node: Node, @unchecked Sendable {
    let a: Node, b: Node
    let fn: @Sendable (CELValue, CELValue) -> CELValue
    init(_ a: Node, _ b: Node, _ fn: @escaping @Sendable (CELValue, CELValue) -> CELValue) { self.a = a; self.b = b; self.fn = fn }
    override func eval(_ c: inout EvalContext) -> CELValue {
        let x = a.eval(&c)
        let y = b.eval(&c)
        if let bad = strict(x, y) { return bad }
        return fn(x, y)
    }
}

final class CallNNode: Node, @unchecked Sendable {
    let args: [Node]
    let fn: @Sendable ([CELValue]) -> CELValue
    init(_ args: [Node], _ fn: @escaping @Sendable ([CELValue]) -> CELValue) { self.args = args; self.fn = fn }
    override func eval(_ c: inout EvalContext) -> CELValue {
        var vs: [CELValue] = []
        vs.reserveCapacity(args.count)
        for a in args { vs.append(a.eval(&c)) }
        if let bad = strict(vs) { return bad }
        return fn(vs)
    }
}

/// `s.matches(re)` with a constant pattern, compiled once at planning time.
final class MatchesNode: Node, @unchecked Sendable {
    let subject: Node
    let regex: CELRegex
    init(_ s: Node, _ r: CELRegex) { subject = s; regex = r }
    override func eval(_ c: inout EvalContext) -> CELValue {
        switch subject.eval(&c) {
        case .string(let s): return .bool(regex.matches(s))
        case let v where v.isErrorOrUnknown: return v
        case let v: return .noOverload("matches", v, .string(""))
        }
    }
}

final class ListNode: Node, @unchecked Sendable {
    let elements: [Node]
    let optionalAt: [Bool]
    init(_ e: [Node], _ o: [Bool]) { elements = e; optionalAt = o }
    override func eval(_ c: inout EvalContext) -> CELValue {
        var out: [CELValue] = []
        out.reserveCapacity(elements.count)
        var bad: CELValue?
        for (i, e) in elements.enumerated() {
            let v = e.eval(&c)
            if v.isErrorOrUnknown { bad = strict(bad ?? v, v); continue }
            if optionalAt[i] {
                guard case .optional(let inner) = v else { return .err("optional list element is not an optional value") }
                if let inner { out.append(inner) }
            } else {
                out.append(v)
            }
        }
        return bad ?? .list(out)
    }
}

final class MapNode: Node, @unchecked Sendable {
    let keys: [Node], values: [Node], optionalAt: [Bool]
    init(_ k: [Node], _ v: [Node], _ o: [Bool]) { keys = k; values = v; optionalAt = o }
    override func eval(_ c: inout EvalContext) -> CELValue {
        var ks: [CELValue] = [], vs: [CELValue] = []
        var index: [CELMapKey: Int] = [:]
        var bad: CELValue?
        for i in keys.indices {
            let k = keys[i].eval(&c)
            var v = values[i].eval(&c)
            if let b = strict(k, v) { bad = strict(bad ?? b, b); continue }
            guard let mk = Self.keyOf(k) else { return .err("unsupported map key type: \(k.type.rawValue)") }
            if optionalAt[i] {
                guard case .optional(let inner) = v else { return .err("optional map entry is not an optional value") }
                guard let inner else { continue }
                v = inner
            }
            if let j = index[mk] {
                // The reference rejects a repeated key of the same type; an int and a uint of the
                // same value are one key under heterogeneous equality, and the later entry wins.
                if ks[j].type == k.type { return .err("duplicate map key: \(CELFormat.display(k))") }
                vs[j] = v
                continue
            }
            index[mk] = ks.count; ks.append(k); vs.append(v)
        }
        if let bad { return bad }
        return .map(CELMap(uniqueKeys: ks, values: vs))
    }

    /// Map keys are int, uint, bool or string (not double) in literals.
    static func keyOf(_ k: CELValue) -> CELMapKey? {
        switch k {
        case .int, .uint, .bool, .string: return CELMapKey(k)
        default: return nil
        }
    }
}

final class ErrorNode: Node, @unchecked Sendable {
    let error: CELValue
    init(_ message: String) { error = .err(message) }
    override func eval(_ c: inout EvalContext) -> CELValue { error }
}

/// The comprehension macros, each as a direct loop with the spec's expansion semantics
/// (langdef "Macros": e.g. `all` is `accu && p` while `accu` is not strictly false).
final class ComprehensionNode: Node, @unchecked Sendable {
    let kind: CELComprehension.Kind
    let range: Node, body: Node, filter: Node?
    let slot: Int
    init(_ kind: CELComprehension.Kind, _ range: Node, slot: Int, _ body: Node, _ filter: Node?) {
        self.kind = kind; self.range = range; self.slot = slot; self.body = body; self.filter = filter
    }

    override func eval(_ c: inout EvalContext) -> CELValue {
        let r = range.eval(&c)
        let items: [CELValue]
        switch r {
        case .list(let l): items = l
        case .map(let m): items = m.keys
        case .error, .unknown: return r
        default: return .noOverload("<iter_range>", r)
        }
        c.cost += items.count
        if c.cost > c.costLimit { return .err("evaluation cost limit of \(c.costLimit) exceeded") }
        switch kind {
        case .all, .exists:
            let stop = kind == .exists
            var pending: CELValue?
            for item in items {
                c.locals[slot] = item
                let v = body.eval(&c)
                if case .bool(let b) = v {
                    if b == stop { return v }
                    continue
                }
                pending = logicalMerge(pending, v, stop ? "_||_" : "_&&_")
            }
            return pending ?? .bool(!stop)
        case .existsOne:
            var n = 0
            for item in items {
                c.locals[slot] = item
                switch body.eval(&c) {
                case .bool(true): n += 1
                case .bool(false): break
                case let v where v.isErrorOrUnknown: return v
                case let v: return .noOverload("exists_one", v)
                }
            }
            return .bool(n == 1)
        case .map, .mapFilter, .filter:
            var out: [CELValue] = []
            out.reserveCapacity(items.count)
            for item in items {
                c.locals[slot] = item
                if kind != .map {
                    switch (filter ?? body).eval(&c) {
                    case .bool(true): break
                    case .bool(false): continue
                    case let v where v.isErrorOrUnknown: return v
                    case let v: return .noOverload("filter", v)
                    }
                    if kind == .filter { out.append(item); continue }
                }
                let v = body.eval(&c)
                if v.isErrorOrUnknown { return v }
                out.append(v)
            }
            return .list(out)
        case .optMap, .optFlatMap:
            return .err("unreachable")
        }
    }
}

/// `o.optMap(v, e)` and `o.optFlatMap(v, e)` (optional extension macros).
final class OptionalMapNode: Node, @unchecked Sendable {
    let operand: Node, body: Node
    let slot: Int
    let flat: Bool
    init(_ o: Node, slot: Int, _ b: Node, flat: Bool) { operand = o; self.slot = slot; body = b; self.flat = flat }
    override func eval(_ c: inout EvalContext) -> CELValue {
        let o = operand.eval(&c)
        switch o {
        case .optional(nil): return o
        case .optional(let inner?):
            c.locals[slot] = inner
            let v = body.eval(&c)
            if flat || v.isErrorOrUnknown {
                if flat, !v.isErrorOrUnknown, case .optional = v {} else if flat && !v.isErrorOrUnknown {
                    return .noOverload("optFlatMap", v)
                }
                return v
            }
            return .optional(v)
        case .error, .unknown: return o
        default: return .noOverload(flat ? "optFlatMap" : "optMap", o)
        }
    }
}

/// `o.orValue(d)` and `o.or(p)`: the argument is evaluated only when `o` is `optional.none()`
/// (the reference short-circuits: `optional.of(1).orValue(1/0)` is 1).
final class OptionalOrNode: Node, @unchecked Sendable {
    let receiver: Node, alternative: Node
    /// `orValue` unwraps; `or` keeps the optional.
    let unwrap: Bool
    init(_ r: Node, _ a: Node, unwrap: Bool) { receiver = r; alternative = a; self.unwrap = unwrap }
    override func eval(_ c: inout EvalContext) -> CELValue {
        let o = receiver.eval(&c)
        switch o {
        case .optional(let v?): return unwrap ? v : o
        case .optional(nil):
            let a = alternative.eval(&c)
            if unwrap || a.isErrorOrUnknown { return a }
            guard case .optional = a else { return .noOverload("or", o, a) }
            return a
        case .error, .unknown: return o
        default: return .noOverload(unwrap ? "orValue" : "or", o, alternative.constant ?? .null)
        }
    }
}
