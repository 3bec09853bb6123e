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
