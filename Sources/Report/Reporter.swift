import Policy

/// The formats Tollgate writes. Each has one `Reporter`; all but the console have a file
/// name under `--output DIR`.
public enum ReportFormat: String, CaseIterable, Codable, Hashable, Sendable {
    case console, sarif, markdown, json, junit

    /// The file written under `--output DIR`; nil for the console (it goes to stdout).
    public var fileName: String? {
        switch self {
        case .console: nil
        case .sarif: "tollgate.sarif"
        case .markdown: "tollgate.md"
        case .json: "tollgate.json"
        case .junit: "tollgate.junit.xml"
        }
    }
}

/// Turns a scan result into the bytes of one report. Reporters see only the `ScanResult`,
/// never parsers or the engine, and their output is a pure function of it: the same result
/// renders to the same bytes (lists sorted by `ScanResult.normalized()`, JSON keys sorted).
public protocol Reporter: Sendable {
    var format: ReportFormat { get }
    /// Renders a result that `ScanResult.normalized()` already sorted. The writer normalizes
    /// once for every format; call `render(_:)` when you hold an unsorted result.
    func render(normalized result: ScanResult) throws -> [UInt8]
}

extension Reporter {
    public var fileName: String? { format.fileName }

    /// Sorts the result, then renders it.
    public func render(_ result: ScanResult) throws -> [UInt8] {
        try render(normalized: result.normalized())
    }
}
