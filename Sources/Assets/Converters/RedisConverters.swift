import HCL

/// `google_redis_instance` → `redis.googleapis.com/Instance` named
/// `//redis.googleapis.com/projects/P/locations/R/instances/N` (Memorystore for Redis API
/// `Instance`; `data.name` is the relative name, as tfplan2cai writes it).
enum RedisConverters {
    static let all: [String: @Sendable (TerraformResource) -> [ConvertedAsset]] = [
        "google_redis_instance": instance
    ]

    static let mapping = DataMapping(
        drop: [
            "region", "project", "auth_string", "host", "port", "current_location_id", "create_time",
            "persistence_iam_identity", "server_ca_certs", "nodes", "read_endpoint", "read_endpoint_port",
            "maintenance_schedule", "effective_reserved_ip_range",
        ],
        rename: [:],
        repeated: ["maintenance_policy.weekly_maintenance_window"]
    )

    static func instance(_ r: TerraformResource) -> [ConvertedAsset] {
        let name = r.segment(r.string("name"), "name")
        let region = r.segment(r.region, "region")
        var m = r.mapped(mapping)
        let relative = "projects/\(r.projectSegment)/locations/\(region)/instances/\(name)"
        m.set("name", .string(relative), source: r.derivedSource("name"))
        // Provider defaults: AUTH off, no in-transit encryption.
        r.fillDefault(&m, "authEnabled", false, tfPath: "auth_enabled")
        r.fillDefault(&m, "transitEncryptionMode", "DISABLED", tfPath: "transit_encryption_mode")
        return [ConvertedAsset(
            name: "//redis.googleapis.com/\(relative)", assetType: "redis.googleapis.com/Instance", discoveryName: "Instance",
            discoveryDocumentURI: "https://redis.googleapis.com/$discovery/rest?version=v1",
            data: m, ancestryStart: "projects/\(r.projectSegment)", location: region)]
    }
}
