import Foundation
import HCL
import Testing
@testable import Terraform

/// The InterviewLM reference infrastructure of this repository (`examples/interviewlm`):
/// three environment roots sharing thirteen local modules.
@Suite struct ReferenceExampleTests {
    @Test func environmentsEvaluateWithTheirOwnValues() throws {
        let dir = Paths.repoRoot + "/examples/interviewlm"
        guard FileManager.default.fileExists(atPath: dir) else {
            print("skipping: \(dir) is absent")
            return
        }
        var options = EvaluationOptions()
        options.environment = [:]
        let result = ConfigurationEvaluator.evaluate(paths: [dir], options: options)
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics)")
        #expect(result.roots.map(\.directory) == ["environments/dev", "environments/prod", "environments/staging"])
        func sql(_ env: String) throws -> ResourceInstance {
            try #require(result.instances.first { $0.rootModule == "environments/\(env)" && $0.type == "google_sql_database_instance" })
        }
        let prod = try sql("prod"), dev = try sql("dev")
        #expect(prod.address == "module.database.google_sql_database_instance.postgres")
        #expect(prod.values["settings"]?.elements?.first?["availability_type"] == "REGIONAL")
        #expect(dev.values["settings"]?.elements?.first?["availability_type"] == "ZONAL")
        #expect(prod.values["deletion_protection"] == true)
        #expect(prod.values["settings"]?.elements?.first?["ip_configuration"]?.elements?.first?["private_network"]
                == "projects/interviewlm-prod/global/networks/interviewlm-prod")
        #expect(result.instances.contains { $0.values["email"] == "interviewlm-prod-run@interviewlm-prod.iam.gserviceaccount.com" })
    }
}
