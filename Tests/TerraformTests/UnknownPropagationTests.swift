import Foundation
import HCL
import Testing
@testable import Terraform

/// Evaluates one root module written to a temporary directory.
func evaluateSource(_ text: String, files: [String: String] = [:], configure: (inout EvaluationOptions) -> Void = { _ in }) throws -> (RootModuleResult, [Diagnostic]) {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tollgate-tf-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: dir) }
    try text.write(toFile: dir + "/main.tf", atomically: true, encoding: .utf8)
    for (name, content) in files { try content.write(toFile: dir + "/" + name, atomically: true, encoding: .utf8) }
    var options = EvaluationOptions()
    options.environment = [:]
    configure(&options)
    return ConfigurationEvaluator.evaluateRoot(directory: dir, options: options)
}

@Suite struct UnknownPropagationTests {
    @Test func unknownsFlowThroughExpressionsAndFunctions() throws {
        let (root, diags) = try evaluateSource(#"""
        variable "maybe" { type = string }
        locals {
          m    = { a = 1 }
          t1   = try(local.m.b, "fallback")
          t2   = can(local.m.b)
          t3   = can(local.m.a)
          t4   = try(var.maybe, "fallback")
          u    = upper(var.maybe)
          f    = format("%s-x", var.maybe)
          cond = var.maybe == "x" ? "a" : "b"
          j    = jsonencode({ a = var.maybe })
          l    = length([var.maybe, "b"])
          ts   = timestamp()
          id   = uuid()
        }
        output "all" {
          value = [local.t1, local.t2, local.t3, local.t4, local.u, local.f, local.cond, local.j, local.l, local.ts, local.id]
        }
        """#)
        #expect(diags.map(\.summary) == ["No value for required variable"])
        let u = Value.unknown("var.maybe (no value given)")
        #expect(root.outputs["all"] == .tuple(["fallback", false, true, u, u, u, u, u, 2, .unknown("timestamp()"), .unknown("uuid()")]))
    }

    @Test func unknownComputedAttributesAndCount() throws {
        let (root, diags) = try evaluateSource(#"""
        resource "google_compute_instance" "vm" {
          name = "vm"
        }
        resource "google_compute_disk" "d" {
          count = length(google_compute_instance.vm.network_interface)
          name  = "d"
        }
        resource "google_storage_bucket_iam_member" "m" {
          bucket = google_compute_instance.vm.instance_id
          role   = "roles/viewer"
          member = "user:a@example.com"
        }
        """#)
        #expect(diags.map(\.summary) == ["Invalid count argument"])
        #expect(diags.first?.severity == .warning)
        #expect(root.instances.map(\.address) == ["google_compute_instance.vm", "google_storage_bucket_iam_member.m"])
        #expect(root.instances[1].values["bucket"] == .unknown("google_compute_instance.vm.instance_id"))
    }

    @Test func errorsInTryAreNotReportedButOthersAre() throws {
        let (_, diags) = try evaluateSource(#"""
        locals {
          ok  = try(tonumber("x"), 0)
          bad = tonumber("x")
        }
        """#)
        #expect(diags.map { "\($0.range?.description ?? ""): \($0.summary)" } == ["\(diags.first?.range?.filename ?? ""):3:18: Invalid function argument"])
    }
}

/// What the scan of Google's own modules (../shared/corpus/hcl-real) showed Terraform accepts
/// and we once rejected.
@Suite struct ProviderSchemaGapTests {
    /// A computed attribute of a nested block (`access_config.nat_ip`) is unknown until apply,
    /// not an error: without the provider's schema, a nested attribute the configuration does
    /// not set may be computed.
    @Test func computedNestedBlockAttributesAreUnknown() throws {
        let (root, diags) = try evaluateSource(#"""
        resource "google_compute_instance" "vm" {
          name = "vm"
          network_interface {
            network = "default"
            access_config {}
          }
        }
        output "ip" {
          value = google_compute_instance.vm.network_interface[0].access_config[0].nat_ip
        }
        output "network" {
          value = google_compute_instance.vm.network_interface[0].network
        }
        output "ips" {
          value = [for ni in google_compute_instance.vm.network_interface : ni.network_ip]
        }
        """#)
        #expect(diags.isEmpty, "\(diags)")
        #expect(root.outputs["ip"] == .unknown("google_compute_instance.vm.network_interface.access_config.nat_ip"))
        #expect(root.outputs["network"] == "default")
        #expect(root.outputs["ips"] == .tuple([.unknown("google_compute_instance.vm.network_interface.network_ip")]))
    }

    /// `cond ? toset(var.names) : []` is a set in Terraform (the arms unify); with the names
    /// unknown and the condition false it is an empty set: no instances, no error.
    @Test func anEmptyTupleArmOfAConditionalIsNoInstances() throws {
        let (root, diags) = try evaluateSource(#"""
        variable "names" { type = list(string) }
        variable "enabled" {
          type    = bool
          default = false
        }
        resource "google_storage_bucket_iam_member" "m" {
          for_each = var.enabled ? toset(var.names) : []
          bucket   = each.value
          role     = "roles/storage.objectViewer"
          member   = "user:a@example.com"
        }
        resource "google_storage_bucket" "literal" {
          for_each = []
          name     = each.value
          location = "EU"
        }
        """#)
        #expect(root.instances.isEmpty)
        // A literal `[]` is still a tuple, as in Terraform.
        #expect(diags.map(\.summary) == ["No value for required variable", "Invalid for_each argument"])
    }
}

/// Module calls that feed each other: legal in Terraform (its graph has a node per module
/// variable and output), evaluated here to a fixed point.
@Suite struct ModuleCycleTests {
    static func evaluate(_ files: [String: String]) throws -> (RootModuleResult, [Diagnostic]) {
        try withModule(files) { dir in
            var options = EvaluationOptions()
            options.environment = [:]
            return ConfigurationEvaluator.evaluateRoot(directory: dir, options: options)
        }
    }

    /// `network` takes the service account's email from `identity`; `identity` takes the
    /// network's name from `network`. No value depends on itself, so everything is known, with
    /// each module's resources once.
    @Test func callsThatFeedEachOtherSettle() throws {
        let (root, diags) = try Self.evaluate([
            "main.tf": #"""
            module "network" {
              source = "./network"
              runner = module.identity.email
            }
            module "identity" {
              source  = "./identity"
              network = module.network.name
            }
            output "both" { value = [module.network.name, module.identity.email, module.identity.tag] }
            """#,
            "network/main.tf": #"""
            variable "runner" { type = string }
            resource "google_compute_network" "vpc" {
              name        = "vpc"
              project     = "p"
              description = "used by ${var.runner}"
            }
            output "name" { value = "vpc" }
            """#,
            "identity/main.tf": #"""
            variable "network" { type = string }
            resource "google_service_account" "sa" {
              account_id = "runner"
              project    = "p"
            }
            output "email" { value = "runner@p.iam.gserviceaccount.com" }
            output "tag"   { value = "on-${var.network}" }
            """#,
        ])
        #expect(diags.isEmpty, "\(diags)")
        #expect(root.outputs["both"] == .tuple(["vpc", "runner@p.iam.gserviceaccount.com", "on-vpc"]))
        #expect(root.instances.map(\.address).sorted() == [
            "module.identity.google_service_account.sa", "module.network.google_compute_network.vpc",
        ])
        let vpc = root.instances.first { $0.type == "google_compute_network" }
        #expect(vpc?.values["description"] == "used by runner@p.iam.gserviceaccount.com")
    }

    /// An output that needs itself through the calls is a cycle in Terraform too: a warning,
    /// and the value stays unknown.
    @Test func anOutputThatNeedsItselfStaysUnknown() throws {
        let (root, diags) = try Self.evaluate([
            "main.tf": #"""
            module "a" {
              source = "./echo"
              input  = module.b.out
            }
            module "b" {
              source = "./echo"
              input  = module.a.out
            }
            output "a" { value = module.a.out }
            """#,
            "echo/main.tf": #"""
            variable "input" { type = string }
            output "out" { value = var.input }
            """#,
        ])
        #expect(diags.map(\.summary) == ["Module calls refer to each other: module.a, module.b"])
        #expect(diags.first?.detail == "An output of these modules depends on itself through their inputs; it is unknown in this evaluation.")
        #expect(root.outputs["a"]?.isKnown == false)
    }
}
