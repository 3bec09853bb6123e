import HCL

/// Cloud SQL: `google_sql_database_instance` → `sqladmin.googleapis.com/Instance` named
/// `//cloudsql.googleapis.com/projects/P/instances/I` (Cloud SQL Admin API `DatabaseInstance`),
/// and `google_sql_user` → `sqladmin.googleapis.com/User` (no CAI type exists; the name follows
/// the Admin API's `projects/P/instances/I/users/U` path).
enum SQLConverters {
    static let all: [String: @Sendable (TerraformResource) -> [ConvertedAsset]] = [
        "google_sql_database_instance": instance,
        "google_sql_user": user,
    ]

    static let instanceMapping = DataMapping(
        drop: [
            "deletion_protection", "root_password", "clone", "restore_backup_context", "settings.version",
            "connection_name", "first_ip_address", "private_ip_address", "public_ip_address", "dns_name",
            "psc_service_attachment_link", "available_maintenance_versions", "encryption_key_name", "server_ca_cert",
        ],
        rename: [
            "settings.disk_size": "dataDiskSizeGb",
            "settings.disk_type": "dataDiskType",
            "settings.disk_autoresize": "storageAutoResize",
            "settings.disk_autoresize_limit": "storageAutoResizeLimit",
            "settings.ip_configuration.require_ssl": "requireSsl",
            "settings.ip_configuration.ssl_mode": "sslMode",
            "settings.deletion_protection_enabled": "deletionProtectionEnabled",
            "replica_configuration.ca_certificate": "mysqlReplicaConfiguration.caCertificate",
            "replica_configuration.client_certificate": "mysqlReplicaConfiguration.clientCertificate",
            "replica_configuration.client_key": "mysqlReplicaConfiguration.clientKey",
            "replica_configuration.connect_retry_interval": "mysqlReplicaConfiguration.connectRetryInterval",
            "replica_configuration.dump_file_path": "mysqlReplicaConfiguration.dumpFilePath",
            "replica_configuration.master_heartbeat_period": "mysqlReplicaConfiguration.masterHeartbeatPeriod",
            "replica_configuration.password": "mysqlReplicaConfiguration.password",
            "replica_configuration.ssl_cipher": "mysqlReplicaConfiguration.sslCipher",
            "replica_configuration.username": "mysqlReplicaConfiguration.username",
            "replica_configuration.verify_server_certificate": "mysqlReplicaConfiguration.verifyServerCertificate",
            "ip_address": "ipAddresses",
            "service_account_email_address": "serviceAccountEmailAddress",
        ],
        repeated: [
            "settings.database_flags", "settings.ip_configuration.authorized_networks", "settings.deny_maintenance_period",
            "ip_address", "settings.ip_configuration.psc_config",
        ],
        int64AsString: [
            "settings.disk_size", "settings.disk_autoresize_limit", "replica_configuration.master_heartbeat_period",
        ]
    )

    static func instance(_ r: TerraformResource) -> [ConvertedAsset] {
        let name = r.segment(r.string("name"), "name")
        var m = r.mapped(instanceMapping)
        m.remove("project")
        m.set("project", .string(r.projectSegment), source: r.derivedSource("project"))
        if m["region"] == nil, let region = r.region { m.set("region", .string(region), source: r.derivedSource("region")) }
        // Provider defaults for omitted security-relevant fields: public IP on, zonal.
        r.fillDefault(&m, "settings.ipConfiguration.ipv4Enabled", true, tfPath: "settings.0.ip_configuration.0.ipv4_enabled")
        r.fillDefault(&m, "settings.availabilityType", "ZONAL", tfPath: "settings.0.availability_type")
        r.fillDefault(&m, "settings.backupConfiguration.enabled", false, tfPath: "settings.0.backup_configuration.0.enabled")
        return [ConvertedAsset(
            name: "//cloudsql.googleapis.com/projects/\(r.projectSegment)/instances/\(name)",
            assetType: "sqladmin.googleapis.com/Instance", discoveryName: "DatabaseInstance",
            discoveryDocumentURI: "https://www.googleapis.com/discovery/v1/apis/sqladmin/v1beta4/rest", version: "v1beta4",
            data: m, ancestryStart: "projects/\(r.projectSegment)", location: r.region)]
    }

    static let userMapping = DataMapping(
        drop: ["password", "project", "deletion_policy", "sql_server_user_details", "password_wo", "password_wo_version"],
        rename: [:], repeated: []
    )

    static func user(_ r: TerraformResource) -> [ConvertedAsset] {
        let instance = r.segment(r.string("instance"), "instance")
        let name = r.segment(r.string("name"), "name")
        var m = r.mapped(userMapping)
        m.set("project", .string(r.projectSegment), source: r.derivedSource("project"))
        // Built-in users default to the BUILT_IN type (password authentication).
        r.fillDefault(&m, "type", "BUILT_IN", tfPath: "type")
        return [ConvertedAsset(
            name: "//cloudsql.googleapis.com/projects/\(r.projectSegment)/instances/\(instance)/users/\(name)",
            assetType: "sqladmin.googleapis.com/User", discoveryName: "User", version: "v1beta4",
            data: m, ancestryStart: "projects/\(r.projectSegment)")]
    }
}
