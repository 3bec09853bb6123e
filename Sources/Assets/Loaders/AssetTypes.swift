import HCL

/// What the loaders know about asset types: which types policies cover, and the types of
/// the fields policies read, so a string where a bool belongs is caught at load time.
enum AssetTypes {
    static let known: Set<String> = [
        "cloudresourcemanager.googleapis.com/Project", "cloudresourcemanager.googleapis.com/Folder",
        "cloudresourcemanager.googleapis.com/Organization", "cloudbilling.googleapis.com/ProjectBillingInfo",
        "serviceusage.googleapis.com/Service", "storage.googleapis.com/Bucket", "sqladmin.googleapis.com/Instance",
        "sqladmin.googleapis.com/User", "redis.googleapis.com/Instance", "run.googleapis.com/Service", "run.googleapis.com/Job",
        "run.googleapis.com/Revision", "run.googleapis.com/Execution",
        "iam.googleapis.com/ServiceAccount", "iam.googleapis.com/ServiceAccountKey", "iam.googleapis.com/Role",
        "iam.googleapis.com/WorkloadIdentityPool", "iam.googleapis.com/WorkloadIdentityPoolProvider",
        "compute.googleapis.com/Network", "compute.googleapis.com/Subnetwork", "compute.googleapis.com/Firewall",
        "compute.googleapis.com/Router", "compute.googleapis.com/GlobalAddress", "compute.googleapis.com/Address",
        "compute.googleapis.com/Instance", "compute.googleapis.com/SslPolicy", "compute.googleapis.com/BackendService",
        "compute.googleapis.com/Disk", "compute.googleapis.com/Route",
        "vpcaccess.googleapis.com/Connector", "servicenetworking.googleapis.com/Connection",
        "secretmanager.googleapis.com/Secret", "secretmanager.googleapis.com/SecretVersion",
        "cloudkms.googleapis.com/KeyRing", "cloudkms.googleapis.com/CryptoKey", "cloudkms.googleapis.com/CryptoKeyVersion",
        "artifactregistry.googleapis.com/Repository", "logging.googleapis.com/LogBucket", "logging.googleapis.com/LogSink",
        "monitoring.googleapis.com/AlertPolicy", "monitoring.googleapis.com/NotificationChannel",
        "monitoring.googleapis.com/UptimeCheckConfig",
    ]

    enum Kind { case bool, string, number, list, object, numberOrString }

    /// Fields policies read, by asset type; checked in every loaded record.
    static let fieldKinds: [String: [([String], Kind)]] = [
        "sqladmin.googleapis.com/Instance": [
            (["settings", "ipConfiguration", "ipv4Enabled"], .bool), (["settings", "ipConfiguration", "requireSsl"], .bool),
            (["settings", "ipConfiguration", "sslMode"], .string), (["settings", "ipConfiguration", "privateNetwork"], .string),
            (["settings", "ipConfiguration", "authorizedNetworks"], .list), (["settings", "backupConfiguration", "enabled"], .bool),
            (["settings", "backupConfiguration", "pointInTimeRecoveryEnabled"], .bool), (["settings", "availabilityType"], .string),
            (["settings", "databaseFlags"], .list), (["settings", "deletionProtectionEnabled"], .bool), (["databaseVersion"], .string),
        ],
        "storage.googleapis.com/Bucket": [
            (["iamConfiguration", "uniformBucketLevelAccess", "enabled"], .bool), (["iamConfiguration", "publicAccessPrevention"], .string),
            (["versioning", "enabled"], .bool), (["retentionPolicy", "retentionPeriod"], .numberOrString),
            (["retentionPolicy", "isLocked"], .bool), (["logging", "logBucket"], .string), (["labels"], .object),
            (["encryption", "defaultKmsKeyName"], .string),
        ],
        "redis.googleapis.com/Instance": [
            (["authEnabled"], .bool), (["transitEncryptionMode"], .string), (["authorizedNetwork"], .string),
            (["connectMode"], .string), (["memorySizeGb"], .number),
        ],
        "run.googleapis.com/Service": [(["ingress"], .string)],
        "compute.googleapis.com/Firewall": [
            (["sourceRanges"], .list), (["disabled"], .bool), (["direction"], .string), (["allowed"], .list),
        ],
        "logging.googleapis.com/LogBucket": [(["retentionDays"], .number), (["locked"], .bool)],
        "compute.googleapis.com/Subnetwork": [(["logConfig", "enable"], .bool), (["privateIpGoogleAccess"], .bool)],
    ]

    static func matches(_ v: Value, _ k: Kind) -> Bool {
        switch (k, v) {
        case (_, .null), (_, .unknown): true
        case (.bool, .bool), (.string, .string), (.number, .number), (.numberOrString, .number), (.numberOrString, .string): true
        case (.list, .tuple), (.list, .list), (.list, .set), (.object, .object), (.object, .map): true
        default: false
        }
    }

    /// Checks the known fields of `data`; a field of the wrong type is replaced by an unknown
    /// (so a policy reports it undetermined instead of passing or failing on garbage).
    static func check(_ data: inout Value, assetType: String) -> [String] {
        guard let kinds = fieldKinds[assetType] else { return [] }
        var problems: [String] = []
        for (path, kind) in kinds {
            guard let v = data[path: path], !matches(v, kind) else { continue }
            let dotted = path.joined(separator: ".")
            problems.append("\(dotted) is a \(v.typeName), expected \(kind)")
            data = data.setting(path[...], to: .unknown("wrong type in input: \(dotted) was \(v.jsonString)"))
        }
        return problems
    }

    /// `projects/P` from a full name holding a project, for IAM-only assets.
    static func ancestors(ofName name: String) -> [String] {
        if let p = AssetName.component(after: "projects", in: name) { return ["projects/\(p)"] }
        return []
    }
}
