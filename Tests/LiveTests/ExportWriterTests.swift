import Foundation
import HCL
import Testing
@testable import Assets
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

    @Test func stringsAreEscapedAsJSONRequires() {
        let asset = FetchedAsset(name: "n", assetType: "t", scope: "projects/p", json: .object([
            "name": "n", "resource": .object(["data": .object(["s": .string("a\"b\\c\nd\te\u{01}é<&>"), "n": .number(1.5), "z": .null])]),
        ]))
        #expect(ExportWriter.line(for: asset) == #"{"name":"n","resource":{"data":{"n":1.5,"s":"a\"b\\c\nd\te\u0001é<&>","z":null}}}"#)
        let reparsed = try? JSONReader.parse(ExportWriter.line(for: asset)).get()
        #expect(reparsed?[path: ["resource", "data", "s"]] == .string("a\"b\\c\nd\te\u{01}é<&>"))
    }

    @Test func theStreamingWriterMatchesTheConvertedObject() throws {
        let b = CAI.bucket(project: "p1", "b1")
        let asset = try #require(LiveScanner.merge(resources: [try JSONReader.parse(b.resource).get()],
                                                   policies: [try JSONReader.parse(b.policy).get()], scope: "p").first)
        let streamed = String(decoding: ExportWriter.ndjson([asset, asset]), as: UTF8.self)
        var w = JSONByteWriter()
        w.write(ExportWriter.exportObject(asset.json))
        let line = String(decoding: w.out, as: UTF8.self)
        #expect(streamed == line + "\n" + line + "\n")
        #expect(line == ExportWriter.line(for: asset))
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

    /// `tollgate live` loads the fetched records without rendering them: the assets and
    /// diagnostics equal those of the export loader reading the saved export.
    @Test func loadingTheRecordsEqualsLoadingTheirExport() throws {
        let b = CAI.bucket(project: "p1", "b1")
        var assets = LiveScanner.merge(resources: [try JSONReader.parse(b.resource).get()],
                                       policies: [try JSONReader.parse(b.policy).get()], scope: "projects/p1")
        func record(_ json: String) throws -> FetchedAsset {
            let v = try JSONReader.parse(json).get()
            return FetchedAsset(name: v["name"]?.stringValue ?? "", assetType: v["assetType"]?.stringValue ?? "", scope: "projects/p1", json: v)
        }
        // A field of the wrong type (a warning, the field unknown), an access policy only, an
        // unmodelled type (a note), and neither resource nor policy (a warning).
        assets.append(try record(#"{"name":"//sqladmin.googleapis.com/projects/p1/instances/db","assetType":"sqladmin.googleapis.com/Instance","resource":{"discoveryDocumentUri":"u","discoveryName":"DatabaseInstance","data":{"settings":"nope"}},"updateTime":"2026-11-19T10:00:00Z"}"#))
        assets.append(try record(#"{"name":"//accesscontextmanager.googleapis.com/accessPolicies/1","assetType":"accesscontextmanager.googleapis.com/AccessPolicy","accessPolicy":{"title":"t"}}"#))
        assets.append(try record(#"{"name":"//example.googleapis.com/things/1","assetType":"example.googleapis.com/Thing","resource":{"data":{"n":1.5,"s":"a\"b"}}}"#))
        assets.append(try record(#"{"name":"//example.googleapis.com/things/2","assetType":"example.googleapis.com/Thing"}"#))
        let viaExport = AssetLoader.load(bytes: ExportWriter.ndjson(assets), filename: "e.ndjson")
        let direct = AssetLoader.load(records: assets.map(\.json), filename: "e.ndjson")
        #expect(direct.assets.count == 5)
        #expect(direct.assets == viaExport.assets)
        #expect(direct.diagnostics.map(\.description) == viaExport.diagnostics.map(\.description))
        #expect(direct.diagnostics.count == 3)
        #expect(direct.formats == viaExport.formats)
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
