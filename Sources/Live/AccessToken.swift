import Foundation

/// An OAuth 2.0 access token. Its value is never printed: `description` and
/// `debugDescription` redact it, so string interpolation cannot leak it into logs.
public struct AccessToken: Sendable, Hashable, CustomStringConvertible, CustomDebugStringConvertible {
    public let value: String
    /// When the token stops working; nil when unknown (a token handed over as-is).
    public let expiresAt: Date?

    public init(value: String, expiresAt: Date?) {
        self.value = value
        self.expiresAt = expiresAt
    }

    public var description: String {
        if let expiresAt { return "AccessToken(<redacted>, expires \(expiresAt.timeIntervalSince1970))" }
        return "AccessToken(<redacted>)"
    }
    public var debugDescription: String { description }
}

/// Something that hands out bearer tokens for API calls.
public protocol AccessTokenSource: Sendable {
    /// A token valid for at least a while; `forceRefresh` after the API said 401.
    func token(forceRefresh: Bool) async throws -> AccessToken
    /// The project billed for quota (`x-goog-user-project`), needed with user credentials.
    var quotaProject: String? { get }
}

/// Obtains a fresh token from one credential source (one network exchange or file read).
protocol TokenFetcher: Sendable {
    func fetch() async throws -> AccessToken
}

/// Caches a fetcher's token and refreshes it before it expires: when less than a quarter of
/// its lifetime, at most five minutes, is left (Google's client libraries refresh 3¾–5
/// minutes early; a quarter keeps short-lived tokens from being refreshed on every call).
/// Concurrent callers share one refresh.
public actor CachedTokenSource: AccessTokenSource {
    private let fetcher: any TokenFetcher
    private let clock: any LiveClock
    public nonisolated let quotaProject: String?
    private var current: AccessToken?
    private var refreshAt: Date?
    private var inFlight: Task<AccessToken, any Error>?
    /// Tokens fetched so far (tests assert refresh behaviour with it).
    public private(set) var fetchCount = 0

    static let maxRefreshMargin: Double = 300

    init(fetcher: any TokenFetcher, clock: any LiveClock, quotaProject: String?) {
        self.fetcher = fetcher
        self.clock = clock
        self.quotaProject = quotaProject
    }

    public func token(forceRefresh: Bool) async throws -> AccessToken {
        if !forceRefresh, let current, refreshAt.map({ clock.now() < $0 }) ?? true { return current }
        if let inFlight { return try await inFlight.value }
        let fetcher = self.fetcher
        let task = Task { try await fetcher.fetch() }
        inFlight = task
        defer { inFlight = nil }
        let token = try await task.value
        fetchCount += 1
        current = token
        if let expiresAt = token.expiresAt {
            let lifetime = max(0, expiresAt.timeIntervalSince(clock.now()))
            refreshAt = expiresAt.addingTimeInterval(-min(Self.maxRefreshMargin, lifetime / 4))
        } else {
            refreshAt = nil
        }
        return token
    }
}
