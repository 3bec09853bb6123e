import HCL

/// `google_storage_bucket` → `storage.googleapis.com/Bucket`, named `//storage.googleapis.com/{name}`
/// (no project in the name). REST reference: Cloud Storage JSON API `Bucket` resource.
enum StorageConverters {
    static let all: [String: @Sendable (TerraformResource) -> [ConvertedAsset]] = [
        "google_storage_bucket": bucket
    ]

    static let bucketMapping = DataMapping(
        drop: [
            "url", "project_number", "enable_object_retention", "lifecycle_rule.condition.with_state",
            "lifecycle_rule.condition.is_live", "deletion_protection", "project", "uniform_bucket_level_access_locked",
        ],
        rename: [
            "uniform_bucket_level_access": "iamConfiguration.uniformBucketLevelAccess.enabled",
            "public_access_prevention": "iamConfiguration.publicAccessPrevention",
            "requester_pays": "billing.requesterPays",
            "lifecycle_rule": "lifecycle.rule",
            "custom_placement_config.data_locations": "dataLocations",
        ],
        repeated: ["cors", "lifecycle_rule"],
        int64AsString: ["retention_policy.retention_period", "soft_delete_policy.retention_duration_seconds"]
    )

    static func bucket(_ r: TerraformResource) -> [ConvertedAsset] {
        let name = r.segment(r.string("name"), "name")
        var m = r.mapped(bucketMapping)
        m.set("project", r["project"].flatMap { $0.isKnown ? Value?.none : $0 } ?? .string(r.projectSegment),
              source: r.derivedSource("project"))
        if m["lifecycle"] == nil {
            // tfplan2cai always writes the rule list, empty when no rule is configured.
            m.set("lifecycle.rule", .tuple([]), source: r.derivedSource("lifecycle_rule"))
        }
        // Provider defaults for omitted security-relevant fields (google provider docs).
        r.fillDefault(&m, "iamConfiguration.uniformBucketLevelAccess.enabled", false, tfPath: "uniform_bucket_level_access")
        r.fillDefault(&m, "iamConfiguration.publicAccessPrevention", "inherited", tfPath: "public_access_prevention")
        return [ConvertedAsset(
            name: "//storage.googleapis.com/\(name)", assetType: "storage.googleapis.com/Bucket", discoveryName: "Bucket",
            discoveryDocumentURI: "https://www.googleapis.com/discovery/v1/apis/storage/v1/rest",
            data: m, ancestryStart: "projects/\(r.projectSegment)", location: r.string("location"))]
    }
}
