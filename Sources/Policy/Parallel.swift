import Dispatch

/// Work spread over the machine's cores.
enum Parallel {
    /// `work(0..<n)` on as many threads as the machine offers, the results in index order.
    /// `work` must only read shared state; each call may use what it alone was given.
    static func map<T>(_ n: Int, _ work: (Int) -> T) -> [T] {
        let results = UnsafeMutableBufferPointer<T?>.allocate(capacity: n)
        results.initialize(repeating: nil)
        defer {
            results.deinitialize()
            results.deallocate()
        }
        // Each index is written by one worker only, and `concurrentPerform` returns after every
        // worker has finished, so the buffer needs no lock.
        withoutActuallyEscaping(work) { work in
            let box = UncheckedBox(work: work, results: results)
            DispatchQueue.concurrentPerform(iterations: n) { i in box.results[i] = box.work(i) }
        }
        return results.map { $0! }
    }

    private struct UncheckedBox<T>: @unchecked Sendable {
        let work: (Int) -> T
        let results: UnsafeMutableBufferPointer<T?>
    }
}
