import Foundation

/// Everything a live fetch needs; the `tollgate live` command fills it from flags and the
/// environment and hands it to `LiveScanner`.
public struct LiveOptions: Sendable {
    public var scope: ScanScope
    /// `--asset-types`: asset types (or RE2 patterns) to list; empty lists all.
    public var assetTypes: [String]
    /// `--read-time`: an RFC 3339 timestamp to snapshot at (the API allows the last 35 days).
    public var readTime: String?
    /// Assets per page, 1...1000.
    public var pageSize: Int
    /// `--concurrency`: projects fetched at once.
    public var concurrency: Int
    /// `--shard I/N` (or Cloud Run's task index/count).
    public var shard: Shard?
    public var endpoints: Endpoints
    /// `--access-token-file`.
    public var accessTokenFile: String?
    public var retry: RetryPolicy
    /// Pace Cloud Asset Inventory requests to stay under quota (nil: no pacing).
    public var maxRequestsPerMinute: Int?
    /// The environment credentials are looked up in.
    public var environment: [String: String]

    public init(scope: ScanScope, assetTypes: [String] = [], readTime: String? = nil, pageSize: Int = 1000,
                concurrency: Int = 4, shard: Shard? = nil, endpoints: Endpoints = Endpoints(),
                accessTokenFile: String? = nil, retry: RetryPolicy = RetryPolicy(), maxRequestsPerMinute: Int? = nil,
                environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.scope = scope
        self.assetTypes = assetTypes
        self.readTime = readTime
        self.pageSize = pageSize
        self.concurrency = concurrency
        self.shard = shard
        self.endpoints = endpoints
        self.accessTokenFile = accessTokenFile
        self.retry = retry
        self.maxRequestsPerMinute = maxRequestsPerMinute
        self.environment = environment
    }

    /// Checks what the API would reject anyway, before any request.
    public func validate() throws {
        if case .projects(let p) = scope {
            guard !p.isEmpty else { throw LiveError.configuration("no project to scan: give --project, --folder or --organization") }
            for id in p where !ScanScope.isProjectID(id) {
                throw LiveError.configuration("--project \(id): not a project ID or number")
            }
        }
        if let readTime, RFC3339.parse(readTime) == nil {
            throw LiveError.configuration("--read-time \(readTime): not an RFC 3339 timestamp (e.g. 2026-01-31T00:00:00Z)")
        }
        guard (1...1000).contains(pageSize) else { throw LiveError.configuration("page size must be in 1...1000 (got \(pageSize))") }
        guard concurrency >= 1 else { throw LiveError.configuration("--concurrency must be at least 1 (got \(concurrency))") }
        if let r = maxRequestsPerMinute, r < 1 {
            throw LiveError.configuration("requests per minute must be at least 1 (got \(r))")
        }
    }
}

extension ScanScope {
    /// Project IDs (6–30 of `a-z0-9-`, starting with a letter) or project numbers; a
    /// `projects/` prefix is accepted. Legacy domain-scoped IDs (`example.com:proj`) too.
    static func isProjectID(_ s: String) -> Bool {
        let id = s.hasPrefix("projects/") ? String(s.dropFirst(9)) : s
        guard !id.isEmpty, id.utf8.count <= 100 else { return false }
        return id.utf8.allSatisfy { b in
            (b >= 0x61 && b <= 0x7A) || (b >= 0x30 && b <= 0x39) || b == 0x2D || b == 0x2E || b == 0x3A
        }
    }

    static func normalizedProject(_ s: String) -> String { s.hasPrefix("projects/") ? String(s.dropFirst(9)) : s }
}
