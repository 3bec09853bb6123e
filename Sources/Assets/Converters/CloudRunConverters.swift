import HCL

/// Cloud Run: `google_cloud_run_v2_service` and `google_cloud_run_v2_job` (Cloud Run Admin API v2
/// `Service`/`Job`), and `google_cloud_run_service` (v1, the Knative `serving.knative.dev/v1`
/// Service shape). Both service generations are `run.googleapis.com/Service` named
/// `//run.googleapis.com/projects/P/locations/L/services/S`.
enum CloudRunConverters {
    static let all: [String: @Sendable (TerraformResource) -> [ConvertedAsset]] = [
        "google_cloud_run_service": serviceV1,
        "google_cloud_run_v2_service": serviceV2,
        "google_cloud_run_v2_job": jobV2,
    ]

    static let v1Mapping = DataMapping(
        drop: [
            "location", "project", "name", "autogenerate_revision_name", "status",
            "metadata.effective_annotations", "metadata.effective_labels", "metadata.terraform_labels",
            "metadata.generation", "metadata.resource_version", "metadata.self_link", "metadata.uid",
            "template.metadata.generation", "template.metadata.resource_version", "template.metadata.self_link",
            "template.metadata.uid",
        ],
        rename: ["template": "spec.template", "traffic": "spec.traffic"],
        repeated: [
            "traffic", "template.spec.containers", "template.spec.containers.env", "template.spec.containers.env_from",
            "template.spec.containers.ports", "template.spec.containers.volume_mounts", "template.spec.volumes",
            "template.spec.volumes.secret.items",
        ]
    )

    static func serviceV1(_ r: TerraformResource) -> [ConvertedAsset] {
        let name = r.segment(r.string("name"), "name")
        let location = r.segment(r.string("location") ?? r.region, "location")
        var m = r.mapped(v1Mapping)
        m.set("apiVersion", "serving.knative.dev/v1", source: r.derivedSource("name"))
        m.set("kind", "Service", source: r.derivedSource("name"))
        if m["metadata"]?.isKnown != false {
            m.set("metadata.name", .string(name), source: r.attributeSource("name"))
        }
        // Omitted ingress: all traffic (the `run.googleapis.com/ingress` annotation's default).
        if let meta = m["metadata"], meta.isKnown, meta["annotations"]?.isKnown != false,
           meta[path: ["annotations", "run.googleapis.com/ingress"]] == nil {
            m.set(keys: ["metadata", "annotations", "run.googleapis.com/ingress"], "all",
                  source: r.defaultSource("metadata.0.annotations.run.googleapis.com/ingress"))
        }
        return [ConvertedAsset(
            name: "//run.googleapis.com/projects/\(r.projectSegment)/locations/\(location)/services/\(name)",
            assetType: "run.googleapis.com/Service", discoveryName: "Service",
            discoveryDocumentURI: "https://run.googleapis.com/$discovery/rest", data: m,
            ancestryStart: "projects/\(r.projectSegment)", location: location)]
    }

    static let v2Drop: Set<String> = [
        "location", "project", "name", "deletion_protection", "uid", "generation", "observed_generation", "terminal_condition",
        "conditions", "latest_ready_revision", "latest_created_revision", "traffic_statuses", "uri", "urls", "reconciling",
        "etag", "create_time", "update_time", "delete_time", "expire_time", "creator", "last_modifier", "execution_count",
        "latest_created_execution",
    ]

    static let v2ServiceMapping = DataMapping(
        drop: v2Drop,
        rename: [:],
        repeated: [
            "traffic", "template.containers", "template.containers.env", "template.containers.ports",
            "template.containers.volume_mounts", "template.volumes", "template.vpc_access.network_interfaces",
            "template.volumes.secret.items",
        ]
    )

    static func serviceV2(_ r: TerraformResource) -> [ConvertedAsset] {
        let name = r.segment(r.string("name"), "name")
        let location = r.segment(r.string("location") ?? r.region, "location")
        var m = r.mapped(v2ServiceMapping)
        // Omitted ingress: all traffic, including from the internet.
        r.fillDefault(&m, "ingress", "INGRESS_TRAFFIC_ALL", tfPath: "ingress")
        return [ConvertedAsset(
            name: "//run.googleapis.com/projects/\(r.projectSegment)/locations/\(location)/services/\(name)",
            assetType: "run.googleapis.com/Service", discoveryName: "Service",
            discoveryDocumentURI: "https://run.googleapis.com/$discovery/rest?version=v2", version: "v2", data: m,
            ancestryStart: "projects/\(r.projectSegment)", location: location)]
    }

    static let v2JobMapping = DataMapping(
        drop: v2Drop,
        rename: [:],
        repeated: [
            "template.template.containers", "template.template.containers.env", "template.template.containers.ports",
            "template.template.containers.volume_mounts", "template.template.volumes",
            "template.template.vpc_access.network_interfaces", "template.template.volumes.secret.items",
        ]
    )

    static func jobV2(_ r: TerraformResource) -> [ConvertedAsset] {
        let name = r.segment(r.string("name"), "name")
        let location = r.segment(r.string("location") ?? r.region, "location")
        let m = r.mapped(v2JobMapping)
        return [ConvertedAsset(
            name: "//run.googleapis.com/projects/\(r.projectSegment)/locations/\(location)/jobs/\(name)",
            assetType: "run.googleapis.com/Job", discoveryName: "Job",
            discoveryDocumentURI: "https://run.googleapis.com/$discovery/rest?version=v2", version: "v2", data: m,
            ancestryStart: "projects/\(r.projectSegment)", location: location)]
    }
}
