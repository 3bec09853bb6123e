import Foundation
import Policy
import Report
import Testing

/// `project = var.project_id` with no value: the project is known only after apply. Every
/// resource of the root shares one placeholder project, and project-level policies there are
/// undetermined — not failures on a project nobody can name.
@Test func anUnknownProjectIsOneProjectAndItsPoliciesAreUndetermined() throws {
    let r = try TollgateProcess.run(["scan", "Tests/TollgateCLITests/Fixtures/unknown-project", "--format", "json"])
    let result = try JSONReporter.decode(Array(r.stdout.utf8))
    #expect(r.status == 0)
    #expect(result.findings.map { "\($0.policyID) \($0.assetName)" }.sorted() == [
        "TG-GCS-007 //storage.googleapis.com/acme-a",
        "TG-GCS-007 //storage.googleapis.com/acme-b",
    ])
    let projects = Set(result.undetermined.map(\.assetName))
    #expect(projects.count == 1)
    #expect(projects.first?.hasPrefix("//cloudresourcemanager.googleapis.com/projects/placeholder-") == true)
    #expect(result.undetermined.map(\.policyID).sorted() == ["TG-LOG-001", "TG-LOG-003", "TG-MON-001"])
    #expect(result.undetermined.allSatisfy { $0.unknowns == ["asset.project (known only after apply)"] })
    // The missing variable is a notice, not a coverage gap: the scan saw everything there is.
    #expect(result.coverage.isEmpty)
    #expect(result.notices.map(\.summary) == ["No value for required variable"])
}
