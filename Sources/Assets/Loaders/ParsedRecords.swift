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
        var session = LoadSession(options: Options())
        session.formats[filename] = .caiExport
        session.collection.reserveCapacity(additional: records.count)
        for (n, record) in records.enumerated() {
            guard var e = CAIRecord.envelope(of: record) else {
                session.addRecord(record, format: .caiExport, filename: filename, line: n + 1, record: n + 1, entry: nil)
                continue
            }
            if record["accessPolicy"] != nil { e.otherContent = true }
            session.addEnvelope(e, format: .caiExport, filename: filename, line: n + 1, record: n + 1, entry: nil)
        }
        return session.finish()
    }
}
