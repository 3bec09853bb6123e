import Foundation
import HCL
import Testing
@testable import Terraform

@Suite struct InstalledModuleTests {
    /// The cloud-storage `simple_bucket` example with its registry module "installed" (a
    /// `modules.json` as `terraform init` writes it, pointing at the module in the same
    /// repository): the bucket's values are what the module computes from the example's inputs.
    @Test func simpleBucketExampleValues() throws {
        guard Paths.corpusAvailable else {
            print("skipping: \(Paths.corpus) is absent")
            return
        }
        let repo = Paths.corpus + "/hcl-real/terraform-google-modules__terraform-google-cloud-storage"
        let tmp = FileManager.default.temporaryDirectory.appendingPathComponent("tollgate-installed-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: tmp) }
        try FileManager.default.copyItem(atPath: repo, toPath: tmp)
        let example = tmp + "/examples/simple_bucket"
        try FileManager.default.createDirectory(atPath: example + "/.terraform/modules", withIntermediateDirectories: true)
        try #"""
        {"Modules":[{"Key":"","Source":"","Dir":"."},
         {"Key":"bucket","Source":"registry.terraform.io/terraform-google-modules/cloud-storage/google//modules/simple_bucket","Version":"11.0.0","Dir":"../../modules/simple_bucket"}]}
        """#.write(toFile: example + "/.terraform/modules/modules.json", atomically: true, encoding: .utf8)

        var options = EvaluationOptions()
        options.environment = ["TF_VAR_project_id": "my-proj"]
        options.scanRoot = tmp
        let (root, diags) = ConfigurationEvaluator.evaluateRoot(directory: example, options: options)
        #expect(!diags.hasErrors, "\(diags)")
        let bucket = try #require(root.instances.first { $0.address == "module.bucket.google_storage_bucket.bucket" })
        #expect(bucket.values["name"] == "my-proj-bucket")
        #expect(bucket.values["project"] == "my-proj")
        #expect(bucket.values["location"] == "us")
        #expect(bucket.values["uniform_bucket_level_access"] == true)
        #expect(bucket.values["public_access_prevention"] == "inherited")
        #expect(bucket.values["autoclass"] == .tuple([.object(["enabled": true])]))
        #expect(bucket.values["retention_policy"]?.elements?.first?["retention_period"] == 2)
        #expect(bucket.values["cors"] == .tuple([.object([
            // list(string) in the module's variable type: converted to lists.
            "origin": .list(["http://image-store.com"]),
            "method": .list(["GET", "HEAD", "PUT", "POST", "DELETE"]),
            "response_header": .list(["*"]),
            "max_age_seconds": 3600,
        ])]))
        #expect(bucket.values["website"] == .tuple([.object(["main_page_suffix": "index.html", "not_found_page": "404.html"])]))
        #expect(bucket.attributeRanges["uniform_bucket_level_access"]?.description == "modules/simple_bucket/main.tf:27:3")
        let member = try #require(root.instances.first { $0.type == "google_storage_bucket_iam_member" })
        #expect(member.address == "module.bucket.google_storage_bucket_iam_member.members[\"0\"]")
        #expect(member.values["bucket"] == "my-proj-bucket")
        #expect(member.values["member"] == "group:test-gcp-ops@test.blueprints.joonix.net")
    }
}
