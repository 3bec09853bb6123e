import Foundation
import HCL
import Testing
@testable import Terraform

@Suite struct ExpansionTests {
    /// Module calls with for_each and count, nested dynamic blocks, aliased providers, and the
    /// blocks that are read without effect.
    @Test func moduleExpansionNestedDynamicAndProviders() throws {
        let module = #"""
        variable "name" { type = string }
        variable "rules" {
          type = list(object({ ports = list(string), ranges = list(string) }))
        }
        resource "google_compute_firewall" "fw" {
          name    = var.name
          network = "default"
          dynamic "allow" {
            for_each = var.rules
            content {
              protocol = "tcp"
              ports    = allow.value.ports
              dynamic "log" {
                for_each = allow.value.ranges
                iterator = r
                content {
                  range = r.value
                  index = "${allow.key}.${r.key}"
                }
              }
            }
          }
        }
        output "name" { value = google_compute_firewall.fw.name }
        """#
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tollgate-exp-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir + "/root", withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: dir + "/fw", withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try module.write(toFile: dir + "/fw/main.tf", atomically: true, encoding: .utf8)
        try #"""
        terraform {
          required_version = ">= 1.5"
          backend "gcs" { bucket = "state" }
        }
        provider "google" {
          project = "p-default"
        }
        provider "google" {
          alias  = "eu"
          project = "p-eu"
          region  = "europe-west1"
        }
        moved {
          from = google_storage_bucket.old
          to   = google_storage_bucket.b
        }
        import {
          to = google_storage_bucket.b
          id = "b"
        }
        removed {
          from = google_storage_bucket.gone
          lifecycle { destroy = false }
        }
        check "health" {
          assert {
            condition     = true
            error_message = "never"
          }
        }
        module "fw" {
          for_each = { web = ["80", "443"], db = ["5432"] }
          source   = "../fw"
          name     = "fw-${each.key}"
          rules    = [{ ports = each.value, ranges = ["10.0.0.0/8", "192.168.0.0/16"] }]
        }
        module "counted" {
          count  = 2
          source = "../fw"
          name   = "c-${count.index}"
          rules  = []
        }
        resource "google_storage_bucket" "b" {
          provider = google.eu
          name     = "b"
          location = "EU"
        }
        output "names" { value = [for k, m in module.fw : m.name] }
        """#.write(toFile: dir + "/root/main.tf", atomically: true, encoding: .utf8)
        var options = EvaluationOptions()
        options.environment = [:]
        options.scanRoot = dir
        let result = ConfigurationEvaluator.evaluate(paths: [dir], options: options)
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics)")
        #expect(result.roots.map(\.directory) == ["root"])
        let root = result.roots[0]
        #expect(root.instances.map(\.address) == [
            "google_storage_bucket.b",
            "module.fw[\"db\"].google_compute_firewall.fw",
            "module.fw[\"web\"].google_compute_firewall.fw",
            "module.counted[0].google_compute_firewall.fw",
            "module.counted[1].google_compute_firewall.fw",
        ])
        #expect(root.instances[0].providerDefaults == ["project": "p-eu", "region": "europe-west1"])
        #expect(root.instances[1].providerDefaults == ["project": "p-default"])
        #expect(root.instances[1].moduleAddress == "module.fw[\"db\"]")
        #expect(root.instances[2].values["allow"] == .tuple([.object([
            "protocol": "tcp",
            "ports": .list(["80", "443"]),
            "log": .tuple([
                .object(["range": "10.0.0.0/8", "index": "0.0"]),
                .object(["range": "192.168.0.0/16", "index": "0.1"]),
            ]),
        ])]))
        #expect(root.instances[3].values["name"] == "c-0")
        #expect(root.instances[3].values["allow"] == .tuple([]))
        #expect(root.outputs["names"] == .tuple(["fw-db", "fw-web"]))
        #expect(root.instances[2].attributeRanges["allow.0.log.1.range"]?.description == "fw/main.tf:17:11")
    }
}
