extension Expression {
    /// The variables this expression refers to, as static traversals in source order
    /// (hcl `Expression.Variables()`): every scope traversal except those whose root is a
    /// name bound by an enclosing `for` expression. A splat contributes only the part before
    /// the `*`; a non-constant index contributes its collection and its key separately.
    public var references: [Traversal] {
        var out: [Traversal] = []
        var scopes: [[String]] = []
        collectReferences(into: &out, scopes: &scopes)
        return out
    }

    private func collectReferences(into out: inout [Traversal], scopes: inout [[String]]) {
        switch kind {
        case .literal, .anonymousSymbol, .invalid:
            return
        case .scopeTraversal(let t):
            let root = t.rootName
            for names in scopes where names.contains(root) { return }
            out.append(t)
        case .template(let parts):
            for p in parts { p.collectReferences(into: &out, scopes: &scopes) }
        case .templateWrap(let e), .templateJoin(let e), .unary(_, let e), .parentheses(let e), .relativeTraversal(let e, _):
            e.collectReferences(into: &out, scopes: &scopes)
        case .functionCall(let c):
            for a in c.arguments { a.collectReferences(into: &out, scopes: &scopes) }
        case .conditional(let c, let t, let f):
            c.collectReferences(into: &out, scopes: &scopes)
            t.collectReferences(into: &out, scopes: &scopes)
            f.collectReferences(into: &out, scopes: &scopes)
        case .index(let c, let k):
            c.collectReferences(into: &out, scopes: &scopes)
            k.collectReferences(into: &out, scopes: &scopes)
        case .tuple(let es):
            for e in es { e.collectReferences(into: &out, scopes: &scopes) }
        case .object(let items):
            for item in items {
                // A bare-word key is a literal name, not a reference.
                if item.key.keyword == nil { item.key.collectReferences(into: &out, scopes: &scopes) }
                item.value.collectReferences(into: &out, scopes: &scopes)
            }
        case .forExpression(let f):
            f.collection.collectReferences(into: &out, scopes: &scopes)
            var names: [String] = [f.valueVariable]
            if let k = f.keyVariable { names.append(k) }
            scopes.append(names)
            f.key?.collectReferences(into: &out, scopes: &scopes)
            f.value.collectReferences(into: &out, scopes: &scopes)
            f.condition?.collectReferences(into: &out, scopes: &scopes)
            scopes.removeLast()
        case .splat(let s, let e):
            s.collectReferences(into: &out, scopes: &scopes)
            e.collectReferences(into: &out, scopes: &scopes)
        case .binary(_, let l, let r):
            l.collectReferences(into: &out, scopes: &scopes)
            r.collectReferences(into: &out, scopes: &scopes)
        }
    }
}
