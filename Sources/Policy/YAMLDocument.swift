import HCL
import Yams

/// A parsed YAML file that keeps where every node came from, so the loaders of policies,
/// profiles, constraints and `.tollgate.yaml` can report `file:line:column` for each problem.
///
/// Limits (documented in docs/policy-language.md): nesting depth 64 and 1,000,000 nodes when a
/// subtree is converted to a `Value` — aliases share nodes, so an "alias bomb" would otherwise
/// expand exponentially.
struct YAMLDocument {
    static let maxDepth = 64
    static let maxNodes = 1_000_000

    let path: String
    let root: Node?
    private let lines: LineTable
    let text: [UInt8]

    /// Parses `text`; a syntax error becomes a diagnostic at the position libyaml reports.
    static func parse(_ text: String, path: String) -> (YAMLDocument?, [Diagnostic]) {
        let lines = LineTable(filename: path, text: text)
        do {
            let root = try Yams.compose(yaml: text)
            return (YAMLDocument(path: path, root: root, lines: lines, text: Array(text.utf8)), [])
        } catch let error as YamlError {
            var range: SourceRange?
            var problem = "\(error)"
            switch error {
            case .scanner(_, let p, let mark, _), .parser(_, let p, let mark, _), .composer(_, let p, let mark, _):
                problem = p
                range = YAMLDocument.range(lines: lines, mark: mark)
            default:
                break
            }
            return (nil, [.error("invalid YAML: \(problem)", at: range ?? YAMLDocument.range(lines: lines, line: 1, column: 1))])
        } catch {
            return (nil, [.error("invalid YAML: \(error)", at: YAMLDocument.range(lines: lines, line: 1, column: 1))])
        }
    }

    /// Where the text of an expression scalar sits in the file, to map CEL error positions
    /// (line:column within the expression) back to file positions.
    func locator(of node: Node?) -> ExpressionLocator? {
        guard case .scalar(let s)? = node, let mark = s.mark else { return nil }
        switch s.style {
        case .literal, .folded:
            // Block scalar: content starts on the line after the indicator, indented.
            var segments: [ExpressionLocator.Segment] = []
            var lineNo = mark.line + 1
            var indent = -1
            while lineNo <= lines.lineStarts.count {
                let start = lines.lineStarts[lineNo - 1]
                var end = start
                while end < text.count, text[end] != 10 { end += 1 }
                var i = start
                while i < end, text[i] == 32 { i += 1 }
                let blank = i == end
                if !blank {
                    if indent < 0 { indent = i - start }
                    if i - start < indent { break }
                }
                if blank && indent < 0 { lineNo += 1; continue }
                segments.append(.init(line: lineNo, column: indent + 1, length: max(0, end - start - indent)))
                lineNo += 1
            }
            return ExpressionLocator(segments: segments, folded: s.style == .folded)
        default:
            let quoted = s.style == .singleQuoted || s.style == .doubleQuoted
            return ExpressionLocator(segments: [.init(line: mark.line, column: mark.column + (quoted ? 1 : 0), length: Int.max)], folded: false)
        }
    }

    func range(of node: Node?) -> SourceRange {
        guard let mark = node?.mark else { return YAMLDocument.range(lines: lines, line: 1, column: 1) }
        return YAMLDocument.range(lines: lines, mark: mark)
    }

    private static func range(lines: LineTable, mark: Mark) -> SourceRange {
        range(lines: lines, line: mark.line, column: mark.column)
    }

    private static func range(lines: LineTable, line: Int, column: Int) -> SourceRange {
        let l = max(1, min(line, lines.lineStarts.count))
        let offset = lines.lineStarts[l - 1] + max(0, column - 1)
        let pos = SourcePosition(line: line, column: column, offset: offset)
        return SourceRange(filename: lines.filename, start: pos, end: pos)
    }

    /// The entries of a mapping node in file order (keys as strings).
    static func entries(_ node: Node?) -> [(key: String, keyNode: Node, value: Node)]? {
        guard case .mapping(let m)? = node else { return nil }
        return m.map { (key: $0.key.string ?? "", keyNode: $0.key, value: $0.value) }
    }

    static func value(_ node: Node?, for key: String) -> Node? {
        guard case .mapping(let m)? = node else { return nil }
        for (k, v) in m where k.string == key { return v }
        return nil
    }

    /// Converts a subtree to a `Value` (maps → `.object`, sequences → `.tuple`, scalars by
    /// their resolved YAML 1.1 tag). Nil when a limit is exceeded.
    static func toValue(_ node: Node) -> Value? {
        var budget = maxNodes
        return convert(node, depth: 0, budget: &budget)
    }

    private static func convert(_ node: Node, depth: Int, budget: inout Int) -> Value? {
        budget -= 1
        guard budget >= 0, depth <= maxDepth else { return nil }
        switch node {
        case .scalar(let s):
            return scalarValue(s)
        case .sequence(let seq):
            var out: [Value] = []
            out.reserveCapacity(seq.count)
            for n in seq {
                guard let v = convert(n, depth: depth + 1, budget: &budget) else { return nil }
                out.append(v)
            }
            return .tuple(out)
        case .mapping(let m):
            var out: [String: Value] = [:]
            for (k, v) in m {
                guard let cv = convert(v, depth: depth + 1, budget: &budget) else { return nil }
                out[k.string ?? ""] = cv
            }
            return .object(out)
        case .alias:
            return nil
        }
    }

    static func scalarValue(_ s: Node.Scalar) -> Value {
        switch Node.scalar(s).tag.rawValue {
        case Tag.Name.null.rawValue:
            return .null
        case Tag.Name.bool.rawValue:
            return .bool(Bool.construct(from: s) ?? false)
        case Tag.Name.int.rawValue:
            if let i = Int.construct(from: s) { return .number(i) }
            return .string(s.string)
        case Tag.Name.float.rawValue:
            if let d = Double.construct(from: s) { return .number(d) }
            return .string(s.string)
        default:
            return .string(s.string)
        }
    }
}
