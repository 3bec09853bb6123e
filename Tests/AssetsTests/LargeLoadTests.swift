import Foundation
import HCL
import Testing
@testable import Assets

/// The large-export machinery: object shapes reused across records, the graph taking the
/// loaded array over and sorting it in place, and the record-count estimate.
@Suite struct LargeLoadTests {
    /// Records whose objects repeat shapes (same keys, same order), with a duplicate key, the
    /// same keys in another order, and values that differ: the fast path (templates from the
    /// second sighting on) must give exactly what `JSONReader` gives.
    @Test func repeatedShapesEqualTheGeneralPath() throws {
        var lines: [String] = []
        for i in 0..<6 {
            let data = i % 2 == 0
                ? #"{"name":"b\#(i)","labels":{"team":"t\#(i)","env":"dev"},"dup":1,"dup":\#(i),"versioning":{"enabled":\#(i % 3 == 0)}}"#
                : #"{"labels":{"env":"prod","team":"t\#(i)"},"name":"b\#(i)","versioning":{"enabled":false},"dup":"x\#(i)"}"#
            lines.append(#"{"name":"//storage.googleapis.com/b\#(i)","asset_type":"storage.googleapis.com/Bucket","resource":{"data":\#(data)}}"#)
        }
        let r = AssetLoader.load(bytes: Array(lines.joined(separator: "\n").utf8), filename: "e.ndjson")
        #expect(r.diagnostics.isEmpty)
        #expect(r.assets.count == 6)
        for (i, line) in lines.enumerated() {
            guard case .success(let v) = JSONReader.parse(Array(line.utf8)) else {
                Issue.record("line \(i) does not parse")
                continue
            }
            #expect(r.assets[i].data == v[path: ["resource", "data"]], "record \(i)")
        }
        #expect(r.assets[4].data["dup"] == .number(4))  // the last of duplicate keys wins
        #expect(r.assets[3].data["dup"] == "x3")
        #expect(r.assets[5].labels == ["env": "prod", "team": "t5"])
    }

    @Test func objectShapesConfirmKeysAndBuildFromTheSecondSighting() {
        var shapes = ObjectShapes()
        let keys: [String] = ["a", "b", "a"]
        // First sighting: no template yet.
        #expect(shapes.object(shape: 7, keys: keys[...], values: [.number(1), .number(2), .number(3)][...]) == nil)
        let m = shapes.object(shape: 7, keys: keys[...], values: [.number(4), .number(5), .number(6)][...])
        #expect(m == ["a": .number(6), "b": .number(5)])
        // The same hash with other keys (a collision) is refused, not mixed up.
        #expect(shapes.object(shape: 7, keys: ["a", "c", "a"][...], values: [.null, .null, .null][...]) == nil)
        // The template itself is never changed by a build.
        #expect(shapes.object(shape: 7, keys: keys[...], values: [.bool(true), .null, .string("z")][...]) == ["a": "z", "b": .null])
    }

    @Test func graphSortsTheTakenArrayInPlaceAndKeepsTheFirstDuplicate() {
        func asset(_ name: String, _ type: String, line: Int) -> Asset {
            Asset(name: name, assetType: type, provenance: .file(FileProvenance(path: "f", line: line, format: .caiExport)))
        }
        var result = AssetLoader.Result(
            assets: [
                asset("//x/c", "t/A", line: 1), asset("//x/a", "t/B", line: 2), asset("//x/b", "t/A", line: 3),
                asset("//x/a", "t/A", line: 4), asset("//x/c", "t/A", line: 5), asset("//x/a", "t/B", line: 6),
            ],
            diagnostics: [], formats: [:])
        let g = AssetGraph(assets: result.takeAssets())
        #expect(result.assets.isEmpty)
        #expect(g.assets.map { "\($0.name) \($0.assetType) \($0.provenance.file?.line ?? 0)" } == [
            "//x/a t/A 4", "//x/a t/B 2", "//x/b t/A 3", "//x/c t/A 1",
        ])
        #expect(g.asset(named: "//x/a")?.assetType == "t/A")
        #expect(g.asset(AssetKey(assetType: "t/B", name: "//x/a"))?.provenance.file?.line == 2)
        #expect(g.assets(ofType: "t/A").map(\.name) == ["//x/a", "//x/b", "//x/c"])
    }

    @Test func recordCountEstimateFromTheHead() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("tollgate-estimate-\(UUID().uuidString).ndjson")
        defer { try? FileManager.default.removeItem(at: url) }
        let line = Array((String(repeating: "x", count: 99) + "\n").utf8)  // 100 bytes a line
        try Data((0..<1000).flatMap { _ in line }).write(to: url)
        let handle = try FileHandle(forReadingFrom: url)
        defer { try? handle.close() }
        let head = Array(line + line + line + Array("xx".utf8))
        // 100,000 bytes / 100 per line, plus 1/32 and 16 of slack.
        #expect(LoadSession.estimatedRecords(fd: handle.fileDescriptor, head: head) == 1000 + 31 + 16)
        #expect(LoadSession.estimatedRecords(fd: handle.fileDescriptor, head: Array("no newline".utf8)) == 0)
        // Bounded by one record per 64 bytes, whatever the head claims.
        #expect(LoadSession.estimatedRecords(fd: handle.fileDescriptor, head: Array("{}\n".utf8)) == 100_000 / 64 + 1)
    }

    /// The field tree checks every listed field, reports in the listed order whatever the
    /// order in the record, and replaces only the wrong ones.
    @Test func fieldTreeReportsEveryWrongFieldInListedOrder() {
        let line = #"{"name":"//cloudsql.googleapis.com/projects/p/instances/db","asset_type":"sqladmin.googleapis.com/Instance","resource":{"data":{"databaseVersion":16,"settings":{"availabilityType":"ZONAL","backupConfiguration":{"enabled":"yes"},"ipConfiguration":{"sslMode":"ENCRYPTED_ONLY","ipv4Enabled":1,"authorizedNetworks":{}},"databaseFlags":"none"}}}}"#
        let r = AssetLoader.load(bytes: Array(line.utf8), filename: "e.ndjson")
        let prefix = "//cloudsql.googleapis.com/projects/p/instances/db: "
        #expect(r.diagnostics.map(\.summary) == [
            prefix + "settings.ipConfiguration.ipv4Enabled is a number, expected bool",
            prefix + "settings.ipConfiguration.authorizedNetworks is a object, expected list",
            prefix + "settings.backupConfiguration.enabled is a string, expected bool",
            prefix + "settings.databaseFlags is a string, expected list",
            prefix + "databaseVersion is a number, expected string",
        ])
        let d = r.assets[0].data
        for path in [["settings", "ipConfiguration", "ipv4Enabled"], ["settings", "ipConfiguration", "authorizedNetworks"],
                     ["settings", "backupConfiguration", "enabled"], ["settings", "databaseFlags"], ["databaseVersion"]] {
            #expect(d[path: path]?.isKnown == false, "\(path)")
        }
        #expect(d[path: ["settings", "ipConfiguration", "sslMode"]] == "ENCRYPTED_ONLY")
        #expect(d[path: ["settings", "availabilityType"]] == "ZONAL")
    }
}
