import Assets
import Foundation
import HCL
import Terraform

/// The Terraform → CAI pipeline for policy examples: the example is written as `main.tf` of a
/// fresh root module in a temporary directory, evaluated as Terraform would, and converted.
package enum TerraformExamplePipeline {
    package static let load: ExampleRunner.TerraformLoader = { source, filename in
        let fm = FileManager.default
        let dir = fm.temporaryDirectory.appendingPathComponent("tollgate-example-\(UUID().uuidString)")
        defer { try? fm.removeItem(at: dir) }
        do {
            try fm.createDirectory(at: dir, withIntermediateDirectories: true)
            try source.write(to: dir.appendingPathComponent("main.tf"), atomically: true, encoding: .utf8)
        } catch {
            return ([], [.error("cannot write the example to \(dir.path): \(error)")], [])
        }
        var options = EvaluationOptions()
        options.environment = [:]
        let (root, diags) = ConfigurationEvaluator.evaluateRoot(directory: dir.path, options: options)
        let converted = TerraformConverter.convert(root.instances)
        let protected = Set(root.instances.filter(\.preventDestroy).map {
            PolicyEngine.resourceKey(rootModule: $0.rootModule, address: $0.address)
        })
        return (converted.assets, diags + converted.diagnostics, protected)
    }
}
