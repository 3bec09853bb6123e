import Foundation
import Testing

/// `reports/` holds the reports of scanning examples/interviewlm, made by
/// `scripts/generate-reports.sh`. This test regenerates them with the built binary and fails
/// when any file differs: the checked-in reports must always be what the code produces.
@Suite struct ReportsFreshnessTests {
    static let root = TollgateProcess.repositoryRoot
    /// Same depth below the root as `reports/`, so relative links in the Markdown match.
    static let scratch = root.appendingPathComponent(".build-reportcheck")

    static let scans: [(String, [String])] = [
        ("dev", ["examples/interviewlm/environments/dev"]),
        ("staging", ["examples/interviewlm/environments/staging"]),
        ("prod", ["examples/interviewlm/environments/prod"]),
        ("live", ["examples/interviewlm/live"]),
    ]

    @Test(arguments: scans.map(\.0))
    func reportsAreFresh(name: String) throws {
        let paths = Self.scans.first { $0.0 == name }!.1
        let out = Self.scratch.appendingPathComponent(UUID().uuidString.prefix(8) + "-" + name)
        defer { try? FileManager.default.removeItem(at: out) }
        // The scratch folder sits one level below the root, like reports/<name>.
        let r = try TollgateProcess.run(["scan"] + paths + ["--profile", "interviewlm", "--format", "sarif,markdown,json,junit",
                                                          "--output", ".build-reportcheck/\(out.lastPathComponent)", "--quiet"],
                                        environment: ["SOURCE_DATE_EPOCH": "1795651200"])
        #expect(r.status < 2, "\(r.stderr)")
        for file in ["tollgate.sarif", "tollgate.md", "tollgate.json", "tollgate.junit.xml"] {
            let fresh = try Data(contentsOf: out.appendingPathComponent(file))
            let checkedIn = try? Data(contentsOf: Self.root.appendingPathComponent("reports/\(name)/\(file)"))
            #expect(fresh == checkedIn, "reports/\(name)/\(file) is stale: run scripts/generate-reports.sh")
        }
    }
}
