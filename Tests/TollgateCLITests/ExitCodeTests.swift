import Foundation
import Policy
import Report
import Testing

/// The gate's exit codes: 0 nothing open at or above --fail-on, 1 such findings, 2 usage,
/// configuration or input problems (with every report still written).
@Suite struct ExitCodeTests {
    static let good = "Tests/TollgateCLITests/Fixtures/mixed/good"
    static let broken = "Tests/TollgateCLITests/Fixtures/mixed/broken"

    static func open(_ result: ScanResult) -> [String] {
        result.findings.filter { $0.status == .open }
            .map { "\($0.policyID) \($0.address ?? $0.assetName) \($0.location.map { "\($0.path):\($0.startLine)" } ?? "-")" }
            .sorted()
    }

    @Test func findingsAtOrAboveTheGateExitOne() throws {
        let r = try TollgateProcess.run(["scan", Self.good, "--format", "json"])
        #expect(r.status == 1)
        let result = try JSONReporter.decode(Array(r.stdout.utf8))
        #expect(Self.open(result).filter { $0.hasPrefix("TG-GCS") } == [
            "TG-GCS-001 google_storage_bucket_iam_member.everyone \(Self.good)/main.tf:19",
            "TG-GCS-007 google_storage_bucket.public \(Self.good)/main.tf:6",
        ])
    }

    /// A registry module that is not installed is a coverage gap (exit 2): its resources are
    /// not checked. Scanned from a working directory outside the tree, the gap's location is
    /// still relative to the tree (the source root), and the rest is reported.
    @Test func aModuleNotInstalledIsACoverageGapLocatedInTheTree() throws {
        let tree = FileManager.default.temporaryDirectory.appendingPathComponent("tollgate-tree-\(UUID().uuidString)")
        let cwd = FileManager.default.temporaryDirectory.appendingPathComponent("tollgate-cwd-\(UUID().uuidString)")
        defer {
            try? FileManager.default.removeItem(at: tree)
            try? FileManager.default.removeItem(at: cwd)
        }
        try FileManager.default.createDirectory(at: tree.appendingPathComponent("infra"), withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: cwd, withIntermediateDirectories: true)
        try """
        module "network" {
          source  = "terraform-google-modules/network/google"
          version = "~> 9.0"
        }

        resource "google_storage_bucket" "b" {
          name     = "b"
          project  = "p"
          location = "EU"
          public_access_prevention    = "enforced"
          uniform_bucket_level_access = true
        }
        """.write(to: tree.appendingPathComponent("infra/main.tf"), atomically: true, encoding: .utf8)
        let r = try TollgateProcess.run(["scan", tree.appendingPathComponent("infra").path, "--format", "json"], in: cwd)
        #expect(r.status == 2, "\(r.stderr)")
        let result = try JSONReporter.decode(Array(r.stdout.utf8))
        #expect(result.coverage.map { "\($0.kind.rawValue) \($0.subject) \($0.location.map { "\($0.path):\($0.startLine)" } ?? "-")" }
                == ["module-not-installed main.tf main.tf:1"])
        #expect(result.notices.allSatisfy { $0.summary != "Module not installed" })
        #expect(result.inventory.map(\.assetType).contains("storage.googleapis.com/Bucket"))
    }

    /// Coverage-gap kinds come from the stage that failed (`Diagnostic.code`): a syntax error
    /// is a parse error, a bad `for_each` an evaluation error, a missing input unreadable.
    @Test func coverageGapKindsFollowTheStage() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tollgate-kinds-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        for sub in ["syntax", "eval"] {
            try FileManager.default.createDirectory(at: dir.appendingPathComponent(sub), withIntermediateDirectories: true)
        }
        try "resource \"google_storage_bucket\" \"b\" {\n  name = \n}\n"
            .write(to: dir.appendingPathComponent("syntax/main.tf"), atomically: true, encoding: .utf8)
        try "resource \"google_storage_bucket\" \"b\" {\n  for_each = \"x\"\n  name     = each.key\n  location = \"EU\"\n}\n"
            .write(to: dir.appendingPathComponent("eval/main.tf"), atomically: true, encoding: .utf8)
        let r = try TollgateProcess.run(["scan", "syntax", "eval", "missing.ndjson", "--format", "json"], in: dir)
        #expect(r.status == 2)
        let result = try JSONReporter.decode(Array(r.stdout.utf8))
        #expect(result.coverage.map { "\($0.kind.rawValue) \($0.location.map { "\($0.path):\($0.startLine)" } ?? $0.subject)" }.sorted() == [
            "evaluation-error eval/main.tf:2", "parse-error syntax/main.tf:2", "unreadable missing.ndjson:1",
        ])
    }

    @Test(arguments: [("none", Int32(0)), ("critical", 1), ("high", 1), ("low", 1)])
    func failOnSetsTheThreshold(failOn: String, status: Int32) throws {
        let r = try TollgateProcess.run(["scan", Self.good, "--fail-on", failOn, "--quiet"])
        #expect(r.status == status, "\(r.stdout)\(r.stderr)")
    }

    @Test func aParseErrorInOneOfSeveralInputsExitsTwoAndReportsTheRest() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tollgate-exit-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        let r = try TollgateProcess.run(["scan", Self.good, Self.broken, "--format", "json,sarif,markdown,junit", "--output", dir.path])
        #expect(r.status == 2)
        // Every report was written.
        for name in ["tollgate.json", "tollgate.sarif", "tollgate.md", "tollgate.junit.xml"] {
            #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent(name).path), "\(name)")
        }
        let result = try JSONReporter.decode(Array(try Data(contentsOf: dir.appendingPathComponent("tollgate.json"))))
        // The good file's findings are still there …
        #expect(Self.open(result).contains("TG-GCS-001 google_storage_bucket_iam_member.everyone \(Self.good)/main.tf:19"))
        // … and the broken file is a coverage gap with its location.
        #expect(result.coverage.map { "\($0.kind.rawValue) \($0.location.map { "\($0.path):\($0.startLine):\($0.startColumn)" } ?? "")" }
                == ["parse-error \(Self.broken)/main.tf:1:46"])
        #expect(r.stdout.contains("FAIL (exit 2)"))
    }

    @Test func aMissingInputIsACoverageGap() throws {
        let r = try TollgateProcess.run(["scan", Self.good, "no/such/dir", "--format", "json"])
        #expect(r.status == 2)
        let result = try JSONReporter.decode(Array(r.stdout.utf8))
        #expect(result.coverage.map(\.kind) == [.unreadable])
    }

    @Test(arguments: [
        (["--fail-on", "severe"], "Invalid --fail-on 'severe'"),
        (["--profile", "nope"], "unknown profile 'nope'"),
        (["--format", "pdf"], "Invalid format 'pdf'"),
        (["--format", "sarif,json"], "Several file formats need --output DIR"),
        (["--profile", "interviewlm", "--env", "qa"], "--env qa: profile 'interviewlm' defines"),
    ])
    func usageErrorsExitTwo(arguments: [String], message: String) throws {
        let r = try TollgateProcess.run(["scan", Self.good] + arguments)
        #expect(r.status == 2)
        #expect(r.stderr.contains(message), "\(r.stderr)")
    }

    @Test func aBadConfigurationFileExitsTwoWithItsLocation() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tollgate-cfg-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let cfg = dir.appendingPathComponent(".tollgate.yaml")
        try "profile: interviewlm\nfail_on: high\n".write(to: cfg, atomically: true, encoding: .utf8)
        let r = try TollgateProcess.run(["scan", Self.good, "--config", cfg.path])
        #expect(r.status == 2)
        #expect(r.stderr.contains("\(cfg.path):2:1: error: Unknown key \"fail_on\" in the top level"), "\(r.stderr)")
    }
}
