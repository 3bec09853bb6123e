import Assets
import HCL

/// Runs policy examples (`tollgate policies test`, the parameterized test): each `asset`
/// example is loaded through the same CAI loader as exports and evaluated; each `terraform`
/// example goes through the Terraform → CAI pipeline supplied as `terraformLoader`.
package struct ExampleRunner: Sendable {
    /// Turns one Terraform configuration (a root module's `main.tf`) into assets.
    package typealias TerraformLoader = @Sendable (_ source: String, _ filename: String) -> (assets: [Asset], diagnostics: [Diagnostic], preventDestroy: Set<String>)

    package struct Result: Sendable, CustomStringConvertible {
        package enum Status: String, Sendable { case passed, failed, skipped }
        package var label: String
        package var form: String
        package var status: Status
        package var detail: String

        package var description: String { "\(status.rawValue.uppercased()) \(label) [\(form)]" + (detail.isEmpty ? "" : ": \(detail)") }
    }

    let pack: PolicyPack
    var engines: [String: PolicyEngine] = [:]
    let terraformLoader: TerraformLoader?

    package init(pack: PolicyPack, terraformLoader: TerraformLoader? = nil) {
        self.pack = pack
        self.terraformLoader = terraformLoader
        for (name, profile) in pack.profiles { engines[name] = PolicyEngine(pack: pack, profile: profile) }
    }

    /// Every example of every policy (both forms of an example that has both).
    package func runAll() -> [Result] {
        pack.policies.flatMap { p in p.examples.enumerated().flatMap { run(p, $0.element, index: $0.offset) } }
    }

    package func run(_ policy: PolicyDefinition, _ example: PolicyExample, index: Int) -> [Result] {
        let label = example.label(policyID: policy.id, index: index)
        let profileName = example.profile ?? (pack.profiles["gcp-baseline"] != nil ? "gcp-baseline" : pack.profiles.keys.sorted().first ?? "")
        guard let engine = engines[profileName], let profile = pack.profiles[profileName] else {
            return [Result(label: label, form: "-", status: .failed, detail: "unknown profile '\(profileName)'")]
        }
        let env = example.environment ?? profile.defaultEnvironment
        var results: [Result] = []
        if let asset = example.asset {
            let json = Value.tuple([asset] + example.context).jsonString
            let loaded = AssetLoader.load(bytes: Array(json.utf8), filename: "\(policy.id)-example-\(index + 1).json")
            let target = asset.attributes?["name"]?.stringValue ?? ""
            results.append(judge(engine, policy, example, label: label, form: "asset", env: env,
                                 assets: loaded.assets, diagnostics: loaded.diagnostics, target: { $0.name == target }))
        }
        if let tf = example.terraform {
            if let loader = terraformLoader {
                let (assets, diags, preventDestroy) = loader(tf, "\(policy.id)/example-\(index + 1)/main.tf")
                let address = example.address
                results.append(judge(engine, policy, example, label: label, form: "terraform", env: env, assets: assets,
                                     diagnostics: diags, preventDestroy: preventDestroy, target: { a in
                                         guard let address else { return true }
                                         return a.provenance.terraform?.address == address || a.terraform?.address == address
                                     }))
            } else {
                results.append(Result(label: label, form: "terraform", status: .skipped, detail: "no Terraform pipeline in this build"))
            }
        }
        return results
    }

    private func judge(_ engine: PolicyEngine, _ policy: PolicyDefinition, _ example: PolicyExample, label: String, form: String,
                       env: String, assets: [Asset], diagnostics: [Diagnostic], preventDestroy: Set<String>? = nil,
                       target: (Asset) -> Bool) -> Result {
        if diagnostics.hasErrors {
            return Result(label: label, form: form, status: .failed, detail: "input: " + diagnostics.filter { $0.severity == .error }.map(\.description).joined(separator: "; "))
        }
        let graph = AssetGraph(assets: assets)
        let out = engine.evaluate(graph, options: PolicyEngine.Options(environment: env, onlyPolicies: [policy.id],
                                                                         preventDestroy: preventDestroy))
        let names = Set((graph.assets).filter(target).map(\.name))
        let failing = out.findings.filter { names.contains($0.assetName) || (policy.resourceTypes.contains(EvaluationContext.projectType) && $0.assetType == EvaluationContext.projectType) }
        let undetermined = out.undetermined.filter { names.contains($0.assetName) }
        if let gap = out.coverage.first {
            return Result(label: label, form: form, status: .failed, detail: gap.message)
        }
        if example.compliant {
            if !failing.isEmpty {
                return Result(label: label, form: form, status: .failed, detail: "expected compliant, got: " + failing.map(\.message).joined(separator: "; "))
            }
            if !undetermined.isEmpty {
                return Result(label: label, form: form, status: .failed, detail: "expected compliant, undetermined: " + undetermined.map(\.reason).joined(separator: "; "))
            }
        } else if failing.isEmpty {
            let why = undetermined.isEmpty ? "no finding" : "undetermined (" + undetermined.map(\.reason).joined(separator: "; ") + ")"
            return Result(label: label, form: form, status: .failed, detail: "expected non-compliant, got \(why)")
        }
        return Result(label: label, form: form, status: .passed, detail: "")
    }
}
