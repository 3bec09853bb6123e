import Foundation
import Testing
import Policy
@testable import Report

/// Paths of the repository, found from this file (tests run from anywhere).
enum Repo {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let golden = root.appendingPathComponent("Tests/ReportTests/Fixtures/golden")
    /// `../shared` beside the repository (the SARIF validator and schema live there); from a
    /// worktree under `wt/`, `../../shared`.
    static let shared: URL = {
        let candidates = [root.deletingLastPathComponent(), root.deletingLastPathComponent().deletingLastPathComponent()]
            .map { $0.appendingPathComponent("shared") }
        return candidates.first { FileManager.default.fileExists(atPath: $0.path) } ?? candidates[0]
    }()
}

/// One golden file: a fixture rendered by one reporter configuration.
struct GoldenCase: CustomTestStringConvertible, Sendable {
    let file: String
    let result: @Sendable () -> ScanResult
    let reporter: any Reporter
    var testDescription: String { file }
}

let goldenCases: [GoldenCase] = [
    GoldenCase(file: "rich.sarif", result: { ScanResultFixtures.rich }, reporter: SARIFReporter()),
    GoldenCase(file: "rich.md", result: { ScanResultFixtures.rich }, reporter: MarkdownReporter(linkPrefix: "../")),
    GoldenCase(file: "rich.json", result: { ScanResultFixtures.rich }, reporter: JSONReporter()),
    GoldenCase(file: "rich.junit.xml", result: { ScanResultFixtures.rich }, reporter: JUnitReporter()),
    GoldenCase(file: "rich.console.txt", result: { ScanResultFixtures.rich }, reporter: ConsoleReporter()),
    GoldenCase(file: "rich.console-color.txt", result: { ScanResultFixtures.rich }, reporter: ConsoleReporter(color: true)),
    GoldenCase(file: "rich.console-quiet.txt", result: { ScanResultFixtures.rich }, reporter: ConsoleReporter(quiet: true)),
    GoldenCase(file: "gated.console.txt", result: { ScanResultFixtures.gated }, reporter: ConsoleReporter()),
    GoldenCase(file: "gated.console-quiet.txt", result: { ScanResultFixtures.gated }, reporter: ConsoleReporter(quiet: true)),
    GoldenCase(file: "clean.sarif", result: { ScanResultFixtures.clean }, reporter: SARIFReporter()),
    GoldenCase(file: "clean.md", result: { ScanResultFixtures.clean }, reporter: MarkdownReporter()),
    GoldenCase(file: "clean.json", result: { ScanResultFixtures.clean }, reporter: JSONReporter()),
    GoldenCase(file: "clean.junit.xml", result: { ScanResultFixtures.clean }, reporter: JUnitReporter()),
    GoldenCase(file: "clean.console.txt", result: { ScanResultFixtures.clean }, reporter: ConsoleReporter()),
]

/// Byte-for-byte comparison with `Tests/ReportTests/Fixtures/golden/`. Regenerate with
/// `TOLLGATE_UPDATE_GOLDEN=1 swift test --filter ReportTests` and review the diff.
@Test(arguments: goldenCases)
func reportMatchesGoldenFile(_ c: GoldenCase) throws {
    let bytes = try c.reporter.render(c.result())
    let url = Repo.golden.appendingPathComponent(c.file)
    if ProcessInfo.processInfo.environment["TOLLGATE_UPDATE_GOLDEN"] == "1" {
        try Data(bytes).write(to: url)
        return
    }
    let expected = try [UInt8](Data(contentsOf: url))
    if bytes != expected {
        let got = String(decoding: bytes, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        let want = String(decoding: expected, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        let line = (0..<min(got.count, want.count)).first { got[$0] != want[$0] } ?? min(got.count, want.count)
        Issue.record("""
            \(c.file) differs from the golden file at line \(line + 1):
              got:  \(line < got.count ? String(got[line]) : "(end)")
              want: \(line < want.count ? String(want[line]) : "(end)")
            Regenerate with TOLLGATE_UPDATE_GOLDEN=1 if the change is intended.
            """)
    }
}

/// Rendering does not depend on the order the engine produced things in.
@Test(arguments: [ReportFormat.sarif, .markdown, .json, .junit, .console])
func outputIsIndependentOfInputOrder(_ format: ReportFormat) throws {
    var shuffled = ScanResultFixtures.rich
    shuffled.findings.reverse()
    shuffled.policies.reverse()
    shuffled.tallies.reverse()
    shuffled.coverage.reverse()
    shuffled.inventory.reverse()
    shuffled.graph.nodes.reverse()
    shuffled.graph.edges.reverse()
    shuffled.scope.inputs.reverse()
    let reporter: any Reporter = switch format {
    case .sarif: SARIFReporter()
    case .markdown: MarkdownReporter()
    case .json: JSONReporter()
    case .junit: JUnitReporter()
    case .console: ConsoleReporter()
    }
    #expect(try reporter.render(shuffled) == reporter.render(ScanResultFixtures.rich))
}
