import Foundation
import Policy
import Testing
@testable import Report

@Suite struct ReportWriterTests {
    static func tempDir() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tollgate-writer-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }

    @Test func writesTheRequestedFormatsUnderTheirNames() throws {
        let dir = try Self.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("reports/nested")
        let written = try ReportWriter(directory: out.path).write(ScanResultFixtures.rich, formats: [.console, .sarif, .markdown, .json, .junit, .sarif])
        #expect(written == ["sarif", "md", "json", "junit.xml"].map { out.appendingPathComponent("tollgate.\($0)").path })
        // Exactly the four files: no temporary file left behind, console not written.
        let names = try FileManager.default.contentsOfDirectory(atPath: out.path).sorted()
        #expect(names == ["tollgate.json", "tollgate.junit.xml", "tollgate.md", "tollgate.sarif"])
        #expect(try Data(contentsOf: out.appendingPathComponent("tollgate.json")) == Data(JSONReporter().render(ScanResultFixtures.rich)))
        #expect(try Data(contentsOf: out.appendingPathComponent("tollgate.sarif")) == Data(SARIFReporter().render(ScanResultFixtures.rich)))
    }

    @Test func markdownLinksPointBackToTheSourceRoot() throws {
        let dir = try Self.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        var r = ScanResultFixtures.rich
        r.scope.sourceRoot = dir.path
        try ReportWriter(directory: dir.appendingPathComponent("reports").path).write(r, formats: [.markdown])
        let md = try String(contentsOf: dir.appendingPathComponent("reports/tollgate.md"), encoding: .utf8)
        #expect(md.contains("[infra/iam.tf:7](../infra/iam.tf#L7)"))
    }

    @Test func replacesAnExistingReport() throws {
        let dir = try Self.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("tollgate.json").path
        try Data(repeating: 0x41, count: 100_000).write(to: URL(fileURLWithPath: path))
        try ReportWriter(directory: dir.path).write(ScanResultFixtures.clean, formats: [.json])
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == Data(JSONReporter().render(ScanResultFixtures.clean)))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["tollgate.json"])
    }

    @Test func failuresNameThePathAndLeaveNoTemporaryFile() throws {
        let dir = try Self.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        // A directory where the report should go: rename(2) cannot replace it.
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("tollgate.md"), withIntermediateDirectories: false)
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("tollgate.md/keep"), withIntermediateDirectories: false)
        do {
            try ReportWriter(directory: dir.path).write(ScanResultFixtures.clean, formats: [.markdown, .json])
            Issue.record("expected an error")
        } catch let e as ReportWriteError {
            #expect(e.failures.map(\.path) == [dir.appendingPathComponent("tollgate.md").path])
            #expect(e.failures[0].message.hasPrefix("cannot rename the temporary file into place: "))
        }
        // The other format was still written, and nothing temporary is left.
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted() == ["tollgate.json", "tollgate.md"])
    }

    @Test func anUnwritableDirectoryIsOneError() throws {
        let dir = try Self.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("plain-file")
        try Data("x".utf8).write(to: file)
        #expect(throws: ReportWriteError.self) {
            try ReportWriter(directory: file.appendingPathComponent("sub").path).write(ScanResultFixtures.clean, formats: [.json])
        }
    }
}
