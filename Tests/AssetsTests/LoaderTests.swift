import Foundation
import HCL
import Testing
@testable import Assets

@Suite struct LoaderTests {
    static let bucketLine = #"{"name":"//storage.googleapis.com/b1","asset_type":"storage.googleapis.com/Bucket","ancestors":["projects/123"],"resource":{"version":"v1","discovery_name":"Bucket","parent":"//cloudresourcemanager.googleapis.com/projects/123","data":{"name":"b1","iamConfiguration":{"uniformBucketLevelAccess":{"enabled":true},"publicAccessPrevention":"enforced"}}}}"#
    static let bucketIAMLine = #"{"name":"//storage.googleapis.com/b1","asset_type":"storage.googleapis.com/Bucket","ancestors":["projects/123"],"iam_policy":{"bindings":[{"role":"roles/storage.objectViewer","members":["allUsers"]}]}}"#
    static let sqlLine = #"{"name":"//cloudsql.googleapis.com/projects/p/instances/db","asset_type":"sqladmin.googleapis.com/Instance","resource":{"data":{"settings":{"ipConfiguration":{"ipv4Enabled":"yes"}}}}}"#

    func load(_ text: String, _ name: String = "export.ndjson", options: AssetLoader.Options = .init()) -> AssetLoader.Result {
        AssetLoader.load(bytes: Array(text.utf8), filename: name, options: options)
    }

    @Test func ndjsonMergesResourceAndIAMPolicy() {
        let r = load(Self.bucketLine + "\n" + Self.bucketIAMLine + "\n")
        #expect(r.diagnostics.isEmpty)
        #expect(r.formats["export.ndjson"] == .caiExport)
        #expect(r.assets.count == 1)
        let a = r.assets[0]
        #expect(a.data[path: ["iamConfiguration", "publicAccessPrevention"]] == "enforced")
        #expect(a.iamPolicy?.bindings == [IAMBinding(role: "roles/storage.objectViewer", members: ["allUsers"])])
        #expect(a.provenance.file?.line == 1)
        #expect(a.provenance.file?.merged == [FileLocation(path: "export.ndjson", line: 2, record: 2)])
    }

    @Test func camelCaseArrayAndAPIPage() {
        let list = #"[{"name":"//storage.googleapis.com/b2","assetType":"storage.googleapis.com/Bucket","resource":{"discoveryName":"Bucket","data":{"name":"b2"}}},"#
            + "\n" + #"{"name":"//redis.googleapis.com/projects/p/locations/r/instances/i","assetType":"redis.googleapis.com/Instance","resource":{"data":{"authEnabled":false}}}]"#
        let r = load(list, "list.json")
        #expect(r.diagnostics.isEmpty)
        #expect(r.formats["list.json"] == .caiAssetList)
        #expect(r.assets.map(\.name) == ["//storage.googleapis.com/b2", "//redis.googleapis.com/projects/p/locations/r/instances/i"])
        #expect(r.assets[1].provenance.file?.line == 2)
        let page = load(#"{"assets":[{"name":"//storage.googleapis.com/b3","assetType":"storage.googleapis.com/Bucket","iamPolicy":{"bindings":[]}}],"nextPageToken":"x","readTime":"t"}"#, "page.json")
        #expect(r.diagnostics.isEmpty)
        #expect(page.formats["page.json"] == .caiAPIPage)
        #expect(page.assets.map(\.name) == ["//storage.googleapis.com/b3"])
    }

    @Test func truncatedNDJSONLoadsTheRest() {
        let truncated = Self.bucketLine + "\n" + String(Self.sqlLine.prefix(60))
        let r = load(truncated)
        #expect(r.assets.map(\.name) == ["//storage.googleapis.com/b1"])
        #expect(r.diagnostics.count == 1)
        #expect(r.diagnostics[0].severity == .error)
        #expect(r.diagnostics[0].range?.filename == "export.ndjson")
        #expect(r.diagnostics[0].range?.start.line == 2)
        #expect(r.diagnostics[0].summary.hasPrefix("Invalid JSON in record 2"))
    }

    @Test func oversizeLineIsSkippedNotBuffered() {
        // The default limit is 64 MiB; a 1 GB line is the same code path with a smaller limit.
        let big = #"{"name":"//storage.googleapis.com/huge","asset_type":"storage.googleapis.com/Bucket","resource":{"data":{"x":""#
            + String(repeating: "a", count: 5000) + "\"}}}"
        let text = Self.bucketLine + "\n" + big + "\n" + Self.bucketIAMLine + "\n"
        let r = load(text, options: .init(maxRecordBytes: 1000, chunkBytes: 256))
        #expect(r.assets.map(\.name) == ["//storage.googleapis.com/b1"])
        #expect(r.assets[0].iamPolicy != nil)
        #expect(r.diagnostics.map(\.summary) == ["Record longer than 1000 bytes skipped"])
        #expect(r.diagnostics[0].range?.start.line == 2)
    }

    @Test func oversizeLineAcrossChunksFromFile() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tollgate-assets-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let big = #"{"name":"//storage.googleapis.com/huge","asset_type":"storage.googleapis.com/Bucket","resource":{"data":{"x":""#
            + String(repeating: "a", count: 300_000) + "\"}}}"
        let file = dir.appendingPathComponent("e.ndjson")
        try (Self.bucketLine + "\n" + big + "\n" + Self.sqlLine + "\n").write(to: file, atomically: true, encoding: .utf8)
        let r = AssetLoader.load(paths: [file.path], options: .init(maxRecordBytes: 100_000, chunkBytes: 4096))
        #expect(r.assets.map(\.name) == ["//storage.googleapis.com/b1", "//cloudsql.googleapis.com/projects/p/instances/db"])
        #expect(r.diagnostics.filter { $0.severity == .error }.map(\.range?.start.line) == [2])
    }

    /// Records carrying only content Tollgate does not model (organization and access
    /// policies) load without a "neither resource nor iam_policy" warning, in either spelling,
    /// from an export line and from an already parsed record (`tollgate live`).
    @Test(arguments: ["org_policy", "orgPolicy", "access_policy", "accessPolicy"])
    func otherContentIsNotAProblem(key: String) {
        let line = #"{"name":"//cloudresourcemanager.googleapis.com/projects/p","asset_type":"cloudresourcemanager.googleapis.com/Project","\#(key)":[{"constraint":"c"}]}"#
        let r = load(line + "\n")
        #expect(r.assets.map(\.name) == ["//cloudresourcemanager.googleapis.com/projects/p"])
        #expect(r.diagnostics.isEmpty, "\(r.diagnostics)")
        let viaRecords = AssetLoader.load(records: [json(line)], filename: "export.ndjson")
        #expect(viaRecords.assets.map(\.name) == r.assets.map(\.name))
        #expect(viaRecords.diagnostics.isEmpty)
    }

    @Test func wrongTypeInKnownFieldBecomesUnknown() {
        let r = load(Self.sqlLine + "\n")
        #expect(r.assets.count == 1)
        let v = r.assets[0].data[path: ["settings", "ipConfiguration", "ipv4Enabled"]]
        #expect(v?.isKnown == false)
        #expect(r.diagnostics.map(\.summary) == [
            "//cloudsql.googleapis.com/projects/p/instances/db: settings.ipConfiguration.ipv4Enabled is a string, expected bool"
        ])
        #expect(r.diagnostics[0].range?.start.line == 1)
    }

    @Test func duplicateAssetsAreDiagnosed() {
        let r = load(Self.bucketLine + "\n" + Self.bucketLine + "\n")
        #expect(r.assets.count == 1)
        #expect(r.diagnostics.count == 1)
        #expect(r.diagnostics[0].severity == .warning)
        #expect(r.diagnostics[0].range?.start.line == 2)
        #expect(r.diagnostics[0].summary.contains("duplicate asset //storage.googleapis.com/b1"))
    }

    @Test func unknownAssetTypeIsNotedAndLoaded() {
        let line = #"{"name":"//example.googleapis.com/things/t","asset_type":"example.googleapis.com/Thing","resource":{"data":{}}}"#
        let r = load(Self.bucketLine + "\n" + line + "\n")
        #expect(r.assets.count == 2)
        #expect(r.diagnostics.map(\.severity) == [.note])
        #expect(r.diagnostics[0].summary == "Asset type example.googleapis.com/Thing is loaded but no built-in policy covers it")
        #expect(r.diagnostics[0].range?.start.line == 2)
    }

    @Test func yamlAliasBombIsBounded() {
        var yaml = "a: &a [x, x, x, x, x, x, x, x, x, x]\n"
        var prev = "a"
        for c in ["b", "c", "d", "e", "f", "g", "h", "i"] {
            yaml += "\(c): &\(c) [" + Array(repeating: "*\(prev)", count: 10).joined(separator: ", ") + "]\n"
            prev = c
        }
        let r = load(yaml, "bomb.yaml", options: .init(maxYAMLNodes: 10_000))
        #expect(r.assets.isEmpty)
        #expect(r.diagnostics.count == 1)
        #expect(r.diagnostics[0].summary == "Invalid YAML: document expands to more than 10000 nodes (alias expansion is bounded)")
        #expect(r.diagnostics[0].range?.filename == "bomb.yaml")
    }

    @Test func yamlSyntaxErrorHasLine() {
        let r = load("kind: sql#instance\nname: [unclosed\n", "bad.yaml")
        #expect(r.diagnostics.count == 1)
        #expect(r.diagnostics[0].summary.hasPrefix("Invalid YAML"))
        #expect((r.diagnostics[0].range?.start.line ?? 0) >= 2)
    }

    @Test func unrecognisedInputIsAClearError() {
        let r = load(#"{"hello": "world"}"#, "x.json")
        #expect(r.assets.isEmpty)
        #expect(r.diagnostics.map(\.summary) == ["Unrecognised input file: an object with keys hello"])
        #expect(r.diagnostics[0].detail.contains("gcloud sql/redis/storage describe"))
    }

    @Test func iamPolicyNeedsABinding() {
        let policy = #"{"bindings":[{"role":"roles/owner","members":["user:a@example.com"],"condition":{"expression":"request.time < timestamp('2030-01-01T00:00:00Z')","title":"temp"}}],"etag":"BwX=","version":3}"#
        let unbound = load(policy, "policy.json")
        #expect(unbound.assets.isEmpty)
        #expect(unbound.diagnostics.first?.summary == "IAM policy in policy.json is not bound to a resource")
        guard case .success(let b) = IAMPolicyBinding.parse("projects/p1=policy.json") else {
            Issue.record("parse failed")
            return
        }
        #expect(b == IAMPolicyBinding(resource: "//cloudresourcemanager.googleapis.com/projects/p1", assetType: "cloudresourcemanager.googleapis.com/Project", path: "policy.json"))
        let bound = load(policy, "policy.json", options: .init(iamPolicyBindings: [b]))
        #expect(bound.diagnostics.isEmpty)
        #expect(bound.assets.map(\.name) == ["//cloudresourcemanager.googleapis.com/projects/p1"])
        #expect(bound.assets[0].iamPolicy?.bindings[0].condition?.title == "temp")
        #expect(bound.assets[0].iamPolicy?.version == 3)
    }

    @Test(arguments: [
        ("gs://bkt=p.yaml", "//storage.googleapis.com/bkt", "storage.googleapis.com/Bucket"),
        ("folders/12=p.json", "//cloudresourcemanager.googleapis.com/folders/12", "cloudresourcemanager.googleapis.com/Folder"),
        ("//secretmanager.googleapis.com/projects/p/secrets/s=p.json", "//secretmanager.googleapis.com/projects/p/secrets/s", "secretmanager.googleapis.com/Secret"),
    ])
    func iamPolicyBindingParse(arg: String, name: String, type: String) throws {
        let b = try IAMPolicyBinding.parse(arg).get()
        #expect(b.resource == name)
        #expect(b.assetType == type)
    }

    @Test func iamPolicyBindingRejectsGarbage() {
        guard case .failure(let e) = IAMPolicyBinding.parse("nonsense") else {
            Issue.record("expected failure")
            return
        }
        #expect(e.message == "expected RESOURCE=FILE, e.g. projects/my-project=policy.json, got 'nonsense'")
    }
}
