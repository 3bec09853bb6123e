import Foundation

/// One retry the client made: which attempt failed, why, and how long it waited.
public struct RetryRecord: Sendable, Hashable, CustomStringConvertible {
    /// The attempt that failed (1-based).
    public var attempt: Int
    /// `HTTP 429`, `HTTP 503`, `no response within 2 s`, `HTTP 401 (token refreshed)`, ...
    public var reason: String
    /// Seconds waited before the next attempt.
    public var delay: Double

    public init(attempt: Int, reason: String, delay: Double) {
        self.attempt = attempt
        self.reason = reason
        self.delay = delay
    }

    public var description: String { "attempt \(attempt): \(reason), retry in \(TransportFailure.format(delay)) s" }
}

/// A successful exchange and what it took.
public struct HTTPExchange: Sendable {
    public var response: HTTPResponseData
    public var attempts: Int
    public var retries: [RetryRecord]
}

/// Where debug output goes (`--debug`). Only request lines, statuses, sizes and timings are
/// written; `Authorization` is always redacted and bodies are never written (token
/// endpoint bodies hold assertions, refresh tokens and secrets).
public struct DebugLog: Sendable {
    public let write: @Sendable (String) -> Void
    public init(_ write: @escaping @Sendable (String) -> Void) { self.write = write }

    /// Header values never shown.
    static let redactedHeaders: Set<String> = ["authorization", "proxy-authorization", "cookie", "x-goog-iam-authorization-token"]

    static func render(_ request: HTTPRequestSpec, attempt: Int) -> String {
        var s = "http: \(request.method) \(request.url.absoluteString) (attempt \(attempt))"
        for h in request.headers {
            let value = redactedHeaders.contains(h.name.lowercased()) ? redact(h.value) : h.value
            s += "\n  \(h.name): \(value)"
        }
        return s
    }

    /// Keeps the scheme word (`Bearer`) so a reader can tell which kind of credential went.
    static func redact(_ value: String) -> String {
        if let space = value.firstIndex(of: " ") { return value[..<space] + " <redacted>" }
        return "<redacted>"
    }
}

/// HTTP with retries, backoff, `Retry-After`, a per-call time budget and bearer tokens.
///
/// A 401 makes the token source refresh once and the request go again at once (a token
/// may expire or be revoked mid-scan); that extra attempt is recorded as a retry but does
/// not count against `maxAttempts`.
public struct HTTPClient: Sendable {
    public typealias Jitter = @Sendable (_ ceiling: Double) -> Double

    public let transport: any HTTPTransport
    public let policy: RetryPolicy
    public let clock: any LiveClock
    public let jitter: Jitter
    public let debug: DebugLog?
    /// Paces every attempt (retries included) when set.
    public var limiter: RequestRateLimiter?

    public init(transport: any HTTPTransport = URLSessionTransport(), policy: RetryPolicy = RetryPolicy(),
                clock: any LiveClock = SystemClock(), jitter: @escaping Jitter = { Double.random(in: 0...max(0, $0)) },
                debug: DebugLog? = nil, limiter: RequestRateLimiter? = nil) {
        self.transport = transport
        self.policy = policy
        self.clock = clock
        self.jitter = jitter
        self.debug = debug
        self.limiter = limiter
    }

    /// Sends `request` until it succeeds (2xx) or the policy gives up. Throws `LiveError`
    /// (or `CancellationError`). `onRetry` sees each retry before its wait.
    public func send(_ request: HTTPRequestSpec, auth: (any AccessTokenSource)? = nil,
                     onRetry: (@Sendable (RetryRecord) -> Void)? = nil) async throws -> HTTPExchange {
        let start = clock.monotonicSeconds()
        var attempt = 0
        var counted = 0
        var retries: [RetryRecord] = []
        var refreshed = false
        var forceRefresh = false
        let url = request.url.absoluteString
        while true {
            attempt += 1
            counted += 1
            var req = request
            if let auth {
                let token = try await auth.token(forceRefresh: forceRefresh)
                forceRefresh = false
                req.setHeader("Authorization", "Bearer \(token.value)")
                if let quota = auth.quotaProject, req.header("x-goog-user-project") == nil {
                    req.setHeader("x-goog-user-project", quota)
                }
            }
            try await limiter?.acquire()
            let sentAt = clock.monotonicSeconds()
            debug?.write(DebugLog.render(req, attempt: attempt))
            let failure: LiveError
            var retryAfter: Double?
            do {
                let response = try await transport.send(req, timeout: policy.requestTimeout)
                debug?.write("http: \(response.status) \(req.method) \(url) \(response.body.count) bytes in \(Self.ms(clock.monotonicSeconds() - sentAt)) ms")
                if (200..<300).contains(response.status) {
                    return HTTPExchange(response: response, attempts: attempt, retries: retries)
                }
                let f = HTTPFailure(status: response.status, apiError: GoogleAPIError.parse(response.body),
                                    method: req.method, url: url)
                if response.status == 401, auth != nil, !refreshed {
                    refreshed = true
                    forceRefresh = true
                    counted -= 1
                    let r = RetryRecord(attempt: attempt, reason: "HTTP 401 (token refreshed)", delay: 0)
                    retries.append(r)
                    onRetry?(r)
                    continue
                }
                guard policy.retryableStatuses.contains(response.status) else { throw LiveError.http(f) }
                failure = .http(f)
                if let value = response.header("retry-after") {
                    retryAfter = RetryAfter.seconds(value, now: clock.now())
                }
            } catch let t as TransportFailure {
                debug?.write("http: \(t) for \(req.method) \(url)")
                failure = .transport(t, url: url)
            }
            guard counted < policy.maxAttempts else {
                throw policy.maxAttempts == 1 ? failure : LiveError.retriesExhausted(attempts: attempt, last: failure)
            }
            let delay = retryAfter ?? max(0, jitter(policy.backoffCeiling(retry: counted)))
            let elapsed = clock.monotonicSeconds() - start
            if elapsed + delay > policy.totalBudget {
                throw LiveError.budgetExhausted(seconds: policy.totalBudget, attempts: attempt, last: failure)
            }
            let record = RetryRecord(attempt: attempt, reason: Self.reason(failure), delay: delay)
            retries.append(record)
            onRetry?(record)
            debug?.write("http: retrying \(req.method) \(url): \(record)")
            try await clock.sleep(seconds: delay)
        }
    }

    static func reason(_ e: LiveError) -> String {
        switch e {
        case .http(let f): "HTTP \(f.status)"
        case .transport(let t, _): t.description
        default: e.description
        }
    }

    static func ms(_ s: Double) -> String { String(format: "%.1f", s * 1000) }
}
