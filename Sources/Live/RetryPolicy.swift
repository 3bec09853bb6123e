import Foundation

/// How one logical call is retried: which failures, how long to wait, when to give up.
///
/// Backoff is exponential with full jitter (the wait before retry *n* is uniform in
/// `[0, min(maxBackoff, initialBackoff * multiplier^(n-1))]`), as Google's API client
/// libraries and the AWS architecture note "Exponential Backoff and Jitter" recommend so
/// that many clients hit by the same outage do not retry in lockstep. A `Retry-After`
/// header (RFC 9110 §10.2.3), in seconds or as an HTTP-date, replaces the computed wait.
public struct RetryPolicy: Sendable, Hashable {
    /// Attempts in all, the first included.
    public var maxAttempts: Int
    public var initialBackoff: Double
    public var maxBackoff: Double
    public var multiplier: Double
    /// Seconds one attempt may take before it counts as a timeout.
    public var requestTimeout: Double
    /// Seconds the whole call (all attempts and waits) may take; a wait that would cross it
    /// is not started.
    public var totalBudget: Double
    /// Statuses that are retried: rate limiting and transient server errors. Other 4xx are
    /// the caller's problem and 501 means "never".
    public var retryableStatuses: Set<Int>

    public init(maxAttempts: Int = 6, initialBackoff: Double = 1, maxBackoff: Double = 32, multiplier: Double = 2,
                requestTimeout: Double = 60, totalBudget: Double = 300,
                retryableStatuses: Set<Int> = [429, 500, 502, 503, 504]) {
        self.maxAttempts = max(1, maxAttempts)
        self.initialBackoff = initialBackoff
        self.maxBackoff = maxBackoff
        self.multiplier = multiplier
        self.requestTimeout = requestTimeout
        self.totalBudget = totalBudget
        self.retryableStatuses = retryableStatuses
    }

    /// The cap of the jittered wait before retry number `retry` (1-based).
    public func backoffCeiling(retry: Int) -> Double {
        min(maxBackoff, initialBackoff * pow(multiplier, Double(max(0, retry - 1))))
    }
}

/// `Retry-After` (RFC 9110 §10.2.3): `delay-seconds` or an `HTTP-date` in any of the three
/// formats of §5.6.7 (IMF-fixdate, obsolete RFC 850, asctime).
public enum RetryAfter {
    /// Seconds to wait from `now`, never negative; nil when the value is neither form.
    public static func seconds(_ value: String, now: Date) -> Double? {
        let v = value.trimmingCharacters(in: .whitespaces)
        if !v.isEmpty, v.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) {
            return Double(v)   // digits only: delay-seconds (may be large; callers cap)
        }
        guard let date = httpDate(v) else { return nil }
        return max(0, date.timeIntervalSince(now))
    }

    /// Parses an HTTP-date.
    public static func httpDate(_ s: String) -> Date? {
        // asctime pads the day with a space ("Nov  6"): fold runs of spaces first.
        let s = s.split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ")
        for format in formats {
            let f = DateFormatter()
            f.locale = Locale(identifier: "en_US_POSIX")
            f.timeZone = TimeZone(identifier: "GMT")
            f.dateFormat = format
            if let d = f.date(from: s) { return d }
        }
        return nil
    }

    private static let formats = [
        "EEE, dd MMM yyyy HH:mm:ss 'GMT'",   // IMF-fixdate: Sun, 06 Nov 1994 08:49:37 GMT
        "EEEE, dd-MMM-yy HH:mm:ss 'GMT'",    // RFC 850:    Sunday, 06-Nov-94 08:49:37 GMT
        "EEE MMM d HH:mm:ss yyyy",           // asctime:    Sun Nov  6 08:49:37 1994
    ]
}
