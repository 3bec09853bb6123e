import HCL
import Testing
@testable import Policy

@Suite struct SuppressionTests {
    let at = SourceRange(filename: "main.tf", start: .init(line: 4, column: 3, offset: 40), end: .init(line: 4, column: 80, offset: 117))

    @Test func inlineDirectiveWithSeveralIDs() throws {
        let (rules, d) = SuppressionRule.parseInline(#"# tollgate:ignore TG-SQL-008 TG-SQL-009 reason="dev database, recreated nightly" expires=2027-03-31"#, range: at)
        #expect(d.isEmpty)
        let r = try #require(rules.first)
        #expect(r.policyIDs == ["TG-SQL-008", "TG-SQL-009"])
        #expect(r.reason == "dev database, recreated nightly")
        #expect(r.expires == "2027-03-31")
        #expect(r.kind == .inline)
        #expect(r.isExpired(today: "2027-03-31") == false)
        #expect(r.isExpired(today: "2027-04-01") == true)
    }

    @Test func inlineWithoutReasonIsAnError() {
        let (rules, d) = SuppressionRule.parseInline("// tollgate:ignore TG-SQL-001", range: at)
        #expect(rules.isEmpty)
        #expect(d.map(\.description) == [#"main.tf:4:3: error: tollgate:ignore TG-SQL-001 has no reason: a suppression needs reason="…""#])
    }

    @Test func inlineBadDateAndUnknownField() {
        let (rules, d) = SuppressionRule.parseInline(#"# tollgate:ignore TG-A-1 reason='x' expires=31/03/2027 until=never"#, range: at)
        #expect(rules.isEmpty)
        #expect(d.map(\.summary) == [
            "tollgate:ignore: unknown field 'until' (expected reason, expires, owner)",
            "tollgate:ignore: expires must be YYYY-MM-DD, not '31/03/2027'",
        ])
    }

    @Test func commentsWithoutTheMarkerAreIgnored() {
        let (rules, d) = SuppressionRule.parseInline("# just a comment about tollgate", range: at)
        #expect(rules.isEmpty && d.isEmpty)
    }

    @Test func configEntries() {
        let text = """
        suppressions:
          - policy: TG-SQL-005
            resource: module.db.google_sql_database_instance.*
            reason: legacy clients until the migration
            expires: 2026-12-31
            owner: data-team
          - policy: TG-GCS-001
            asset: //storage.googleapis.com/public-*
          - policy: TG-RUN-003
            reason: no target
        """
        let (rules, d) = SuppressionRule.parseConfig(text, path: ".tollgate.yaml")
        #expect(rules.count == 1)
        #expect(rules[0].addressGlob == "module.db.google_sql_database_instance.*")
        #expect(rules[0].expires == "2026-12-31")
        #expect(rules[0].owner == "data-team")
        #expect(rules[0].matches(address: "module.db.google_sql_database_instance.main[\"prod\"]", assetName: "x"))
        #expect(!rules[0].matches(address: "google_sql_database_instance.main", assetName: "x"))
        #expect(d.map(\.description) == [
            ".tollgate.yaml:7:5: error: suppression of TG-GCS-001 has no reason: 'reason' is required",
            ".tollgate.yaml:9:5: error: a suppression needs 'resource' (Terraform address glob) or 'asset' (asset name glob)",
        ])
    }

    @Test(arguments: [
        ("*", "anything", true), ("module.*.google_x.y", "module.a.b.google_x.y", true), ("a?c", "abc", true),
        ("a?c", "ac", false), ("//storage.googleapis.com/dev-*", "//storage.googleapis.com/prod-x", false),
        ("*a*a*a*a*a*b", String(repeating: "a", count: 5000), false), ("", "", true), ("x*", "x", true),
    ])
    func globs(_ pattern: String, _ text: String, _ expected: Bool) {
        #expect(Glob.matches(pattern, text) == expected)
    }
}
