import Foundation
import HCL
import Policy
import Testing
@testable import Report

/// `tollgate.json` and `tollgate.sarif` are written by hand with `JSONWriter` (for speed);
/// `SortedJSONEncoder` over the `Codable` models is the reference they must equal byte for byte.
@Suite struct JSONWriterTests {
    static func fixture(_ name: String) -> ScanResult {
        switch name {
        case "rich": ScanResultFixtures.rich
        case "clean": ScanResultFixtures.clean
        case "gated": ScanResultFixtures.gated
        case "awkward": SARIFReporterTests.awkward
        case "sparse": sparse
        default: ScanResultFixtures.many(400)
        }
    }

    /// Every optional left nil, every list empty but one finding: the omitted-key paths.
    static var sparse: ScanResult {
        ScanResult(
            tool: ToolInfo(version: "dev", policyPackVersion: ""),
            scope: Scope(inputs: [], profile: "", environments: [], startedAt: "", automationID: ""),
            policies: [PolicyMetadata(id: "P", title: "t", family: .logging, severity: .info, resourceTypes: [],
                                      rationale: "", remediation: "", origin: "custom")],
            findings: [Finding(policyID: "P", severity: .info, family: .logging, message: "m", assetName: "", assetType: "t",
                               status: .baselined, fingerprint: "f"),
                       Finding(policyID: "Q", severity: .low, family: .encryption, message: "q.", assetName: "a/b/", assetType: "t",
                               location: Location(path: "", startLine: 0, startColumn: 0, endLine: 0, endColumn: 0),
                               evidence: [Evidence(field: "f", observed: "\u{1}\"\\", expected: "\n")],
                               status: .suppressed, suppression: Suppression(kind: .inline, reason: "r",
                                   location: Location(path: "x y.tf", startLine: 3, startColumn: 1, endLine: 3, endColumn: 9)),
                               fingerprint: "g")],
            undetermined: [Undetermined(policyID: "P", severity: .info, family: .logging, assetName: "a", assetType: "t", unknowns: [], reason: "")],
            notices: [Diagnostic(severity: .note, summary: "s")],
            resolved: [Finding(policyID: "P", severity: .info, family: .logging, message: "gone", assetName: "z", assetType: "t", fingerprint: "h")],
            failOn: nil)
    }

    static let fixtures = ["rich", "clean", "gated", "awkward", "sparse", "many"]

    @Test(arguments: fixtures)
    func jsonReportEqualsCodableEncoding(_ name: String) throws {
        let result = Self.fixture(name).normalized()
        let reference = try SortedJSONEncoder().encode(JSONReport(result: result))
        let written = try JSONReporter().render(normalized: result)
        #expect(String(decoding: written, as: UTF8.self) == String(decoding: reference, as: UTF8.self))
    }

    @Test(arguments: fixtures, [25_000, 7])
    func sarifEqualsCodableEncoding(_ name: String, maxResults: Int) throws {
        let result = Self.fixture(name).normalized()
        let reporter = SARIFReporter(maxResults: maxResults)
        let reference = try SortedJSONEncoder().encode(reporter.log(for: result))
        let written = try reporter.render(normalized: result)
        #expect(String(decoding: written, as: UTF8.self) == String(decoding: reference, as: UTF8.self))
    }

    @Test func layoutOfNestedAndEmptyContainers() {
        var w = JSONWriter(capacity: 0)
        w.beginObject()
        w.key("a")
        w.beginArray()
        w.endArray()
        w.key("b")
        w.beginObject()
        w.endObject()
        w.key("c")
        w.beginArray()
        w.element()
        w.integer(-12)
        w.element()
        w.beginObject()
        w.field("d", "\"x\"")
        w.endObject()
        w.endArray()
        w.key("k\u{1}")
        w.bool(true)
        w.endObject()
        let text = String(decoding: w.finish(), as: UTF8.self)
        #expect(text == "{\n  \"a\": [],\n  \"b\": {},\n  \"c\": [\n    -12,\n    {\n      \"d\": \"\\\"x\\\"\"\n    }\n  ],\n  \"k\\u0001\": true\n}\n")
    }

    @Test(arguments: [0, 7, 10, 99, 100, 12345, -1, -907, Int.max, Int.min])
    func decimalsMatchTheStandardLibrary(_ n: Int) {
        var out: [UInt8] = []
        out.append(decimal: n)
        #expect(String(decoding: out, as: UTF8.self) == String(n))
    }
}

@Suite struct ByteScanTests {
    /// Agrees with a byte-by-byte scan for every position of every interesting byte, in
    /// strings shorter and longer than a word.
    @Test func agreesWithAByteLoop() {
        let interesting: [UInt8] = [0x00, 0x1F, 0x20, 0x21, 0x22, 0x23, 0x25, 0x26, 0x27, 0x3B, 0x3C, 0x3D, 0x3E, 0x3F,
                                    0x5B, 0x5C, 0x5D, 0x7F, 0x80, 0xA2, 0xDC, 0xEE, 0xEF, 0xF0, 0xFF]
        for length in [0, 1, 7, 8, 9, 15, 16, 17, 31] {
            for position in 0..<max(length, 1) {
                for b in interesting {
                    var bytes = [UInt8](repeating: UInt8(ascii: "a"), count: length)
                    if length > 0 { bytes[position] = b }
                    let json = bytes.contains { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C }
                    let xml = bytes.contains { $0 < 0x20 || [0x26, 0x3C, 0x3E, 0x22, 0xEF].contains($0) }
                    #expect(bytes.withUnsafeBufferPointer { ByteScan.json($0) } == json, "length \(length), byte \(b) at \(position)")
                    #expect(bytes.withUnsafeBufferPointer { ByteScan.xml($0) } == xml, "length \(length), byte \(b) at \(position)")
                }
            }
        }
    }
}
