import Foundation
import HCL
import Testing
@testable import Terraform

/// Writes `files` into a fresh directory (the scan root and the one root module) and hands it
/// to `body`; the directory is removed afterwards.
func withModule<T>(_ files: [String: String], _ body: (String) throws -> T) throws -> T {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tollgate-override-\(UUID().uuidString)").path
    defer { try? FileManager.default.removeItem(atPath: dir) }
    for (name, text) in files {
        let path = dir + "/" + name
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try text.write(toFile: path, atomically: true, encoding: .utf8)
    }
    return try body(URL(fileURLWithPath: dir).resolvingSymlinksInPath().path)
}

/// Evaluates `files` as one root module.
private func evaluate(_ files: [String: String]) throws -> EvaluationResult {
    try withModule(files) { dir in
        var options = EvaluationOptions()
        options.environment = [:]
        options.scanRoot = dir
        options.forcedRoots = [dir]
        return ConfigurationEvaluator.evaluate(paths: [dir], options: options)
    }
}

/// Loads `files` as one module without evaluating it.
private func load(_ files: [String: String]) throws -> Module {
    try withModule(files) { Module.load(directory: $0, relativeDirectory: ".", scanRoot: $0) }
}

private func located(_ diags: [Diagnostic]) -> [String] {
    diags.map { "\($0.range?.description ?? "-"): \($0.summary)" }
}

@Suite struct OverrideTests {
    // MARK: which files, in which order

    @Test(arguments: [
        ("override.tf", true), ("override.tf.json", true), ("main_override.tf", true), ("a_b_override.tf.json", true),
        ("main.tf", false), ("override_main.tf", false), ("myoverride.tf", false), ("main_override.tfvars", false),
        ("main.override.tf", false), ("_override.tf", true),
    ])
    func overrideFileNames(name: String, isOverride: Bool) {
        #expect(Module.isOverrideFile(name) == isOverride)
    }

    /// Override files apply after every primary file (even one that sorts before `main.tf`),
    /// in lexical order of their names, so the last one wins; each replaced argument points
    /// at the file that set it.
    @Test func overridesApplyAfterPrimariesInLexicalOrder() throws {
        let result = try evaluate([
            "main.tf": #"resource "google_pubsub_topic" "t" {\#n  name   = "base"\#n  labels = { a = "1" }\#n}\#n"#,
            "a_override.tf": #"resource "google_pubsub_topic" "t" {\#n  name = "from-a"\#n}\#n"#,
            "b_override.tf.json": #"{"resource": {"google_pubsub_topic": {"t": {"name": "from-b", "kms_key_name": "k"}}}}"#,
            "override.tf": #"resource "google_pubsub_topic" "t" {\#n\#n  name = "from-override"\#n}\#n"#,
        ])
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics)")
        let t = try #require(result.instances.first)
        #expect(result.instances.map(\.address) == ["google_pubsub_topic.t"])
        #expect(t.values["name"] == "from-override")
        #expect(t.values["kms_key_name"] == "k")
        #expect(t.values["labels"] == .object(["a": "1"]))
        #expect(t.attributeRanges["name"]?.description == "override.tf:3:3")
        #expect(t.attributeRanges["kms_key_name"]?.description == "b_override.tf.json:1:63")
        #expect(t.attributeRanges["labels"]?.description == "main.tf:3:3")
        #expect(t.blockRange?.description == "main.tf:1:1")
    }

    // MARK: resources

    /// Nested blocks of a type the override has replace all blocks of that type (no deep
    /// merge); other types stay; a `dynamic` block counts as its label's type.
    @Test func nestedBlocksReplaceAllOfTheirType() throws {
        let result = try evaluate([
            "main.tf": #"""
            resource "google_compute_firewall" "fw" {
              name    = "fw"
              network = "default"
              allow {
                protocol = "tcp"
                ports    = ["22"]
              }
              allow {
                protocol = "udp"
              }
              dynamic "deny" {
                for_each = ["icmp"]
                content {
                  protocol = deny.value
                }
              }
              log_config {
                metadata = "INCLUDE_ALL_METADATA"
              }
            }
            """#,
            "fw_override.tf": #"""
            resource "google_compute_firewall" "fw" {
              allow {
                protocol = "tcp"
                ports    = ["443"]
              }
              deny {
                protocol = "all"
              }
            }
            """#,
        ])
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics)")
        let fw = try #require(result.instances.first)
        #expect(fw.values["allow"] == .tuple([.object(["protocol": "tcp", "ports": .tuple(["443"])])]))
        #expect(fw.values["deny"] == .tuple([.object(["protocol": "all"])]))
        #expect(fw.values["log_config"] == .tuple([.object(["metadata": "INCLUDE_ALL_METADATA"])]))
        #expect(fw.attributeRanges["allow.0"]?.description == "fw_override.tf:2:3")
        #expect(fw.attributeRanges["allow.0.ports"]?.description == "fw_override.tf:4:5")
        #expect(fw.attributeRanges["allow.1"] == nil)
        #expect(fw.attributeRanges["deny.0.protocol"]?.description == "fw_override.tf:7:5")
        #expect(fw.attributeRanges["log_config.0.metadata"]?.description == "main.tf:18:5")
        #expect(fw.attributeRanges["network"]?.description == "main.tf:3:3")
    }

    /// `lifecycle` merges argument by argument; `provisioner` blocks replace all of the
    /// original's; `connection` replaces the original's.
    @Test func lifecycleMergesProvisionerAndConnectionReplace() throws {
        let m = try load([
            "main.tf": #"""
            resource "google_compute_instance" "vm" {
              name = "vm"
              connection {
                host = "a"
              }
              provisioner "local-exec" {
                command = "one"
              }
              provisioner "local-exec" {
                command = "two"
              }
              lifecycle {
                ignore_changes  = [metadata]
                prevent_destroy = false
              }
            }
            """#,
            "main_override.tf": #"""
            resource "google_compute_instance" "vm" {
              provisioner "remote-exec" {
                inline = ["three"]
              }
              connection {
                host = "b"
              }
              lifecycle {
                prevent_destroy = true
              }
            }
            """#,
        ])
        #expect(m.diagnostics.isEmpty, "\(m.diagnostics)")
        let body = try #require(m.resources.first).block.body
        #expect(body.blocks.map { ([$0.type] + $0.labels).joined(separator: " ") } == ["lifecycle", "provisioner remote-exec", "connection"])
        let lc = try #require(body.blocks.first).body
        #expect(lc.attributes.map(\.name) == ["ignore_changes", "prevent_destroy"])
        #expect(lc.attribute(named: "prevent_destroy")?.expression.staticValue == true)
        #expect(m.resources[0].origins == BodyOrigins(
            attributes: ["lifecycle.prevent_destroy": 1], blocks: ["provisioner": 1, "connection": 1]))
        #expect(body.blocks(ofType: "connection").first?.body.attribute(named: "host")?.expression.stringLiteral == "b")

        let result = try evaluate([
            "main.tf": #"resource "google_storage_bucket" "b" {\#n  name = "b"\#n  lifecycle {\#n    prevent_destroy = false\#n  }\#n}\#n"#,
            "main_override.tf": #"resource "google_storage_bucket" "b" {\#n  lifecycle {\#n    prevent_destroy = true\#n  }\#n}\#n"#,
        ])
        #expect(result.instances.map(\.preventDestroy) == [true])
    }

    /// `depends_on` may not be overridden (Terraform: "Unsupported override"); the rest of
    /// the override block still applies and the original `depends_on` stays.
    @Test func dependsOnCannotBeOverridden() throws {
        let m = try load([
            "main.tf": #"""
            resource "google_pubsub_topic" "a" { name = "a" }
            resource "google_pubsub_topic" "b" {
              name       = "b"
              depends_on = [google_pubsub_topic.a]
            }
            output "o" {
              value = google_pubsub_topic.b.name
            }
            """#,
            "main_override.tf": #"""
            resource "google_pubsub_topic" "b" {
              name       = "b2"
              depends_on = []
            }
            output "o" {
              value      = "x"
              depends_on = [google_pubsub_topic.a]
            }
            """#,
        ])
        #expect(located(m.diagnostics) == ["main_override.tf:3:3: Unsupported override", "main_override.tf:7:3: Unsupported override"])
        #expect(m.diagnostics.first?.detail == "The depends_on argument may not be overridden.")
        let b = m.resources[1].block.body
        #expect(b.attribute(named: "name")?.expression.stringLiteral == "b2")
        #expect(b.attribute(named: "depends_on")?.range.lowerBound == m.files[0].lineTable.lineStarts[3] + 2)
    }

    /// `count` and `for_each`: the one the override sets replaces the other (a `for_each`
    /// over an original `count` is also a warning, as Terraform itself would keep `count`).
    @Test func countAndForEachReplaceEachOther() throws {
        let toForEach = try evaluate([
            "main.tf": #"resource "google_pubsub_topic" "t" {\#n  count = 2\#n  name  = "t"\#n}\#n"#,
            "main_override.tf": #"resource "google_pubsub_topic" "t" {\#n  for_each = toset(["x", "y"])\#n  name     = each.key\#n}\#n"#,
        ])
        #expect(toForEach.instances.map(\.address) == [#"google_pubsub_topic.t["x"]"#, #"google_pubsub_topic.t["y"]"#])
        #expect(toForEach.instances.map { $0.values["name"] } == ["x", "y"])
        #expect(located(toForEach.diagnostics) == ["main_override.tf:2:3: Override replaces count with for_each"])

        let toCount = try evaluate([
            "main.tf": #"resource "google_pubsub_topic" "t" {\#n  for_each = toset(["x"])\#n  name     = each.key\#n}\#n"#,
            "main_override.tf": #"resource "google_pubsub_topic" "t" {\#n  count = 3\#n  name  = "n${count.index}"\#n}\#n"#,
        ])
        #expect(toCount.diagnostics.isEmpty, "\(toCount.diagnostics)")
        #expect(toCount.instances.map(\.address) == ["google_pubsub_topic.t[0]", "google_pubsub_topic.t[1]", "google_pubsub_topic.t[2]"])
        #expect(toCount.instances.map { $0.values["name"] } == ["n0", "n1", "n2"])
    }

    // MARK: variables, outputs, locals

    /// An override that sets `type` alone converts the original default to it; one that sets
    /// `default` alone must fit the original type; failures are errors at the override block
    /// in Terraform's words, and the variable is then unknown.
    @Test(arguments: [
        (#"variable "v" {\#n  default = 5\#n}\#n"#, #"variable "v" {\#n  type = string\#n}\#n"#, Value.string("5"), [String]()),
        (#"variable "v" {\#n  type = number\#n}\#n"#, #"variable "v" {\#n  default = "7"\#n}\#n"#, Value.number(7), []),
        (#"variable "v" {\#n  default = "abc"\#n}\#n"#, #"variable "v" {\#n  type = number\#n}\#n"#, Value.unknown("var.v (invalid default)"),
         [#"v_override.tf:1:1: Invalid default value for variable: Overriding this variable's type constraint has made its default value invalid: a number is required."#]),
        (#"variable "v" {\#n  type = number\#n}\#n"#, #"variable "v" {\#n  default = "abc"\#n}\#n"#, Value.unknown("var.v (invalid default)"),
         [#"v_override.tf:1:1: Invalid default value for variable: The overridden default value for this variable is not compatible with the variable's type constraint: a number is required."#]),
        (#"variable "v" {\#n  type    = string\#n  default = "a"\#n}\#n"#, #"variable "v" {\#n  type    = list(string)\#n  default = "b"\#n}\#n"#, Value.unknown("var.v (invalid default)"),
         [#"v_override.tf:1:1: Invalid default value for variable: This variable's default value is not compatible with its type constraint: list of string required."#]),
    ])
    func variableTypeAndDefault(primary: String, override: String, value: Value, diagnostics: [String]) throws {
        let result = try evaluate([
            "main.tf": primary + #"output "v" {\#n  value = var.v\#n}\#n"#,
            "v_override.tf": override,
        ])
        #expect(result.roots.first?.outputs["v"] == value)
        #expect(result.diagnostics.map { "\($0.range?.description ?? "-"): \($0.summary): \($0.detail)" } == diagnostics)
    }

    /// `sensitive` and `nullable` are replaced when the override sets them.
    @Test func variableFlags() throws {
        let m = try load([
            "main.tf": #"variable "v" {\#n  default = "x"\#n}\#nvariable "w" {\#n  sensitive = true\#n  default   = null\#n}\#n"#,
            "main_override.tf": #"variable "v" {\#n  sensitive = true\#n}\#nvariable "w" {\#n  sensitive = false\#n  nullable  = false\#n}\#n"#,
        ])
        #expect(m.variables.map(\.sensitive) == [true, false])
        #expect(m.variables.map(\.nullable) == [true, false])
        #expect(located(m.diagnostics) == ["main_override.tf:4:1: Invalid default value for variable"])
        #expect(m.diagnostics.first?.detail == "A null default value is not valid when nullable=false.")
    }

    /// Outputs: `value` and `sensitive` replaced. Locals: each one replaced by name, whatever
    /// `locals` block holds it, with the override's source range.
    @Test func outputsAndLocals() throws {
        let files = [
            "main.tf": #"""
            locals {
              a = "a"
              b = "b"
            }
            locals {
              c = "${local.a}-c"
            }
            output "o" {
              value = [local.a, local.b, local.c]
            }
            output "p" {
              value = "p"
            }
            """#,
            "main_override.tf": #"""
            locals {
              a = "A"
              c = "${local.b}-C"
            }
            output "p" {
              value     = "P"
              sensitive = true
            }
            """#,
        ]
        let result = try evaluate(files)
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics)")
        #expect(result.roots.first?.outputs["o"] == .tuple(["A", "b", "b-C"]))
        #expect(result.roots.first?.outputs["p"] == Value.string("P").markedSensitive())
        let m = try load(files)
        #expect(m.locals.map { "\($0.name) \(m.files[$0.file].filename):\(m.files[$0.file].sourceRange($0.range).start.line)" }
            == ["a main_override.tf:2", "b main.tf:3", "c main_override.tf:3"])
    }

    // MARK: module calls, providers, terraform settings

    /// A module call's `source` and arguments are replaced: the new source is what is loaded,
    /// with the override's argument and the original's other ones. The old module directory,
    /// which nothing calls any more, becomes a root of its own (nothing is skipped silently).
    @Test func moduleCallSourceAndArguments() throws {
        let result = try evaluate([
            "main.tf": #"""
            module "store" {
              source = "./old"
              name   = "base"
              tier   = "STANDARD"
            }
            """#,
            "main_override.tf": #"""
            module "store" {
              source = "./new"
              name   = "override"
            }
            """#,
            "old/main.tf": #"variable "name" { default = "old" }\#nvariable "tier" { default = "old" }\#nresource "google_pubsub_topic" "old" {\#n  name = var.name\#n}\#n"#,
            "new/main.tf": #"variable "name" {}\#nvariable "tier" {}\#nresource "google_storage_bucket" "new" {\#n  name          = var.name\#n  storage_class = var.tier\#n}\#n"#,
        ])
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics)")
        #expect(result.roots.map(\.directory) == [".", "old"])
        #expect(result.roots.first?.instances.map(\.address) == ["module.store.google_storage_bucket.new"])
        #expect(result.instances.first?.values["name"] == "override")
        #expect(result.instances.first?.values["storage_class"] == "STANDARD")
    }

    /// Provider configurations match by name and alias; an override of an absent default
    /// configuration creates it (Terraform allows that); an absent alias is an error.
    @Test func providersByNameAndAlias() throws {
        let result = try evaluate([
            "main.tf": #"""
            provider "google" {
              project = "p"
              region  = "us-central1"
            }
            provider "google" {
              alias   = "eu"
              project = "p-eu"
              region  = "europe-west1"
            }
            resource "google_pubsub_topic" "a" { name = "a" }
            resource "google_pubsub_topic" "b" {
              provider = google.eu
              name     = "b"
            }
            resource "random_id" "r" { byte_length = 4 }
            """#,
            "providers_override.tf": #"""
            provider "google" {
              alias  = "eu"
              region = "europe-west4"
            }
            provider "google" {
              alias  = "asia"
              region = "asia-east1"
            }
            provider "random" {
              region = "nowhere"
            }
            """#,
        ])
        #expect(located(result.diagnostics) == ["providers_override.tf:5:1: Missing base provider configuration for override"])
        #expect(result.diagnostics.first?.detail == #"There is no google provider configuration with the alias "asia". An override file can only override an aliased provider configuration that was already defined in a primary configuration file."#)
        #expect(result.instances.map(\.providerDefaults) == [
            ["project": "p", "region": "us-central1"],
            ["project": "p-eu", "region": "europe-west4"],
            ["region": "nowhere"],
        ])
    }

    /// `required_providers` merges per provider (an override entry replaces the whole entry)
    /// and `required_version` is replaced.
    @Test func terraformSettings() throws {
        let m = try load([
            "versions.tf": #"""
            terraform {
              required_version = ">= 1.5"
              required_providers {
                google = { source = "hashicorp/google", version = "~> 5.0" }
                random = { source = "hashicorp/random", version = "~> 3.0" }
              }
            }
            """#,
            "versions_override.tf": #"""
            terraform {
              required_version = ">= 1.9"
              required_providers {
                google = { version = "~> 6.0" }
              }
            }
            """#,
        ])
        #expect(m.diagnostics.isEmpty, "\(m.diagnostics)")
        #expect(m.requiredVersion?.expression.stringLiteral == ">= 1.9")
        #expect(m.requiredProviders.keys.sorted() == ["google", "random"])
        #expect(m.requiredProviders["google"].map { [$0.source, $0.version] } == [nil, "~> 6.0"])
        #expect(m.requiredProviders["google"].map { m.files[$0.file].filename } == "versions_override.tf")
        #expect(m.requiredProviders["random"].map { [$0.source, $0.version] } == ["hashicorp/random", "~> 3.0"])
    }

    // MARK: end to end and bad input

    /// The fixture's bucket after `main_override.tf` and `z_override.tf.json`: merged values,
    /// and every attribute located in the file that set it — the ranges the Assets converter
    /// gives as field provenance (`iamConfiguration.publicAccessPrevention` comes from
    /// `public_access_prevention`).
    @Test func bucketOverriddenEndToEnd() throws {
        let result = evaluateFixture("override/bucket")
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics)")
        let b = try #require(result.instances.first)
        #expect(result.instances.map(\.address) == ["google_storage_bucket.data"])
        #expect(b.values == .object([
            "name": "acme-data",
            "location": "EU",
            "public_access_prevention": "enforced",
            "uniform_bucket_level_access": true,
            "storage_class": "NEARLINE",
            "labels": .object(["team": "platform-json"]),
            "versioning": .tuple([.object(["enabled": false])]),
            "lifecycle_rule": .tuple([.object([
                "action": .tuple([.object(["type": "SetStorageClass", "storage_class": "COLDLINE"])]),
                "condition": .tuple([.object(["age": 365])]),
            ])]),
            "id": "acme-data",
            "self_link": "https://www.googleapis.com/storage/v1/b/acme-data",
            "url": "gs://acme-data",
        ]))
        #expect(b.attributeRanges.mapValues(\.description) == [
            "name": "main.tf:8:3",
            "location": "main.tf:9:3",
            "public_access_prevention": "main_override.tf:2:3",
            "uniform_bucket_level_access": "z_override.tf.json:6:9",
            "storage_class": "z_override.tf.json:5:9",
            "labels": "z_override.tf.json:7:9",
            "versioning.0": "main.tf:15:3",
            "versioning.0.enabled": "main.tf:16:5",
            "lifecycle_rule.0": "main_override.tf:6:3",
            "lifecycle_rule.0.action.0": "main_override.tf:7:5",
            "lifecycle_rule.0.action.0.type": "main_override.tf:8:7",
            "lifecycle_rule.0.action.0.storage_class": "main_override.tf:9:7",
            "lifecycle_rule.0.condition.0": "main_override.tf:11:5",
            "lifecycle_rule.0.condition.0.age": "main_override.tf:12:7",
        ])
        #expect(b.blockRange?.description == "main.tf:7:1")
        #expect(b.preventDestroy)
        #expect(b.inlineComments.map { "\($0.range.description) \($0.text)" } == [
            #"main_override.tf:3:3 tollgate:ignore TG-GCS-002 reason="archive tier set by the override""#,
        ])
        #expect(result.roots.first?.outputs["bucket_url"] == "gs://acme-data")
    }

    /// A plan's instance mapped back to the same configuration (`--source`) gets the same
    /// provenance: the overridden attributes and nested blocks in the override files.
    @Test func planSourceMappingFollowsOverrides() throws {
        var instances = [ResourceInstance(address: "google_storage_bucket.data", type: "google_storage_bucket", name: "data", rootModule: "plan.json", values: .object([:]))]
        let diags = PlanSourceMapping.attach(&instances, sourceDirectory: Paths.fixtures + "/override/bucket")
        #expect(diags.isEmpty, "\(diags)")
        let b = try #require(instances.first)
        #expect(b.attributeRanges["public_access_prevention"]?.description == "main_override.tf:2:3")
        #expect(b.attributeRanges["storage_class"]?.description == "z_override.tf.json:5:9")
        #expect(b.attributeRanges["lifecycle_rule.0.condition.0.age"]?.description == "main_override.tf:12:7")
        #expect(b.attributeRanges["lifecycle_rule.1"] == nil)
        #expect(b.attributeRanges["versioning.0.enabled"]?.description == "main.tf:16:5")
        #expect(b.inlineComments.map(\.range.description) == ["main_override.tf:3:3"])
        #expect(b.preventDestroy)
    }

    /// Overrides of blocks the primary files do not have, `moved`/`import` blocks in an
    /// override file, and a malformed override file: each a located error in Terraform's
    /// words; the override blocks that do match still apply and everything else loads.
    @Test func badOverridesAreDiagnosedAndTheRestLoads() throws {
        let result = evaluateFixture("override/bad")
        #expect(located(result.diagnostics) == [
            "broken_override.tf:6:14: Invalid expression",
            "missing_override.tf:1:1: Missing resource to override",
            "missing_override.tf:4:1: Missing data resource to override",
            "missing_override.tf:7:1: Missing base variable declaration to override",
            "missing_override.tf:11:3: Missing base local value definition to override",
            "missing_override.tf:13:1: Missing base output definition to override",
            "missing_override.tf:16:1: Missing module call to override",
            "missing_override.tf:19:1: Cannot override 'moved' blocks",
            "missing_override.tf:23:1: Cannot override 'import' blocks",
        ])
        let missing = try #require(result.diagnostics.first { $0.summary == "Missing resource to override" })
        #expect(missing.detail == #"There is no google_storage_bucket resource named "typo". An override file can only override a resource block defined in a primary configuration file."#)
        #expect(result.instances.map(\.address) == ["google_storage_bucket.ok"])
        let ok = try #require(result.instances.first)
        #expect(ok.values["name"] == "from-broken-override")
        // The malformed argument still replaces the original: its value is unknown, not "EU".
        #expect(ok.values["location"]?.isKnown == false)
        #expect(ok.attributeRanges["name"]?.description == "broken_override.tf:2:3")
    }
}
