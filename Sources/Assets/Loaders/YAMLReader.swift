import Foundation
import HCL
import Yams

/// YAML → `Value` through Yams, bounded: aliases are expanded while converting, so a "billion
/// laughs" document is stopped by the node budget (`maxNodes`) instead of exhausting memory,
/// and nesting deeper than `maxDepth` is an error.
package enum YAMLReader {
    package static let defaultMaxNodes = 1_000_000
    package static let defaultMaxDepth = 256

    package struct Document {
        package var value: Value
        /// 1-based line where the document starts.
        package var line: Int
    }

    package struct Failure: Error {
        package var message: String
        package var line: Int
        package var column: Int
    }

    /// Every document of a YAML stream; stops at the first error (returned with its position).
    package static func documents(
        _ text: String, maxNodes: Int = defaultMaxNodes, maxDepth: Int = defaultMaxDepth
    ) -> (documents: [Document], failure: Failure?) {
        var docs: [Document] = []
        var budget = maxNodes
        do {
            var seq = try Yams.compose_all(yaml: text)
            while let node = seq.next() {
                let line = node.mark?.line ?? 1
                switch convert(node, budget: &budget, depth: 0, maxDepth: maxDepth, limit: maxNodes) {
                case .success(let v): docs.append(Document(value: v, line: line))
                case .failure(let f): return (docs, f)
                }
            }
            if let e = seq.error { return (docs, failure(from: e)) }
        } catch {
            return (docs, failure(from: error))
        }
        return (docs, nil)
    }

    static func failure(from error: Error) -> Failure {
        if let y = error as? YamlError {
            switch y {
            case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _), .composer(_, let problem, let mark, _):
                return Failure(message: problem, line: mark.line, column: mark.column)
            case .reader(let problem, _, _, _):
                return Failure(message: problem, line: 1, column: 1)
            default:
                return Failure(message: "\(y)", line: 1, column: 1)
            }
        }
        return Failure(message: "\(error)", line: 1, column: 1)
    }

    private static func convert(_ node: Node, budget: inout Int, depth: Int, maxDepth: Int, limit: Int) -> Result<Value, Failure> {
        budget -= 1
        let line = node.mark?.line ?? 0, column = node.mark?.column ?? 0
        if budget < 0 {
            return .failure(Failure(
                message: "document expands to more than \(limit) nodes (alias expansion is bounded)", line: line, column: column))
        }
        if depth > maxDepth {
            return .failure(Failure(message: "nesting deeper than \(maxDepth) levels", line: line, column: column))
        }
        switch node {
        case .scalar(let s):
            if s.style == .plain {
                if node.null != nil { return .success(.null) }
                if let b = node.bool { return .success(.bool(b)) }
                if let i = node.int { return .success(.number(Number(i))) }
                if let d = node.float, d.isFinite { return .success(.number(Number(d))) }
            }
            return .success(.string(s.string))
        case .sequence(let seq):
            var out: [Value] = []
            for child in seq {
                switch convert(child, budget: &budget, depth: depth + 1, maxDepth: maxDepth, limit: limit) {
                case .success(let v): out.append(v)
                case .failure(let f): return .failure(f)
                }
            }
            return .success(.tuple(out))
        case .mapping(let map):
            var out: [String: Value] = [:]
            for (k, v) in map {
                let key = k.scalar?.string ?? "\(k)"
                switch convert(v, budget: &budget, depth: depth + 1, maxDepth: maxDepth, limit: limit) {
                case .success(let cv): out[key] = cv
                case .failure(let f): return .failure(f)
                }
            }
            return .success(.object(out))
        case .alias:
            return .failure(Failure(message: "unresolved alias", line: line, column: column))
        }
    }
}
