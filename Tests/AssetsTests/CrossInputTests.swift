import Foundation
import HCL
import Terraform
import Testing
@testable import Assets

/// The same bucket, SQL instance and Redis instance as Terraform, as a CAI export line and as
/// `gcloud … describe` output agree on every field a policy reads.
@Suite struct CrossInputTests {
    static let describe = TestPaths.fixtures.appendingPathComponent("describe")

    static func terraform(_ type: String, _ values: Value) -> Asset {
        let inst = ResourceInstance(
            address: "\(type).main", type: type, name: "main", rootModule: "prod",
            providerDefaults: ["project": "interviewlm-prod", "region": "us-central1"], values: values)
        let r = TerraformConverter.convert([inst])
        return r.assets[0]
    }

    static func fromFile(_ name: String) -> Asset {
        let r = AssetLoader.load(paths: [describe.appendingPathComponent(name).path])
        #expect(r.diagnostics.isEmpty, "\(r.diagnostics)")
        return r.assets[0]
    }

    /// The describe output wrapped as a `gcloud asset export` line (same REST data).
    static func exportLine(of a: Asset) -> Asset {
        var data = ""
        a.data.writeJSON(to: &data)
        let line = #"{"name":"\#(a.name)","asset_type":"\#(a.assetType)","ancestors":["projects/interviewlm-prod"],"resource":{"data":\#(data)}}"#
        let r = AssetLoader.load(bytes: Array(line.utf8), filename: "export.ndjson")
        return r.assets[0]
    }

    static func agree(_ fields: [[String]], _ assets: [Asset]) {
        for f in fields {
            let values = assets.map { $0.data[path: f] }
            #expect(values.allSatisfy { $0 != nil && $0 == values[0] }, "\(f.joined(separator: ".")): \(values)")
        }
        #expect(Set(assets.map(\.name)).count == 1)
        #expect(Set(assets.map(\.assetType)).count == 1)
    }

    @Test func sqlInstance() {
        let tf = Self.terraform("google_sql_database_instance", json("""
            {"name":"interviewlm-prod-pg","database_version":"POSTGRES_16","region":"us-central1","deletion_protection":true,
             "settings":[{"tier":"db-custom-2-4096","availability_type":"REGIONAL","deletion_protection_enabled":true,
               "ip_configuration":[{"ipv4_enabled":true,"require_ssl":false,"ssl_mode":"ENCRYPTED_ONLY",
                 "private_network":"projects/interviewlm-prod/global/networks/interviewlm-prod","authorized_networks":[]}],
               "backup_configuration":[{"enabled":true,"point_in_time_recovery_enabled":true,"start_time":"03:00"}],
               "database_flags":[{"name":"log_connections","value":"on"},{"name":"log_disconnections","value":"on"},
                 {"name":"cloudsql.enable_pgaudit","value":"on"},{"name":"pgaudit.log","value":"ddl,role"},
                 {"name":"log_min_duration_statement","value":"1000"},{"name":"log_checkpoints","value":"on"},
                 {"name":"log_lock_waits","value":"on"},{"name":"log_temp_files","value":"0"}]}]}
            """))
        let described = Self.fromFile("sql-instance-interviewlm-prod-pg.json")
        Self.agree([
            ["databaseVersion"], ["region"], ["settings", "tier"], ["settings", "availabilityType"],
            ["settings", "deletionProtectionEnabled"], ["settings", "ipConfiguration", "ipv4Enabled"],
            ["settings", "ipConfiguration", "requireSsl"], ["settings", "ipConfiguration", "sslMode"],
            ["settings", "ipConfiguration", "privateNetwork"], ["settings", "backupConfiguration", "enabled"],
            ["settings", "backupConfiguration", "pointInTimeRecoveryEnabled"], ["settings", "databaseFlags"],
        ], [tf, described, Self.exportLine(of: described)])
    }

    @Test func redisInstance() {
        let tf = Self.terraform("google_redis_instance", json("""
            {"name":"interviewlm-prod-redis","tier":"STANDARD_HA","memory_size_gb":5,"redis_version":"REDIS_7_0",
             "auth_enabled":true,"transit_encryption_mode":"SERVER_AUTHENTICATION","connect_mode":"PRIVATE_SERVICE_ACCESS",
             "authorized_network":"projects/interviewlm-prod/global/networks/interviewlm-prod",
             "location_id":"us-central1-a","alternative_location_id":"us-central1-b"}
            """))
        let described = Self.fromFile("redis-instance-interviewlm-prod-redis.yaml")
        Self.agree([
            ["authEnabled"], ["transitEncryptionMode"], ["connectMode"], ["authorizedNetwork"], ["tier"], ["redisVersion"],
            ["memorySizeGb"], ["locationId"], ["alternativeLocationId"], ["name"],
        ], [tf, described, Self.exportLine(of: described)])
    }

    @Test func storageBucket() {
        let tf = Self.terraform("google_storage_bucket", json("""
            {"name":"interviewlm-prod-sessions","location":"US-CENTRAL1","storage_class":"STANDARD",
             "uniform_bucket_level_access":true,"public_access_prevention":"enforced","versioning":[{"enabled":true}],
             "soft_delete_policy":[{"retention_duration_seconds":604800}],
             "labels":{"application":"interviewlm","environment":"prod","managed-by":"terraform","purpose":"sessions"}}
            """))
        let raw = Self.fromFile("bucket-interviewlm-prod-sessions.json")
        let normalized = Self.fromFile("bucket-normalized.yaml")
        Self.agree([
            ["name"], ["location"], ["storageClass"], ["iamConfiguration", "uniformBucketLevelAccess", "enabled"],
            ["iamConfiguration", "publicAccessPrevention"], ["versioning", "enabled"], ["labels"],
            ["softDeletePolicy", "retentionDurationSeconds"],
        ], [tf, raw, normalized, Self.exportLine(of: raw)])
    }
}
