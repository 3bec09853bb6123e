import Foundation
import HCL
import Policy
import Testing
@testable import Report

@Suite struct SARIFReporterTests {
    /// `../shared/tools/validate-sarif.py`: the OASIS schema plus GitHub's requirements.
    static let validator = Repo.shared.appendingPathComponent("tools/validate-sarif.py")

    static func validate(_ result: ScanResult, reporter: SARIFReporter = SARIFReporter(), name: String) throws {
        guard FileManager.default.fileExists(atPath: validator.path) else {
            print("skipped: \(validator.path) is missing (../shared is not beside the repository)")
            return
        }
        guard PythonJSONSchema.available else {
            print("skipped: python3 with the jsonschema package is not installed")
            return
        }
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tollgate-sarif-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("\(name).sarif")
        try Data(reporter.render(result)).write(to: file)
        let (status, output) = try PythonJSONSchema.run([validator.path, file.path])
        #expect(status == 0, "\(output)")
        #expect(output.contains("valid SARIF 2.1.0, GitHub-ready"), "\(output)")
    }

    @Test func richResultIsValidAndGitHubReady() throws {
        try Self.validate(ScanResultFixtures.rich, name: "rich")
    }

    @Test func emptyResultIsValid() throws {
        try Self.validate(ScanResultFixtures.clean, name: "clean")
    }

    @Test func truncatedRunIsValid() throws {
        try Self.validate(ScanResultFixtures.many(40), reporter: SARIFReporter(maxResults: 25), name: "truncated")
    }

    /// Hostile input: duplicate policies, a finding of an unknown policy, repeated
    /// fingerprints, zero and inverted positions, an absolute path.
    static var awkward: ScanResult {
        var r = ScanResultFixtures.gated
        r.policies.append(r.policies[0])
        var f = r.findings[0]
        f.location = Location(path: "./infra/x.tf", startLine: 5, startColumn: 9, endLine: 5, endColumn: 2)
        r.findings.append(f)
        var g = r.findings[1]
        g.policyID = "TG-UNKNOWN-9"
        g.location = Location(path: "infra/y.tf", startLine: -1, startColumn: -1, endLine: -1, endColumn: -1)
        r.findings.append(g)
        var h = r.findings[2]
        h.location = Location(path: "infra/z.tf", startLine: 4, startColumn: 0, endLine: 2, endColumn: 7)
        r.findings.append(h)
        r.notices.append(.warning("outside", at: SourceRange(filename: "/etc/tollgate/extra.tf", start: .init(line: 2, column: 1, offset: 0), end: .init(line: 2, column: 4, offset: 3))))
        return r
    }

    @Test func awkwardResultIsValid() throws {
        try Self.validate(Self.awkward, name: "awkward")
    }

    @Test func rulesAreUniqueAndResultsPointAtThem() throws {
        let log = SARIFReporter().log(for: Self.awkward.normalized())
        let run = log.runs[0]
        let ids = run.tool.driver.rules.map(\.id)
        #expect(ids == ["ACME-001", "TG-GCS-001", "TG-IAM-001", "TG-KMS-001", "TG-LOG-001", "TG-SQL-001", "TG-SQL-002", "TG-SQL-003", "TG-UNKNOWN-9"])
        for r in run.results {
            #expect(ids[r.ruleIndex] == r.ruleId)
        }
        let orphan = run.tool.driver.rules.last!
        #expect(orphan.shortDescription.text == "TG-UNKNOWN-9")
        #expect(orphan.properties?.precision == "high")
    }

    @Test func repeatedFingerprintsAreNumbered() throws {
        let run = SARIFReporter().log(for: Self.awkward.normalized()).runs[0]
        let fps = run.results.filter { $0.ruleId == "TG-SQL-001" }.map { $0.partialFingerprints[SARIFReporter.fingerprintKey]! }
        #expect(fps.sorted() == ["3c3c3c3c3c3c3c3c", "9f1c2a7e5b3d4c60", "9f1c2a7e5b3d4c60:2"])
    }

    @Test(arguments: [
        (Severity.critical, "9.5", "error"), (.high, "8.0", "error"), (.medium, "5.5", "warning"),
        (.low, "3.0", "note"), (.info, "0.0", "note"),
    ])
    func severityMapsToGitHubBands(_ severity: Severity, _ score: String, _ level: String) {
        #expect(SARIFReporter.securitySeverity(severity) == score)
        #expect(SARIFReporter.level(severity) == level)
    }

    @Test(arguments: [
        (Location(path: "a.tf", startLine: 3, startColumn: 5, endLine: 4, endColumn: 2), SARIFLog.Region(startLine: 3, startColumn: 5, endLine: 4, endColumn: 2)),
        // Same line, end before start: the end is pulled up to the start.
        (Location(path: "a.tf", startLine: 5, startColumn: 9, endLine: 5, endColumn: 2), SARIFLog.Region(startLine: 5, startColumn: 9, endLine: 5, endColumn: 9)),
        // Unknown line: a file-level region on line 1, never 0 or -1.
        (Location(path: "a.tf", startLine: 0, startColumn: 0, endLine: 0, endColumn: 0), SARIFLog.Region(startLine: 1)),
        (Location(path: "a.tf", startLine: -1, startColumn: -1, endLine: -1, endColumn: -1), SARIFLog.Region(startLine: 1)),
        // Unknown columns: whole lines; an end line before the start becomes the start line.
        (Location(path: "a.tf", startLine: 4, startColumn: 0, endLine: 2, endColumn: 7), SARIFLog.Region(startLine: 4, endLine: 4)),
    ])
    func regionsNeverGoBelowOne(_ loc: Location, _ expected: SARIFLog.Region) {
        #expect(SARIFReporter.region(loc) == expected)
    }

    @Test func resultsCarryLocationsSuppressionsAndBaselineState() throws {
        let run = SARIFReporter().log(for: ScanResultFixtures.rich.normalized()).runs[0]
        #expect(run.columnKind == "unicodeCodePoints")
        #expect(run.automationDetails.id == "tollgate/prod/")
        #expect(run.results.count == 9)

        let inline = try #require(run.results.first { $0.suppressions?.first?.kind == "inSource" })
        #expect(inline.ruleId == "TG-SQL-001")
        #expect(inline.suppressions?.first?.justification == "Dev database is reached from the office VPN until the connector lands")
        #expect(inline.suppressions?.first?.properties == .init(owner: "platform@interviewlm.dev", expires: "2027-03-31", source: "inline"))
        #expect(inline.suppressions?.first?.location?.physicalLocation?.region == .init(startLine: 19, startColumn: 3, endLine: 19, endColumn: 90))

        let baselined = try #require(run.results.first { $0.ruleId == "TG-SQL-003" })
        #expect(baselined.baselineState == "unchanged")
        #expect(baselined.suppressions?.first?.kind == "external")
        #expect(baselined.suppressions?.first?.properties?.source == "baseline")

        let spaced = try #require(run.results.first { $0.ruleId == "TG-SQL-002" })
        #expect(spaced.locations[0].physicalLocation?.artifactLocation == .init(uri: "infra/dir%20with%20space/sql%20%28v2%29.tf", uriBaseId: "%SRCROOT%"))
        #expect(spaced.baselineState == "new")
        #expect(spaced.locations[0].logicalLocations == [
            .init(name: "main[\"primary\"]", fullyQualifiedName: "module.db.google_sql_database_instance.main[\"primary\"]", kind: "resource"),
            .init(name: "interviewlm-db", fullyQualifiedName: "//cloudsql.googleapis.com/projects/interviewlm-prod/instances/interviewlm-db", kind: "object"),
        ])
        #expect(spaced.message.text == "Cloud SQL instance interviewlm-db allows unencrypted connections (ssl_mode = \"ALLOW_UNENCRYPTED_AND_ENCRYPTED\"). Evidence: settings.ipConfiguration.sslMode is ALLOW_UNENCRYPTED_AND_ENCRYPTED, expected ENCRYPTED_ONLY.")

        let invocation = run.invocations[0]
        #expect(invocation.executionSuccessful == false)
        #expect(invocation.exitCode == 2)
        let descriptors = run.tool.driver.notifications.map(\.id)
        #expect(invocation.toolExecutionNotifications.map { descriptors[$0.descriptor.index] } == [
            "coverage/module-not-installed", "coverage/parse-error", "coverage/unsupported-type", "notice", "notice",
            "undetermined", "baseline/resolved",
        ])
    }

    @Test func rulesCarryHelpTagsAndSeverity() throws {
        let rules = SARIFReporter.rules(for: ScanResultFixtures.rich.normalized())
        let iam = try #require(rules.first { $0.id == "TG-IAM-001" })
        #expect(iam.shortDescription.text == "Service accounts hold only their allowlisted roles")
        #expect(iam.fullDescription?.text == "Primitive roles such as roles/editor grant far more than any workload needs.")
        #expect(iam.helpUri == "https://github.com/tollgate-dev/tollgate/blob/main/docs/policies/TG-IAM-001.md")
        #expect(iam.properties == .init(tags: ["security", "least-privilege", "cis-gcp-2.0:1.5", "cis-gcp-2.0:1.6"],
                                        securitySeverity: "8.0", precision: "very-high", family: "least-privilege", severity: "high"))
        #expect(iam.defaultConfiguration?.level == "error")
        #expect(iam.help?.markdown?.contains("#### Remediation\n\n```hcl\nresource \"google_project_iam_member\" \"app\" {") == true)
        let acme = try #require(rules.first { $0.id == "ACME-001" })
        #expect(acme.helpUri == "https://wiki.acme.example/policies/ACME-001")
        #expect(acme.properties?.tags == ["security", "public-access"])
        #expect(acme.properties?.precision == "high")
        let sql = try #require(rules.first { $0.id == "TG-SQL-001" })
        #expect(sql.help?.text.hasSuffix("Compliant example:\nresource \"google_sql_database_instance\" \"db\" {\n  settings {\n    ip_configuration {\n      ipv4_enabled    = false\n      private_network = google_compute_network.vpc.id\n    }\n  }\n}") == true)
    }

    @Test func moreFindingsThanTheLimitKeepOpenOnesAndSaySo() throws {
        // 40 findings, every tenth suppressed (4); a limit of 37 keeps the 36 open and 1 suppressed.
        let result = ScanResultFixtures.many(40).normalized()
        let run = SARIFReporter(maxResults: 37).log(for: result).runs[0]
        #expect(run.results.count == 37)
        #expect(run.results.count { $0.suppressions != nil } == 1)
        let note = try #require(run.invocations[0].toolExecutionNotifications.first)
        #expect(note.level == "warning")
        #expect(note.message.text == "40 findings exceed the limit of 37 results per run; 3 were left out (0 of them open). Open findings are kept first, most severe first. The JSON report lists every finding.")
        #expect(SARIFReporter().log(for: result).runs[0].results.count == 40)
    }

    @Test func gitHubLimitIsTheDefault() {
        #expect(SARIFReporter().maxResults == 25_000)
    }

    @Test(arguments: [("infra/a b/c#d%.tf", "infra/a%20b/c%23d%25.tf"), ("modules/é.tf", "modules/%C3%A9.tf"), ("a-b_c.d~/x", "a-b_c.d~/x")])
    func pathsArePercentEncoded(_ path: String, _ uri: String) {
        #expect(URIPath.encode(path) == uri)
    }

    @Test func absolutePathsBecomeFileURIs() {
        #expect(SARIFReporter.artifactLocation("/etc/x y.tf") == .init(uri: "file:///etc/x%20y.tf"))
        #expect(SARIFReporter.artifactLocation("./infra/a.tf") == .init(uri: "infra/a.tf", uriBaseId: "%SRCROOT%"))
        #expect(SARIFReporter.sourceRootLocation("/repo").uri == "file:///repo/")
        #expect(SARIFReporter.sourceRootLocation(".").uri == nil)
    }

    @Test(arguments: [("0.4.0", true), ("1.2.3-beta.1", true), ("1.2.3+build.5", true), ("1.2", false), ("v1.2.3", false), ("dev", false)])
    func semanticVersionsAreRecognised(_ v: String, _ ok: Bool) {
        #expect(SARIFReporter.isSemanticVersion(v) == ok)
    }
}
