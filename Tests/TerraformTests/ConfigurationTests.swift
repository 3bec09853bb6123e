import Foundation
import HCL
import Testing
@testable import Terraform

func evaluateFixture(_ name: String, configure: (inout EvaluationOptions) -> Void = { _ in }) -> EvaluationResult {
    var options = EvaluationOptions()
    options.environment = [:]
    configure(&options)
    let dir = Paths.fixtures + "/" + name
    options.scanRoot = dir
    return ConfigurationEvaluator.evaluate(paths: [dir], options: options)
}

@Suite struct ConfigurationTests {
    /// One module called by two environments yields one set of instances per environment,
    /// each with its own values; the shared module is not a root.
    @Test func moduleInstancesPerEnvironment() throws {
        let result = evaluateFixture("config")
        #expect(result.roots.map(\.directory) == ["envs/dev", "envs/prod"])
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics)")
        let dev = result.roots[0], prod = result.roots[1]
        #expect(dev.instances.map(\.address) == [
            "google_compute_network.vpc",
            "google_compute_subnetwork.sub[0]",
            "google_compute_subnetwork.sub[1]",
            "google_sql_database_instance.db",
            "module.storage.google_storage_bucket.this[\"logs\"]",
            "module.storage.google_service_account.sa",
            "module.storage.data.google_iam_policy.readers",
        ])
        #expect(prod.instances.filter { $0.type == "google_storage_bucket" }.map(\.address) == [
            "module.storage.google_storage_bucket.this[\"assets\"]",
            "module.storage.google_storage_bucket.this[\"logs\"]",
        ])
        let devBucket = try #require(dev.instances.first { $0.type == "google_storage_bucket" })
        #expect(devBucket.values["name"] == "acme-dev-dev-logs")
        #expect(devBucket.values["uniform_bucket_level_access"] == false)
        #expect(devBucket.key == .string("logs"))
        #expect(devBucket.moduleAddress == "module.storage")
        #expect(devBucket.rootModule == "envs/dev")
        #expect(devBucket.providerDefaults == ["project": "acme-dev", "region": "europe-west1"])
        #expect(devBucket.preventDestroy)
        #expect(devBucket.values["labels"] == .object(["env": "dev"]))
        #expect(devBucket.values["versioning"] == .tuple([.object(["enabled": false])]))
        #expect(devBucket.values["url"] == "gs://acme-dev-dev-logs")

        let prodLogs = try #require(prod.instances.first { $0.address == "module.storage.google_storage_bucket.this[\"logs\"]" })
        #expect(prodLogs.values["name"] == "acme-prod-prod-logs")
        #expect(prodLogs.values["uniform_bucket_level_access"] == true)
        #expect(prodLogs.values["versioning"] == .tuple([.object(["enabled": true])]))
        let prodAssets = try #require(prod.instances.first { $0.key == .string("assets") })
        #expect(prodAssets.values["labels"] == .object(["env": "prod", "team": "web"]))
        #expect(prod.outputs["urls"] == .object(["assets": "gs://acme-prod-prod-assets", "logs": "gs://acme-prod-prod-logs"]))
    }

    /// A `dynamic` block next to a static block of the same name: the static one first (source
    /// order), then one per element, with the iterator's value.
    @Test func dynamicNextToStaticBlocks() throws {
        let result = evaluateFixture("config")
        let bucket = try #require(result.roots[0].instances.first { $0.type == "google_storage_bucket" })
        #expect(bucket.values["lifecycle_rule"] == .tuple([
            .object([
                "action": .tuple([.object(["type": "SetStorageClass", "storage_class": "NEARLINE"])]),
                "condition": .tuple([.object(["age": 7])]),
            ]),
            .object([
                "action": .tuple([.object(["type": "Delete"])]),
                "condition": .tuple([.object(["age": 30])]),
            ]),
        ]))
        #expect(bucket.attributeRanges["lifecycle_rule.1.condition.0.age"]?.description == "modules/storage/main.tf:51:9")
        #expect(bucket.attributeRanges["lifecycle_rule.0"]?.description == "modules/storage/main.tf:33:3")
        #expect(bucket.attributeRanges["name"]?.description == "modules/storage/main.tf:23:3")
        #expect(bucket.blockRange?.description == "modules/storage/main.tf:21:1")
        #expect(bucket.inlineComments.map(\.text) == ["tollgate:ignore TG-GCS-001 reason=\"fixture\" expires=2027-01-01"])
        #expect(bucket.inlineComments.first?.range.start.line == 26)
    }

    /// References: configured attributes are known, well-known computed ones derived, the
    /// rest unknown; count expands with count.index; data.google_iam_policy renders JSON.
    @Test func referencesDerivedAndUnknown() throws {
        let dev = evaluateFixture("config").roots[0]
        let subs = dev.instances.filter { $0.type == "google_compute_subnetwork" }
        #expect(subs.map { $0.values["ip_cidr_range"] } == ["10.0.0.0/24", "10.0.1.0/24"])
        #expect(subs.map { $0.values["network"] } == ["projects/acme-dev/global/networks/vpc-dev", "projects/acme-dev/global/networks/vpc-dev"])
        let db = try #require(dev.instances.first { $0.type == "google_sql_database_instance" })
        #expect(db.values[path: ["settings"]]?.elements?.first?["ip_configuration"]?.elements?.first?["private_network"]
                == "https://www.googleapis.com/compute/v1/projects/acme-dev/global/networks/vpc-dev")
        #expect(db.values["connection_name"] == "acme-dev:europe-west1:db-dev")
        #expect(dev.outputs["db_ip"] == .unknown("google_sql_database_instance.db.private_ip_address"))
        #expect(db.dependencies == ["google_compute_network.vpc"])
        let sa = try #require(dev.instances.first { $0.type == "google_service_account" })
        #expect(sa.values["email"] == "storage-dev@acme-dev.iam.gserviceaccount.com")
        let policy = try #require(dev.instances.first { $0.type == "google_iam_policy" })
        #expect(policy.mode == .data)
        #expect(policy.values["policy_data"] == #"{"bindings":[{"members":["group:b@example.com","serviceAccount:storage-dev@acme-dev.iam.gserviceaccount.com"],"role":"roles/storage.objectViewer"}]}"#)
    }

    /// Terraform's precedence: default < TF_VAR_ < terraform.tfvars < terraform.tfvars.json
    /// < *.auto.tfvars(.json) in lexical order < --var-file / --var in command-line order.
    @Test func variablePrecedence() {
        let result = evaluateFixture("precedence") { o in
            o.environment = ["TF_VAR_a": "env", "TF_VAR_b": "env", "TF_VAR_n": "42", "TF_VAR_l": #"["x", "y"]"#]
            o.commandLineVariables = [.file(Paths.fixtures + "/precedence/extra.tfvars"), .assignment("g=cli")]
        }
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics)")
        let outputs = result.roots[0].outputs
        #expect(outputs["all"] == .tuple([
            "env", "terraform.tfvars", "terraform.tfvars.json", "a.auto.tfvars", "b.auto.tfvars.json", "extra.tfvars", "cli",
        ]))
        #expect(outputs["n"] == 42)
        #expect(outputs["l"] == .list(["x", "y"]))
        #expect(outputs["secret"] == .sensitive("s3cr3t"))
        #expect(outputs["upper_secret"] == .sensitive("S3CR3T"))
    }

    @Test func commandLineOrderDecides() {
        let result = evaluateFixture("precedence") { o in
            o.commandLineVariables = [.assignment("g=first"), .file(Paths.fixtures + "/precedence/extra.tfvars")]
        }
        #expect(result.roots[0].outputs["all"]?.elements?[6] == "extra.tfvars")
    }

    @Test func requiredVariableWithoutValueIsUnknown() throws {
        var options = EvaluationOptions()
        options.environment = [:]
        options.scanRoot = Paths.fixtures + "/config"
        let (root, diags) = ConfigurationEvaluator.evaluateRoot(directory: Paths.fixtures + "/config/modules/storage", options: options)
        #expect(diags.map(\.summary) == ["No value for required variable", "No value for required variable", "No value for required variable", "Invalid for_each argument"])
        #expect(diags.allSatisfy { $0.severity == .warning })
        #expect(diags.first?.range?.description == "modules/storage/main.tf:1:1")
        // The buckets' for_each is unknown: not expanded; the rest is evaluated with unknowns.
        #expect(root.instances.map(\.address) == ["google_service_account.sa", "data.google_iam_policy.readers"])
        #expect(root.outputs["sa_email"] == .unknown("var.env (no value given)"))
        #expect(root.instances[0].values["account_id"] == .unknown("var.env (no value given)"))
    }
}

@Suite struct BadInputTests {
    /// Every kind of bad input yields a located diagnostic, and the rest still evaluates.
    @Test func badInputIsDiagnosedAndTheRestEvaluates() throws {
        let result = evaluateFixture("bad")
        let diags = result.diagnostics.map { "\($0.range?.description ?? "-"): \($0.summary)" }
        #expect(diags.contains("terraform.tfvars:1:1: Invalid value for input variable"))
        #expect(diags.contains("main.tf:2:3: Cycle: local.a, local.b"))
        #expect(diags.contains("main.tf:18:3: Too many instances"))
        #expect(diags.contains("main.tf:24:30: Error in function call"))
        #expect(diags.contains("main.tf:33:19: Invalid function argument"))
        #expect(result.diagnostics.count == 6, "\(diags)")
        #expect(diags.contains("modules/rec/main.tf:1:1: Recursive module call"))
        let byAddress = Dictionary(uniqueKeysWithValues: result.instances.map { ($0.address, $0) })
        #expect(byAddress["google_storage_bucket.ok"]?.values["name"] == .unknown("var.n (invalid value)"))
        #expect(byAddress["google_storage_bucket.cyclic"]?.values["name"] == .unknown("local.a (reference cycle)"))
        #expect(byAddress["google_storage_bucket.secret"]?.values["labels"]?["passwd"]?.isKnown == false)
        #expect(byAddress["module.rec.google_storage_bucket.inner"]?.values["name"] == "inner")
        #expect(byAddress.keys.filter { $0.hasPrefix("google_storage_bucket.huge") }.isEmpty)
        let passwd = try #require(result.diagnostics.first { $0.range?.start.line == 33 })
        #expect(passwd.detail.contains("is outside the scanned directory"))
        let huge = try #require(result.diagnostics.first { $0.summary == "Too many instances" })
        #expect(huge.detail == "count = 10000000 for google_storage_bucket.huge exceeds Tollgate's limit of 10000 instances per block; none of its instances are evaluated.")
    }

    @Test func symlinkLoopIsADiagnostic() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tollgate-symlink-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try FileManager.default.createSymbolicLink(atPath: dir + "/loop_a", withDestinationPath: dir + "/loop_b")
        try FileManager.default.createSymbolicLink(atPath: dir + "/loop_b", withDestinationPath: dir + "/loop_a")
        try FileManager.default.createSymbolicLink(atPath: dir + "/out", withDestinationPath: "/etc/hostname")
        try #"""
        resource "google_storage_bucket" "b" {
          name     = "b"
          location = "EU"
          labels = {
            loop = file("loop_a")
            out  = file("out")
            ok   = fileexists("main.tf") ? "yes" : "no"
          }
        }
        """#.write(toFile: dir + "/main.tf", atomically: true, encoding: .utf8)
        var options = EvaluationOptions()
        options.environment = [:]
        let result = ConfigurationEvaluator.evaluate(paths: [dir], options: options)
        let details = result.diagnostics.map(\.detail)
        #expect(details.contains { $0.contains("symbolic links") })
        #expect(details.contains { $0.contains("\"out\" is outside the scanned directory") })
        #expect(result.instances.first?.values["labels"]?["ok"] == "yes")
    }
}
