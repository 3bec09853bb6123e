import FlyingFox
import Foundation

/// Cloud Asset Inventory on loopback for the `tollgate live` tests: `GET /v1/{parent}/assets`
/// with `contentType`, `pageSize`/`pageToken` paging and the API's error format, a bearer
/// token check, and projects that answer 403. A trimmed copy of `Tests/LiveTests/Support/
/// FakeGoogle.swift` (which also fakes token endpoints and injects faults): the CLI tests
/// need only the listing, and must not depend on the `Live` target's test code.
final class FakeAssetInventory: @unchecked Sendable {
    private let lock = NSLock()
    private var server: HTTPServer!
    private var task: Task<Void, any Error>?
    private(set) var port: UInt16 = 0

    // Guarded by `lock`.
    private var listings: [String: [String: [String]]] = [:]   // parent → content type → asset JSON
    private var forbidden: Set<String> = []
    private var requestLog: [String] = []
    private var queryLog: [[String: [String]]] = []

    let token = "test-token-\(UUID().uuidString)"
    var readTime = "2026-11-20T00:00:00Z"

    var baseURL: String { "http://127.0.0.1:\(port)" }

    static func start() async throws -> FakeAssetInventory {
        let fake = FakeAssetInventory()
        let address = try sockaddr_in.inet(ip4: "127.0.0.1", port: 0)
        let server = HTTPServer(address: address, timeout: 30, logger: .disabled, handler: Handler(fake: fake))
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

    /// Adds an asset to `parent`'s listing of `contentType` (`RESOURCE` or `IAM_POLICY`).
    func add(_ parent: String, _ contentType: String, _ json: String) {
        locked { listings[parent, default: [:]][contentType, default: []].append(json) }
    }

    func forbid(_ parent: String) { locked { _ = forbidden.insert(parent) } }

    /// Registers `parent` with no assets (it lists as empty instead of 404).
    func addEmpty(_ parent: String) { locked { listings[parent] = listings[parent] ?? [:] } }

    /// `parent contentType page` of every listing request, in arrival order.
    var requests: [String] { locked { requestLog } }
    /// The query parameters of every listing request, in arrival order.
    var queries: [[String: [String]]] { locked { queryLog } }

    struct Handler: HTTPHandler {
        let fake: FakeAssetInventory
        func handleRequest(_ request: HTTPRequest) async throws -> HTTPResponse { fake.handle(request) }
    }

    static func error(_ code: Int, _ status: String, _ message: String) -> HTTPResponse {
        HTTPResponse(statusCode: HTTPStatusCode(code, phrase: status), headers: [.contentType: "application/json"],
                     body: Data("{\"error\":{\"code\":\(code),\"message\":\"\(message)\",\"status\":\"\(status)\"}}".utf8))
    }

    func handle(_ r: HTTPRequest) -> HTTPResponse {
        guard r.path.hasPrefix("/v1/"), r.path.hasSuffix("/assets") else { return Self.error(404, "NOT_FOUND", "no such endpoint") }
        let parent = String(r.path.dropFirst(4).dropLast(7))
        var query: [String: String] = [:]
        var all: [String: [String]] = [:]
        for item in r.query {
            query[item.name] = item.value
            all[item.name, default: []].append(item.value)
        }
        locked { queryLog.append(all) }
        let contentType = query["contentType"] ?? ""
        let pageSize = min(1000, max(1, Int(query["pageSize"] ?? "100") ?? 100))
        let offset = query["pageToken"].flatMap { Int($0.dropFirst(5)) } ?? 0
        locked { requestLog.append("\(parent) \(contentType) \(offset / pageSize)") }
        guard r.headers[.authorization] == "Bearer \(token)" else {
            return Self.error(401, "UNAUTHENTICATED", "Request had invalid authentication credentials.")
        }
        if locked({ forbidden.contains(parent) }) {
            return Self.error(403, "PERMISSION_DENIED", "The caller does not have permission")
        }
        guard let all = locked({ listings[parent]?[contentType] ?? (listings[parent] != nil ? [] : nil) }) else {
            return Self.error(404, "NOT_FOUND", "\(parent) not found")
        }
        let slice = all.dropFirst(offset).prefix(pageSize)
        var body = "{\"readTime\":\"\(readTime)\""
        if !slice.isEmpty { body += ",\"assets\":[" + slice.joined(separator: ",") + "]" }
        if offset + pageSize < all.count { body += ",\"nextPageToken\":\"page-\(offset + pageSize)\"" }
        body += "}"
        return HTTPResponse(statusCode: .ok, headers: [.contentType: "application/json"], body: Data(body.utf8))
    }
}

/// CAI asset JSON as the API returns it (camelCase, RESOURCE and IAM_POLICY listed apart).
enum CAI {
    /// A bucket's resource and IAM policy; `publicReader` grants `allUsers` object read.
    static func bucket(_ name: String, projectNumber: Int, publicReader: Bool, env: String = "prod") -> (resource: String, policy: String) {
        let assetName = "//storage.googleapis.com/\(name)"
        let resource = """
        {"name":"\(assetName)","assetType":"storage.googleapis.com/Bucket","ancestors":["projects/\(projectNumber)","organizations/42"],\
        "resource":{"version":"v1","discoveryDocumentUri":"https://www.googleapis.com/discovery/v1/apis/storage/v1/rest",\
        "discoveryName":"Bucket","parent":"//cloudresourcemanager.googleapis.com/projects/\(projectNumber)",\
        "data":{"name":"\(name)","location":"EU","iamConfiguration":{"uniformBucketLevelAccess":{"enabled":true},\
        "publicAccessPrevention":"enforced"},"versioning":{"enabled":true},"labels":{"env":"\(env)"}},"location":"eu"},\
        "updateTime":"2026-11-19T10:00:00.123Z"}
        """
        let member = publicReader ? "allUsers" : "group:readers@example.com"
        let policy = """
        {"name":"\(assetName)","assetType":"storage.googleapis.com/Bucket","ancestors":["projects/\(projectNumber)","organizations/42"],\
        "iamPolicy":{"version":1,"etag":"BwX1","bindings":[{"role":"roles/storage.objectViewer","members":["\(member)"]}]},\
        "updateTime":"2026-11-19T11:00:00Z"}
        """
        return (resource, policy)
    }

    /// A Cloud SQL instance; `publicIP` enables a public IPv4 address open to the world.
    static func sqlInstance(project: String, _ name: String, projectNumber: Int, publicIP: Bool) -> String {
        let ip = publicIP
            ? "\"ipv4Enabled\":true,\"authorizedNetworks\":[{\"value\":\"0.0.0.0/0\"}]"
            : "\"ipv4Enabled\":false,\"privateNetwork\":\"projects/\(project)/global/networks/vpc\""
        return """
        {"name":"//cloudsql.googleapis.com/projects/\(project)/instances/\(name)","assetType":"sqladmin.googleapis.com/Instance",\
        "ancestors":["projects/\(projectNumber)","organizations/42"],"resource":{"version":"v1beta4",\
        "discoveryDocumentUri":"https://sqladmin.googleapis.com/$discovery/rest?version=v1beta4","discoveryName":"DatabaseInstance",\
        "parent":"//cloudresourcemanager.googleapis.com/projects/\(projectNumber)","data":{"name":"\(name)","project":"\(project)",\
        "databaseVersion":"POSTGRES_16","settings":{"ipConfiguration":{\(ip)},"backupConfiguration":{"enabled":true},\
        "userLabels":{"env":"prod"}}},"location":"europe-west1"},"updateTime":"2026-11-19T09:00:00Z"}
        """
    }

    /// A project as an organization listing returns it.
    static func project(_ id: String, number: Int, state: String = "ACTIVE") -> String {
        """
        {"name":"//cloudresourcemanager.googleapis.com/projects/\(number)","assetType":"cloudresourcemanager.googleapis.com/Project",\
        "ancestors":["projects/\(number)","organizations/42"],"resource":{"version":"v1","discoveryName":"Project",\
        "data":{"projectId":"\(id)","projectNumber":"\(number)","lifecycleState":"\(state)"}}}
        """
    }

    /// The organization's IAM policy (no resource content: the listing of IAM policies only).
    static func organizationPolicy(_ number: Int) -> String {
        """
        {"name":"//cloudresourcemanager.googleapis.com/organizations/\(number)","assetType":"cloudresourcemanager.googleapis.com/Organization",\
        "ancestors":["organizations/\(number)"],"iamPolicy":{"version":1,"bindings":[{"role":"roles/viewer","members":["group:audit@example.com"]}]}}
        """
    }

    /// Fills `project`: a public and a private bucket (resources and IAM policies) and a
    /// SQL instance with a public IP (resource only).
    static func populate(_ fake: FakeAssetInventory, project: String, number: Int) {
        let parent = "projects/\(project)"
        for (suffix, isPublic) in [("public", true), ("private", false)] {
            let b = bucket("\(project)-\(suffix)", projectNumber: number, publicReader: isPublic)
            fake.add(parent, "RESOURCE", b.resource)
            fake.add(parent, "IAM_POLICY", b.policy)
        }
        fake.add(parent, "RESOURCE", sqlInstance(project: project, "db", projectNumber: number, publicIP: true))
    }
}
