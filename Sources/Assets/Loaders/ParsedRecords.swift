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
    /// `IAMPolicyReader`).
    package static func load(records: [Value], filename: String) -> Result {
        // Records become assets on every core (`CAIRecord.asset` is a pure function); they are
        // collected in record order on this thread, as the export loader does line by line.
        let converted = convert(records, filename: filename)
        var session = LoadSession(options: Options())
        session.formats[filename] = .caiExport
        session.collection.reserveCapacity(additional: records.count)
        for (n, outcome) in converted.enumerated() { session.add(outcome, filename: filename, line: n + 1) }
        return session.finish()
    }

    /// The conversion of each record, as for an export line (provenance: the record's line).
    private static func converted(_ record: Value, filename: String, line: Int) -> RecordBatch.Outcome {
        guard let e = CAIRecord.envelope(of: record) else {
            return RecordBatch.outcome(.failure(CAIRecord.RecordError("a record must be a JSON object, got \(record.typeName)")),
                                       line: line, environment: nil)
        }
        let prov = FileProvenance(path: filename, line: line, record: line, format: .caiExport)
        return RecordBatch.outcome(CAIRecord.asset(from: e, provenance: prov), line: line, environment: nil)
    }

    private static func convert(_ records: [Value], filename: String) -> [RecordBatch.Outcome] {
        records.withUnsafeBufferPointer { all in
            let input = SendablePointer(all.baseAddress ?? UnsafePointer(bitPattern: 8)!)
            return ParallelRanges.map(count: all.count, minimum: 512) { _, range in
                range.map { i in converted(input.pointer[i], filename: filename, line: i + 1) }
            }.flatMap { $0 }
        }
    }
}
