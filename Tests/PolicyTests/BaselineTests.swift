import Foundation
import HCL
import Testing
@testable import Policy

@Suite struct BaselineTests {
    func finding(_ policy: String, address: String, line: Int, file: String = "main.tf", detail: String? = nil) -> Finding {
        Finding(policyID: policy, severity: .high, family: .privateIP, message: "m", assetName: "//x/\(address)", assetType: "t",
                address: address, source: "envs/prod", location: Location(path: file, startLine: line, startColumn: 3, endLine: line, endColumn: 9),
                fingerprint: Fingerprint.make(policyID: policy, rootModule: "envs/prod", address: address, assetName: "//x/\(address)", detail: detail))
    }

    @Test func fingerprintIgnoresLinesAndFilesButNotAddressesOrGrants() {
        let a = finding("TG-SQL-001", address: "google_sql_database_instance.db", line: 10)
        let moved = finding("TG-SQL-001", address: "google_sql_database_instance.db", line: 42, file: "renamed.tf")
        #expect(a.fingerprint == moved.fingerprint)
        #expect(a.fingerprint.count == 32)
        let other = finding("TG-SQL-001", address: "google_sql_database_instance.db2", line: 10)
        #expect(a.fingerprint != other.fingerprint)
        let keyed = finding("TG-SQL-001", address: "google_sql_database_instance.db[\"b\"]", line: 10)
        #expect(keyed.fingerprint != finding("TG-SQL-001", address: "google_sql_database_instance.db[\"a\"]", line: 10).fingerprint)
        let g1 = Fingerprint.make(policyID: "TG-IAM-001", rootModule: "r", address: "google_project_iam_member.a", assetName: "p", detail: "roles/owner user:a")
        let g2 = Fingerprint.make(policyID: "TG-IAM-001", rootModule: "r", address: "google_project_iam_member.a", assetName: "p", detail: "roles/owner user:b")
        #expect(g1 != g2)
        // Live and export findings: policy + asset name.
        #expect(Fingerprint.make(policyID: "P", rootModule: nil, address: nil, assetName: "//a") == Fingerprint.make(policyID: "P", rootModule: "x", address: "", assetName: "//a"))
        // Pinned value: the digest must not change between releases (baselines are files).
        #expect(Fingerprint.digest("v1") == "08cf0b07b570912835f735b00eeca8b7")
    }

    @Test func newUnchangedAndFixed() throws {
        let old = [finding("TG-SQL-001", address: "google_sql_database_instance.db", line: 10),
                   finding("TG-GCS-001", address: "google_storage_bucket.b", line: 3)]
        let baseline = Baseline(createdAt: "2026-11-26T00:00:00Z", findings: old)
        let roundTrip = try Baseline.decode(baseline.encoded())
        #expect(roundTrip == baseline)
        var now = [finding("TG-SQL-001", address: "google_sql_database_instance.db", line: 12, file: "db.tf"),
                   finding("TG-RUN-003", address: "google_cloud_run_v2_service.app", line: 5)]
        let fixed = roundTrip.apply(to: &now)
        #expect(now.map(\.baselineState) == [.unchanged, .new])
        #expect(now.map(\.status) == [.baselined, .open])
        #expect(fixed.map(\.policyID) == ["TG-GCS-001"])
        #expect(fixed.map(\.baselineState) == [.absent])
    }
}
