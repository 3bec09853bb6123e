import Foundation
import Policy
import Report
import Testing

/// End-to-end: the InterviewLM reference infrastructure (examples/interviewlm) through the
/// built `tollgate` binary, as users run it.
@Suite struct ReferenceInfrastructureTests {
    static let examples = TollgateProcess.repositoryRoot.appendingPathComponent("examples/interviewlm")

    /// Runs a scan with a JSON report to standard output and decodes it.
    static func scan(_ arguments: [String]) throws -> (TollgateProcess.Output, ScanResult) {
        let r = try TollgateProcess.run(["scan"] + arguments + ["--format", "json"])
        let result = try JSONReporter.decode(Array(r.stdout.utf8))
        return (r, result)
    }

    @Test(arguments: ["dev", "staging", "prod"])
    func everyEnvironmentIsCompliantUnderTheInterviewLMProfile(environment: String) throws {
        let (r, result) = try Self.scan(["examples/interviewlm/environments/\(environment)", "--profile", "interviewlm"])
        let open = result.findings.filter { $0.status == .open }
        #expect(open.map { "\($0.policyID) \($0.address ?? $0.assetName)" } == [])
        #expect(result.coverage.map(\.message) == [])
        #expect(r.status == 0, "\(r.stderr)")
        // The environment comes from the resources' labels / the root module's folder.
        #expect(result.scope.environments == [environment])
        // A real scan: every family ran, and many checks passed.
        #expect(result.tallies.reduce(0) { $0 + $1.passed } > 80)
    }

    /// The (policy id, asset) pairs of the table in live/DRIFT.md.
    static func driftTable() throws -> [String] {
        let text = try String(contentsOf: examples.appendingPathComponent("live/DRIFT.md"), encoding: .utf8)
        var pairs: [String] = []
        for line in text.split(separator: "\n") where line.hasPrefix("| D") {
            let cells = line.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
            // | # | drift | evidence | policy | asset | id |
            guard cells.count >= 6 else { continue }
            let asset = cells[4].trimmingCharacters(in: CharacterSet(charactersIn: "`"))
            pairs.append("\(cells[5]) \(asset)")
        }
        return pairs.sorted()
    }

    @Test func liveEvidenceGivesExactlyTheDriftFindings() throws {
        let expected = try Self.driftTable()
        #expect(expected.count == 7)
        let (r, result) = try Self.scan(["examples/interviewlm/live", "--profile", "interviewlm"])
        let open = result.findings.filter { $0.status == .open }.map { "\($0.policyID) \($0.assetName)" }.sorted()
        #expect(open == expected)
        #expect(result.undetermined.isEmpty)
        #expect(result.coverage.isEmpty)
        #expect(r.status == 1)
    }

    /// The same prod resources read from Terraform and from the export agree on every policy
    /// that is not about drift: for each (policy, asset) evaluated in both, the outcome is the
    /// same unless the asset or policy is one of the drift table's.
    @Test func terraformAndExportAgreeOnEverythingButDrift() throws {
        let (_, tf) = try Self.scan(["examples/interviewlm/environments/prod", "--profile", "interviewlm"])
        let (_, live) = try Self.scan(["examples/interviewlm/live", "--profile", "interviewlm"])
        let drift = Set(try Self.driftTable())
        let tfFailing = Set(tf.findings.map { "\($0.policyID) \($0.assetName)" })
        let liveFailing = Set(live.findings.map { "\($0.policyID) \($0.assetName)" })
        #expect(tfFailing.subtracting(drift).sorted() == liveFailing.subtracting(drift).sorted())
        // And both scanned the same kinds of policy-relevant resources.
        let checkedTypes: Set<String> = ["sqladmin.googleapis.com/Instance", "redis.googleapis.com/Instance",
                                         "storage.googleapis.com/Bucket", "compute.googleapis.com/Subnetwork"]
        let tfTypes = Set(tf.inventory.map(\.assetType)).intersection(checkedTypes)
        let liveTypes = Set(live.inventory.map(\.assetType)).intersection(checkedTypes)
        #expect(tfTypes == checkedTypes)
        #expect(liveTypes == checkedTypes)
    }
}
