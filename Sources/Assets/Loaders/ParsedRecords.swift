import Dispatch
import HCL

extension AssetLoader {
    /// Loads CAI records that are already parsed — the API's camelCase `Asset` objects, as
    /// `tollgate live` fetched them — exactly as the export loader loads the NDJSON export
    /// `--save-export` writes of them: record `n` (from 0) is line and record `n + 1` of
    /// `filename` in diagnostics, and the assets equal, asset for asset, what
    /// `load(paths: [filename])` gives for that file. Without rendering and re-reading ~1 KB
    /// of JSON per asset.
    ///
    /// The export names the envelope fields in snake_case where the API uses lowerCamelCase;
    /// the loader reads both spellings of every field (`CAIRecord.envelope(of:)`,
    /// `IAMPolicyReader`), except `access_policy`, checked here under its API name too.
    package static func load(records: [Value], filename: String) -> Result {
        // Records become assets on every core (`CAIRecord.asset` is a pure function); they are
        // collected in record order on this thread, as the export loader does line by line.
        let converted = convert(records, filename: filename)
        var session = LoadSession(options: Options())
        session.formats[filename] = .caiExport
        session.collection.reserveCapacity(additional: records.count)
        for (n, outcome) in converted.enumerated() {
            let line = n + 1
            switch outcome {
            case .failure(let message):
                session.error("Record \(line) skipped: \(message)", filename, line: line)
            case .success(let (asset, problems)):
                for p in problems { session.warning("\(asset.name): \(p)", filename, line: line, detail: "the field is treated as unknown") }
                session.insert(asset, filename: filename, line: line)
            }
        }
        return session.finish()
    }

    private typealias Converted = Swift.Result<(Asset, [String]), CAIRecord.RecordError>

    /// `LoadSession.addRecord`'s conversion of each record (provenance: the record's line).
    private static func converted(_ record: Value, filename: String, line: Int) -> Converted {
        guard var e = CAIRecord.envelope(of: record) else {
            return .failure(CAIRecord.RecordError("a record must be a JSON object, got \(record.typeName)"))
        }
        if record["accessPolicy"] != nil { e.otherContent = true }
        return CAIRecord.asset(from: e, provenance: FileProvenance(path: filename, line: line, record: line, format: .caiExport))
    }

    private static func convert(_ records: [Value], filename: String) -> [Converted] {
        records.withUnsafeBufferPointer { all in
            let input = SendablePointer(all.baseAddress ?? UnsafePointer(bitPattern: 8)!)
            return ParallelRanges.map(count: all.count, minimum: 512) { _, range in
                range.map { i in converted(input.pointer[i], filename: filename, line: i + 1) }
            }.flatMap { $0 }
        }
    }
}
