import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Policy
import Testing
@testable import Report

@Suite struct JUnitReporterTests {
    static func document(_ result: ScanResult) throws -> XMLDocument {
        try XMLDocument(data: Data(JUnitReporter().render(result)), options: [])
    }

    static func int(_ e: XMLElement, _ name: String) -> Int? {
        e.attribute(forName: name)?.stringValue.flatMap { Int($0) }
    }

    /// The XML parses, and every count attribute equals the elements it counts.
    @Test(arguments: ["rich", "clean", "many"])
    func countsMatchTheTestCases(_ fixture: String) throws {
        let result = switch fixture {
        case "rich": ScanResultFixtures.rich
        case "clean": ScanResultFixtures.clean
        default: ScanResultFixtures.many(500)
        }
        let doc = try Self.document(result)
        let root = try #require(doc.rootElement())
        #expect(root.name == "testsuites")
        var total = (tests: 0, failures: 0, errors: 0, skipped: 0)
        for suite in root.elements(forName: "testsuite") {
            let cases = suite.elements(forName: "testcase")
            let failures = cases.filter { !$0.elements(forName: "failure").isEmpty }.count
            let errors = cases.filter { !$0.elements(forName: "error").isEmpty }.count
            let skipped = cases.filter { !$0.elements(forName: "skipped").isEmpty }.count
            #expect(Self.int(suite, "tests") == cases.count)
            #expect(Self.int(suite, "failures") == failures)
            #expect(Self.int(suite, "errors") == errors)
            #expect(Self.int(suite, "skipped") == skipped)
            total.tests += cases.count; total.failures += failures; total.errors += errors; total.skipped += skipped
        }
        #expect(Self.int(root, "tests") == total.tests)
        #expect(Self.int(root, "failures") == total.failures)
        #expect(Self.int(root, "errors") == total.errors)
        #expect(Self.int(root, "skipped") == total.skipped)
        // Failures are exactly the open findings; errors the coverage gaps.
        #expect(total.failures == result.findings.count { $0.status == .open })
        #expect(total.errors == result.coverage.count)
    }

    @Test func richResultHasOneSuitePerFamilyAndExactCases() throws {
        let root = try #require(try Self.document(ScanResultFixtures.rich).rootElement())
        let suites = root.elements(forName: "testsuite")
        #expect(suites.compactMap { $0.attribute(forName: "name")?.stringValue } == [
            "tollgate.least-privilege", "tollgate.private-ip", "tollgate.encryption", "tollgate.public-access",
            "tollgate.deletion-protection", "tollgate.logging", "tollgate.coverage",
        ])
        #expect(Self.int(root, "tests") == 21)
        #expect(Self.int(root, "failures") == 6)
        #expect(Self.int(root, "errors") == 3)
        // 2 suppressed + 1 baselined + 1 undetermined + 1 not applicable.
        #expect(Self.int(root, "skipped") == 5)

        let privateIP = suites[1].elements(forName: "testcase")
        #expect(privateIP.map { $0.attribute(forName: "name")?.stringValue ?? "" } == [
            "module.db.google_sql_database_instance.main[\"primary\"]",
            "module.db.google_sql_database_instance.main[\"primary\"]",
            "module.db.google_sql_database_instance.main[\"replica\"]",
            "passed on 1 asset",
        ])
        let failure = try #require(privateIP[1].elements(forName: "failure").first)
        #expect(failure.attribute(forName: "message")?.stringValue == "Cloud SQL instance interviewlm-db accepts connections on a public IP")
        #expect(failure.attribute(forName: "type")?.stringValue == "high")
        #expect(failure.stringValue?.contains("Location: infra/modules/db/main.tf:20:5\n") == true)
        #expect(privateIP[1].attribute(forName: "file")?.stringValue == "infra/modules/db/main.tf")
        #expect(privateIP[1].attribute(forName: "line")?.stringValue == "20")
        #expect(privateIP[2].elements(forName: "skipped").first?.attribute(forName: "message")?.stringValue
                == "undetermined: needs resource.settings.ipConfiguration.privateNetwork (google_compute_network.vpc.id (known after apply))")

        // A newline in a message survives attribute normalization (written as &#10;).
        let iam = suites[0].elements(forName: "testcase")[1]
        #expect(iam.elements(forName: "failure").first?.attribute(forName: "message")?.stringValue
                == "Service account app@interviewlm-prod.iam.gserviceaccount.com holds roles/editor | not in its allowlist\n(allowlist: roles/cloudsql.client, roles/secretmanager.secretAccessor)")
    }

    @Test func controlCharactersAndMarkupAreEscaped() throws {
        var r = ScanResultFixtures.clean
        r.findings = [Finding(policyID: "TG-GCS-001", severity: .critical, family: .publicAccess,
                              message: "a <b> & \"c\" ]]> \u{1B}[31m\u{0}\u{FFFE}", assetName: "x", assetType: "t", fingerprint: "f")]
        let doc = try Self.document(r)
        let failure = try #require(doc.rootElement()?.elements(forName: "testsuite").last?.elements(forName: "testcase").first?.elements(forName: "failure").first)
        #expect(failure.attribute(forName: "message")?.stringValue == "a <b> & \"c\" ]]> \u{FFFD}[31m\u{FFFD}\u{FFFD}")
    }

    @Test(arguments: [("2026-11-26T22:00:00Z", "2026-11-26T22:00:00"), ("2026-11-26T22:00:00+01:00", "2026-11-26T22:00:00"), ("yesterday", nil)])
    func timestampsDropTheZone(_ rfc: String, _ ant: String?) {
        #expect(JUnitReporter.antTimestamp(rfc) == ant)
    }
}
