import Dispatch
import Foundation
import Synchronization

/// Work spread over the cores, shared by every stage (export loading, the graph, the policy
/// engine, report writing).
///
/// Splits `0..<count` into contiguous ranges, one per worker, and runs them on every core.
/// Callers write each range's results to their own slot and combine them in range order, so
/// the result never depends on the number of cores or on scheduling.
package enum ParallelRanges {
    /// The cores, at most eight; `TOLLGATE_THREADS` overrides (1 turns parallel work off, e.g.
    /// on a CI runner shared with other jobs).
    package static let cores: Int = {
        if let s = ProcessInfo.processInfo.environment["TOLLGATE_THREADS"], let n = Int(s), n >= 1 { return min(n, 64) }
        return min(max(ProcessInfo.processInfo.activeProcessorCount, 1), 8)
    }()

    /// How many ranges `count` items make when a range should hold at least `minimum` items
    /// (a thread hand-off costs more than a few small items).
    package static func workers(for count: Int, minimum: Int, limit: Int? = nil) -> Int {
        max(1, min(limit ?? cores, count / max(minimum, 1)))
    }

    /// Jobs for `tasks`: contiguous ranges of `0..<count` of at least `minimum` items, about
    /// four per worker, so a thread that finishes a cheap range early takes another instead
    /// of waiting on a costly one; one range when one worker is all it is worth.
    package static func jobs(count: Int, minimum: Int, limit: Int? = nil) -> [Range<Int>] {
        let workers = workers(for: count, minimum: minimum, limit: limit)
        let jobs = workers == 1 ? 1 : min(4 * workers, count / max(minimum, 1))
        return (0..<jobs).map { range($0, of: jobs, count: count) }
    }

    /// The `w`-th of `workers` ranges of `0..<count`.
    package static func range(_ w: Int, of workers: Int, count: Int) -> Range<Int> {
        (count * w / workers)..<(count * (w + 1) / workers)
    }

    /// Runs `body(w, range)` for every range, concurrently when there is more than one, and
    /// returns the results in range order.
    package static func map<T>(count: Int, minimum: Int, limit: Int? = nil, _ body: (Int, Range<Int>) -> T) -> [T] {
        let workers = workers(for: count, minimum: minimum, limit: limit)
        if workers == 1 { return [body(0, 0..<count)] }
        var slots = [T?](repeating: nil, count: workers)
        slots.withUnsafeMutableBufferPointer { buf in
            let out = UnsafeSendable(buf.baseAddress!)
            // `body` runs on other threads while this call waits: it must only read shared
            // state; each worker writes only its own slot.
            withoutActuallyEscaping(body) { body in
                let work = UnsafeSendable(body)
                DispatchQueue.concurrentPerform(iterations: workers) { w in
                    (out.value + w).pointee = work.value(w, range(w, of: workers, count: count))
                }
            }
        }
        return slots.map { $0! }
    }

    /// Runs `n` independent tasks on every core and returns their results in task order. The
    /// tasks are handed out in order as threads become free (one shared counter), so a long
    /// task beside short ones does not leave a core idle. `work` must only read shared state;
    /// each task may use what it alone was given.
    package static func tasks<T>(_ n: Int, _ work: (Int) -> T) -> [T] {
        if n == 0 { return [] }
        let workers = min(n, cores)
        if workers == 1 { return (0..<n).map(work) }
        var slots = [T?](repeating: nil, count: n)
        let counter = TaskCounter()
        slots.withUnsafeMutableBufferPointer { buf in
            let out = UnsafeSendable(buf.baseAddress!)
            withoutActuallyEscaping(work) { work in
                let task = UnsafeSendable(work)
                DispatchQueue.concurrentPerform(iterations: workers) { _ in
                    while true {
                        let i = counter.next()
                        if i >= n { break }
                        (out.value + i).pointee = task.value(i)
                    }
                }
            }
        }
        return slots.map { $0! }
    }

    private final class TaskCounter: Sendable {
        private let value = Atomic<Int>(0)
        func next() -> Int { value.wrappingAdd(1, ordering: .relaxed).oldValue }
    }

    private struct UnsafeSendable<V>: @unchecked Sendable {
        let value: V
        init(_ value: V) { self.value = value }
    }
}
