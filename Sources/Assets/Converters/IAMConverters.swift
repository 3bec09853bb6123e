import HCL

/// IAM service resources: service accounts and keys, custom roles, Workload Identity pools
/// and providers (IAM API v1 `ServiceAccount`, `ServiceAccountKey`, `Role`,
/// `WorkloadIdentityPool`, `WorkloadIdentityPoolProvider`).
enum IAMConverters {
    static let all: [String: @Sendable (TerraformResource) -> [ConvertedAsset]] = [
        "google_service_account": serviceAccount,
        "google_service_account_key": serviceAccountKey,
        "google_project_iam_custom_role": customRole,
        "google_iam_workload_identity_pool": workloadIdentityPool,
        "google_iam_workload_identity_pool_provider": workloadIdentityPoolProvider,
    ]

    static func serviceAccount(_ r: TerraformResource) -> [ConvertedAsset] {
        let project = r.projectSegment
        var m = r.mapped(DataMapping(
            drop: ["account_id", "project", "name", "unique_id", "email", "member", "create_ignore_already_exists"]))
        // The email is derived from account_id, as the API assigns it (tfplan2cai does the same).
        if let id = r.string("account_id") {
            m.set("email", .string("\(id)@\(project).iam.gserviceaccount.com"), source: r.derivedSource("account_id"))
        } else if let e = r["email"], !e.isNull {
            m.set("email", e, source: r.attributeSource("email"))
        }
        m.set("projectId", .string(project), source: r.derivedSource("project"))
        if let uid = r.string("unique_id") { m.set("uniqueId", .string(uid), source: r.attributeSource("unique_id")) }
        if let email = m["email"]?.stringValue, r.string("unique_id") != nil {
            m.set("name", .string("projects/\(project)/serviceAccounts/\(email)"), source: r.derivedSource("account_id"))
        }
        // CAI names service accounts by unique id, which is unknown until apply.
        let uid = r.segment(r.string("unique_id"), "unique_id")
        return [ConvertedAsset(
            name: "//iam.googleapis.com/projects/\(project)/serviceAccounts/\(uid)",
            assetType: "iam.googleapis.com/ServiceAccount", discoveryName: "ServiceAccount",
            discoveryDocumentURI: "https://iam.googleapis.com/$discovery/rest", data: m,
            ancestryStart: "projects/\(project)")]
    }

    static func serviceAccountKey(_ r: TerraformResource) -> [ConvertedAsset] {
        let sa = r.string("service_account_id") ?? ""
        var project = r.projectSegment
        var account = r.segment(sa.isEmpty ? nil : AssetName.lastSegment(sa), "service_account_id")
        if let p = AssetName.component(after: "projects", in: sa), p != "-" { project = p }
        if let e = AssetName.component(after: "serviceAccounts", in: sa) { account = e }
        let key = r.segment(r.string("name").map(AssetName.lastSegment), "name")
        let m = r.mapped(DataMapping(
            drop: [
                "service_account_id", "keepers", "private_key", "public_key", "name", "valid_after", "valid_before",
                "public_key_data",
            ],
            rename: ["public_key_type": "publicKeyType"]))
        return [ConvertedAsset(
            name: "//iam.googleapis.com/projects/\(project)/serviceAccounts/\(account)/keys/\(key)",
            assetType: "iam.googleapis.com/ServiceAccountKey", discoveryName: "ServiceAccountKey", data: m,
            ancestryStart: "projects/\(project)")]
    }

    static func customRole(_ r: TerraformResource) -> [ConvertedAsset] {
        let project = r.projectSegment
        let id = r.segment(r.string("role_id"), "role_id")
        let m = r.mapped(DataMapping(
            drop: ["role_id", "project", "name", "deleted"], rename: ["permissions": "includedPermissions"]))
        return [ConvertedAsset(
            name: "//iam.googleapis.com/projects/\(project)/roles/\(id)", assetType: "iam.googleapis.com/Role",
            discoveryName: "Role", discoveryDocumentURI: "https://iam.googleapis.com/$discovery/rest", data: m,
            ancestryStart: "projects/\(project)")]
    }

    static func workloadIdentityPool(_ r: TerraformResource) -> [ConvertedAsset] {
        let project = r.projectSegment
        let id = r.segment(r.string("workload_identity_pool_id"), "workload_identity_pool_id")
        let m = r.mapped(DataMapping(drop: ["workload_identity_pool_id", "project", "name", "state"]))
        return [ConvertedAsset(
            name: "//iam.googleapis.com/projects/\(project)/locations/global/workloadIdentityPools/\(id)",
            assetType: "iam.googleapis.com/WorkloadIdentityPool", discoveryName: "WorkloadIdentityPool", data: m,
            ancestryStart: "projects/\(project)", location: "global")]
    }

    static func workloadIdentityPoolProvider(_ r: TerraformResource) -> [ConvertedAsset] {
        let project = r.projectSegment
        let pool = r.segment(r.string("workload_identity_pool_id"), "workload_identity_pool_id")
        let id = r.segment(r.string("workload_identity_pool_provider_id"), "workload_identity_pool_provider_id")
        let m = r.mapped(DataMapping(
            drop: ["workload_identity_pool_id", "workload_identity_pool_provider_id", "project", "name", "state"]))
        return [ConvertedAsset(
            name: "//iam.googleapis.com/projects/\(project)/locations/global/workloadIdentityPools/\(pool)/providers/\(id)",
            assetType: "iam.googleapis.com/WorkloadIdentityPoolProvider", discoveryName: "WorkloadIdentityPoolProvider",
            data: m, ancestryStart: "projects/\(project)", location: "global")]
    }
}
