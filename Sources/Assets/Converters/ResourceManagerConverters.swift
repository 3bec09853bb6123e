import HCL

/// `google_project` (+ its billing info) and `google_project_service`.
/// Names: `//cloudresourcemanager.googleapis.com/projects/{number or project_id}` (tfplan2cai
/// `S/resourcemanager/project.go`); `//serviceusage.googleapis.com/projects/P/services/S`.
enum ResourceManagerConverters {
    static let all: [String: @Sendable (TerraformResource) -> [ConvertedAsset]] = [
        "google_project": project,
        "google_project_service": projectService,
    ]

    static func project(_ r: TerraformResource) -> [ConvertedAsset] {
        let id = r.string("project_id")
        let ident = r.string("number") ?? r.segment(id, "project_id")
        var m = MappedData()
        if let name = r["name"], !name.isNull { m.set("name", name, source: r.attributeSource("name")) }
        if let id { m.set("projectId", .string(id), source: r.attributeSource("project_id")) }
        if let labels = r["labels"], let attrs = labels.attributes, !attrs.isEmpty {
            m.set("labels", labels, source: r.attributeSource("labels"))
        }
        var parentStart: String?
        if let org = r.string("org_id") {
            m.set("parent", ["type": "organization", "id": .string(org)], source: r.attributeSource("org_id"))
            parentStart = "organizations/\(org)"
        } else if let folder = r.string("folder_id") {
            let f = folder.hasPrefix("folders/") ? String(folder.dropFirst(8)) : folder
            m.set("parent", ["type": "folder", "id": .string(f)], source: r.attributeSource("folder_id"))
            parentStart = "folders/\(f)"
        }
        var out = [ConvertedAsset(
            name: "//cloudresourcemanager.googleapis.com/projects/\(ident)",
            assetType: "cloudresourcemanager.googleapis.com/Project", discoveryName: "Project",
            discoveryDocumentURI: "https://compute.googleapis.com/$discovery/rest", data: m,
            ancestryStart: "projects/\(ident)", parentStart: parentStart, isContainer: true)]
        if let billing = r.string("billing_account") {
            var b = MappedData()
            b.set("billingAccountName", .string("billingAccounts/\(billing)"), source: r.attributeSource("billing_account"))
            b.set("name", .string("projects/\(ident)/billingInfo"), source: r.derivedSource("project_id"))
            if let id { b.set("projectId", .string(id), source: r.attributeSource("project_id")) }
            out.append(ConvertedAsset(
                name: "//cloudbilling.googleapis.com/projects/\(ident)/billingInfo",
                assetType: "cloudbilling.googleapis.com/ProjectBillingInfo", discoveryName: "ProjectBillingInfo",
                data: b, ancestryStart: "projects/\(ident)", parentStart: parentStart))
        }
        return out
    }

    static func projectService(_ r: TerraformResource) -> [ConvertedAsset] {
        let service = r.segment(r.string("service"), "service")
        var m = MappedData()
        m.set("name", .string(service), source: r.attributeSource("service"))
        m.set("parent", .string("projects/\(r.projectSegment)"), source: r.derivedSource("project"))
        // Applying the resource enables the service.
        m.set("state", "ENABLED", source: r.derivedSource("service"))
        return [ConvertedAsset(
            name: "//serviceusage.googleapis.com/projects/\(r.projectSegment)/services/\(service)",
            assetType: "serviceusage.googleapis.com/Service", discoveryName: "Service", data: m,
            ancestryStart: "projects/\(r.projectSegment)")]
    }
}
