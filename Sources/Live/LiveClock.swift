import Foundation

/// Time as the live client sees it: wall-clock time (token expiry, `Retry-After` dates),
/// monotonic time (budgets, rates) and sleeping (backoff). Injected so tests run a scan full
/// of backoffs in milliseconds and can assert the exact delays taken.
public protocol LiveClock: Sendable {
    /// Wall-clock time.
    func now() -> Date
    /// Seconds since an arbitrary fixed origin; never goes backwards.
    func monotonicSeconds() -> Double
    /// Sleeps; throws `CancellationError` when the task is cancelled.
    func sleep(seconds: Double) async throws
}

/// The real clock: `Date()`, `ContinuousClock`, `Task.sleep`.
public struct SystemClock: LiveClock {
    private let origin = ContinuousClock.now

    public init() {}

    public func now() -> Date { Date() }

    public func monotonicSeconds() -> Double {
        let d = ContinuousClock.now - origin
        return Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
    }

    public func sleep(seconds: Double) async throws {
        guard seconds > 0 else { return }
        try await Task.sleep(for: .milliseconds(Int64((seconds * 1000).rounded(.up))))
    }
}
