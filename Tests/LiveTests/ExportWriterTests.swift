import Foundation
import HCL
import Testing
@testable import Live

struct ExportWriterTests {
    @Test(arguments: [
        ("assetType", "asset_type"), ("discoveryDocumentUri", "discovery_document_uri"), ("name", "name"),
        ("auditLogConfigs", "audit_log_configs"), ("updateTime", "update_time"),
    ])
    func snakeCase(camel: String, snake: String) {
        #expect(ExportWriter.snakeCase(camel) == snake)
    }

    @Test func aBucketLineHasTheExportEnvelope() throws {
        let b = CAI.bucket(project: "p1", "b1")
        let resources = try JSONReader.parse(b.resource).get()
        let policies = try JSONReader.parse(b.policy).get()
        let asset = try #require(LiveScanner.merge(resources: [resources], policies: [policies], scope: "projects/p1").first)
        let line = ExportWriter.line(for: asset)
        #expect(line == #"{"ancestors":["projects/1001","organizations/42"],"asset_type":"storage.googleapis.com/Bucket","iam_policy":{"audit_configs":[{"audit_log_configs":[{"exempted_members":["user:a@example.com"],"log_type":"DATA_READ"}],"service":"allServices"}],"bindings":[{"members":["allUsers"],"role":"roles/storage.objectViewer"}],"etag":"BwX1","version":1},"name":"//storage.googleapis.com/b1","resource":{"data":{"iamConfiguration":{"uniformBucketLevelAccess":{"enabled":true}},"labels":{"env":"prod"},"location":"EU","name":"b1","versioning":{"enabled":false}},"discovery_document_uri":"https://www.googleapis.com/discovery/v1/apis/storage/v1/rest","discovery_name":"Bucket","location":"eu","parent":"//cloudresourcemanager.googleapis.com/projects/1001","version":"v1"},"update_time":"2026-11-19T10:00:00.123Z"}"#)
    }

    /// What was fetched equals, asset for asset, what the saved export holds (read back and
    /// turned into API field names again).
    @Test func saveExportRoundTripsEveryFetchedAsset() async throws {
        let fake = try await FakeGoogle.start()
        CAI.populate(fake, project: "p1", buckets: 4)
        CAI.populate(fake, project: "p2", buckets: 1, number: 1002)
        fake.accept("t")
        let options = LiveOptions(scope: .projects(["p1", "p2"]), pageSize: 3, endpoints: Endpoints(assetInventory: fake.baseURL),
                                  environment: ["GOOGLE_OAUTH_ACCESS_TOKEN": "t"])
        let snapshot = try await LiveScanner(options: options, http: .test(clock: VirtualClock())).fetch()
        await fake.stop()
        let dir = try Fixture.tempDirectory()
        let path = dir.appendingPathComponent("export.ndjson").path
        try ExportWriter.write(snapshot, to: path)

        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text.hasSuffix("\n"))
        let lines = text.split(separator: "\n")
        #expect(lines.count == snapshot.assets.count)
        #expect(lines.count == 7)
        for (line, asset) in zip(lines, snapshot.assets) {
            let exported = try JSONReader.parse(String(line)).get()
            #expect(exported["name"]?.stringValue == asset.name)
            #expect(Self.apiShape(exported) == asset.json)
        }
    }

    @Test func anUnwritablePathIsAConfigurationError() throws {
        let s = LiveSnapshot(scope: .projects(["p"]), shard: nil, assets: [], outcomes: [], readTime: nil,
                             startedAt: Date(), finishedAt: Date(), credentials: nil, endpoint: "")
        #expect(throws: LiveError.self) { try ExportWriter.write(s, to: "/nonexistent-dir/x.ndjson") }
    }

    /// The inverse of the writer's renaming, as an export loader does it.
    static func apiShape(_ v: Value) -> Value {
        guard let top = v.attributes else { return v }
        var out: [String: Value] = [:]
        for (k, x) in top {
            switch k {
            case "resource":
                var r: [String: Value] = [:]
                for (rk, rv) in x.attributes ?? [:] { r[camel(rk)] = rv }
                out["resource"] = .object(r)
            case "iam_policy": out["iamPolicy"] = camelKeys(x)
            default: out[camel(k)] = x
            }
        }
        return .object(out)
    }

    static func camelKeys(_ v: Value) -> Value {
        switch v {
        case .object(let m): .object(Dictionary(uniqueKeysWithValues: m.map { (camel($0.key), camelKeys($0.value)) }))
        case .tuple(let a): .tuple(a.map(camelKeys))
        default: v
        }
    }

    static func camel(_ s: String) -> String {
        let parts = s.split(separator: "_")
        return parts.enumerated().map { $0.offset == 0 ? String($0.element) : $0.element.prefix(1).uppercased() + $0.element.dropFirst() }.joined()
    }
}
