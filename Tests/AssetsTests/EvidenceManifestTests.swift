import Foundation
import HCL
import Testing
@testable import Assets

@Suite struct EvidenceManifestTests {
    static let dir = TestPaths.fixtures.appendingPathComponent("evidence")

    @Test func manifestLoadsBindsAndChecks() {
        let manifest = Self.dir.appendingPathComponent("tollgate-evidence.yaml").path
        let r = AssetLoader.load(paths: [manifest])
        // The manifest promises 3 export records; the file has 2.
        #expect(r.diagnostics.map(\.summary) == ["\(Self.dir.path)/export.ndjson has 2 records; the evidence manifest says 3"])
        #expect(r.formats[manifest] == .evidenceManifest)
        #expect(r.formats[Self.dir.path + "/policy.yaml"] == .iamPolicy)
        #expect(r.formats[Self.dir.path + "/bucket.yaml"] == .gcloudStorageBucket)
        let g = AssetGraph(assets: r.assets)
        let project = g.asset(named: "//cloudresourcemanager.googleapis.com/projects/482915730164")
        #expect(project?.resource != nil)
        #expect(project?.iamPolicy?.bindings.map(\.role) == ["roles/cloudsql.client", "roles/owner"])
        #expect(project?.iamPolicy?.bindings[1].condition?.title == "break-glass")
        #expect(project?.provenance.file?.merged.map(\.path) == [Self.dir.path + "/policy.yaml"])
        let bucket = g.asset(named: "//storage.googleapis.com/interviewlm-prod-sessions")
        #expect(bucket?.ancestors == ["projects/interviewlm-prod"])
        #expect(bucket?.environment == "prod")
        #expect(bucket?.data[path: ["iamConfiguration", "publicAccessPrevention"]] == "enforced")
    }

    @Test func manifestKindMismatchIsReported() throws {
        let tmp = FileManager.default.temporaryDirectory.appendingPathComponent("tollgate-ev-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: tmp, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: tmp) }
        try FileManager.default.copyItem(at: Self.dir.appendingPathComponent("bucket.yaml"), to: tmp.appendingPathComponent("bucket.yaml"))
        try """
            apiVersion: tollgate.dev/v1
            kind: EvidenceManifest
            files:
              - path: bucket.yaml
                kind: sql-instance
                collected: '2026-05-04T02:00:00Z'
            """.write(to: tmp.appendingPathComponent("tollgate-evidence.yaml"), atomically: true, encoding: .utf8)
        let r = AssetLoader.load(paths: [tmp.appendingPathComponent("tollgate-evidence.yaml").path])
        #expect(r.diagnostics.map(\.summary) == ["bucket.yaml is listed as gcloud-sql-instance but its content is gcloud-storage-bucket"])
        #expect(r.assets.map(\.name) == ["//storage.googleapis.com/interviewlm-prod-sessions"])
    }

    @Test func missingFileIsAnError() {
        let r = AssetLoader.load(paths: ["/nonexistent/tollgate/x.json"])
        #expect(r.diagnostics.map(\.summary) == ["Cannot read /nonexistent/tollgate/x.json"])
        #expect(r.diagnostics.hasErrors)
    }
}
