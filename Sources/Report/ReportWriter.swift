import Dispatch
import Foundation
import HCL
import Policy

/// Writes reports into an output directory (`tollgate.sarif`, `tollgate.md`, `tollgate.json`,
/// `tollgate.junit.xml`), each atomically: a reader sees the previous report or the new one,
/// never half of one — even when the scan is killed mid-write.
public struct ReportWriter: Sendable {
    public var directory: String

    public init(directory: String) {
        self.directory = directory.isEmpty ? "." : directory
    }

    /// The reporters for `formats`, configured for this directory (Markdown links point back
    /// to the result's source root). The console has no file and is skipped.
    public func reporters(for formats: [ReportFormat], sourceRoot: String) -> [any Reporter] {
        var seen = Set<ReportFormat>()
        return formats.filter { $0.fileName != nil && seen.insert($0).inserted }.map { format -> any Reporter in
            switch format {
            case .sarif: SARIFReporter()
            case .markdown: MarkdownReporter(linkPrefix: MarkdownReporter.linkPrefix(
                reportDirectory: Self.absolute(directory), sourceRoot: Self.absolute(sourceRoot)))
            case .json: JSONReporter()
            case .junit: JUnitReporter()
            case .console: ConsoleReporter()
            }
        }
    }

    /// Normalizes the result once, renders every file format asked for and writes it.
    /// Returns the paths written. Every format is attempted even when one fails; the failures
    /// are thrown together afterwards.
    @discardableResult
    public func write(_ result: ScanResult, formats: [ReportFormat]) throws -> [String] {
        try write(normalized: result.normalized(), reporters: reporters(for: formats, sourceRoot: result.scope.sourceRoot))
    }

    /// Renders and writes each reporter's file concurrently — the reporters share nothing but
    /// the immutable result, and rendering 50,000 findings five ways is several CPU-tenths of a
    /// second each (docs/benchmarks.md). Reporters without a file (the console) are skipped.
    @discardableResult
    public func write(normalized result: ScanResult, reporters: [any Reporter]) throws -> [String] {
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw ReportWriteError(failures: [(directory, "cannot create the output directory: \(error.localizedDescription)")])
        }
        let jobs = reporters.compactMap { r in r.fileName.map { (r, directory.hasSuffix("/") ? directory + $0 : directory + "/" + $0) } }
        let outcomes = ParallelRanges.tasks(jobs.count) { i -> String? in
            let (reporter, path) = jobs[i]
            do {
                if let spilling = reporter as? any SpillingReporter {
                    try Self.writeAtomically(to: path) { spilling.render(normalized: result, spill: $0) }
                } else {
                    try Self.writeAtomically(try reporter.render(normalized: result), to: path)
                }
                return nil
            } catch let e as ReportWriteError {
                return e.failures.map(\.message).joined(separator: "; ")
            } catch {
                return "cannot render the \(reporter.format.rawValue) report: \(error)"
            }
        }
        let failures = zip(jobs, outcomes).compactMap { job, failure in failure.map { (job.1, $0) } }
        if !failures.isEmpty { throw ReportWriteError(failures: failures) }
        return jobs.map(\.1)
    }

    /// Renders every reporter concurrently (e.g. the console beside the files); the bytes or
    /// the error of each, in order.
    public static func render(normalized result: ScanResult, reporters: [any Reporter]) -> [Result<[UInt8], any Error>] {
        ParallelRanges.tasks(reporters.count) { i in Result { try reporters[i].render(normalized: result) } }
    }


    /// Writes to a temporary file beside `path` (same directory, so the same file system),
    /// flushes it to disk, then renames it over `path` — rename(2) replaces atomically.
    public static func writeAtomically(_ bytes: [UInt8], to path: String) throws {
        try writeAtomically(to: path) { spill in bytes.withUnsafeBytes { spill.write($0) } }
    }

    /// `writeAtomically`, the bytes written by `body` (in pieces, as they are rendered).
    static func writeAtomically(to path: String, _ body: (ReportSpill) throws -> Void) throws {
        let dir = (path as NSString).deletingLastPathComponent
        let base = (path as NSString).lastPathComponent
        let temp = (dir.isEmpty ? "" : dir + "/") + ".\(base).\(getpid()).\(UInt32.random(in: 0...UInt32.max)).tmp"
        let fd = open(temp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw ReportWriteError(path: path, errno: errno, doing: "create a temporary file") }
        var ok = false
        defer {
            if !ok { unlink(temp) }
        }
        let spill = ReportSpill(fd: fd)
        do {
            try body(spill)
        } catch {
            close(fd)
            throw error
        }
        if let e = spill.failure {
            close(fd)
            throw ReportWriteError(path: path, errno: e, doing: "write")
        }
        if fsync(fd) != 0 {
            let e = errno
            close(fd)
            throw ReportWriteError(path: path, errno: e, doing: "flush")
        }
        if close(fd) != 0 { throw ReportWriteError(path: path, errno: errno, doing: "close") }
        if rename(temp, path) != 0 { throw ReportWriteError(path: path, errno: errno, doing: "rename the temporary file into place") }
        ok = true
    }

    static func absolute(_ path: String) -> String {
        if path.hasPrefix("/") { return path }
        return FileManager.default.currentDirectoryPath + "/" + path
    }
}

/// Reports that could not be written: each path with what went wrong.
public struct ReportWriteError: Error, CustomStringConvertible {
    public var failures: [(path: String, message: String)]

    init(failures: [(String, String)]) {
        self.failures = failures.map { (path: $0.0, message: $0.1) }
    }

    init(path: String, errno code: Int32, doing: String) {
        self.init(failures: [(path, "cannot \(doing): \(String(cString: strerror(code)))")])
    }

    public var description: String {
        failures.map { "\($0.path): \($0.message)" }.joined(separator: "\n")
    }
}
