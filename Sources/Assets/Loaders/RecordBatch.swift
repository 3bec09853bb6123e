import Dispatch
import Foundation
import HCL

/// The NDJSON lines of one read, converted to assets on every core.
///
/// Lines of an export are independent: parsing a line and making its `Asset` needs nothing
/// from the others. Only putting the assets into the collection (which merges a RESOURCE and
/// an IAM_POLICY line of the same name, and reports duplicates) depends on the order, so that
/// part stays sequential: `convert` fills one outcome per line on all cores, and the caller
/// applies the outcomes in line order. The result — assets, diagnostics and their order — is
/// the same whatever the number of cores.
///
/// The lines point into the read buffer, which the caller keeps unchanged until the batch is
/// converted; a line that spanned two reads (the splitter's carried copy, valid only during
/// its callback) is copied into memory the batch owns.
struct RecordBatch {
    enum Outcome: Sendable {
        case asset(Asset, problems: [String])
        case error(summary: String, column: Int, detail: String)
    }

    fileprivate struct Line {
        var line: Int
        var base: UnsafePointer<UInt8>?
        var count: Int
        /// `count` bytes at `base` belong to the batch (deallocated by `removeAll`).
        var owned: Bool
        /// Oversize lines are not converted; `count` is their length.
        var oversize: Bool
    }

    private var lines: [Line] = []
    /// Outcome per line (nil for oversize lines), filled by `convert`: one run per job.
    private var parts: [[Outcome?]] = []

    var isEmpty: Bool { lines.isEmpty }
    var count: Int { lines.count }

    /// Adds a record from the splitter. `readBuffer` is the read the splitter was fed: lines
    /// inside it are referenced, others (carried across reads) copied.
    mutating func add(_ r: NDJSONSplitter.Record, readBuffer: UnsafeBufferPointer<UInt8>?) {
        switch r {
        case .oversize(let line, let bytes):
            lines.append(Line(line: line, base: nil, count: bytes, owned: false, oversize: true))
        case .line(let line, let piece):
            if let rb = readBuffer, let p = piece.baseAddress, let start = rb.baseAddress,
               p >= start, p + piece.count <= start + rb.count {
                lines.append(Line(line: line, base: p, count: piece.count, owned: false, oversize: false))
            } else {
                let copy = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: max(piece.count, 1))
                _ = copy.initialize(from: piece)
                lines.append(Line(line: line, base: UnsafePointer(copy.baseAddress), count: piece.count, owned: true, oversize: false))
            }
        }
    }

    /// The jobs converting this batch: contiguous runs of at least 64 lines, about four per
    /// thread so that threads finishing early take more.
    func jobs(threads: Int?) -> [Range<Int>] {
        ParallelRanges.jobs(count: lines.count, minimum: 64, limit: threads)
    }

    /// What the jobs read: immutable while they run.
    func shared(filename: String, environment: String?) -> Shared {
        Shared(lines: lines, filename: filename, environment: environment)
    }

    /// The outcomes of `jobs`, in job order.
    mutating func store(_ parts: [[Outcome?]]) {
        self.parts = parts
    }

    /// Converts every line on every core (nothing else to overlap with).
    mutating func convert(filename: String, environment: String?, threads: Int?, pool: ReaderPool) {
        let jobs = jobs(threads: threads)
        let shared = shared(filename: filename, environment: environment)
        store(ParallelRanges.tasks(jobs.count) { shared.convert(jobs[$0], pool: pool) })
    }

    /// Hands each line's outcome over in line order, moved out of the batch (an `Asset` copy
    /// is a dozen reference counts), with its line number and, for an oversize line, its length.
    mutating func drain(_ body: (_ line: Int, _ oversizeBytes: Int?, _ outcome: consuming Outcome?) -> Void) {
        var k = 0
        for p in parts.indices {
            for j in parts[p].indices {
                body(lines[k].line, lines[k].oversize ? lines[k].count : nil, parts[p][j].take())
                k += 1
            }
        }
        parts.removeAll()
    }

    /// Forgets the lines (and frees the copies) for the next read.
    mutating func removeAll() {
        for l in lines where l.owned { UnsafeMutablePointer(mutating: l.base)?.deallocate() }
        lines.removeAll(keepingCapacity: true)
        parts.removeAll()
    }

    /// What the jobs read: immutable while they run.
    struct Shared: @unchecked Sendable {
        fileprivate let lines: [Line]
        let filename: String
        let environment: String?

        func convert(_ range: Range<Int>, pool: ReaderPool) -> [Outcome?] {
            var reader = pool.take()
            defer { pool.put(reader) }
            var out: [Outcome?] = []
            out.reserveCapacity(range.count)
            for k in range {
                if lines[k].oversize { out.append(nil); continue }
                let buffer = UnsafeBufferPointer(start: lines[k].base, count: lines[k].count)
                out.append(RecordBatch.outcome(buffer, line: lines[k].line, filename: filename, environment: environment, reader: &reader))
            }
            return out
        }
    }

    /// The outcome of one line: the fast path, else the general JSON reader and envelope check
    /// (which produce the diagnostics).
    static func outcome(
        _ buffer: UnsafeBufferPointer<UInt8>, line: Int, filename: String, environment: String?, reader: inout ExportRecordReader
    ) -> Outcome {
        let prov = FileProvenance(path: filename, line: line, record: line, format: .caiExport)
        let result: Result<(Asset, [String]), CAIRecord.RecordError>
        if let e = reader.envelope(buffer) {
            result = CAIRecord.asset(from: e, provenance: prov)
        } else {
            switch JSONReader.parse(buffer: buffer) {
            case .failure(let f):
                return .error(summary: "Invalid JSON in record \(line): \(f.message)", column: column(buffer, f.offset),
                              detail: "the record is skipped; the other records load")
            case .success(let v):
                result = CAIRecord.asset(from: v, provenance: prov)
            }
        }
        return outcome(result, line: line, environment: environment)
    }

    /// A record's conversion as an outcome (the export lines' and the live records' alike).
    static func outcome(_ result: Result<(Asset, [String]), CAIRecord.RecordError>, line: Int, environment: String?) -> Outcome {
        switch result {
        case .failure(let message):
            return .error(summary: "Record \(line) skipped: \(message)", column: 1, detail: "")
        case .success(let (asset, problems)):
            var asset = asset
            if let environment, asset.environment == nil { asset.environment = environment }
            return .asset(asset, problems: problems)
        }
    }

    /// 1-based column of a byte offset (counting UTF-8 scalars).
    static func column(_ buffer: UnsafeBufferPointer<UInt8>, _ offset: Int) -> Int {
        var c = 1
        for i in 0..<min(offset, buffer.count) where buffer[i] & 0xC0 != 0x80 { c += 1 }
        return c
    }
}

/// Export readers lent to conversion jobs, one per job running at a time: each reader keeps
/// its sharing caches (a few MB) across jobs and batches, and there are never more of them
/// than threads. A job takes one for its whole run of lines, so the lock is taken twice a job.
final class ReaderPool: @unchecked Sendable {
    private var free: [ExportRecordReader] = []
    private let lock = NSLock()

    func take() -> ExportRecordReader {
        lock.lock()
        defer { lock.unlock() }
        return free.popLast() ?? ExportRecordReader()
    }

    func put(_ reader: consuming ExportRecordReader) {
        lock.lock()
        free.append(reader)
        lock.unlock()
    }
}
