import Foundation
import Policy
import Report
import Testing
@testable import tollgate

/// `MergeCommand.merge`: how shard results combine, field by field.
@Suite struct MergeCommandTests {
    static func finding(_ policy: String, _ asset: String) -> Finding {
        Finding(policyID: policy, severity: .high, family: .publicAccess, message: "m", assetName: asset,
                assetType: "storage.googleapis.com/Bucket", fingerprint: "\(policy)|\(asset)")
    }

    static func shard(_ project: String, startedAt: String, findings: [Finding], resolved: [Finding] = [],
                      tallies: [PolicyTally], inventory: [InventoryEntry], coverage: [CoverageGap] = [],
                      env: String = "prod") -> ScanResult {
        let scope = Scope(inputs: [Scope.Input(path: "https://cai/v1/projects/\(project)/assets", sha256: "", kind: "live")],
                          profile: "gcp-baseline", environments: [env], startedAt: startedAt, automationID: "tollgate-live/prod/")
        let policy = PolicyMetadata(id: "TG-GCS-001", title: "t", family: .publicAccess, severity: .high,
                                    resourceTypes: ["storage.googleapis.com/Bucket"], controls: [:], rationale: "r",
                                    remediation: "x", origin: "built-in")
        let nodes = findings.map { GraphSummary.Node(name: $0.assetName, assetType: $0.assetType, label: $0.assetName, failing: true) }
            + [GraphSummary.Node(name: "//shared/folder", assetType: "Folder", label: "folder", failing: project == "b")]
        return ScanResult(tool: ToolInfo(version: "0.1.0", policyPackVersion: "1"), scope: scope, policies: [policy],
                          findings: findings, tallies: tallies, coverage: coverage, inventory: inventory,
                          graph: GraphSummary(nodes: nodes, edges: [GraphSummary.Edge(from: "//shared/folder", to: "//org", kind: "ancestry")]),
                          resolved: resolved, failOn: .high)
    }

    @Test func shardsCombine() {
        let gone = Self.finding("TG-GCS-001", "//gone"), stillThere = Self.finding("TG-GCS-001", "//b1")
        let a = Self.shard("a", startedAt: "2026-11-26T01:00:05Z", findings: [Self.finding("TG-GCS-001", "//a1")],
                           resolved: [gone, stillThere],
                           tallies: [PolicyTally(policyID: "TG-GCS-001", passed: 2, failed: 1),
                                     PolicyTally(policyID: "TG-SQL-001", notApplicable: true)],
                           inventory: [InventoryEntry(assetType: "storage.googleapis.com/Bucket", environment: "prod", count: 3)])
        let b = Self.shard("b", startedAt: "2026-11-26T01:00:00Z", findings: [stillThere],
                           resolved: [gone],
                           tallies: [PolicyTally(policyID: "TG-GCS-001", passed: 4, failed: 1, undetermined: 1, waived: 2),
                                     PolicyTally(policyID: "TG-SQL-001", passed: 1)],
                           inventory: [InventoryEntry(assetType: "storage.googleapis.com/Bucket", environment: "prod", count: 5),
                                       InventoryEntry(assetType: "sqladmin.googleapis.com/Instance", environment: "dev", count: 1)],
                           coverage: [CoverageGap(kind: .projectNotReached, subject: "projects/c", message: "permission-denied")],
                           env: "dev")
        let m = MergeCommand.merge([a, b])
        #expect(m.findings.map(\.assetName) == ["//a1", "//b1"])
        #expect(m.tallies == [PolicyTally(policyID: "TG-GCS-001", passed: 6, failed: 2, undetermined: 1, waived: 2),
                              PolicyTally(policyID: "TG-SQL-001", passed: 1, notApplicable: false)])
        #expect(m.inventory == [InventoryEntry(assetType: "sqladmin.googleapis.com/Instance", environment: "dev", count: 1),
                                InventoryEntry(assetType: "storage.googleapis.com/Bucket", environment: "prod", count: 8)])
        #expect(m.policies.map(\.id) == ["TG-GCS-001"])
        #expect(m.coverage.map(\.subject) == ["projects/c"])
        #expect(m.exitCode == 2)
        // Resolved only where every shard agrees: //b1 still occurs in shard b.
        #expect(m.resolved.map(\.assetName) == ["//gone"])
        #expect(m.scope.startedAt == "2026-11-26T01:00:00Z")
        #expect(m.scope.environments == ["dev", "prod"])
        #expect(m.scope.inputs.map(\.path) == ["https://cai/v1/projects/a/assets", "https://cai/v1/projects/b/assets"])
        #expect(m.scope.automationID == "tollgate-live/prod/")
        #expect(m.scope.profile == "gcp-baseline")
        // The graph: nodes by name, failing anywhere means failing; edges once.
        #expect(m.graph.nodes.map { "\($0.name) \($0.failing)" } == ["//a1 true", "//shared/folder true", "//b1 true"])
        #expect(m.graph.edges.count == 1)
    }

    @Test func identicalReportsMergeToThemselves() {
        let a = Self.shard("a", startedAt: "2026-11-26T01:00:00Z", findings: [Self.finding("TG-GCS-001", "//a1")],
                           tallies: [PolicyTally(policyID: "TG-GCS-001", passed: 2, failed: 1)],
                           inventory: [InventoryEntry(assetType: "storage.googleapis.com/Bucket", environment: "prod", count: 3)])
        #expect(MergeCommand.merge([a]).normalized() == a.normalized())
    }

    @Test func mergeRejectsAnUnreadableReport() throws {
        let r = try TollgateProcess.run(["merge", "no/such/report.json"])
        #expect(r.status == 2)
        #expect(r.stderr.hasPrefix("error: cannot read no/such/report.json"), "\(r.stderr)")
    }
}
