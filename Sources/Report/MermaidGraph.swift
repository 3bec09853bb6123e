import Policy

/// The asset graph as a Mermaid `graph LR` flowchart, capped so a large graph stays drawable:
/// failing assets first, then their neighbours, then the rest by name.
struct MermaidGraph {
    let text: String
    let nodeCount: Int
    let edgeCount: Int
    /// Edges whose two ends are both drawn (the ones the edge cap may cut).
    let candidateEdges: Int
    /// Edges with an end that is not among the graph's nodes.
    let danglingEdges: Int

    init(_ g: GraphSummary, maxNodes: Int, maxEdges: Int) {
        var index: [String: Int] = [:]
        for (i, n) in g.nodes.enumerated() where index[n.name] == nil { index[n.name] = i }

        var chosen: [Int] = []
        var taken = Set<Int>()
        func take(_ i: Int) {
            if chosen.count < maxNodes, taken.insert(i).inserted { chosen.append(i) }
        }
        for (i, n) in g.nodes.enumerated() where n.failing { take(i) }
        var neighbours = Set<Int>()
        var dangling = 0
        for e in g.edges {
            guard let a = index[e.from], let b = index[e.to] else { dangling += 1; continue }
            if g.nodes[a].failing { neighbours.insert(b) }
            if g.nodes[b].failing { neighbours.insert(a) }
        }
        for i in neighbours.sorted() { take(i) }
        for i in g.nodes.indices { take(i) }
        chosen.sort()

        // Node ids are positional (`n0`, `n1`, …): asset names are not valid Mermaid ids.
        var id: [Int: String] = [:]
        var lines = "graph LR\n"
        for (k, i) in chosen.enumerated() {
            id[i] = "n\(k)"
            let n = g.nodes[i]
            var label = n.label.isEmpty ? String(n.name.split(separator: "/").last ?? Substring(n.name)) : n.label
            if n.failing { label += " ✗" }
            lines += "  n\(k)[\"\(Self.escape(label))\"]\n"
        }
        var candidates = 0, drawn = 0
        for e in g.edges {
            guard let a = index[e.from], let b = index[e.to], let ia = id[a], let ib = id[b] else { continue }
            candidates += 1
            guard drawn < maxEdges else { continue }
            drawn += 1
            lines += e.kind.isEmpty ? "  \(ia) --> \(ib)\n" : "  \(ia) -->|\"\(Self.escape(e.kind))\"| \(ib)\n"
        }
        let failingIDs = chosen.filter { g.nodes[$0].failing }.map { id[$0]! }
        if !failingIDs.isEmpty {
            lines += "  classDef failing fill:#fde2e1,stroke:#c62828,stroke-width:2px,color:#000\n"
            lines += "  class \(failingIDs.joined(separator: ",")) failing\n"
        }
        text = lines
        nodeCount = chosen.count
        edgeCount = drawn
        candidateEdges = candidates
        danglingEdges = dangling
    }

    /// Label text inside `"…"`: Mermaid decodes `#<decimal>;` entities, so everything but
    /// letters, digits and a few plain punctuation marks is written as one — quotes, brackets,
    /// pipes, `#`, `;`, `<`, `>` and non-ASCII can then never end the label or inject markup.
    static func escape(_ s: String) -> String {
        var out = ""
        for u in s.unicodeScalars {
            switch u {
            case "a"..."z", "A"..."Z", "0"..."9", " ", ".", "_", "-", "/", ":", ",", "@", "+", "=":
                out.unicodeScalars.append(u)
            default:
                out += "#\(u.value);"
            }
        }
        return out
    }
}
