import HCL

/// `google_vpc_access_connector` → `vpcaccess.googleapis.com/Connector`, named
/// `//vpcaccess.googleapis.com/projects/P/locations/R/connectors/C` (Serverless VPC Access API).
enum VPCAccessConverters {
    static let all: [String: @Sendable (TerraformResource) -> [ConvertedAsset]] = [
        "google_vpc_access_connector": connector
    ]

    static func connector(_ r: TerraformResource) -> [ConvertedAsset] {
        let region = r.segment(r.region, "region")
        let m = r.mapped(DataMapping(drop: ["name", "region", "project", "state", "connected_projects"]))
        return [ConvertedAsset(
            name: "//vpcaccess.googleapis.com/projects/\(r.projectSegment)/locations/\(region)/connectors/\(r.segment(r.string("name"), "name"))",
            assetType: "vpcaccess.googleapis.com/Connector", discoveryName: "Connector", data: m,
            ancestryStart: "projects/\(r.projectSegment)", location: region)]
    }
}
