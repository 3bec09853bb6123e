/// `x == k` and `x != k` with a constant `k` (not an error or unknown): the common policy test
/// (`resource.direction == 'INGRESS'`), compared in place for the usual types instead of via
/// the general two-argument call. Same strictness as the call: an error or unknown `x` is the
/// result.
final class EqualsConstantNode: Node, @unchecked Sendable {
    let operand: Node
    let k: CELValue
    let negate: Bool
    init(_ operand: Node, _ k: CELValue, negate: Bool) { self.operand = operand; self.k = k; self.negate = negate }

    override func eval(_ c: inout EvalContext) -> CELValue {
        let v = operand.eval(&c)
        let equal: Bool
        switch (v, k) {
        case let (.string(a), .string(b)): equal = a == b
        case let (.bool(a), .bool(b)): equal = a == b
        case let (.int(a), .int(b)): equal = a == b
        case (.error, _), (.unknown, _): return v
        default: equal = CELValue.celEquals(v, k)
        }
        return .bool(equal != negate)
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
            for e in strings where e == s { return .bool(true) }
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
