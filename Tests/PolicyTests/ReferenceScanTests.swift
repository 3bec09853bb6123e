import Assets
import Foundation
import HCL
import Terraform
import Testing
@testable import Policy

/// The InterviewLM reference (examples/interviewlm): its Terraform is compliant under the
/// `interviewlm` profile in every environment, and its exported prod evidence yields exactly
/// the drift findings `live/DRIFT.md` lists. Skips when the examples are not in the tree.
@Suite struct ReferenceScanTests {
    static let examples = BuiltInPoliciesTests.repoRoot.appendingPathComponent("examples/interviewlm")
    static var present: Bool { FileManager.default.fileExists(atPath: examples.appendingPathComponent("environments").path) }

    func run(_ assets: [Asset], instances: [ResourceInstance] = []) -> PolicyScan.Output {
        let pack = PackTests.pack
        var input = PolicyScan.Input(graph: AssetGraph(assets: assets), today: "2026-11-26")
        input.options.preventDestroy = PolicyScan.preventDestroy(of: instances)
        input.inlineComments = PolicyScan.inlineComments(of: instances)
        return PolicyScan.run(engine: PolicyEngine(pack: pack, profile: pack.profiles["interviewlm"]!), input: input)
    }

    @Test func terraformHasNoOpenFindings() throws {
        guard Self.present else {
            print("skipping: examples/interviewlm is not in this tree")
            return
        }
        var options = EvaluationOptions()
        options.environment = [:]
        let r = ConfigurationEvaluator.evaluate(paths: [Self.examples.path], options: options)
        let assets = TerraformConverter.convert(r.instances).assets
        let out = run(assets, instances: r.instances)
        #expect(assets.count > 200)
        #expect(Set(out.findings.compactMap(\.environment)).isSubset(of: ["dev", "staging", "prod"]))
        #expect(out.findings.filter { $0.status == .open }.map { "\($0.policyID) \($0.address ?? $0.assetName)" } == [])
        #expect(out.coverage == [])
    }

    @Test func liveEvidenceGivesExactlyTheDrift() throws {
        guard Self.present else {
            print("skipping: examples/interviewlm is not in this tree")
            return
        }
        let loaded = AssetLoader.load(paths: [Self.examples.appendingPathComponent("live/tollgate-evidence.yaml").path])
        #expect(!loaded.diagnostics.hasErrors)
        let out = run(loaded.assets)
        let got = Set(out.findings.map { "\($0.policyID) \($0.assetName)" })
        #expect(got == [
            "TG-SQL-001 //cloudsql.googleapis.com/projects/interviewlm-prod/instances/interviewlm-prod-pg",
            "TG-GCS-001 //storage.googleapis.com/interviewlm-prod-artifacts",
            "TG-GCS-002 //storage.googleapis.com/interviewlm-prod-artifacts",
            "TG-IAM-004 //iam.googleapis.com/projects/interviewlm-prod/serviceAccounts/117362940182736450912/keys/8e1d4c7b0a3f6e9d2c5b8a1f4e7d0c3b6a9f2e5d",
            "TG-LOG-002 //logging.googleapis.com/projects/482915730164/locations/global/buckets/_Default",
            "TG-NET-001 //compute.googleapis.com/projects/interviewlm-prod/global/firewalls/allow-ssh-debug",
            "TG-LOG-001 //cloudresourcemanager.googleapis.com/projects/482915730164",
        ])
        #expect(out.findings.count == 7)
        #expect(out.undetermined == [])
    }
}
