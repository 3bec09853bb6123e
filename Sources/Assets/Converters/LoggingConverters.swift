import HCL

/// Cloud Logging: `google_logging_project_bucket_config` → `logging.googleapis.com/LogBucket`,
/// `google_logging_project_sink` → `logging.googleapis.com/LogSink`.
enum LoggingConverters {
    static let all: [String: @Sendable (TerraformResource) -> [ConvertedAsset]] = [
        "google_logging_project_bucket_config": bucketConfig,
        "google_logging_project_sink": sink,
    ]

    static func project(_ r: TerraformResource) -> String {
        r.segment(r.project.map(IAMFolding.strip("projects/")), "project")
    }

    static func bucketConfig(_ r: TerraformResource) -> [ConvertedAsset] {
        let project = project(r)
        let location = r.segment(r.string("location"), "location")
        let id = r.segment(r.string("bucket_id"), "bucket_id")
        var m = r.mapped(DataMapping(
            drop: ["project", "name", "lifecycle_state"], rename: [:], repeated: ["index_configs"]))
        m.set("id", .string("projects/\(project)/locations/\(location)/buckets/\(id)"), source: r.derivedSource("bucket_id"))
        // Omitted retention: the API's 30 days.
        r.fillDefault(&m, "retentionDays", 30, tfPath: "retention_days")
        return [ConvertedAsset(
            name: "//logging.googleapis.com/projects/\(project)/locations/\(location)/buckets/\(id)",
            assetType: "logging.googleapis.com/LogBucket", discoveryName: "LogBucket", data: m,
            ancestryStart: "projects/\(project)", location: location)]
    }

    static func sink(_ r: TerraformResource) -> [ConvertedAsset] {
        let project = project(r)
        let m = r.mapped(DataMapping(
            drop: ["project", "unique_writer_identity", "writer_identity"], rename: [:], repeated: ["exclusions"]))
        return [ConvertedAsset(
            name: "//logging.googleapis.com/projects/\(project)/sinks/\(r.segment(r.string("name"), "name"))",
            assetType: "logging.googleapis.com/LogSink", discoveryName: "LogSink", data: m,
            ancestryStart: "projects/\(project)")]
    }
}
