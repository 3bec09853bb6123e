import HCL

/// Walks over expression trees and bodies, for what the evaluator needs beyond evaluation:
/// every expression of a body, the attribute names used after references, and the ranges of
/// `try`/`can` calls.
enum ExpressionWalk {
    /// Direct sub-expressions.
    static func children(_ e: Expression) -> [Expression] {
        switch e.kind {
        case .literal, .scopeTraversal, .anonymousSymbol, .invalid: return []
        case .template(let parts): return parts
        case .templateWrap(let x), .templateJoin(let x), .unary(_, let x), .parentheses(let x), .relativeTraversal(let x, _): return [x]
        case .functionCall(let c): return c.arguments
        case .conditional(let c, let t, let f): return [c, t, f]
        case .index(let c, let k): return [c, k]
        case .tuple(let es): return es
        case .object(let items): return items.flatMap { [$0.key, $0.value] }
        case .forExpression(let f): return [f.collection] + [f.key, f.value, f.condition].compactMap { $0 }
        case .splat(let s, let each): return [s, each]
        case .binary(_, let l, let r): return [l, r]
        }
    }

    /// Every expression in a body, nested blocks included.
    static func expressions(in body: Body, into out: inout [Expression]) {
        for a in body.attributes { out.append(a.expression) }
        for b in body.blocks { expressions(in: b.body, into: &out) }
    }

    /// Attribute names that follow a reference or a splat anywhere in `e` (to know which
    /// not-configured attributes of resources must exist, as unknown, for references to them).
    static func attributeNames(in e: Expression, into out: inout Set<String>) {
        var stack = [e]
        while let x = stack.popLast() {
            switch x.kind {
            case .scopeTraversal(let t):
                for s in t.steps.dropFirst() { if case .attribute(let n) = s { out.insert(n) } }
            case .relativeTraversal(_, let t):
                for s in t.steps { if case .attribute(let n) = s { out.insert(n) } }
            default: break
            }
            stack += children(x)
        }
    }

    /// Attribute names that follow an index or splat step in a traversal (`a.b[0].c` → `c`;
    /// every name of a splat's or index expression's relative traversal): the attributes of
    /// nested blocks an expression reads.
    static func nestedAttributeNames(in e: Expression, into out: inout Set<String>) {
        // For-expression variables in scope: `[for ni in res.network_interface : ni.network_ip]`
        // reads a nested block's attribute through the variable.
        var stack: [(Expression, Set<String>)] = [(e, [])]
        while let (x, forVariables) = stack.popLast() {
            switch x.kind {
            case .forExpression(let f):
                var inner = forVariables
                inner.insert(f.valueVariable)
                if let k = f.keyVariable { inner.insert(k) }
                stack.append((f.collection, forVariables))
                for body in [f.key, f.value, f.condition].compactMap({ $0 }) { stack.append((body, inner)) }
                continue
            case .scopeTraversal(let t):
                var indexed = forVariables.contains(t.rootName)
                for s in t.steps.dropFirst() {
                    switch s {
                    case .attribute(let n): if indexed { out.insert(n) }
                    default: indexed = true
                    }
                }
            case .relativeTraversal(_, let t):
                for s in t.steps { if case .attribute(let n) = s { out.insert(n) } }
            default: break
            }
            stack += children(x).map { ($0, forVariables) }
        }
    }

    /// Names of the functions called in `e` that satisfy `filter`.
    static func functionNames(in e: Expression, into out: inout Set<String>, where filter: (String) -> Bool) {
        var stack = [e]
        while let x = stack.popLast() {
            if case .functionCall(let c) = x.kind, filter(c.name) { out.insert(c.name) }
            stack += children(x)
        }
    }

    /// Byte ranges of the arguments of `try(...)` and `can(...)` calls: errors inside them are
    /// what those functions catch, so their diagnostics are dropped.
    static func tryCanRanges(_ e: Expression, into out: inout [Range<Int>]) {
        var stack = [e]
        while let x = stack.popLast() {
            if case .functionCall(let c) = x.kind, c.name == "try" || c.name == "can" {
                out.append(x.range)
                continue
            }
            stack += children(x)
        }
    }
}
