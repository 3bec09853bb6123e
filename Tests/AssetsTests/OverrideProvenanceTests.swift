import Foundation
import HCL
import Terraform
import Testing
@testable import Assets

/// Terraform override files carried through to the asset: a field set by `main_override.tf`
/// has the override's value and points at the override file, so a finding on it is located
/// where the value was written (docs/terraform.md, "Override files").
@Suite struct OverrideProvenanceTests {
    @Test func overriddenFieldsPointAtTheOverrideFile() throws {
        let dir = TestPaths.repoRoot.appendingPathComponent("Tests/TerraformTests/Fixtures/override/bucket").path
        var options = EvaluationOptions()
        options.environment = [:]
        options.scanRoot = dir
        let evaluated = ConfigurationEvaluator.evaluate(paths: [dir], options: options)
        #expect(evaluated.diagnostics.filter { $0.severity == .error }.isEmpty, "\(evaluated.diagnostics)")
        let r = TerraformConverter.convert(evaluated.instances)
        let bucket = try #require(r.assets.first { $0.assetType == "storage.googleapis.com/Bucket" })
        #expect(bucket.name == "//storage.googleapis.com/acme-data")
        #expect(bucket.data[path: ["iamConfiguration", "publicAccessPrevention"]] == "enforced")
        let source = bucket.provenance.terraform?.fields["iamConfiguration.publicAccessPrevention"]
        #expect(source?.kind == .attribute)
        #expect(source?.range.map { "\($0.filename):\($0.start.line):\($0.start.column)" } == "main_override.tf:2:3")
        // A field the override leaves alone still points at the primary file.
        let location = bucket.provenance.terraform?.fields["location"]?.range
        #expect(location.map { "\($0.filename):\($0.start.line)" } == "main.tf:9")
    }
}
