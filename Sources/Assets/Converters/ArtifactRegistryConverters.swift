import HCL

/// `google_artifact_registry_repository` → `artifactregistry.googleapis.com/Repository`.
enum ArtifactRegistryConverters {
    static let all: [String: @Sendable (TerraformResource) -> [ConvertedAsset]] = [
        "google_artifact_registry_repository": repository
    ]

    static func repository(_ r: TerraformResource) -> [ConvertedAsset] {
        let location = r.segment(r.string("location") ?? r.region, "location")
        var m = r.mapped(DataMapping(
            drop: ["repository_id", "project", "location", "name", "create_time", "update_time", "cleanup_policies"],
            rename: ["kms_key_name": "kmsKeyName"]))
        // The API keys cleanup policies by id; Terraform repeats a block with an `id` attribute.
        var policies: [String: Value] = [:]
        for (i, p) in (r["cleanup_policies"]?.elements ?? []).enumerated() {
            guard let id = p["id"]?.stringValue else { continue }
            let sub = TerraformResource(instance: .init(
                address: r.address, type: r.type, name: "", rootModule: r.instance.rootModule, values: p), options: r.options)
            var o = sub.mapped(DataMapping(repeated: []))
            o.remove("id")
            policies[id] = o.value
            m.fields["cleanupPolicies.\(id)"] = r.attributeSource("cleanup_policies.\(i)")
        }
        if !policies.isEmpty { m.set("cleanupPolicies", .object(policies), source: r.attributeSource("cleanup_policies")) }
        r.fillDefault(&m, "mode", "STANDARD_REPOSITORY", tfPath: "mode")
        return [ConvertedAsset(
            name: "//artifactregistry.googleapis.com/projects/\(r.projectSegment)/locations/\(location)/repositories/\(r.segment(r.string("repository_id"), "repository_id"))",
            assetType: "artifactregistry.googleapis.com/Repository", discoveryName: "Repository", data: m,
            ancestryStart: "projects/\(r.projectSegment)", location: location)]
    }
}
