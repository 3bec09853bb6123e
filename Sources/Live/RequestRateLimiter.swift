/// Spaces request starts so that no more than `perMinute` begin in any minute: Cloud Asset
/// Inventory allows 100 `ListAssets` calls per minute per consumer project and 800 per
/// minute per organization (docs: "Quotas and limits"). Staying under the quota is cheaper
/// than being answered 429 and backing off.
public actor RequestRateLimiter {
    public let perMinute: Int
    private let clock: any LiveClock
    private var nextSlot: Double?

    public init(perMinute: Int, clock: any LiveClock) {
        self.perMinute = max(1, perMinute)
        self.clock = clock
    }

    /// Waits for this request's slot.
    public func acquire() async throws {
        let interval = 60.0 / Double(perMinute)
        let now = clock.monotonicSeconds()
        let slot = max(now, nextSlot ?? now)
        nextSlot = slot + interval
        if slot > now { try await clock.sleep(seconds: slot - now) }
    }
}
