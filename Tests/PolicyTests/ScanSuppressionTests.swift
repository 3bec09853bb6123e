import Foundation
import HCL
import Testing
@testable import Policy

/// Every suppression rule and the baseline, through the full Terraform → policy pipeline.
@Suite struct ScanSuppressionTests {
    static func bucket(_ name: String, comment: String = "") -> String {
        """
        resource "google_storage_bucket" "\(name)" {
          \(comment)
          project                     = "p"
          name                        = "p-\(name)"
          location                    = "US"
          uniform_bucket_level_access = true
        }

        """
    }

    @Test func inlineSuppressionWithReason() throws {
        let s = try Scratch()
        defer { s.remove() }
        try s.write("stack/main.tf", Self.bucket("a", comment: #"# tollgate:ignore TG-GCS-002 TG-GCS-004 reason="public website bucket, reviewed" expires=2027-03-31"#))
        let out = s.scan("stack", only: ["TG-GCS-002", "TG-GCS-004"]).0
        #expect(out.findings.map(\.status) == [.suppressed, .suppressed])
        let sup = try #require(out.findings.first?.suppression)
        #expect(sup.kind == .inline)
        #expect(sup.reason == "public website bucket, reviewed")
        #expect(sup.expires == "2027-03-31")
        #expect(sup.location?.startLine == 2)
        #expect(out.tallies.map(\.waived) == [1, 1])
        #expect(out.notices == [])
        // --no-inline-suppressions: only the config file may waive.
        let governed = s.scan("stack", only: ["TG-GCS-002", "TG-GCS-004"], inline: false).0
        #expect(governed.findings.map(\.status) == [.open, .open])
        #expect(governed.notices == [])
    }

    @Test func missingReasonIsAnErrorAndWaivesNothing() throws {
        let s = try Scratch()
        defer { s.remove() }
        try s.write("stack/main.tf", Self.bucket("a", comment: "# tollgate:ignore TG-GCS-002"))
        let out = s.scan("stack", only: ["TG-GCS-002"]).0
        #expect(out.findings.map(\.status) == [.open])
        #expect(out.coverage.map(\.message) == [#"tollgate:ignore TG-GCS-002 has no reason: a suppression needs reason="…""#])
        #expect(out.coverage.first?.location?.startLine == 2)
    }

    @Test func expiredSuppressionReopensWithAWarning() throws {
        let s = try Scratch()
        defer { s.remove() }
        try s.write("stack/main.tf", Self.bucket("a", comment: #"# tollgate:ignore TG-GCS-002 reason="temporary" expires=2026-01-31"#))
        let out = s.scan("stack", only: ["TG-GCS-002"], today: "2026-11-26").0
        #expect(out.findings.map(\.status) == [.open])
        #expect(out.findings.first?.suppression == nil)
        #expect(out.notices.map(\.description) == [
            "stack/main.tf:2:3: warning: suppression of TG-GCS-002 for google_storage_bucket.a expired on 2026-01-31; the finding is open again",
        ])
        // On the expiry day itself it still applies.
        #expect(s.scan("stack", only: ["TG-GCS-002"], today: "2026-01-31").0.findings.map(\.status) == [.suppressed])
    }

    @Test func unusedAndUnknownPolicySuppressions() throws {
        let s = try Scratch()
        defer { s.remove() }
        try s.write("stack/main.tf", Self.bucket("a", comment: #"# tollgate:ignore TG-SQL-001 reason="not a database""#))
        let config = """
        suppressions:
          - policy: TG-GCS-002
            resource: google_storage_bucket.*
            reason: buckets inherit the org policy
            owner: platform
          - policy: TG-GCS-004
            asset: //storage.googleapis.com/other-*
            reason: nothing matches this
          - policy: TG-NOPE-001
            resource: "*"
            reason: typo
        """
        let out = s.scan("stack", only: ["TG-GCS-002", "TG-GCS-004"], config: config).0
        let byPolicy = Dictionary(uniqueKeysWithValues: out.findings.map { ($0.policyID, $0) })
        #expect(byPolicy["TG-GCS-002"]?.status == .suppressed)
        #expect(byPolicy["TG-GCS-002"]?.suppression == Suppression(kind: .config, reason: "buckets inherit the org policy", owner: "platform",
                                                                    location: Location(path: ".tollgate.yaml", startLine: 2, startColumn: 5, endLine: 2, endColumn: 5)))
        #expect(byPolicy["TG-GCS-004"]?.status == .open)
        #expect(out.coverage.map(\.message) == ["suppression names policy 'TG-NOPE-001', which does not exist"])
        #expect(out.coverage.first?.location?.startLine == 9)
        #expect(out.notices.filter { $0.severity == .warning }.map(\.description) == [
            ".tollgate.yaml:6:5: warning: unused suppression: TG-GCS-004 matched no finding for //storage.googleapis.com/other-*",
            "stack/main.tf:2:3: warning: unused suppression: TG-SQL-001 matched no finding for this resource",
        ])
    }

    @Test func baselineNewUnchangedFixedAndStableFingerprints() throws {
        let s = try Scratch()
        defer { s.remove() }
        try s.write("stack/main.tf", Self.bucket("a") + Self.bucket("b"))
        let first = s.scan("stack", only: ["TG-GCS-002"]).0
        #expect(first.findings.count == 2)
        let baseline = Baseline(createdAt: "2026-11-26T00:00:00Z", findings: first.findings)

        // Lines moved, file renamed, bucket b fixed, bucket c added.
        try FileManager.default.removeItem(at: s.root.appendingPathComponent("stack/main.tf"))
        try s.write("stack/storage.tf", "\n\n\n" + Self.bucket("c") + Self.bucket("a")
            + Self.bucket("b").replacingOccurrences(of: "uniform_bucket_level_access = true", with: "uniform_bucket_level_access = true\n  public_access_prevention = \"enforced\""))
        let second = s.scan("stack", only: ["TG-GCS-002"], baseline: baseline).0
        let byAddress = Dictionary(uniqueKeysWithValues: second.findings.map { ($0.address ?? "", $0) })
        #expect(byAddress["google_storage_bucket.a"]?.baselineState == .unchanged)
        #expect(byAddress["google_storage_bucket.a"]?.status == .baselined)
        #expect(byAddress["google_storage_bucket.a"]?.fingerprint == first.findings.first { $0.address == "google_storage_bucket.a" }?.fingerprint)
        #expect(byAddress["google_storage_bucket.a"]?.location?.path == "stack/storage.tf")
        #expect(byAddress["google_storage_bucket.c"]?.baselineState == .new)
        #expect(byAddress["google_storage_bucket.c"]?.status == .open)
        #expect(second.resolved.map(\.address) == ["google_storage_bucket.b"])
        #expect(second.tallies.first?.waived == 1)
    }
}
