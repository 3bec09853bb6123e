import Foundation
import HCL

/// Fetches every resource and IAM policy in scope from Cloud Asset Inventory.
///
/// ```swift
/// let snapshot = try await LiveScanner(options: options).fetch()
/// ```
///
/// Projects are fetched `concurrency` at a time; each project lists RESOURCE then
/// IAM_POLICY content, every page, and merges both per asset name. A project that fails
/// (403, 404, retries or time budget exhausted, malformed page) is recorded in its outcome
/// and contributes no assets; the others go on. Only problems that leave nothing to scan
/// (bad options, no credentials, a folder or organization that cannot be listed) throw.
///
/// Folder and organization scans first list the projects, folders and the organization
/// under the parent (one paged listing), then scan each active project on its own, so
/// projects run in parallel, fail one by one, and can be sharded across machines. Folder
/// and organization assets (with their IAM policies) belong to shard 0.
package struct LiveScanner: Sendable {
    package let options: LiveOptions
    package let http: HTTPClient
    package let progress: (any LiveProgress)?
    private let credentials: ResolvedCredentials?

    static let projectType = "cloudresourcemanager.googleapis.com/Project"
    static let folderType = "cloudresourcemanager.googleapis.com/Folder"
    static let organizationType = "cloudresourcemanager.googleapis.com/Organization"

    /// `credentials` nil: resolved from `options` (see `CredentialResolver`) at fetch time.
    package init(options: LiveOptions, http: HTTPClient? = nil, credentials: ResolvedCredentials? = nil,
                progress: (any LiveProgress)? = nil) {
        self.options = options
        // Enough connections for every project in flight plus token refreshes: a request
        // queued inside URLSession would spend its timeout waiting for a connection.
        self.http = http ?? HTTPClient(transport: URLSessionTransport(maxConnectionsPerHost: max(8, options.concurrency + 2)),
                                       policy: options.retry)
        self.credentials = credentials
        self.progress = progress
    }

    package func resolveCredentials() throws -> ResolvedCredentials {
        if let credentials { return credentials }
        return try CredentialResolver(accessTokenFile: options.accessTokenFile, environment: options.environment,
                                      endpoints: options.endpoints, http: http).resolve()
    }

    package func fetch() async throws -> LiveSnapshot {
        try options.validate()
        let creds = try resolveCredentials()
        let startedAt = http.clock.now()
        // A first token now: broken credentials stop the scan with one clear error instead
        // of failing every project the same way.
        _ = try await creds.tokens.token(forceRefresh: false)
        var caiHTTP = http
        if let rpm = options.maxRequestsPerMinute { caiHTTP.limiter = RequestRateLimiter(perMinute: rpm, clock: http.clock) }
        let client = AssetInventoryClient(http: caiHTTP, tokens: creds.tokens, endpoint: options.endpoints.assetInventory,
                                          pageSize: options.pageSize, assetTypes: options.assetTypes, readTime: options.readTime)

        let heartbeat = startHeartbeat()
        defer { heartbeat?.cancel() }

        var outcomes: [ProjectOutcome] = []
        var assets: [FetchedAsset] = []
        var readTime = options.readTime
        let projects: [String]
        var skipped: [String: String] = [:]
        switch options.scope {
        case .projects(let ids):
            projects = ids.map(ScanScope.normalizedProject)
        case .folder, .organization:
            let h = try await listHierarchy(client)
            projects = h.projects
            skipped = h.skipped
            readTime = readTime ?? h.readTime
            if (options.shard?.index ?? 0) == 0 {
                assets += h.assets
                outcomes.append(h.outcome)
            }
        }
        let mine = options.shard.map { $0.select(projects) } ?? Array(Set(projects)).sorted()
        progress?.handle(.scopeResolved(projects: mine.count))

        var toScan: [String] = []
        for p in mine {
            if let why = skipped[p] {
                let o = ProjectOutcome(parent: "projects/\(p)", status: .skipped(why))
                outcomes.append(o)
                progress?.handle(.projectFinished(o))
            } else {
                toScan.append(p)
            }
        }

        let concurrency = options.concurrency
        try await withThrowingTaskGroup(of: ProjectResult.self) { group in
            var next = 0
            func launch() {
                let project = toScan[next]
                next += 1
                group.addTask { await self.scanProject(project, client: client) }
            }
            while next < toScan.count, next < concurrency { launch() }
            while let r = try await group.next() {
                outcomes.append(r.outcome)
                assets += r.assets
                if readTime == nil { readTime = r.readTime }
                progress?.handle(.projectFinished(r.outcome))
                if next < toScan.count { launch() }
            }
        }
        try Task.checkCancellation()
        progress?.handle(.finished)

        assets.sort { $0.name < $1.name }
        outcomes.sort { $0.parent < $1.parent }
        return LiveSnapshot(scope: options.scope, shard: options.shard, assets: assets, outcomes: outcomes,
                            readTime: readTime, startedAt: startedAt, finishedAt: http.clock.now(),
                            credentials: creds.origin, endpoint: options.endpoints.assetInventory.absoluteString)
    }

    private func startHeartbeat() -> Task<Void, Never>? {
        guard let progress, let interval = progress.heartbeatInterval else { return nil }
        return Task.detached {
            // Real time on purpose: the heartbeat is for people watching, and an injected
            // test clock would make it spin.
            while !Task.isCancelled {
                try? await Task.sleep(for: .milliseconds(Int64(interval * 1000)))
                if Task.isCancelled { break }
                progress.handle(.heartbeat)
            }
        }
    }

    struct ProjectResult: Sendable {
        var outcome: ProjectOutcome
        var assets: [FetchedAsset]
        var readTime: String?
    }

    /// Lists both content types of one project and merges them. Never throws: a failure
    /// becomes the outcome.
    func scanProject(_ project: String, client: AssetInventoryClient) async -> ProjectResult {
        let parent = "projects/\(project)"
        progress?.handle(.projectStarted(parent: parent))
        let t0 = http.clock.monotonicSeconds()
        let progress = self.progress
        let counters = Counters()
        let onResourcePage: @Sendable (Int) -> Void = { n in
            counters.page()
            progress?.handle(.pageFetched(parent: parent, assets: n))
        }
        let onPolicyPage: @Sendable (Int) -> Void = { _ in counters.page() }
        let onRetry: @Sendable (RetryRecord) -> Void = { r in
            counters.add(r)
            progress?.handle(.retrying(parent: parent, r))
        }
        do {
            let resources = try await client.list(parent: parent, contentType: .resource, onPage: onResourcePage, onRetry: onRetry)
            let policies = try await client.list(parent: parent, contentType: .iamPolicy, onPage: onPolicyPage, onRetry: onRetry)
            let merged = Self.merge(resources: resources.assets, policies: policies.assets, scope: parent)
            let outcome = ProjectOutcome(parent: parent, status: .complete, assets: merged.count, pages: counters.pages,
                                         requests: counters.requests(failed: false), retries: counters.records,
                                         seconds: http.clock.monotonicSeconds() - t0)
            return ProjectResult(outcome: outcome, assets: merged, readTime: resources.readTime ?? policies.readTime)
        } catch {
            let e: LiveError = (error as? LiveError)
                ?? .transport(.connection(error is CancellationError ? "cancelled" : "\(error)"), url: parent)
            let outcome = ProjectOutcome(parent: parent, status: .failed(e), assets: 0, pages: counters.pages,
                                         requests: counters.requests(failed: true), retries: counters.records,
                                         seconds: http.clock.monotonicSeconds() - t0)
            return ProjectResult(outcome: outcome, assets: [], readTime: nil)
        }
    }

    /// RESOURCE and IAM_POLICY content of the same asset merged into one API-shaped object.
    /// An asset present only in the IAM_POLICY listing is kept as it came.
    static func merge(resources: [Value], policies: [Value], scope: String) -> [FetchedAsset] {
        var byName: [String: ValueObject] = [:]
        byName.reserveCapacity(resources.count)
        var order: [String] = []
        order.reserveCapacity(resources.count)
        for a in resources {
            guard let name = a["name"]?.stringValue, var obj = a.attributes else { continue }
            if let existing = byName[name] {
                obj.merge(existing) { new, _ in new }
            } else {
                order.append(name)
            }
            byName[name] = obj
        }
        for a in policies {
            guard let name = a["name"]?.stringValue, let obj = a.attributes else { continue }
            if var existing = byName[name] {
                if let p = obj["iamPolicy"] { existing["iamPolicy"] = p }
                for (k, v) in obj where existing[k] == nil { existing[k] = v }
                byName[name] = existing
            } else {
                byName[name] = obj
                order.append(name)
            }
        }
        return order.map { name in
            let obj = byName[name]!
            return FetchedAsset(name: name, assetType: obj["assetType"]?.stringValue ?? "", scope: scope, json: .object(obj))
        }
    }

    struct Hierarchy {
        var projects: [String]
        var skipped: [String: String]
        var assets: [FetchedAsset]
        var outcome: ProjectOutcome
        var readTime: String?
    }

    /// Projects, folders and the organization under a folder or organization.
    func listHierarchy(_ client: AssetInventoryClient) async throws -> Hierarchy {
        let parent = options.scope.hierarchyParent!
        progress?.handle(.projectStarted(parent: parent))
        let t0 = http.clock.monotonicSeconds()
        let progress = self.progress
        let counters = Counters()
        let onRetry: @Sendable (RetryRecord) -> Void = { r in
            counters.add(r)
            progress?.handle(.retrying(parent: parent, r))
        }
        let types = [Self.projectType, Self.folderType, Self.organizationType]
        let resources: AssetInventoryClient.Listing
        let policies: AssetInventoryClient.Listing
        do {
            resources = try await client.list(parent: parent, contentType: .resource, assetTypes: types,
                                              onPage: { _ in counters.page() }, onRetry: onRetry)
            policies = try await client.list(parent: parent, contentType: .iamPolicy,
                                             assetTypes: [Self.folderType, Self.organizationType],
                                             onPage: { _ in counters.page() }, onRetry: onRetry)
        } catch let e as LiveError {
            throw LiveError.configuration("cannot list the projects under \(parent): \(e)")
        }
        var projects: [String] = []
        var skipped: [String: String] = [:]
        var hierarchyResources: [Value] = []
        for a in resources.assets {
            switch a["assetType"]?.stringValue {
            case Self.projectType:
                let data = a[path: ["resource", "data"]]
                let name = a["name"]?.stringValue ?? ""
                guard let id = data?["projectId"]?.stringValue ?? name.split(separator: "/").last.map(String.init) else { continue }
                projects.append(id)
                if let state = data?["lifecycleState"]?.stringValue, state != "ACTIVE" {
                    skipped[id] = "lifecycleState \(state)"
                }
            default:
                hierarchyResources.append(a)
            }
        }
        let merged = Self.merge(resources: hierarchyResources,
                                policies: policies.assets.filter { $0["assetType"]?.stringValue != Self.projectType },
                                scope: parent)
        let outcome = ProjectOutcome(parent: parent, status: .complete, assets: merged.count,
                                     pages: counters.pages, requests: counters.requests(failed: false),
                                     retries: counters.records, seconds: http.clock.monotonicSeconds() - t0)
        progress?.handle(.projectFinished(outcome))
        return Hierarchy(projects: projects, skipped: skipped, assets: merged, outcome: outcome,
                         readTime: resources.readTime)
    }
}

/// Pages and retries seen by one project's listings (callbacks run on other tasks).
/// Requests = successful pages + retried attempts + the final failed attempt, if any.
final class Counters: @unchecked Sendable {
    private let lock = NSLock()
    private var list: [RetryRecord] = []
    private var pageCount = 0

    func add(_ r: RetryRecord) {
        lock.lock()
        list.append(r)
        lock.unlock()
    }

    func page() {
        lock.lock()
        pageCount += 1
        lock.unlock()
    }

    var records: [RetryRecord] {
        lock.lock()
        defer { lock.unlock() }
        return list
    }

    var pages: Int {
        lock.lock()
        defer { lock.unlock() }
        return pageCount
    }

    func requests(failed: Bool) -> Int {
        lock.lock()
        defer { lock.unlock() }
        return pageCount + list.count + (failed ? 1 : 0)
    }
}
