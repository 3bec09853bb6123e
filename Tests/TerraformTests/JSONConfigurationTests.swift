import HCL
import Testing
@testable import Terraform

/// A root module written in `.tf.json` (HCL JSON syntax) evaluates to the same resource
/// instances, values and outputs as the same module written in `.tf`.
@Suite struct JSONConfigurationTests {
    @Test func jsonRootModuleMatchesNativeSyntax() throws {
        let native = evaluateFixture("json/tf")
        let json = evaluateFixture("json/tfjson")
        #expect(native.diagnostics.isEmpty, "\(native.diagnostics)")
        #expect(json.diagnostics.isEmpty, "\(json.diagnostics)")
        let n = try #require(native.roots.first), j = try #require(json.roots.first)
        #expect(native.roots.count == 1 && json.roots.count == 1)
        #expect(j.instances.map(\.address) == n.instances.map(\.address))
        #expect(n.instances.map(\.address) == [
            "google_compute_network.vpc",
            "google_sql_database_instance.db",
            "module.bucket[\"assets\"].google_storage_bucket.this[0]",
            "module.bucket[\"logs\"].google_storage_bucket.this[0]",
        ])
        for (a, b) in zip(n.instances, j.instances) {
            #expect(a.values == b.values, "\(a.address)")
            #expect(a.providerDefaults == b.providerDefaults, "\(a.address)")
            #expect(a.preventDestroy == b.preventDestroy, "\(a.address)")
            #expect(a.key == b.key)
            #expect(a.attributeRanges.keys.sorted() == b.attributeRanges.keys.sorted(), "\(a.address)")
        }
        #expect(n.outputs == j.outputs)
        let db = try #require(j.instances.first { $0.type == "google_sql_database_instance" })
        #expect(db.values["name"] == "acme-prod-db")
        #expect(db.values["database_version"] == "POSTGRES_16")
        // Inferred nested blocks are lists of objects, the dynamic block expanded.
        #expect(db.values["settings"]?.jsonString == """
        [{"availability_type":"REGIONAL","database_flags":[{"name":"log_connections","value":"on"},\
        {"name":"log_disconnections","value":"on"}],"ip_configuration":[{"ipv4_enabled":false,\
        "private_network":"projects/acme-prod-project/global/networks/acme-prod-vpc"}],\
        "tier":"db-custom-4-16384","user_labels":{"env":"prod"}}]
        """)
        #expect(db.preventDestroy)
        #expect(db.providerDefaults == ["project": "acme-prod-project", "region": "europe-west1"])
        // Attribute ranges point into the JSON file.
        let name = try #require(db.attributeRanges["name"])
        #expect(name.filename.hasSuffix("main.tf.json"))
        #expect(name.start.line == 20)
    }
}
