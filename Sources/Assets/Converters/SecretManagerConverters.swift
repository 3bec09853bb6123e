import HCL

/// Secret Manager: `google_secret_manager_secret` → `secretmanager.googleapis.com/Secret`
/// (`//secretmanager.googleapis.com/projects/P/secrets/S`, as tfplan2cai's new generation), and
/// `google_secret_manager_secret_version` → `secretmanager.googleapis.com/SecretVersion`. The
/// secret's payload never enters `resource.data`; a payload known at plan time was written in
/// the configuration or a tfvars file and is recorded in `terraform.secretsInCode`.
enum SecretManagerConverters {
    static let all: [String: @Sendable (TerraformResource) -> [ConvertedAsset]] = [
        "google_secret_manager_secret": secret,
        "google_secret_manager_secret_version": version,
    ]

    static func secret(_ r: TerraformResource) -> [ConvertedAsset] {
        let id = r.segment(r.string("secret_id"), "secret_id")
        var m = r.mapped(DataMapping(
            drop: ["secret_id", "project", "name", "create_time", "version_destroy_ttl"],
            rename: ["replication.user_managed": "userManaged", "replication.auto": "automatic"],
            repeated: ["replication.user_managed.replicas", "topics"]))
        // Provider 4.x spelled automatic replication `automatic = true`; the API has an empty object.
        if m["replication.automatic"] == .bool(true) {
            m.set("replication.automatic", .object([:]), source: r.attributeSource("replication.0.automatic"))
        } else if m["replication.automatic"] == .bool(false) {
            m.remove("replication.automatic")
        }
        if let rep = r["replication"]?.elements?.first, let auto = rep["auto"]?.elements, auto.count == 1, m["replication.automatic"] == nil {
            m.set("replication.automatic", .object([:]), source: r.attributeSource("replication.0.auto"))
        }
        return [ConvertedAsset(
            name: "//secretmanager.googleapis.com/projects/\(r.projectSegment)/secrets/\(id)",
            assetType: "secretmanager.googleapis.com/Secret", discoveryName: "Secret", data: m,
            ancestryStart: "projects/\(r.projectSegment)")]
    }

    static func version(_ r: TerraformResource) -> [ConvertedAsset] {
        let secret = r.string("secret") ?? "projects/\(r.projectSegment)/secrets/\(r.placeholder("secret"))"
        let project = AssetName.component(after: "projects", in: secret) ?? r.projectSegment
        let number = r.string("version") ?? r.placeholder("version")
        var m = MappedData()
        let enabled = r["enabled"]?.boolValue ?? true
        m.set("state", .string(enabled ? "ENABLED" : "DISABLED"), source: r["enabled"] == nil ? r.defaultSource("enabled") : r.attributeSource("enabled"))
        return [ConvertedAsset(
            name: "//secretmanager.googleapis.com/\(secret)/versions/\(number)",
            assetType: "secretmanager.googleapis.com/SecretVersion", discoveryName: "SecretVersion", data: m,
            ancestryStart: "projects/\(project)")]
    }
}
