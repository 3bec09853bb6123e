import Foundation
import Policy

/// A report file being written while it is rendered. A reporter that supports it moves its
/// buffer here every megabyte or so (`drain`), so a report of hundreds of MB is never held
/// whole in memory, and the kernel copies it into the page cache from a buffer still in the
/// CPU cache instead of from hundreds of MB of freshly faulted pages (docs/benchmarks.md,
/// "Live command").
final class ReportSpill {
    /// Bytes a buffer may hold before it is drained.
    static let threshold = 1 << 20

    private let fd: Int32
    /// `errno` of the first write that failed; later writes are skipped, and the writer
    /// reports it once rendering is done.
    private(set) var failure: Int32?

    init(fd: Int32) { self.fd = fd }

    func write(_ bytes: UnsafeRawBufferPointer) {
        guard failure == nil, var p = bytes.baseAddress else { return }
        var left = bytes.count
        while left > 0 {
            let n = Foundation.write(fd, p, left)
            if n < 0 {
                if errno == EINTR { continue }
                failure = errno
                return
            }
            p += n
            left -= n
        }
    }

    func write(_ bytes: ArraySlice<UInt8>) {
        bytes.withUnsafeBytes { write($0) }
    }

    /// Writes `out` and empties it (keeping its capacity) once it holds `threshold` bytes.
    @inline(__always) func drain(_ out: inout [UInt8]) {
        if out.count >= Self.threshold { flush(&out) }
    }

    /// Writes whatever `out` holds and empties it.
    func flush(_ out: inout [UInt8]) {
        out.withUnsafeBytes { write($0) }
        out.removeAll(keepingCapacity: true)
    }
}

/// A reporter that can write its file in pieces as it renders (the large formats). The bytes
/// are exactly those of `render(normalized:)`.
protocol SpillingReporter: Reporter {
    func render(normalized result: ScanResult, spill: ReportSpill)
}
