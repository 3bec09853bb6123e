import Foundation
import HCL
import Testing
@testable import Live

/// Live fetches against the fake Cloud Asset Inventory on loopback, with faults injected.
@Suite(.serialized) struct LiveScannerTests {
    static let token = "static-test-token"

    func options(_ fake: FakeGoogle, _ projects: [String], pageSize: Int = 2, concurrency: Int = 1,
                 env: [String: String]? = nil) -> LiveOptions {
        LiveOptions(scope: .projects(projects), pageSize: pageSize, concurrency: concurrency,
                    endpoints: Endpoints(assetInventory: fake.baseURL),
                    environment: env ?? ["GOOGLE_OAUTH_ACCESS_TOKEN": Self.token])
    }

    func scan(_ fake: FakeGoogle, _ projects: [String], clock: VirtualClock, policy: RetryPolicy? = nil,
              pageSize: Int = 2, concurrency: Int = 1, env: [String: String]? = nil,
              progress: (any LiveProgress)? = nil, debug: DebugLog? = nil) async throws -> LiveSnapshot {
        fake.accept(Self.token)
        let http = HTTPClient.test(clock: clock, policy: policy ?? RetryPolicy(maxAttempts: 4, requestTimeout: 5), debug: debug)
        let scanner = LiveScanner(options: options(fake, projects, pageSize: pageSize, concurrency: concurrency, env: env),
                                  http: http, progress: progress)
        return try await scanner.fetch()
    }

    func outcome(_ s: LiveSnapshot, _ parent: String) throws -> ProjectOutcome {
        try #require(s.outcomes.first { $0.parent == parent })
    }

    @Test func fetchesEveryPageOfBothContentTypesAndMergesThem() async throws {
        let fake = try await FakeGoogle.start()
        let n1 = CAI.populate(fake, project: "p1", buckets: 5, number: 1001)
        let n2 = CAI.populate(fake, project: "p2", buckets: 2, number: 1002)
        fake.addEmpty(parent: "projects/p3")
        let clock = VirtualClock()
        let s = try await scan(fake, ["p2", "p1", "p3", "p1"], clock: clock)
        await fake.stop()

        #expect(s.assets.map(\.name) == (n1 + n2).sorted())
        #expect(s.isComplete)
        #expect(s.outcomes.map(\.parent) == ["projects/p1", "projects/p2", "projects/p3"])
        // p1: RESOURCE 6 assets in pages of 2 = 3 pages; IAM_POLICY 5 = 3 pages.
        let o1 = try outcome(s, "projects/p1")
        #expect(o1.status == .complete)
        #expect([o1.assets, o1.pages, o1.requests, o1.retries.count] as [Int] == [6, 6, 6, 0])
        let o2 = try outcome(s, "projects/p2")
        #expect([o2.assets, o2.pages, o2.requests, o2.retries.count] as [Int] == [3, 3, 3, 0])
        let o3 = try outcome(s, "projects/p3")
        #expect([o3.assets, o3.pages, o3.requests] as [Int] == [0, 2, 2])
        #expect(s.totalRequests == 11)
        #expect(fake.caiRequests.count == 11)
        #expect(clock.sleeps.isEmpty)
        #expect(s.readTime == "2026-11-20T00:00:00Z")
        #expect(s.credentials == .accessTokenEnvironment)

        // Merged: the bucket has its resource and its IAM policy; the SQL instance only a resource.
        let bucket = try #require(s.assets.first { $0.name == "//storage.googleapis.com/p1-bucket-3" })
        #expect(bucket.scope == "projects/p1")
        #expect(bucket.assetType == "storage.googleapis.com/Bucket")
        #expect(bucket.resourceData?[path: ["iamConfiguration", "uniformBucketLevelAccess", "enabled"]] == .bool(true))
        #expect(bucket.iamPolicy?["bindings"]?.elements?.first?["members"] == .tuple(["allUsers"]))
        #expect(bucket.ancestors == ["projects/1001", "organizations/42"])
        #expect(bucket.updateTime == "2026-11-19T10:00:00.123Z")
        let db = try #require(s.assets.first { $0.assetType == "sqladmin.googleapis.com/Instance" && $0.scope == "projects/p2" })
        #expect(db.iamPolicy == nil)
        #expect(db.resourceData?["databaseVersion"] == .string("POSTGRES_16"))

        // The wire: both content types, the page size, page tokens escaped and echoed back.
        let p1 = fake.caiRequests.filter { $0.path == "/v1/projects/p1/assets" }
        #expect(p1.map { $0.q("contentType") ?? "" } == ["RESOURCE", "RESOURCE", "RESOURCE", "IAM_POLICY", "IAM_POLICY", "IAM_POLICY"])
        #expect(p1.map { $0.q("pageToken") ?? "-" } == ["-", "pg+/2=", "pg+/4=", "-", "pg+/2=", "pg+/4="])
        #expect(p1.allSatisfy { $0.q("pageSize") == "2" && $0.bearer == Self.token })
    }

    @Test func assetTypesAndReadTimeAreSent() async throws {
        let fake = try await FakeGoogle.start()
        CAI.populate(fake, project: "p1", buckets: 3)
        fake.accept(Self.token)
        var opts = options(fake, ["p1"], pageSize: 10)
        opts.assetTypes = ["sqladmin.googleapis.com/Instance"]
        opts.readTime = "2026-11-01T00:00:00Z"
        let s = try await LiveScanner(options: opts, http: .test(clock: VirtualClock())).fetch()
        await fake.stop()
        #expect(s.assets.map(\.name) == ["//cloudsql.googleapis.com/projects/p1/instances/db"])
        #expect(s.readTime == "2026-11-01T00:00:00Z")
        let r = try #require(fake.caiRequests.first)
        #expect(r.query["assetTypes"] == ["sqladmin.googleapis.com/Instance"])
        #expect(r.q("readTime") == "2026-11-01T00:00:00Z")
    }

    @Test func rateLimitedPagesWaitAsRetryAfterSays() async throws {
        let fake = try await FakeGoogle.start()
        let names = CAI.populate(fake, project: "p1", buckets: 3)
        let clock = VirtualClock()
        fake.inject("projects/p1", .resource, page: 1, [.googleError(429, "RESOURCE_EXHAUSTED", "Quota exceeded", headers: ["Retry-After": "7"])])
        // An HTTP-date 30 s after the scan started; the client is 7 s in by then, so 23 s remain.
        let date = Self.httpDate(clock.base.addingTimeInterval(30))
        fake.inject("projects/p1", .iamPolicy, page: 0, [.googleError(429, "RESOURCE_EXHAUSTED", "Quota exceeded", headers: ["Retry-After": date])])
        let s = try await scan(fake, ["p1"], clock: clock)
        await fake.stop()
        #expect(s.assets.map(\.name) == names)
        #expect(clock.sleeps == [7, 23])
        let o = try outcome(s, "projects/p1")
        #expect(o.status == .complete)
        #expect(o.retries == [RetryRecord(attempt: 1, reason: "HTTP 429", delay: 7), RetryRecord(attempt: 1, reason: "HTTP 429", delay: 23)])
        #expect([o.pages, o.requests] as [Int] == [4, 6])
    }

    @Test func serviceUnavailableBurstsAreRetriedWithBackoffUntilExhausted() async throws {
        let fake = try await FakeGoogle.start()
        let n1 = CAI.populate(fake, project: "p1", buckets: 1)
        CAI.populate(fake, project: "p2", buckets: 1, number: 1002)
        let n3 = CAI.populate(fake, project: "p3", buckets: 1, number: 1003)
        let unavailable = FakeResponse.googleError(503, "UNAVAILABLE", "The service is currently unavailable.")
        fake.inject("projects/p1", .resource, page: 0, Array(repeating: unavailable, count: 3))
        fake.inject("projects/p2", .iamPolicy, page: 0, Array(repeating: unavailable, count: 4))
        let clock = VirtualClock()
        let s = try await scan(fake, ["p1", "p2", "p3"], clock: clock)
        await fake.stop()

        // Full jitter (pinned to half the ceiling here): 0.5, 1, 2 s.
        let o1 = try outcome(s, "projects/p1")
        #expect(o1.status == .complete)
        #expect(o1.retries.map(\.delay) == [0.5, 1, 2])
        #expect(o1.retries.map(\.reason) == ["HTTP 503", "HTTP 503", "HTTP 503"])
        #expect(o1.requests == 2 + 3)

        let o2 = try outcome(s, "projects/p2")
        guard case .failed(let e) = o2.status else { Issue.record("p2 should fail"); return }
        #expect(e.kind == "retries-exhausted")
        #expect(e.httpStatus == 503)
        #expect(e == .retriesExhausted(attempts: 4, last: .http(HTTPFailure(
            status: 503, apiError: GoogleAPIError(code: 503, status: "UNAVAILABLE", message: "The service is currently unavailable."),
            method: "GET", url: fake.baseURL.absoluteString + "/v1/projects/p2/assets?contentType=IAM_POLICY&pageSize=2"))))
        #expect(o2.assets == 0)
        #expect(o2.retries.count == 3)
        #expect(o2.requests == 1 + 4)   // the RESOURCE page, then four IAM_POLICY attempts

        // Nothing of p2 is in the snapshot; p1 and p3 are whole.
        #expect(s.assets.map(\.name) == (n1 + n3).sorted())
        #expect(!s.isComplete)
        #expect(s.failures.map(\.parent) == ["projects/p2"])
        #expect(clock.sleeps == [0.5, 1, 2, 0.5, 1, 2])
    }

    @Test func aSlowResponsePastTheTimeoutIsRetried() async throws {
        let fake = try await FakeGoogle.start()
        let names = CAI.populate(fake, project: "p1", buckets: 2)
        // The first answer to page 0 comes after 3 s; the client waits 0.5 s.
        fake.inject("projects/p1", .resource, page: 0, [FakeResponse(status: 200, body: Data("{}".utf8), delay: 3)])
        let clock = VirtualClock()
        let s = try await scan(fake, ["p1"], clock: clock, policy: RetryPolicy(maxAttempts: 3, requestTimeout: 0.5))
        await fake.stop()
        #expect(s.assets.map(\.name) == names)
        let o = try outcome(s, "projects/p1")
        #expect(o.retries == [RetryRecord(attempt: 1, reason: "no response within 0.5 s", delay: 0.5)])
        #expect(o.requests == o.pages + 1)
    }

    @Test func aMalformedPageFailsItsProjectOnly() async throws {
        let fake = try await FakeGoogle.start()
        let n1 = CAI.populate(fake, project: "p1", buckets: 2)
        CAI.populate(fake, project: "p2", buckets: 3, number: 1002)
        fake.inject("projects/p2", .resource, page: 1, [FakeResponse(status: 200, body: Data("{\"assets\":[{\"name\":\"x\",".utf8))])
        let s = try await scan(fake, ["p1", "p2"], clock: VirtualClock(), concurrency: 2)
        await fake.stop()
        #expect(s.assets.map(\.name) == n1)
        let o2 = try outcome(s, "projects/p2")
        guard case .failed(.malformedResponse(let url, let detail)) = o2.status else {
            Issue.record("expected a malformed-response failure, got \(o2.status)"); return
        }
        #expect(url.hasSuffix("/v1/projects/p2/assets?contentType=RESOURCE&pageSize=2&pageToken=pg%2B%2F2%3D"))
        #expect(detail == "invalid JSON at byte 23: expected a string key")
        #expect(o2.statusName == "malformed-response")
        #expect([o2.pages, o2.requests, o2.retries.count] as [Int] == [1, 2, 0])
        #expect(try outcome(s, "projects/p1").status == .complete)
    }

    @Test func aForbiddenProjectIsRecordedAndTheOthersScanned() async throws {
        let fake = try await FakeGoogle.start()
        let n1 = CAI.populate(fake, project: "p1", buckets: 2)
        CAI.populate(fake, project: "p2", buckets: 2, number: 1002)
        let n3 = CAI.populate(fake, project: "p3", buckets: 2, number: 1003)
        fake.forbid("projects/p2")
        let s = try await scan(fake, ["p1", "p2", "p3"], clock: VirtualClock(), concurrency: 3)
        await fake.stop()
        #expect(s.assets.map(\.name) == (n1 + n3).sorted())
        let o2 = try outcome(s, "projects/p2")
        #expect(o2.statusName == "permission-denied")
        #expect([o2.assets, o2.pages, o2.requests, o2.retries.count] as [Int] == [0, 0, 1, 0])
        #expect(o2.summary == "projects/p2: FAILED [permission-denied] HTTP 403 from GET \(fake.baseURL.absoluteString)/v1/projects/p2/assets?contentType=RESOURCE&pageSize=2: PERMISSION_DENIED: The caller does not have permission")
        #expect(s.outcomes.map(\.statusName) == ["complete", "permission-denied", "complete"])
    }

    @Test func aTokenThatExpiresMidScanIsRefreshedBeforeUse() async throws {
        let fake = try await FakeGoogle.start()
        let names = CAI.populate(fake, project: "p1", buckets: 3)
        fake.tokenLifetime = 240   // refreshed 60 s (a quarter of its life) before expiry
        fake.inject("projects/p1", .resource, page: 1, [.googleError(429, "RESOURCE_EXHAUSTED", "slow down", headers: ["Retry-After": "200"])])
        let dir = try Fixture.tempDirectory()
        let path = try Fixture.write("""
            {"type":"authorized_user","client_id":"cid","client_secret":"csecret","refresh_token":"rtok"}
            """, to: dir, "adc.json")
        let clock = VirtualClock()
        var opts = options(fake, ["p1"], env: ["GOOGLE_APPLICATION_CREDENTIALS": path])
        opts.endpoints.oauthToken = fake.baseURL.appendingPathComponent("token")
        let s = try await LiveScanner(options: opts, http: .test(clock: clock)).fetch()
        await fake.stop()
        #expect(s.assets.map(\.name) == names)
        #expect(fake.tokensIssued == 2)
        #expect(fake.requests(path: "/token").count == 2)
        // Page 0 and the rate-limited attempt used the first token; 200 s later it was due.
        #expect(fake.caiRequests.map { $0.bearer ?? "" } == ["tok-1", "tok-1", "tok-2", "tok-2", "tok-2"])
        #expect(clock.sleeps == [200])
    }

    @Test func aTokenRevokedMidScanIsRefreshedOn401() async throws {
        let fake = try await FakeGoogle.start()
        let names = CAI.populate(fake, project: "p1", buckets: 3)
        fake.revoke("tok-1", afterRequests: 3)
        let dir = try Fixture.tempDirectory()
        let path = try Fixture.write("""
            {"type":"authorized_user","client_id":"cid","client_secret":"csecret","refresh_token":"rtok"}
            """, to: dir, "adc.json")
        var opts = options(fake, ["p1"], env: ["GOOGLE_APPLICATION_CREDENTIALS": path])
        opts.endpoints.oauthToken = fake.baseURL.appendingPathComponent("token")
        let clock = VirtualClock()
        let s = try await LiveScanner(options: opts, http: .test(clock: clock)).fetch()
        await fake.stop()
        #expect(s.assets.map(\.name) == names)
        let o = try outcome(s, "projects/p1")
        #expect(o.retries == [RetryRecord(attempt: 1, reason: "HTTP 401 (token refreshed)", delay: 0)])
        #expect([o.pages, o.requests] as [Int] == [4, 5])
        #expect(fake.caiRequests.map { $0.bearer ?? "" } == ["tok-1", "tok-1", "tok-1", "tok-1", "tok-2"])
        #expect(clock.sleeps.isEmpty)
    }

    @Test func concurrencyIsBounded() async throws {
        let fake = try await FakeGoogle.start()
        var all: [String] = []
        for i in 0..<8 { all += CAI.populate(fake, project: "p\(i)", buckets: 1, number: 2000 + i) }
        fake.caiDelay = 0.05
        let s = try await scan(fake, (0..<8).map { "p\($0)" }, clock: VirtualClock(), pageSize: 10, concurrency: 3)
        await fake.stop()
        #expect(s.assets.map(\.name) == all.sorted())
        #expect(fake.maxConcurrentCAI == 3)
        #expect(s.outcomes.count == 8)
    }

    @Test func organizationScanEnumeratesProjectsAndShardsThem() async throws {
        let fake = try await FakeGoogle.start()
        let org = "organizations/42"
        let orgAsset = """
            {"name":"//cloudresourcemanager.googleapis.com/organizations/42","assetType":"cloudresourcemanager.googleapis.com/Organization",\
            "ancestors":["organizations/42"],"resource":{"version":"v1","data":{"displayName":"example.com"}}}
            """
        let orgPolicy = """
            {"name":"//cloudresourcemanager.googleapis.com/organizations/42","assetType":"cloudresourcemanager.googleapis.com/Organization",\
            "ancestors":["organizations/42"],"iamPolicy":{"bindings":[{"role":"roles/owner","members":["user:root@example.com"]}]}}
            """
        let folder = """
            {"name":"//cloudresourcemanager.googleapis.com/folders/7","assetType":"cloudresourcemanager.googleapis.com/Folder",\
            "ancestors":["folders/7","organizations/42"],"resource":{"version":"v2","data":{"displayName":"prod"}}}
            """
        fake.add(parent: org, contentType: .resource, assetType: "cloudresourcemanager.googleapis.com/Organization", json: orgAsset)
        fake.add(parent: org, contentType: .resource, assetType: "cloudresourcemanager.googleapis.com/Folder", json: folder)
        fake.add(parent: org, contentType: .iamPolicy, assetType: "cloudresourcemanager.googleapis.com/Organization", json: orgPolicy)
        var names: [String: [String]] = [:]
        for (i, id) in ["alpha", "bravo", "charlie", "delta", "echo"].enumerated() {
            let number = 3000 + i
            fake.add(parent: org, contentType: .resource, assetType: "cloudresourcemanager.googleapis.com/Project",
                     json: CAI.project(id, number: number, state: id == "delta" ? "DELETE_REQUESTED" : "ACTIVE"))
            names[id] = CAI.populate(fake, project: id, buckets: 1, number: number)
        }
        // Something the hierarchy listing must not pick up (filtered by assetTypes).
        fake.add(parent: org, contentType: .resource, assetType: "storage.googleapis.com/Bucket", json: CAI.bucket(project: "alpha", "stray").resource)
        fake.accept(Self.token)

        func run(_ shard: Shard?) async throws -> LiveSnapshot {
            var opts = LiveOptions(scope: .organization("42"), pageSize: 2, concurrency: 2, shard: shard,
                                   endpoints: Endpoints(assetInventory: fake.baseURL),
                                   environment: ["GOOGLE_OAUTH_ACCESS_TOKEN": Self.token])
            opts.concurrency = 2
            return try await LiveScanner(options: opts, http: .test(clock: VirtualClock())).fetch()
        }
        let whole = try await run(nil)
        let s0 = try await run(try Shard(index: 0, count: 2))
        let s1 = try await run(try Shard(index: 1, count: 2))
        await fake.stop()

        let hierarchy = ["//cloudresourcemanager.googleapis.com/folders/7", "//cloudresourcemanager.googleapis.com/organizations/42"]
        let active = ["alpha", "bravo", "charlie", "echo"].flatMap { names[$0]! }
        #expect(whole.assets.map(\.name) == (hierarchy + active).sorted())
        #expect(whole.outcomes.map(\.parent) == ["organizations/42", "projects/alpha", "projects/bravo", "projects/charlie",
                                                 "projects/delta", "projects/echo"])
        #expect(try outcome(whole, "projects/delta").status == .skipped("lifecycleState DELETE_REQUESTED"))
        let orgFetched = try #require(whole.assets.first { $0.name.hasSuffix("organizations/42") })
        #expect(orgFetched.iamPolicy?["bindings"]?.elements?.first?["role"] == .string("roles/owner"))
        #expect(orgFetched.resourceData?["displayName"] == .string("example.com"))
        #expect(orgFetched.scope == "organizations/42")

        // Round-robin over the sorted list: alpha, charlie, echo | bravo, delta.
        #expect(s0.outcomes.map(\.parent) == ["organizations/42", "projects/alpha", "projects/charlie", "projects/echo"])
        #expect(s1.outcomes.map(\.parent) == ["projects/bravo", "projects/delta"])
        #expect((s0.assets + s1.assets).map(\.name).sorted() == whole.assets.map(\.name))
        #expect(Set(s0.assets.map(\.name)).isDisjoint(with: s1.assets.map(\.name)))

        let hierarchyRequests = fake.caiRequests.filter { $0.path == "/v1/organizations/42/assets" }
        #expect(hierarchyRequests.first?.query["assetTypes"] == ["cloudresourcemanager.googleapis.com/Project",
                                                                  "cloudresourcemanager.googleapis.com/Folder",
                                                                  "cloudresourcemanager.googleapis.com/Organization"])
    }

    @Test func anOrganizationThatCannotBeListedStopsTheScan() async throws {
        let fake = try await FakeGoogle.start()
        fake.forbid("organizations/9")
        fake.accept(Self.token)
        let opts = LiveOptions(scope: .organization("9"), endpoints: Endpoints(assetInventory: fake.baseURL),
                               environment: ["GOOGLE_OAUTH_ACCESS_TOKEN": Self.token])
        await #expect(throws: LiveError.self) { try await LiveScanner(options: opts, http: .test(clock: VirtualClock())).fetch() }
        await fake.stop()
    }

    @Test func progressLinesOnePerProject() async throws {
        let fake = try await FakeGoogle.start()
        CAI.populate(fake, project: "p1", buckets: 2)
        fake.forbid("projects/p2")
        fake.inject("projects/p1", .resource, page: 1, [.googleError(503, "UNAVAILABLE", "x")])
        let sink = TextSink()
        let clock = VirtualClock()
        let progress = StderrProgress(mode: .lines, clock: clock, write: { sink.write($0) })
        _ = try await scan(fake, ["p1", "p2"], clock: clock, progress: progress)
        await fake.stop()
        let base = fake.baseURL.absoluteString
        #expect(sink.text == """
            tollgate live: scanning 2 projects
            tollgate live: projects/p1: attempt 1: HTTP 503, retry in 0.5 s
            tollgate live: [1/2] projects/p1: 3 assets, 3 pages, 4 requests, 1 retries (0.5 s)
            tollgate live: [2/2] projects/p2: FAILED [permission-denied] HTTP 403 from GET \(base)/v1/projects/p2/assets?contentType=RESOURCE&pageSize=2: PERMISSION_DENIED: The caller does not have permission (0.0 s)
            tollgate live: done: 2/2 projects (1 failed), 3 assets, 6 assets/s

            """)
    }

    @Test func progressOnATerminalRedrawsOneLine() async throws {
        let fake = try await FakeGoogle.start()
        CAI.populate(fake, project: "p1", buckets: 2)
        let sink = TextSink()
        let progress = StderrProgress(mode: .terminal, clock: VirtualClock(), write: { sink.write($0) })
        _ = try await scan(fake, ["p1"], clock: VirtualClock(), progress: progress)
        let quiet = TextSink()
        _ = try await scan(fake, ["p1"], clock: VirtualClock(),
                           progress: StderrProgress(mode: .quiet, clock: VirtualClock(), write: { quiet.write($0) }))
        await fake.stop()
        #expect(!sink.text.contains("\n\r"))
        #expect(sink.text.hasPrefix("\r\u{1B}[2Ktollgate live: 0/1 projects"))
        #expect(sink.text.hasSuffix("\r\u{1B}[2Ktollgate live: 1/1 projects, 3 assets, 3,000 assets/s\n"))
        #expect(sink.text.filter { $0 == "\n" }.count == 1)
        #expect(quiet.text.isEmpty)
    }

    @Test func debugOutputRedactsAuthorization() async throws {
        let fake = try await FakeGoogle.start()
        CAI.populate(fake, project: "p1", buckets: 1)
        let sink = TextSink()
        _ = try await scan(fake, ["p1"], clock: VirtualClock(), debug: DebugLog { sink.write($0 + "\n") })
        await fake.stop()
        #expect(sink.text.contains("http: GET \(fake.baseURL.absoluteString)/v1/projects/p1/assets?contentType=RESOURCE&pageSize=2 (attempt 1)\n  Accept: application/json\n  Authorization: Bearer <redacted>\n"))
        #expect(!sink.text.contains(Self.token))
        #expect(sink.text.components(separatedBy: "http: 200 GET").count == 3)
    }

    @Test func optionsAreValidatedBeforeAnyRequest() throws {
        let ok = LiveOptions(scope: .projects(["p1"]), environment: [:])
        try ok.validate()
        var bad = ok
        bad.readTime = "yesterday"
        #expect(throws: LiveError.configuration("--read-time yesterday: not an RFC 3339 timestamp (e.g. 2026-01-31T00:00:00Z)")) { try bad.validate() }
        bad = ok
        bad.scope = .projects([])
        #expect(throws: LiveError.self) { try bad.validate() }
        bad = ok
        bad.scope = .projects(["Bad Project"])
        #expect(throws: LiveError.configuration("--project Bad Project: not a project ID or number")) { try bad.validate() }
        bad = ok
        bad.concurrency = 0
        #expect(throws: LiveError.self) { try bad.validate() }
    }

    static func httpDate(_ d: Date) -> String {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = TimeZone(identifier: "GMT")
        f.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
        return f.string(from: d)
    }
}
