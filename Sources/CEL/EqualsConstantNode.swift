/// `x == k` and `x != k` with a constant `k` (not an error or unknown): the common policy test
/// (`resource.direction == 'INGRESS'`), compared in place for the usual types instead of via
/// the general two-argument call. Same strictness as the call: an error or unknown `x` is the
/// result.
final class EqualsConstantNode: Node, @unchecked Sendable {
    let operand: Node
    let k: CELValue
    let negate: Bool
    /// The UTF-8 length of a string `k`: strings of another length differ without a call
    /// (`String ==` on two different strings always goes out of line, ~40–120 instructions).
    let kLength: Int
    init(_ operand: Node, _ k: CELValue, negate: Bool) {
        self.operand = operand; self.k = k; self.negate = negate
        if case .string(let s) = k { kLength = s.utf8.count } else { kLength = -1 }
    }

    override func eval(_ c: inout EvalContext) -> CELValue {
        let v = operand.eval(&c)
        let equal: Bool
        switch (v, k) {
        case let (.string(a), .string(b)): equal = a.utf8.count == kLength && a == b
        case let (.bool(a), .bool(b)): equal = a == b
        case let (.int(a), .int(b)): equal = a == b
        case (.error, _), (.unknown, _): return v
        default: equal = CELValue.celEquals(v, k)
        }
        return .bool(equal != negate)
    }
}

/// `a < b`, `a <= b`, `a > b`, `a >= b`: two ints (the common policy threshold,
/// `retainedBackups >= 7`) are compared in place; anything else goes to the general call, so
/// heterogeneous ordering, NaN and errors are exactly the call's.
final class RelationNode: Node, @unchecked Sendable {
    let a: Node, b: Node
    /// The result for a < b, a == b, a > b.
    let less: Bool, equal: Bool, greater: Bool
    let fn: @Sendable (CELValue, CELValue) -> CELValue
    init(_ op: String, _ a: Node, _ b: Node, general: Node) {
        self.a = a; self.b = b
        less = op == "_<_" || op == "_<=_"
        equal = op == "_<=_" || op == "_>=_"
        greater = op == "_>_" || op == "_>=_"
        fn = (general as! Call2Node).fn
    }

    override func eval(_ c: inout EvalContext) -> CELValue {
        let x = a.eval(&c)
        let y = b.eval(&c)
        if case .int(let p) = x, case .int(let q) = y { return .bool(p < q ? less : (p == q ? equal : greater)) }
        if let bad = strict(x, y) { return bad }
        return fn(x, y)
    }
}

/// `x in [k1, k2, …]` with a constant list: strings are tested against a set (or, for a few
/// elements, compared in turn) instead of by heterogeneous equality element by element.
final class InConstantListNode: Node, @unchecked Sendable {
    let operand: Node
    let list: CELValue
    /// The elements when they are all strings.
    let strings: [String]?
    let stringSet: Set<String>?
    init(_ operand: Node, _ list: CELValue, elements: [CELValue]) {
        self.operand = operand
        self.list = list
        let strings = elements.compactMap { if case .string(let s) = $0 { return s } else { return nil } }
        self.strings = strings.count == elements.count ? strings : nil
        stringSet = strings.count == elements.count && strings.count > 8 ? Set(strings) : nil
    }

    override func eval(_ c: inout EvalContext) -> CELValue {
        let v = operand.eval(&c)
        if case .string(let s) = v, let strings {
            if let stringSet { return .bool(stringSet.contains(s)) }
            // Lengths first: comparing two different strings always calls out of line.
            let n = s.utf8.count
            for e in strings where e.utf8.count == n && e == s { return .bool(true) }
            return .bool(false)
        }
        if v.isErrorOrUnknown { return v }
        return CELArithmetic.contains(v, list)
    }
}

/// `'key' in m` with a constant string key: a map lookup with the key's hash computed at
/// planning time.
final class ConstantKeyInNode: Node, @unchecked Sendable {
    let key: String
    let hash: Int
    let container: Node
    init(_ key: String, _ container: Node) { self.key = key; hash = CELMap.fieldHash(key); self.container = container }

    override func eval(_ c: inout EvalContext) -> CELValue {
        let m = container.eval(&c)
        if case .map(let map) = m { return .bool(map.position(ofField: key, hash: hash) != nil) }
        if m.isErrorOrUnknown { return m }
        return CELArithmetic.contains(.string(key), m)
    }
}
