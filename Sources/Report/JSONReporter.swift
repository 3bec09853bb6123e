import Foundation
import Policy

/// The stable machine interface: the `ScanResult` itself, plus `schemaVersion` and the
/// computed `summary` (exit code, verdict, counts), as documented by `docs/report.schema.json`.
public struct JSONReporter: SpillingReporter {
    /// Semantic version of `docs/report.schema.json`: the major changes when a field is
    /// removed or changes meaning, the minor when one is added.
    public static let schemaVersion = "1.0.0"

    public var format: ReportFormat { .json }

    public init() {}

    public func render(normalized result: ScanResult) throws -> [UInt8] {
        // Written directly; the same bytes as `encodeJSON(JSONReport(result:))` (tested).
        ScanResultJSON.document(result, summary: ScanSummary(result))
    }

    func render(normalized result: ScanResult, spill: ReportSpill) {
        ScanResultJSON.document(result, summary: ScanSummary(result), spill: spill)
    }

    /// Reads a JSON report back (e.g. to merge or compare runs). Throws when it is not a
    /// Tollgate report or its schema's major version is not this one's.
    public static func decode(_ bytes: [UInt8]) throws -> ScanResult {
        let data = Data(bytes)
        let header = try JSONDecoder().decode(Header.self, from: data)
        let major = { (v: String) in v.split(separator: ".").first.map(String.init) ?? v }
        guard major(header.schemaVersion) == major(schemaVersion) else {
            throw DecodingError.dataCorrupted(.init(codingPath: [], debugDescription:
                "report schema version \(header.schemaVersion) is not compatible with \(schemaVersion)"))
        }
        return try JSONDecoder().decode(ScanResult.self, from: data)
    }

    private struct Header: Decodable {
        var schemaVersion: String
    }
}

/// `schemaVersion` and `summary` beside the result's own keys, in one object.
struct JSONReport: Encodable {
    let result: ScanResult

    enum CodingKeys: String, CodingKey {
        case schemaVersion, summary
    }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(JSONReporter.schemaVersion, forKey: .schemaVersion)
        try c.encode(ScanSummary(result), forKey: .summary)
        // The result's keys go into the same object (JSONEncoder merges keyed containers).
        try result.encode(to: encoder)
    }
}
