import Foundation
import HCL
@testable import Live

/// A clock whose time moves only when the code under test sleeps: backoffs take no real
/// time and every wait is recorded.
final class VirtualClock: LiveClock, @unchecked Sendable {
    private let lock = NSLock()
    private var offset: Double = 0
    private var slept: [Double] = []
    let base: Date

    init(base: Date = Date(timeIntervalSince1970: 1_790_000_000)) { self.base = base }

    func now() -> Date { lock.withLock { base.addingTimeInterval(offset) } }
    func monotonicSeconds() -> Double { lock.withLock { offset } }

    func sleep(seconds: Double) async throws {
        try Task.checkCancellation()
        lock.withLock {
            slept.append(seconds)
            offset += max(0, seconds)
        }
        await Task.yield()
    }

    func advance(_ s: Double) { lock.withLock { offset += s } }
    var sleeps: [Double] { lock.withLock { slept } }
}

/// Collects progress events and text.
final class EventLog: LiveProgress, @unchecked Sendable {
    private let lock = NSLock()
    private var list: [LiveEvent] = []
    let heartbeatInterval: Double? = nil
    func handle(_ event: LiveEvent) { lock.withLock { list.append(event) } }
    var events: [LiveEvent] { lock.withLock { list } }
}

final class TextSink: @unchecked Sendable {
    private let lock = NSLock()
    private var buffer = ""
    func write(_ s: String) { lock.withLock { buffer += s } }
    var text: String { lock.withLock { buffer } }
}

enum Fixture {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures")

    static func text(_ name: String) throws -> String {
        try String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8)
    }

    /// A fresh temporary directory.
    static func tempDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("tollgate-live-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    static func write(_ text: String, to dir: URL, _ name: String) throws -> String {
        let url = dir.appendingPathComponent(name)
        try Data(text.utf8).write(to: url)
        return url.path
    }
}

/// CAI asset JSON as the API returns it.
enum CAI {
    static func bucket(project: String, _ name: String, number: Int = 1001) -> (type: String, resource: String, policy: String) {
        let assetName = "//storage.googleapis.com/\(name)"
        let resource = """
        {"name":"\(assetName)","assetType":"storage.googleapis.com/Bucket","ancestors":["projects/\(number)","organizations/42"],\
        "resource":{"version":"v1","discoveryDocumentUri":"https://www.googleapis.com/discovery/v1/apis/storage/v1/rest",\
        "discoveryName":"Bucket","parent":"//cloudresourcemanager.googleapis.com/projects/\(number)",\
        "data":{"name":"\(name)","location":"EU","iamConfiguration":{"uniformBucketLevelAccess":{"enabled":true}},\
        "versioning":{"enabled":false},"labels":{"env":"prod"}},"location":"eu"},"updateTime":"2026-11-19T10:00:00.123Z"}
        """
        let policy = """
        {"name":"\(assetName)","assetType":"storage.googleapis.com/Bucket","ancestors":["projects/\(number)","organizations/42"],\
        "iamPolicy":{"version":1,"etag":"BwX1","bindings":[{"role":"roles/storage.objectViewer","members":["allUsers"]}],\
        "auditConfigs":[{"service":"allServices","auditLogConfigs":[{"logType":"DATA_READ","exemptedMembers":["user:a@example.com"]}]}]},\
        "updateTime":"2026-11-19T11:00:00Z"}
        """
        return ("storage.googleapis.com/Bucket", resource, policy)
    }

    static func sqlInstance(project: String, _ name: String, number: Int = 1001) -> String {
        """
        {"name":"//cloudsql.googleapis.com/projects/\(project)/instances/\(name)","assetType":"sqladmin.googleapis.com/Instance",\
        "ancestors":["projects/\(number)","organizations/42"],"resource":{"version":"v1beta4",\
        "discoveryDocumentUri":"https://sqladmin.googleapis.com/$discovery/rest?version=v1beta4","discoveryName":"DatabaseInstance",\
        "parent":"//cloudresourcemanager.googleapis.com/projects/\(number)","data":{"name":"\(name)","databaseVersion":"POSTGRES_16",\
        "settings":{"ipConfiguration":{"ipv4Enabled":false,"privateNetwork":"projects/\(project)/global/networks/vpc"},\
        "backupConfiguration":{"enabled":true}}},"location":"europe-west1"},"updateTime":"2026-11-19T09:00:00Z"}
        """
    }

    static func project(_ id: String, number: Int, state: String = "ACTIVE", parent: String = "organizations/42") -> String {
        """
        {"name":"//cloudresourcemanager.googleapis.com/projects/\(number)","assetType":"cloudresourcemanager.googleapis.com/Project",\
        "ancestors":["projects/\(number)","\(parent)"],"resource":{"version":"v1","discoveryName":"Project",\
        "data":{"projectId":"\(id)","projectNumber":"\(number)","lifecycleState":"\(state)"}}}
        """
    }

    /// Fills `fake` with `count` buckets (resource + IAM policy) and one SQL instance
    /// (resource only) in `project`; returns the sorted asset names.
    @discardableResult
    static func populate(_ fake: FakeGoogle, project: String, buckets count: Int, number: Int = 1001) -> [String] {
        var names: [String] = []
        for i in 0..<count {
            let b = bucket(project: project, "\(project)-bucket-\(i)", number: number)
            fake.add(parent: "projects/\(project)", contentType: .resource, assetType: b.type, json: b.resource)
            fake.add(parent: "projects/\(project)", contentType: .iamPolicy, assetType: b.type, json: b.policy)
            names.append("//storage.googleapis.com/\(project)-bucket-\(i)")
        }
        fake.add(parent: "projects/\(project)", contentType: .resource, assetType: "sqladmin.googleapis.com/Instance",
                 json: sqlInstance(project: project, "db", number: number))
        names.append("//cloudsql.googleapis.com/projects/\(project)/instances/db")
        return names.sorted()
    }
}

extension HTTPClient {
    /// A real URLSession client with a virtual clock and a deterministic jitter (half the
    /// ceiling), so backoff waits are exact and free.
    static func test(clock: VirtualClock, policy: RetryPolicy = RetryPolicy(maxAttempts: 4, requestTimeout: 5),
                     debug: DebugLog? = nil) -> HTTPClient {
        HTTPClient(transport: URLSessionTransport(), policy: policy, clock: clock, jitter: { $0 / 2 }, debug: debug)
    }
}
