import Foundation
import Policy
import Testing
@testable import Report

@Suite struct MarkdownReporterTests {
    static func render(_ r: ScanResult, _ reporter: MarkdownReporter = MarkdownReporter()) throws -> String {
        String(decoding: try reporter.render(r), as: UTF8.self)
    }

    /// Cells of one table row, split at pipes that are not backslash-escaped (GFM §4.10).
    static func cells(_ row: Substring) -> Int {
        var count = 0, escaped = false
        for ch in row.dropFirst() {
            if escaped { escaped = false; continue }
            if ch == "\\" { escaped = true } else if ch == "|" { count += 1 }
        }
        return count
    }

    /// Every table row has as many cells as its header — a stray `|` or newline would break it.
    @Test(arguments: ["rich", "clean", "many"])
    func tablesAreWellFormed(_ fixture: String) throws {
        let result = switch fixture {
        case "rich": ScanResultFixtures.rich
        case "clean": ScanResultFixtures.clean
        default: ScanResultFixtures.many(300)
        }
        let lines = try Self.render(result).split(separator: "\n", omittingEmptySubsequences: false)
        var tables = 0, i = 0
        while i < lines.count {
            guard lines[i].hasPrefix("|") else { i += 1; continue }
            tables += 1
            let width = Self.cells(lines[i])
            #expect(i + 1 < lines.count && lines[i + 1].hasPrefix("|---"), "table without delimiter row at line \(i + 1)")
            while i < lines.count, lines[i].hasPrefix("|") {
                #expect(Self.cells(lines[i]) == width, "line \(i + 1): \(lines[i])")
                #expect(lines[i].hasSuffix(" |") || lines[i].hasSuffix("|"))
                i += 1
            }
        }
        #expect(tables >= (fixture == "clean" ? 6 : 12))
    }

    /// A policy failing on more assets than `maxRowsPerPolicy` shows that many rows and says
    /// how many more there are; the headings still count them all.
    @Test func rowsPerPolicyAreCapped() throws {
        var r = ScanResultFixtures.many(0)
        let p = ScanResultFixtures.policies[0]
        r.findings = (0..<5).map { i in
            Finding(policyID: p.id, severity: p.severity, family: p.family, message: "Finding \(i)",
                    assetName: "//example.googleapis.com/projects/p/things/t\(i)", assetType: p.resourceTypes[0],
                    environment: "prod", fingerprint: "fp\(i)")
        }
        let text = try Self.render(r, MarkdownReporter(maxRowsPerPolicy: 2))
        #expect(text.contains("Finding 0") && text.contains("Finding 1"))
        #expect(!text.contains("Finding 2"))
        #expect(text.contains("… and 3 more findings of this policy (the first 2 are shown); `tollgate.json` lists every finding.\n"))
        #expect(text.contains("(5)"))
        let uncapped = try Self.render(r)
        #expect(uncapped.contains("Finding 4") && !uncapped.contains("more findings of this policy"))
    }

    @Test func sectionsAppearInOrder() throws {
        let text = try Self.render(ScanResultFixtures.rich)
        let headings = text.split(separator: "\n").filter { $0.hasPrefix("## ") }
        #expect(headings == [
            "## Scope", "## Executive summary", "## Control matrix", "## Findings", "## Suppressed and baselined findings",
            "## Undetermined checks", "## Resolved since the baseline", "## Coverage", "## Notices", "## Inventory", "## Asset graph",
        ])
        #expect(text.hasPrefix("# Tollgate compliance report\n\n**Verdict: FAIL** (exit code 2): 3 coverage gaps: "))
    }

    @Test func verdictFollowsTheGate() throws {
        #expect(try Self.render(ScanResultFixtures.gated).contains("**Verdict: FAIL** (exit code 1): 4 open findings at or above high (1 critical, 3 high).\n"))
        #expect(try Self.render(ScanResultFixtures.clean).contains("**Verdict: PASS** (exit code 0): no open findings at or above high.\n"))
        var none = ScanResultFixtures.gated
        none.failOn = nil
        let text = try Self.render(none)
        #expect(text.contains("**Verdict: PASS** (exit code 0): --fail-on none: findings do not fail the scan.\n"))
        #expect(text.contains("| Fails on | nothing (`--fail-on none`) |"))
    }

    @Test(arguments: [
        ("a|b", "a\\|b"), ("line1\nline2", "line1<br>line2"), ("crlf\r\nx", "crlf<br>x"), ("lone\rcr", "lone<br>cr"),
        ("*bold* _it_ `code` [l](u) <b> ~s~ $x$ #1 & \\", "\\*bold\\* \\_it\\_ \\`code\\` \\[l\\](u) \\<b\\> \\~s\\~ \\$x\\$ \\#1 \\& \\\\"),
        ("plain text, 42.", "plain text, 42."),
    ])
    func textIsEscaped(_ input: String, _ expected: String) {
        #expect(Markdown.text(input) == expected)
    }

    @Test(arguments: [
        ("abc", false, "`abc`"), ("a`b", false, "``a`b``"), ("`x`", false, "`` `x` ``"), ("a|b", true, "`a\\|b`"),
        ("a|b", false, "`a|b`"), ("two\nlines", false, "`two lines`"), ("", false, "*(empty)*"),
    ])
    func codeSpansFenceAndEscape(_ input: String, _ inTable: Bool, _ expected: String) {
        #expect(Markdown.code(input, inTable: inTable) == expected)
    }

    @Test func codeBlocksOutlastBackticksInside() {
        #expect(Markdown.codeBlock("a = 1\n", language: "hcl") == "```hcl\na = 1\n```\n")
        #expect(Markdown.codeBlock("x = \"```\"", language: "hcl") == "````hcl\nx = \"```\"\n````\n")
    }

    @Test(arguments: [
        ("reports", ".", "../"), ("/repo/reports", "/repo", "../"), ("/repo", "/repo", ""), ("out/a/b", "src", "../../../src/"),
        ("/repo/./reports/", "/repo/infra/..", "../"), ("/tmp/out", "/repo", "../../repo/"),
    ])
    func linkPrefixLeadsBackToTheSourceRoot(_ reports: String, _ root: String, _ prefix: String) {
        #expect(MarkdownReporter.linkPrefix(reportDirectory: reports, sourceRoot: root) == prefix)
    }

    @Test func locationsLinkToGitHubLineAnchors() throws {
        let text = try Self.render(ScanResultFixtures.rich, MarkdownReporter(linkPrefix: "../"))
        #expect(text.contains("[infra/modules/db/main.tf:20](../infra/modules/db/main.tf#L20-L24)"))
        #expect(text.contains("[infra/dir with space/sql (v2).tf:31](../infra/dir%20with%20space/sql%20%28v2%29.tf#L31)"))
        #expect(text.contains("[exports/staging assets.json](../exports/staging%20assets.json)"))
    }

    @Test(arguments: ["cis-gcp-2.0", "interviewlm"])
    func controlMatrixCountsAddUp(_ framework: String) throws {
        let r = ScanResultFixtures.rich
        let text = try Self.render(r)
        let section = try #require(text.components(separatedBy: "### \(Markdown.text(framework))\n\n").dropFirst().first)
        let rows = section.split(separator: "\n").prefix { $0.hasPrefix("|") }.dropFirst(2)
        var fromTable = (pass: 0, fail: 0)
        var expected = (pass: 0, fail: 0)
        for row in rows {
            let cells = row.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
            fromTable.pass += Int(cells[3])!
            fromTable.fail += Int(cells[4])!
        }
        for p in r.policies {
            guard let ids = p.controls[framework], let t = r.tallies.first(where: { $0.policyID == p.id }) else { continue }
            expected.pass += t.passed * ids.count
            expected.fail += t.failed * ids.count
        }
        #expect(fromTable == expected)
    }

    @Test func passRatesPerFamily() throws {
        let text = try Self.render(ScanResultFixtures.rich)
        #expect(text.contains("| Private IP only | 1 | 1 | 2 | 1 | 1 | 1 | 33.3% |"))
        #expect(text.contains("| Logging and retention | 1 | 2 | 1 | 0 | 0 | 1 | 66.7% |"))
        #expect(try Self.render(ScanResultFixtures.clean).contains("| Encryption | 1 | 0 | 0 | 0 | 0 | 0 | — |"))
    }

    @Test func mermaidLabelsCannotBreakOut() {
        #expect(MermaidGraph.escape("main[\"primary\"]") == "main#91;#34;primary#34;#93;")
        #expect(MermaidGraph.escape("a|b;c#d<e>é") == "a#124;b#59;c#35;d#60;e#62;#233;")
        #expect(MermaidGraph.escape("google_sql_database_instance.db-1/x:y") == "google_sql_database_instance.db-1/x:y")
    }

    @Test func hugeGraphsAreCappedFailingAssetsFirst() throws {
        var r = ScanResultFixtures.clean
        r.graph = GraphSummary(
            nodes: (0..<1000).map { GraphSummary.Node(name: "//a/\(1000 + $0)", assetType: "t", label: "a\($0)", failing: $0 % 100 == 99) },
            edges: (0..<999).map { GraphSummary.Edge(from: "//a/\(1000 + $0)", to: "//a/\(1001 + $0)", kind: "reference") })
        let drawing = MermaidGraph(r.graph, maxNodes: 30, maxEdges: 12)
        #expect(drawing.nodeCount == 30)
        #expect(drawing.edgeCount == 12)
        // All 10 failing assets, their 19 neighbours, then the first of the rest (a0).
        let labels = drawing.text.split(separator: "\n").filter { $0.contains("[\"") }
        #expect(labels.count { $0.contains("#10007;") } == 10)
        #expect(labels.first == "  n0[\"a0\"]")
        #expect(labels.contains("  n2[\"a99 #10007;\"]"))
        #expect(drawing.text.hasSuffix("  class n2,n5,n8,n11,n14,n17,n20,n23,n26,n29 failing\n"))
        let text = try Self.render(r, MarkdownReporter(maxGraphNodes: 30, maxGraphEdges: 12))
        #expect(text.contains("1000 assets and 999 edges; 10 failing (red, marked ✗). The diagram is capped: it shows 30 of 1000 assets (failing assets first, then their neighbours, then the rest by name) and 12 of 999 edges; the JSON report has the whole graph."))
    }

    @Test func naturalOrderOfControlIds() {
        let ids = ["6.10", "1.2", "6.2", "1.10", "10", "2", "Private Networking", "A1"]
        #expect(ids.sorted(by: naturalLess) == ["1.2", "1.10", "2", "6.2", "6.10", "10", "A1", "Private Networking"])
    }
}
