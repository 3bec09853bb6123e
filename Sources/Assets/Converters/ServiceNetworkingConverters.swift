import HCL

/// `google_service_networking_connection` (private services access peering, used by Cloud SQL
/// and Redis private IP). CAI has no asset type for it (tfplan2cai skips it); we keep it as
/// `servicenetworking.googleapis.com/Connection`, named after the Service Networking API's
/// `services/{service}/connections` collection plus the peered network, so the graph can show
/// which network has private services access.
enum ServiceNetworkingConverters {
    static let all: [String: @Sendable (TerraformResource) -> [ConvertedAsset]] = [
        "google_service_networking_connection": connection
    ]

    static func connection(_ r: TerraformResource) -> [ConvertedAsset] {
        let service = r.segment(r.string("service"), "service")
        var m = r.mapped(DataMapping(drop: ["deletion_policy", "update_on_creation_fail"]))
        if let n = ComputeConverters.relativeNetwork(m["network"], project: r.projectSegment) {
            m.set("network", n, source: r.attributeSource("network"))
        }
        let network = r.string("network").map { AssetName.lastSegment($0) } ?? r.placeholder("network")
        return [ConvertedAsset(
            name: "//servicenetworking.googleapis.com/services/\(service)/connections/\(network)",
            assetType: "servicenetworking.googleapis.com/Connection", discoveryName: "Connection", data: m,
            ancestryStart: "projects/\(r.projectSegment)")]
    }
}
