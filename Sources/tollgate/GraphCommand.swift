import ArgumentParser
import Assets
import Foundation
import HCL
#if canImport(Glibc)
import Glibc
#endif

/// `tollgate graph PATH… --format json|dot|mermaid`: loads exports, gcloud output, IAM policies
/// and evidence manifests and prints the asset graph. (Terraform inputs join once the
/// Terraform loader is wired into the command line.)
struct GraphCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "graph", abstract: "Print the asset graph of exports, gcloud output and IAM policies.")

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case json, dot, mermaid
    }

    @Argument(help: "Input files: CAI exports, gcloud describe output, IAM policies, tollgate-evidence.yaml.")
    var paths: [String]

    @Option(help: "Output format: json, dot or mermaid.")
    var format: Format = .json

    @Option(name: .customLong("iam-policy"), help: "Bind an IAM policy file to its resource: RESOURCE=FILE, e.g. projects/p=policy.json.")
    var iamPolicies: [String] = []

    @Option(help: "Skip records longer than this many bytes.")
    var maxRecordBytes: Int = AssetLoader.Options.defaultMaxRecordBytes

    @Flag(help: "Print only counts and load throughput (to stderr); for benchmarks.")
    var statsOnly = false

    func run() throws {
        var bindings: [IAMPolicyBinding] = []
        for arg in iamPolicies {
            switch IAMPolicyBinding.parse(arg) {
            case .success(let b): bindings.append(b)
            case .failure(let e): throw ValidationError(e.message)
            }
        }
        let start = Date()
        var result = AssetLoader.load(
            paths: paths + bindings.map(\.path).filter { !paths.contains($0) },
            options: .init(maxRecordBytes: maxRecordBytes, iamPolicyBindings: bindings))
        let graph = AssetGraph(assets: result.takeAssets())
        let seconds = Date().timeIntervalSince(start)
        for d in result.diagnostics { FileHandle.standardError.write(Data((d.description + "\n").utf8)) }
        if statsOnly {
            let bytes = paths.reduce(0) { $0 + ((try? FileManager.default.attributesOfItem(atPath: $1)[.size] as? Int) ?? 0) }
            let mbps = Double(bytes) / 1_000_000 / max(seconds, 1e-9)
            FileHandle.standardError.write(Data("assets=\(graph.assets.count) edges=\(graph.edges.count) bytes=\(bytes) seconds=\(String(format: "%.3f", seconds)) MB/s=\(String(format: "%.1f", mbps))\n".utf8))
        } else {
            print(GraphRenderer.render(graph, format: format), terminator: "")
        }
        // Exit while the graph is still alive: tearing down a large graph (hundreds of
        // thousands of dictionaries) took a fifth of a large export's load time and the process
        // ends anyway. exit(3) flushes stdio, so the printed graph is complete.
        let status: Int32 = result.diagnostics.hasErrors ? 2 : 0
        withExtendedLifetime((result, graph)) {
            fflush(nil)  // all output streams
            Glibc.exit(status)
        }
    }
}

enum GraphRenderer {
    static func render(_ g: AssetGraph, format: GraphCommand.Format) -> String {
        switch format {
        case .json: return json(g)
        case .dot: return dot(g)
        case .mermaid: return mermaid(g)
        }
    }

    static func json(_ g: AssetGraph) -> String {
        let assets: [Value] = g.assets.map { a in
            var m: [String: Value] = [
                "name": .string(a.name), "assetType": .string(a.assetType),
                "ancestors": .tuple(a.ancestors.map { .string($0) }),
            ]
            if let r = a.resource { m["resource"] = .object(["data": r.data.deepUnmarked, "parent": .string(r.parent)]) }
            if let p = a.iamPolicy { m["iamPolicy"] = p.value }
            return .object(m)
        }
        let edges: [Value] = g.edges.map {
            .object(["from": .string($0.from), "to": .string($0.to), "kind": .string($0.kind.rawValue), "label": .string($0.label)])
        }
        return Value.object(["assets": .tuple(assets), "edges": .tuple(edges)]).jsonString + "\n"
    }

    static func quoted(_ s: String) -> String {
        "\"" + s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }

    static func dot(_ g: AssetGraph) -> String {
        var out = "digraph assets {\n  rankdir=LR;\n"
        for a in g.assets { out += "  \(quoted(a.name)) [label=\(quoted(a.assetType + "\n" + a.name))];\n" }
        for e in g.edges { out += "  \(quoted(e.from)) -> \(quoted(e.to)) [label=\(quoted(e.kind.rawValue + ": " + e.label))];\n" }
        return out + "}\n"
    }

    static func mermaid(_ g: AssetGraph) -> String {
        var ids: [String: String] = [:]
        func id(_ name: String) -> String {
            if let i = ids[name] { return i }
            let i = "n\(ids.count)"
            ids[name] = i
            return i
        }
        func label(_ s: String) -> String { s.replacingOccurrences(of: "\"", with: "#quot;") }
        var out = "graph LR\n"
        for a in g.assets { out += "  \(id(a.name))[\"\(label(a.name))\"]\n" }
        for e in g.edges {
            let from = ids[e.from] == nil ? "\(id(e.from))[\"\(label(e.from))\"]" : id(e.from)
            let to = ids[e.to] == nil ? "\(id(e.to))[\"\(label(e.to))\"]" : id(e.to)
            out += "  \(from) -->|\"\(label(e.kind.rawValue + ": " + e.label))\"| \(to)\n"
        }
        return out
    }
}
