import HCL

/// `gcloud sql instances describe`, `gcloud redis instances describe` and `gcloud storage
/// buckets describe` output, normalized into the CAI asset the export would have, with the
/// REST API's camelCase `resource.data`, so one policy applies to both.
///
/// SQL and Redis describes print the API resource as is (Cloud SQL Admin `DatabaseInstance`,
/// Memorystore `Instance`). `gcloud storage buckets describe --raw` prints the JSON API
/// `Bucket`; without `--raw` it prints gcloud's normalized snake_case fields, mapped back here.
enum GcloudDescribe {
    static func asset(
        from v: Value, shape: DocumentShape, provenance: FileProvenance, project: String?, environment: String?
    ) -> (Asset?, [String]) {
        var problems: [String] = []
        var data = v
        let name: String, type: String, discovery: String
        var ancestors: [String] = []
        switch shape {
        case .sqlInstance:
            guard let n = v["name"]?.stringValue else { return (nil, ["SQL instance has no name"]) }
            let p = v["project"]?.stringValue ?? project
            guard let p else { return (nil, ["SQL instance \(n) names no project"]) }
            name = "//cloudsql.googleapis.com/projects/\(p)/instances/\(n)"
            type = "sqladmin.googleapis.com/Instance"
            discovery = "DatabaseInstance"
            ancestors = ["projects/\(p)"]
        case .redisInstance:
            let n = v["name"]!.stringValue!
            name = "//redis.googleapis.com/\(n)"
            type = "redis.googleapis.com/Instance"
            discovery = "Instance"
            if let p = AssetName.component(after: "projects", in: n) { ancestors = ["projects/\(p)"] }
        case .bucketRaw, .bucket:
            if shape == .bucket { data = normalizedBucket(v) }
            guard let n = data["name"]?.stringValue else { return (nil, ["bucket has no name"]) }
            name = "//storage.googleapis.com/\(n)"
            type = "storage.googleapis.com/Bucket"
            discovery = "Bucket"
            // The bucket resource names its project only by number.
            if let p = project { ancestors = ["projects/\(p)"] } else if let num = data["projectNumber"]?.convertedToString {
                ancestors = ["projects/\(num)"]
            }
        default:
            return (nil, ["not a gcloud describe output"])
        }
        problems += AssetTypes.check(&data, assetType: type)
        let asset = Asset(
            name: name, assetType: type, ancestors: ancestors,
            resource: AssetResource(
                discoveryName: discovery, parent: ancestors.first.map(AssetName.container) ?? "",
                location: (data["region"] ?? data["locationId"] ?? data["location"])?.stringValue, data: data),
            labels: Labels.of(data), environment: environment, provenance: .file(provenance))
        return (asset, problems)
    }

    /// gcloud storage's snake_case bucket fields → JSON API `Bucket` fields.
    static let bucketFields: [String: [String]] = [
        "name": ["name"], "location": ["location"], "location_type": ["locationType"],
        "default_storage_class": ["storageClass"],
        "public_access_prevention": ["iamConfiguration", "publicAccessPrevention"],
        "uniform_bucket_level_access": ["iamConfiguration", "uniformBucketLevelAccess", "enabled"],
        "versioning_enabled": ["versioning", "enabled"], "labels": ["labels"], "lifecycle_config": ["lifecycle"],
        "logging_config": ["logging"], "retention_policy": ["retentionPolicy"],
        "default_kms_key": ["encryption", "defaultKmsKeyName"], "requester_pays": ["billing", "requesterPays"],
        "cors_config": ["cors"], "website_config": ["website"], "default_event_based_hold": ["defaultEventBasedHold"],
        "autoclass": ["autoclass"], "soft_delete_policy": ["softDeletePolicy"], "creation_time": ["timeCreated"],
        "update_time": ["updated"], "metageneration": ["metageneration"], "rpo": ["rpo"], "satisfies_pzs": ["satisfiesPZS"],
        "acl": ["acl"], "default_acl": ["defaultObjectAcl"], "project_number": ["projectNumber"], "etag": ["etag"],
        "hierarchical_namespace": ["hierarchicalNamespace"], "object_retention": ["objectRetention"],
        "data_locations": ["customPlacementConfig", "dataLocations"],
    ]

    static func normalizedBucket(_ v: Value) -> Value {
        var out = Value.object([:])
        for (k, x) in v.attributes ?? [:] {
            guard let path = bucketFields[k] else { continue }
            var value = x
            // gcloud prints retention periods as integers; the JSON API writes int64 as strings.
            if k == "retention_policy", let rp = x["retentionPeriod"]?.numberValue {
                value = x.setting(["retentionPeriod"], to: .string(rp.description))
            }
            out = out.setting(path[...], to: value)
        }
        return out
    }
}
