import Foundation
import Policy
import Testing
@testable import Report

@Suite struct ConsoleReporterTests {
    static func render(_ r: ScanResult, _ reporter: ConsoleReporter = ConsoleReporter()) throws -> String {
        String(decoding: try reporter.render(r), as: UTF8.self)
    }

    @Test(arguments: [
        ([String: String](), true, true),
        ([:], false, false),
        (["NO_COLOR": "1"], true, false),
        (["NO_COLOR": ""], true, true),
        (["TERM": "dumb"], true, false),
        (["TERM": "xterm-256color"], true, true),
    ])
    func colorOnlyOnTerminalsWithoutNoColor(_ env: [String: String], _ tty: Bool, _ color: Bool) {
        #expect(ConsoleReporter.wantsColor(environment: env, isTerminal: tty) == color)
    }

    @Test func plainOutputHasNoEscapes() throws {
        let text = try Self.render(ScanResultFixtures.rich)
        #expect(!text.contains("\u{1B}"))
        let colored = try Self.render(ScanResultFixtures.rich, ConsoleReporter(color: true))
        #expect(colored.contains("\u{1B}[1;35mcritical\u{1B}[0m"))
        #expect(colored.hasSuffix("\u{1B}[1;31mFAIL\u{1B}[0m (exit 2): 3 coverage gaps: part of the input could not be read or evaluated, so the scan fails closed\n"))
    }

    @Test func findingsAreGroupedPerFileInPathOrder() throws {
        let text = try Self.render(ScanResultFixtures.rich)
        let headers = text.split(separator: "\n").filter { !$0.hasPrefix(" ") && !$0.isEmpty }.prefix(6)
        #expect(Array(headers) == ["exports/staging assets.json", "infra/dir with space/sql (v2).tf", "infra/iam.tf",
                                   "infra/modules/db/main.tf", "infra/storage.tf", "(no file)"])
    }

    @Test(arguments: [
        (Severity?.some(.high), "FAIL (exit 1): 4 open findings at or above high (1 critical, 3 high)\n"),
        (.critical, "FAIL (exit 1): 1 open finding at or above critical (1 critical)\n"),
        (.low, "FAIL (exit 1): 6 open findings at or above low (1 critical, 3 high, 1 medium, 1 low)\n"),
        (nil, "PASS (exit 0): --fail-on none: findings do not fail the scan\n"),
    ])
    func summaryEndsWithTheExitCodeAndItsReason(_ gate: Severity?, _ last: String) throws {
        var r = ScanResultFixtures.gated
        r.failOn = gate
        let text = try Self.render(r)
        #expect(text.hasSuffix("6 open (1 critical, 3 high, 1 medium, 1 low) · 2 suppressed · 1 baselined · 1 undetermined · 17 passed · 0 coverage gaps\n" + last))
        #expect(r.exitCode == (gate == nil ? 0 : 1))
    }

    @Test func quietKeepsOnlyWhatFailsTheScan() throws {
        var r = ScanResultFixtures.gated
        r.failOn = .critical
        let text = try Self.render(r, ConsoleReporter(quiet: true))
        #expect(text == """
            infra/storage.tf
              12:3  critical  TG-GCS-001  Bucket interviewlm-prod-uploads does not enforce public access prevention
                              google_storage_bucket.uploads (prod)
                              iamConfiguration.publicAccessPrevention is inherited, expected enforced

            6 open (1 critical, 3 high, 1 medium, 1 low) · 2 suppressed · 1 baselined · 1 undetermined · 17 passed · 0 coverage gaps
            FAIL (exit 1): 1 open finding at or above critical (1 critical)

            """)
    }

    @Test func terminalControlSequencesFromInputAreNeutralised() throws {
        var r = ScanResultFixtures.clean
        r.findings = [Finding(policyID: "TG-GCS-001", severity: .critical, family: .publicAccess,
                              message: "evil\u{1B}]0;pwned\u{7}\nsecond line\u{9B}2J", assetName: "x", assetType: "t",
                              location: Location(path: "a\u{1B}[2J.tf", startLine: 1, startColumn: 1, endLine: 1, endColumn: 2),
                              fingerprint: "f")]
        let text = try Self.render(r)
        #expect(!text.unicodeScalars.contains { $0 == "\u{1B}" || $0 == "\u{7}" || $0 == "\u{9B}" })
        #expect(text.hasPrefix("a?[2J.tf\n  1:1  critical  TG-GCS-001  evil?]0;pwned? second line?2J\n"))
    }
}
