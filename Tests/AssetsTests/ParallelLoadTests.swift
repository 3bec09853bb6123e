import Foundation
import HCL
import Testing
@testable import Assets

/// Export lines are converted on every core (`RecordBatch`, `ParallelRanges`) and the graph
/// is built on every core: the assets, diagnostics and edges must not depend on how many.
@Suite struct ParallelLoadTests {
    /// 3,000 lines: buckets with and without IAM policies (RESOURCE and IAM_POLICY lines of
    /// one asset far apart), a duplicate, bad JSON, a record without a name, an oversize line,
    /// a wrong-typed field and blank lines — spread so that every batch and worker gets some.
    static let export: String = {
        var lines: [String] = []
        for i in 0..<3_000 {
            let name = "//storage.googleapis.com/b\(i)"
            switch i % 97 {
            case 5: lines.append(#"{"name":"\#(name)","asset_type":"storage.googleapis.com/Bucket","resource":{"data":{"#)  // truncated
            case 11: lines.append(#"{"asset_type":"storage.googleapis.com/Bucket"}"#)
            case 17: lines.append(#"{"name":"\#(name)","asset_type":"storage.googleapis.com/Bucket","resource":{"data":{"x":""# + String(repeating: "z", count: 3_000) + #""}}}"#)
            case 23: lines.append("")
            case 29: lines.append(#"{"name":"//cloudsql.googleapis.com/projects/p/instances/db\#(i)","asset_type":"sqladmin.googleapis.com/Instance","resource":{"data":{"settings":{"ipConfiguration":{"ipv4Enabled":"yes"}}}}}"#)
            default:
                lines.append(#"{"name":"\#(name)","asset_type":"storage.googleapis.com/Bucket","ancestors":["projects/\#(i % 7)"],"resource":{"parent":"//cloudresourcemanager.googleapis.com/projects/\#(i % 7)","data":{"name":"b\#(i)","labels":{"env":"e\#(i % 3)"},"iamConfiguration":{"uniformBucketLevelAccess":{"enabled":\#(i % 2 == 0)}}}}}"#)
            }
            if i % 10 == 3 {
                lines.append(#"{"name":"//storage.googleapis.com/b\#(i / 2)","asset_type":"storage.googleapis.com/Bucket","iam_policy":{"bindings":[{"role":"roles/storage.objectViewer","members":["user:u\#(i)@example.com","serviceAccount:sa\#(i % 5)@p.iam.gserviceaccount.com"]}]}}"#)
            }
        }
        lines.append(lines[40])  // a duplicate resource
        return lines.joined(separator: "\n") + "\n"
    }()

    static func load(threads: Int, chunkBytes: Int) -> AssetLoader.Result {
        AssetLoader.load(bytes: Array(export.utf8), filename: "big.ndjson",
                         options: .init(maxRecordBytes: 2_000, chunkBytes: chunkBytes, threads: threads))
    }

    @Test(arguments: [(2, 4 << 20), (4, 4 << 20), (3, 10_000), (8, 1_000)])
    func resultDoesNotDependOnThreads(threads: Int, chunkBytes: Int) {
        let one = Self.load(threads: 1, chunkBytes: 4 << 20)
        let many = Self.load(threads: threads, chunkBytes: chunkBytes)
        // 3,000 lines less 93 bad ones and 31 blank, plus 16 IAM-only assets (the policy of a
        // bucket whose line was bad or blank).
        #expect(one.assets.count == 2_892)
        #expect(one.diagnostics.filter { $0.severity == .error }.count == 93)
        #expect(many.assets == one.assets)
        #expect(many.diagnostics.map(\.description) == one.diagnostics.map(\.description))
    }

    @Test func fromAFileReadInSmallChunks() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tollgate-parallel-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("big.ndjson")
        try Self.export.write(to: file, atomically: true, encoding: .utf8)
        let one = AssetLoader.load(paths: [file.path], options: .init(maxRecordBytes: 2_000, threads: 1))
        // 7,001-byte reads: most lines are referenced in the read buffer, the ones cut by a
        // read boundary are copied.
        let streamed = AssetLoader.load(paths: [file.path], options: .init(maxRecordBytes: 2_000, chunkBytes: 7_001, threads: 4))
        #expect(streamed.assets.map(\.name) == one.assets.map(\.name))
        #expect(streamed.assets.map(\.data) == one.assets.map(\.data))
        #expect(streamed.assets.map(\.iamPolicy) == one.assets.map(\.iamPolicy))
        #expect(streamed.diagnostics.map(\.description) == one.diagnostics.map(\.description))
        #expect(streamed.assets.count == 2_892)
    }

    @Test func graphDoesNotDependOnThreads() {
        var r = Self.load(threads: 1, chunkBytes: 4 << 20)
        let assets = r.takeAssets()
        let graph = AssetGraph(assets: assets)
        // The graph sorts on every core above 8,192 assets: a large reversed list.
        let many = (0..<20_000).reversed().map { i in
            Asset(name: "//storage.googleapis.com/n\(i % 10_000)", assetType: i < 10_000 ? "storage.googleapis.com/Bucket" : "t/Other",
                  provenance: .file(FileProvenance(path: "f", line: i, format: .caiExport)))
        }
        let big = AssetGraph(assets: many)
        #expect(big.assets.count == 20_000)
        #expect(zip(big.assets, big.assets.dropFirst()).allSatisfy { ($0.name, $0.assetType) < ($1.name, $1.assetType) })
        #expect(graph.assets.map(\.name) == assets.map(\.name).sorted())
        #expect(graph.edges.count > 0)
    }
}
