import HCL
import Terraform
import Testing
@testable import Assets

@Suite struct AssetGraphTests {
    @Test func edgesFromTerraform() {
        let r = TerraformConverter.convert([
            instance("google_compute_network", json(#"{"name":"vpc","project":"p"}"#), name: "vpc"),
            instance("google_compute_subnetwork", json(#"{"name":"sub","project":"p","region":"r1","network":"vpc"}"#), name: "sub", deps: ["google_compute_network.vpc"]),
            instance("google_sql_database_instance", json(#"{"name":"db","project":"p","settings":[{"ip_configuration":[{"ipv4_enabled":false,"private_network":"projects/p/global/networks/vpc"}]}]}"#), name: "db"),
            instance("google_redis_instance", json(#"{"name":"cache","project":"p","region":"r1","authorized_network":"projects/p/global/networks/vpc"}"#), name: "cache"),
            instance("google_service_account", json(#"{"account_id":"run","project":"p"}"#), name: "run"),
            instance("google_cloud_run_v2_service", json(#"{"name":"api","location":"r1","project":"p","template":[{"service_account":"run@p.iam.gserviceaccount.com","vpc_access":[{"connector":"projects/p/locations/r1/connectors/c1"}]}]}"#), name: "api"),
            instance("google_project_iam_member", json(#"{"project":"p","role":"roles/cloudsql.client","member":"serviceAccount:run@p.iam.gserviceaccount.com"}"#), name: "sql"),
        ], options: .init(ancestry: ["projects/p": ["folders/1", "organizations/2"]]))
        let g = AssetGraph(assets: r.assets)
        let net = "//compute.googleapis.com/projects/p/global/networks/vpc"
        let sa = g.assets(ofType: "iam.googleapis.com/ServiceAccount")[0].name
        let api = "//run.googleapis.com/projects/p/locations/r1/services/api"
        #expect(g.edges(to: net, kind: .attachment).map(\.from).sorted() == [
            "//cloudsql.googleapis.com/projects/p/instances/db",
            "//compute.googleapis.com/projects/p/regions/r1/subnetworks/sub",
            "//redis.googleapis.com/projects/p/locations/r1/instances/cache",
        ])
        #expect(g.edges(from: "//compute.googleapis.com/projects/p/regions/r1/subnetworks/sub", kind: .reference)
            == [AssetEdge(from: "//compute.googleapis.com/projects/p/regions/r1/subnetworks/sub", to: net, kind: .reference, label: "google_compute_network.vpc")])
        #expect(g.edges(from: api, kind: .runsAs) == [AssetEdge(from: api, to: sa, kind: .runsAs, label: "template.serviceAccount")])
        #expect(g.edges(from: api, kind: .attachment).map(\.to) == ["//vpcaccess.googleapis.com/projects/p/locations/r1/connectors/c1"])
        #expect(g.edges(from: sa, kind: .iamGrant) == [AssetEdge(from: sa, to: "//cloudresourcemanager.googleapis.com/projects/p", kind: .iamGrant, label: "roles/cloudsql.client")])
        #expect(g.edges(from: net, kind: .ancestry).map(\.to) == ["//cloudresourcemanager.googleapis.com/projects/p"])
        #expect(g.edges(from: "//cloudresourcemanager.googleapis.com/projects/p", kind: .ancestry).map(\.to) == ["//cloudresourcemanager.googleapis.com/folders/1"])
        #expect(g.serviceAccount(email: "run@p.iam.gserviceaccount.com")?.name == sa)
        #expect(g.project(of: g.asset(named: net)!)?.iamPolicy?.members(of: "roles/cloudsql.client") == ["serviceAccount:run@p.iam.gserviceaccount.com"])
        #expect(g.asset(AssetKey(assetType: "sqladmin.googleapis.com/Instance", name: "//cloudsql.googleapis.com/projects/p/instances/db")) != nil)
    }
}
