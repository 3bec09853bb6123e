import FlyingFox
import Foundation
import HCL
import Live

/// A canned HTTP response, optionally sent late (to trip the client's timeout).
struct FakeResponse: Sendable {
    var status: Int
    var headers: [String: String] = [:]
    var body: Data = Data()
    var delay: Double = 0

    static func googleError(_ code: Int, _ status: String, _ message: String, headers: [String: String] = [:]) -> FakeResponse {
        let body = "{\"error\":{\"code\":\(code),\"message\":\"\(message)\",\"status\":\"\(status)\"}}"
        return FakeResponse(status: code, headers: headers.merging(["Content-Type": "application/json"]) { a, _ in a },
                            body: Data(body.utf8))
    }
}

/// A request as the fake saw it.
struct RecordedRequest: Sendable {
    var method: String
    var path: String
    var query: [String: [String]]
    var headers: [String: String]
    var body: Data

    var bearer: String? {
        guard let a = headers["authorization"], a.hasPrefix("Bearer ") else { return nil }
        return String(a.dropFirst(7))
    }

    var form: [String: String] {
        var out: [String: String] = [:]
        for pair in String(decoding: body, as: UTF8.self).split(separator: "&") {
            let kv = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let k = String(kv[0]).removingPercentEncoding ?? String(kv[0])
            let v = kv.count > 1 ? (String(kv[1]).removingPercentEncoding ?? String(kv[1])) : ""
            out[k] = v
        }
        return out
    }

    func q(_ name: String) -> String? { query[name]?.first }
}

/// Google on loopback, for tests and benchmarks: Cloud Asset Inventory `assets.list`
/// (paged, both content types, `assetTypes` filter), the OAuth token endpoint, STS, IAM
/// credentials `generateAccessToken` and the metadata server, with faults injected per
/// page and per attempt.
///
/// Endpoints on `baseURL`: `/v1/{parent}/assets`, `/token`, `/sts/v1/token`,
/// `/v1/projects/-/serviceAccounts/{email}:generateAccessToken`,
/// `/computeMetadata/v1/instance/service-accounts/default/token`.
final class FakeGoogle: @unchecked Sendable {
    struct StoredAsset {
        var assetType: String
        var json: String
    }

    /// Fault queues are keyed by listing and page: the n-th request for that page gets the
    /// n-th queued response; once the queue is empty the page is served normally.
    struct PageKey: Hashable {
        var parent: String
        var contentType: String
        /// 0-based page index.
        var page: Int
    }

    private let lock = NSLock()
    private var server: HTTPServer!
    private var task: Task<Void, any Error>?
    private(set) var port: UInt16 = 0

    // Guarded by `lock`.
    private var listings: [String: [String: [StoredAsset]]] = [:]   // parent → content type → assets
    private var forbidden: Set<String> = []
    private var faults: [PageKey: [FakeResponse]] = [:]
    private var tokenFaults: [FakeResponse] = []
    private var validTokens: Set<String> = []
    private var issued = 0
    private var log: [RecordedRequest] = []
    private var pageCache: [String: Data] = [:]
    private var revokeRule: (token: String, afterRequests: Int)?
    private var caiRequestsByToken: [String: Int] = [:]
    private var inFlight = 0
    private var maxInFlightSeen = 0
    var recordBodies = true
    /// Added to every CAI response (to make concurrency observable).
    var caiDelay: Double = 0
    /// Served at `/subject` (URL-sourced external account credentials), when the request
    /// carries `X-Subject: yes`.
    var subjectResponse = "{\"id_token\":\"subject-from-url\"}"

    var tokenLifetime = 3600
    var readTime = "2026-11-20T00:00:00Z"

    var baseURL: URL { URL(string: "http://127.0.0.1:\(port)")! }
    var hostPort: String { "127.0.0.1:\(port)" }

    static func start() async throws -> FakeGoogle {
        let fake = FakeGoogle()
        let address = try sockaddr_in.inet(ip4: "127.0.0.1", port: 0)
        let server = HTTPServer(address: address, timeout: 30, logger: .disabled,
                                handler: FakeHandler(fake: fake))
        fake.server = server
        fake.task = Task { try await server.run() }
        try await server.waitUntilListening(timeout: 10)
        guard case .ip4(_, let port)? = await server.listeningAddress else { throw URLError(.cannotConnectToHost) }
        fake.port = port
        return fake
    }

    func stop() async {
        await server.stop(timeout: 0)
        task?.cancel()
    }

    private func locked<T>(_ body: () throws -> T) rethrows -> T {
        lock.lock()
        defer { lock.unlock() }
        return try body()
    }

    // MARK: - Configuration

    /// Adds assets to a parent's listing (`projects/p1`); `contentType` RESOURCE or IAM_POLICY.
    func add(parent: String, contentType: AssetContentType, assetType: String, json: String) {
        locked {
            listings[parent, default: [:]][contentType.rawValue, default: []].append(StoredAsset(assetType: assetType, json: json))
            pageCache.removeAll()
        }
    }

    /// Registers a parent with no assets (so it lists as empty, not 404).
    func addEmpty(parent: String) {
        locked {
            for ct in AssetContentType.allCases where listings[parent]?[ct.rawValue] == nil {
                listings[parent, default: [:]][ct.rawValue] = []
            }
        }
    }

    func forbid(_ parent: String) { locked { _ = forbidden.insert(parent) } }

    func inject(_ parent: String, _ contentType: AssetContentType, page: Int, _ responses: [FakeResponse]) {
        locked { faults[PageKey(parent: parent, contentType: contentType.rawValue, page: page), default: []] += responses }
    }

    func injectTokenFaults(_ responses: [FakeResponse]) { locked { tokenFaults += responses } }

    /// Accept `token` (as if issued out of band, e.g. an access-token file).
    func accept(_ token: String) { locked { _ = validTokens.insert(token) } }

    /// `token` stops working after it was used for `n` CAI requests.
    func revoke(_ token: String, afterRequests n: Int) { locked { revokeRule = (token, n) } }

    var requests: [RecordedRequest] { locked { log } }
    var caiRequests: [RecordedRequest] { requests.filter { $0.path.hasSuffix("/assets") } }
    func requests(path: String) -> [RecordedRequest] { requests.filter { $0.path == path } }
    var tokensIssued: Int { locked { issued } }
    /// The most CAI requests the fake was serving at once.
    var maxConcurrentCAI: Int { locked { maxInFlightSeen } }

    // MARK: - Serving

    func handle(_ r: HTTPRequest) async -> HTTPResponse {
        var headers: [String: String] = [:]
        for (k, v) in r.headers { headers[k.rawValue.lowercased()] = v }
        var query: [String: [String]] = [:]
        for item in r.query { query[item.name, default: []].append(item.value) }
        let body = recordBodies ? ((try? await r.bodyData) ?? Data()) : Data()
        let rec = RecordedRequest(method: r.method.rawValue, path: r.path, query: query, headers: headers, body: body)
        let isCAI = rec.path.hasSuffix("/assets")
        locked {
            log.append(rec)
            if isCAI {
                inFlight += 1
                maxInFlightSeen = max(maxInFlightSeen, inFlight)
            }
        }
        let response = route(rec)
        let delay = max(response.delay, isCAI ? caiDelay : 0)
        if delay > 0 { try? await Task.sleep(for: .milliseconds(Int64(delay * 1000))) }
        if isCAI { locked { inFlight -= 1 } }
        var h = HTTPHeaders()
        for (k, v) in response.headers { h[HTTPHeader(k)] = v }
        return HTTPResponse(statusCode: HTTPStatusCode(response.status, phrase: "Status \(response.status)"),
                            headers: h, body: response.body)
    }

    private func route(_ r: RecordedRequest) -> FakeResponse {
        if r.path == "/token" { return tokenEndpoint(r, prefix: "tok") }
        if r.path == "/sts/v1/token" { return tokenEndpoint(r, prefix: "sts") }
        if r.path == "/computeMetadata/v1/instance/service-accounts/default/token" {
            guard r.headers["metadata-flavor"] == "Google" else {
                return FakeResponse(status: 403, body: Data("Missing Metadata-Flavor:Google header.".utf8))
            }
            return tokenEndpoint(r, prefix: "gce")
        }
        if r.path == "/subject" {
            guard r.headers["x-subject"] == "yes" else { return FakeResponse(status: 403) }
            return FakeResponse(status: 200, body: Data(subjectResponse.utf8))
        }
        if r.path.hasPrefix("/v1/projects/-/serviceAccounts/"), r.path.hasSuffix(":generateAccessToken") {
            return generateAccessToken(r)
        }
        if r.path.hasPrefix("/v1/"), r.path.hasSuffix("/assets") { return listAssets(r) }
        return .googleError(404, "NOT_FOUND", "no such endpoint \(r.path)")
    }

    private func issue(_ prefix: String) -> String {
        locked {
            issued += 1
            let t = "\(prefix)-\(issued)"
            validTokens.insert(t)
            return t
        }
    }

    private func tokenEndpoint(_ r: RecordedRequest, prefix: String) -> FakeResponse {
        if let fault = locked({ tokenFaults.isEmpty ? nil : tokenFaults.removeFirst() }) { return fault }
        let token = issue(prefix)
        var body = "{\"access_token\":\"\(token)\",\"expires_in\":\(tokenLifetime),\"token_type\":\"Bearer\""
        if prefix == "sts" { body += ",\"issued_token_type\":\"urn:ietf:params:oauth:token-type:access_token\"" }
        body += "}"
        return FakeResponse(status: 200, headers: ["Content-Type": "application/json"], body: Data(body.utf8))
    }

    private func generateAccessToken(_ r: RecordedRequest) -> FakeResponse {
        guard let bearer = r.bearer, locked({ validTokens.contains(bearer) }) else {
            return .googleError(401, "UNAUTHENTICATED", "Request had invalid authentication credentials.")
        }
        let token = issue("imp")
        let expire = RFC3339.format(Date().addingTimeInterval(Double(tokenLifetime)))
        return FakeResponse(status: 200, headers: ["Content-Type": "application/json"],
                            body: Data("{\"accessToken\":\"\(token)\",\"expireTime\":\"\(expire)\"}".utf8))
    }

    /// Page tokens carry the offset and characters that need escaping in a query string.
    static func pageToken(offset: Int) -> String { "pg+/\(offset)=" }
    static func offset(of token: String) -> Int? {
        guard token.hasPrefix("pg+/"), token.hasSuffix("=") else { return nil }
        return Int(token.dropFirst(4).dropLast())
    }

    private func listAssets(_ r: RecordedRequest) -> FakeResponse {
        let parent = String(r.path.dropFirst(4).dropLast(7))
        guard let token = r.bearer, locked({ validTokens.contains(token) }) else {
            return .googleError(401, "UNAUTHENTICATED", "Request had invalid authentication credentials. Expected OAuth 2 access token.")
        }
        let revoked: Bool = locked {
            caiRequestsByToken[token, default: 0] += 1
            if let rule = revokeRule, rule.token == token, caiRequestsByToken[token]! > rule.afterRequests {
                validTokens.remove(token)
                return true
            }
            return false
        }
        if revoked { return .googleError(401, "UNAUTHENTICATED", "Request had invalid authentication credentials.") }
        let contentType = r.q("contentType") ?? ""
        let pageSize = min(1000, max(1, Int(r.q("pageSize") ?? "100") ?? 100))
        let offset: Int
        if let t = r.q("pageToken") {
            guard let o = Self.offset(of: t) else { return .googleError(400, "INVALID_ARGUMENT", "bad page token") }
            offset = o
        } else {
            offset = 0
        }
        let key = PageKey(parent: parent, contentType: contentType, page: offset / pageSize)
        if let fault = locked({ () -> FakeResponse? in
            guard var q = faults[key], !q.isEmpty else { return nil }
            let f = q.removeFirst()
            faults[key] = q
            return f
        }) { return fault }
        if locked({ forbidden.contains(parent) }) {
            return .googleError(403, "PERMISSION_DENIED", "The caller does not have permission")
        }
        let types = Set(r.query["assetTypes"] ?? [])
        let cacheKey = "\(parent)|\(contentType)|\(offset)|\(pageSize)|\(types.sorted())"
        if let cached = locked({ pageCache[cacheKey] }) {
            return FakeResponse(status: 200, headers: ["Content-Type": "application/json"], body: cached)
        }
        guard let all = locked({ listings[parent]?[contentType] }) else {
            return .googleError(404, "NOT_FOUND", "\(parent) not found")
        }
        let matching = types.isEmpty ? all : all.filter { types.contains($0.assetType) }
        let slice = matching.dropFirst(offset).prefix(pageSize)
        var body = "{\"readTime\":\"\(readTime)\""
        if !slice.isEmpty {
            body += ",\"assets\":["
            body += slice.map(\.json).joined(separator: ",")
            body += "]"
        }
        if offset + pageSize < matching.count {
            body += ",\"nextPageToken\":\"\(Self.pageToken(offset: offset + pageSize))\""
        }
        body += "}"
        let data = Data(body.utf8)
        locked { pageCache[cacheKey] = data }
        return FakeResponse(status: 200, headers: ["Content-Type": "application/json"], body: data)
    }
}

struct FakeHandler: HTTPHandler {
    let fake: FakeGoogle
    func handleRequest(_ request: HTTPRequest) async throws -> HTTPResponse { await fake.handle(request) }
}
