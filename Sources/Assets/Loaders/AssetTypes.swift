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
        replaceWrongTypes(&data, assetType: assetType) { path, _, v in
            (nil, .unknown("wrong type in input: \(path) was \(v.jsonString)"))
        }.map(\.message)
    }

    /// Terraform's conversion of a configured value to its attribute's schema type, for the
    /// fields policies read (Terraform converts `"false"` to `false` for a bool attribute, as
    /// cty's string → bool conversion does; `"5"` to a number; a number or bool to a string).
    /// A value that does not convert is an error at plan time in Terraform: here it becomes
    /// unknown, and the returned problems (dotted path, message) say why.
    static func convertForSchema(_ data: inout Value, assetType: String) -> [(path: String, message: String)] {
        replaceWrongTypes(&data, assetType: assetType) { path, kind, v in
            (converted(v, to: kind), .unknown("wrong type in configuration: \(path)"))
        }
    }

    /// Each listed field of `data` whose value is not of its kind (a sensitive mark aside) is
    /// replaced by `fix`'s conversion when it gives one, else by its unknown and reported.
    private static func replaceWrongTypes(
        _ data: inout Value, assetType: String,
        fix: (_ path: String, _ kind: Kind, _ value: Value) -> (converted: Value?, unknown: Value)
    ) -> [(path: String, message: String)] {
        guard let roots = fieldTrees[assetType] else { return [] }
        var wrong: [(field: FieldNode.Field, value: Value)] = []
        collect(data, roots, into: &wrong)
        guard !wrong.isEmpty else { return [] }
        wrong.sort { $0.field.order < $1.field.order }  // as listed in `fieldKinds`
        var problems: [(path: String, message: String)] = []
        for (field, v) in wrong {
            let inner = v.unmarked
            if matches(inner, field.kind) { continue }
            let dotted = field.path.joined(separator: ".")
            let (converted, unknown) = fix(dotted, field.kind, inner)
            if let converted {
                data = data.setting(field.path[...], to: converted.markedSensitive(v.isSensitive))
            } else {
                problems.append((dotted, "\(dotted) is a \(inner.typeName), expected \(field.kind)"))
                data = data.setting(field.path[...], to: unknown)
            }
        }
        return problems
    }

    /// cty's primitive conversions (cty `convert` package: string ↔ bool, string ↔ number).
    static func converted(_ v: Value, to kind: Kind) -> Value? {
        switch (kind, v) {
        case (.bool, .string(let s)):
            switch s {
            case "true": return .bool(true)
            case "false": return .bool(false)
            default: return nil
            }
        case (.number, .string(let s)):
            return Number(literal: s).map(Value.number)
        case (.string, .number(let n)):
            return .string(n.description)
        case (.string, .bool(let b)):
            return .string(b ? "true" : "false")
        default:
            return nil
        }
    }

    /// `fieldKinds` as a tree per type, so every level of `data` is looked up once rather than
    /// once per field under it (SQL's eleven fields were 29 hashed lookups per record).
    struct FieldNode {
        struct Field {
            var path: [String]
            var kind: Kind
            var order: Int
        }
        var key: String
        var field: Field?
        var children: [FieldNode] = []
    }

    static let fieldTrees: [String: [FieldNode]] = fieldKinds.mapValues { fields in
        var roots: [FieldNode] = []
        for (order, (path, kind)) in fields.enumerated() {
            insert(FieldNode.Field(path: path, kind: kind, order: order), path[...], into: &roots)
        }
        return roots
    }

    private static func insert(_ field: FieldNode.Field, _ rest: ArraySlice<String>, into nodes: inout [FieldNode]) {
        guard let key = rest.first else { return }
        let i: Int
        if let found = nodes.firstIndex(where: { $0.key == key }) {
            i = found
        } else {
            nodes.append(FieldNode(key: key))
            i = nodes.count - 1
        }
        if rest.count == 1 { nodes[i].field = field } else { insert(field, rest.dropFirst(), into: &nodes[i].children) }
    }

    private static func collect(_ v: Value, _ nodes: [FieldNode], into wrong: inout [(field: FieldNode.Field, value: Value)]) {
        guard let m = v.attributes else { return }
        for n in nodes {
            guard let child = m[n.key] else { continue }
            if let f = n.field, !matches(child, f.kind) {
                // Replaced by an unknown: nothing below it is there to check.
                wrong.append((f, child))
                continue
            }
            if !n.children.isEmpty { collect(child, n.children, into: &wrong) }
        }
    }

    /// `projects/P` from a full name holding a project, for IAM-only assets.
    static func ancestors(ofName name: String) -> [String] {
        if let p = AssetName.component(after: "projects", in: name) { return ["projects/\(p)"] }
        return []
    }
}
