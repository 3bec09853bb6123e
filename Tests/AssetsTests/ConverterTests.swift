import Foundation
import HCL
import Terraform
import Testing
@testable import Assets

func instance(_ type: String, _ values: Value, name: String = "main", deps: [String] = [], ranges: [String: SourceRange] = [:]) -> ResourceInstance {
    ResourceInstance(
        address: "\(type).\(name)", type: type, name: name, rootModule: "root", values: values,
        attributeRanges: ranges, blockRange: range(1), dependencies: deps)
}

func range(_ line: Int) -> SourceRange {
    SourceRange(filename: "main.tf", start: .init(line: line, column: 1, offset: 0), end: .init(line: line, column: 2, offset: 1))
}

/// One case per converter type: exact asset type, name, `resource.data` and the fields
/// filled with provider defaults (provenance "default").
@Suite struct ConverterTests {
    static let cases: [(String, String, String, String, String, [String])] = [
("google_project", #"{"project_id":"p1","name":"P One","folder_id":"77","billing_account":"AB-CD","labels":{"env":"prod"},"auto_create_network":false}"#, "cloudbilling.googleapis.com/ProjectBillingInfo", "//cloudbilling.googleapis.com/projects/p1/billingInfo", #"{"billingAccountName":"billingAccounts/AB-CD","name":"projects/p1/billingInfo","projectId":"p1"}"#, []),
("google_project", #"{"project_id":"p1","name":"P One","folder_id":"77","billing_account":"AB-CD","labels":{"env":"prod"},"auto_create_network":false}"#, "cloudresourcemanager.googleapis.com/Project", "//cloudresourcemanager.googleapis.com/projects/p1", #"{"labels":{"env":"prod"},"name":"P One","parent":{"id":"77","type":"folder"},"projectId":"p1"}"#, []),
("google_project_service", #"{"project":"p1","service":"run.googleapis.com","disable_on_destroy":false}"#, "serviceusage.googleapis.com/Service", "//serviceusage.googleapis.com/projects/p1/services/run.googleapis.com", #"{"name":"run.googleapis.com","parent":"projects/p1","state":"ENABLED"}"#, []),
("google_storage_bucket", #"{"name":"b1","location":"EU","project":"p1","force_destroy":true}"#, "storage.googleapis.com/Bucket", "//storage.googleapis.com/b1", #"{"iamConfiguration":{"publicAccessPrevention":"inherited","uniformBucketLevelAccess":{"enabled":false}},"lifecycle":{"rule":[]},"location":"EU","name":"b1","project":"p1"}"#, ["iamConfiguration.publicAccessPrevention", "iamConfiguration.uniformBucketLevelAccess.enabled"]),
("google_sql_database_instance", #"{"name":"db","database_version":"POSTGRES_16","region":"us-central1","settings":[{"tier":"db-f1-micro","disk_size":20,"ip_configuration":[{"private_network":"projects/p1/global/networks/vpc"}]}]}"#, "sqladmin.googleapis.com/Instance", "//cloudsql.googleapis.com/projects/p1/instances/db", #"{"databaseVersion":"POSTGRES_16","name":"db","project":"p1","region":"us-central1","settings":{"availabilityType":"ZONAL","backupConfiguration":{"enabled":false},"dataDiskSizeGb":"20","ipConfiguration":{"ipv4Enabled":true,"privateNetwork":"projects/p1/global/networks/vpc"},"tier":"db-f1-micro"}}"#, ["settings.availabilityType", "settings.backupConfiguration.enabled", "settings.ipConfiguration.ipv4Enabled"]),
("google_sql_user", #"{"name":"app","instance":"db","password":"hunter2","project":"p1"}"#, "sqladmin.googleapis.com/User", "//cloudsql.googleapis.com/projects/p1/instances/db/users/app", #"{"instance":"db","name":"app","project":"p1","type":"BUILT_IN"}"#, ["type"]),
("google_redis_instance", #"{"name":"cache","memory_size_gb":1,"region":"us-central1","project":"p1","authorized_network":"projects/p1/global/networks/vpc"}"#, "redis.googleapis.com/Instance", "//redis.googleapis.com/projects/p1/locations/us-central1/instances/cache", #"{"authEnabled":false,"authorizedNetwork":"projects/p1/global/networks/vpc","memorySizeGb":1,"name":"projects/p1/locations/us-central1/instances/cache","transitEncryptionMode":"DISABLED"}"#, ["authEnabled", "transitEncryptionMode"]),
("google_cloud_run_v2_service", #"{"name":"api","location":"us-central1","project":"p1","template":[{"service_account":"run@p1.iam.gserviceaccount.com","containers":[{"image":"gcr.io/x/api","ports":[{"container_port":8080}],"env":[{"name":"A","value":"1"}]}],"vpc_access":[{"connector":"projects/p1/locations/us-central1/connectors/c1","egress":"PRIVATE_RANGES_ONLY"}]}]}"#, "run.googleapis.com/Service", "//run.googleapis.com/projects/p1/locations/us-central1/services/api", #"{"ingress":"INGRESS_TRAFFIC_ALL","template":{"containers":[{"env":[{"name":"A","value":"1"}],"image":"gcr.io/x/api","ports":[{"containerPort":8080}]}],"serviceAccount":"run@p1.iam.gserviceaccount.com","vpcAccess":{"connector":"projects/p1/locations/us-central1/connectors/c1","egress":"PRIVATE_RANGES_ONLY"}}}"#, ["ingress"]),
("google_cloud_run_v2_job", #"{"name":"worker","location":"us-central1","project":"p1","template":[{"template":[{"containers":[{"image":"gcr.io/x/worker"}],"service_account":"w@p1.iam.gserviceaccount.com"}]}]}"#, "run.googleapis.com/Job", "//run.googleapis.com/projects/p1/locations/us-central1/jobs/worker", #"{"template":{"template":{"containers":[{"image":"gcr.io/x/worker"}],"serviceAccount":"w@p1.iam.gserviceaccount.com"}}}"#, []),
("google_cloud_run_service", #"{"name":"web","location":"us-central1","project":"p1","template":[{"spec":[{"service_account_name":"run@p1.iam.gserviceaccount.com","containers":[{"image":"gcr.io/x/web"}]}]}],"traffic":[{"percent":100,"latest_revision":true}]}"#, "run.googleapis.com/Service", "//run.googleapis.com/projects/p1/locations/us-central1/services/web", #"{"apiVersion":"serving.knative.dev/v1","kind":"Service","metadata":{"annotations":{"run.googleapis.com/ingress":"all"},"name":"web"},"spec":{"template":{"spec":{"containers":[{"image":"gcr.io/x/web"}],"serviceAccountName":"run@p1.iam.gserviceaccount.com"}},"traffic":[{"latestRevision":true,"percent":100}]}}"#, ["metadata.annotations.run.googleapis.com/ingress"]),
("google_service_account", #"{"account_id":"run","display_name":"Run","project":"p1"}"#, "iam.googleapis.com/ServiceAccount", "//iam.googleapis.com/projects/p1/serviceAccounts/placeholder-21sc3rjn", #"{"displayName":"Run","email":"run@p1.iam.gserviceaccount.com","projectId":"p1"}"#, []),
("google_service_account_key", #"{"service_account_id":"projects/p1/serviceAccounts/run@p1.iam.gserviceaccount.com","key_algorithm":"KEY_ALG_RSA_2048","private_key_type":"TYPE_GOOGLE_CREDENTIALS_FILE"}"#, "iam.googleapis.com/ServiceAccountKey", "//iam.googleapis.com/projects/p1/serviceAccounts/run@p1.iam.gserviceaccount.com/keys/placeholder-1upxtufn", #"{"keyAlgorithm":"KEY_ALG_RSA_2048","privateKeyType":"TYPE_GOOGLE_CREDENTIALS_FILE"}"#, []),
("google_project_iam_custom_role", #"{"project":"p1","role_id":"deployer","title":"Deployer","permissions":["run.services.update"],"stage":"GA"}"#, "iam.googleapis.com/Role", "//iam.googleapis.com/projects/p1/roles/deployer", #"{"includedPermissions":["run.services.update"],"stage":"GA","title":"Deployer"}"#, []),
("google_iam_workload_identity_pool", #"{"project":"p1","workload_identity_pool_id":"github","display_name":"GitHub"}"#, "iam.googleapis.com/WorkloadIdentityPool", "//iam.googleapis.com/projects/p1/locations/global/workloadIdentityPools/github", #"{"displayName":"GitHub"}"#, []),
("google_iam_workload_identity_pool_provider", #"{"project":"p1","workload_identity_pool_id":"github","workload_identity_pool_provider_id":"gh","attribute_mapping":{"google.subject":"assertion.sub"},"attribute_condition":"assertion.repository_owner == 'acme'","oidc":[{"issuer_uri":"https://token.actions.githubusercontent.com"}]}"#, "iam.googleapis.com/WorkloadIdentityPoolProvider", "//iam.googleapis.com/projects/p1/locations/global/workloadIdentityPools/github/providers/gh", #"{"attributeCondition":"assertion.repository_owner == 'acme'","attributeMapping":{"google.subject":"assertion.sub"},"oidc":{"issuerUri":"https://token.actions.githubusercontent.com"}}"#, []),
("google_compute_network", #"{"name":"vpc","project":"p1","auto_create_subnetworks":false,"routing_mode":"REGIONAL"}"#, "compute.googleapis.com/Network", "//compute.googleapis.com/projects/p1/global/networks/vpc", #"{"autoCreateSubnetworks":false,"name":"vpc","routingConfig":{"routingMode":"REGIONAL"}}"#, []),
("google_compute_subnetwork", #"{"name":"sub","project":"p1","region":"us-central1","network":"vpc","ip_cidr_range":"10.0.0.0/24","private_ip_google_access":true}"#, "compute.googleapis.com/Subnetwork", "//compute.googleapis.com/projects/p1/regions/us-central1/subnetworks/sub", #"{"ipCidrRange":"10.0.0.0/24","logConfig":{"enable":false},"name":"sub","network":"projects/p1/global/networks/vpc","privateIpGoogleAccess":true,"region":"projects/p1/regions/us-central1"}"#, ["logConfig.enable"]),
("google_compute_firewall", #"{"name":"allow-ssh","project":"p1","network":"vpc","allow":[{"protocol":"tcp","ports":["22"]}],"source_ranges":["0.0.0.0/0"]}"#, "compute.googleapis.com/Firewall", "//compute.googleapis.com/projects/p1/global/firewalls/allow-ssh", #"{"allowed":[{"IPProtocol":"tcp","ports":["22"]}],"direction":"INGRESS","disabled":false,"logConfig":{"enable":false},"name":"allow-ssh","network":"projects/p1/global/networks/vpc","priority":1000,"sourceRanges":["0.0.0.0/0"]}"#, ["direction", "disabled", "logConfig.enable", "priority"]),
("google_compute_router", #"{"name":"r1","project":"p1","region":"us-central1","network":"vpc","bgp":[{"asn":64514}]}"#, "compute.googleapis.com/Router", "//compute.googleapis.com/projects/p1/regions/us-central1/routers/r1", #"{"bgp":{"asn":64514},"name":"r1","network":"projects/p1/global/networks/vpc","region":"projects/p1/regions/us-central1"}"#, []),
("google_compute_global_address", #"{"name":"psa","project":"p1","purpose":"VPC_PEERING","address_type":"INTERNAL","prefix_length":16,"network":"projects/p1/global/networks/vpc"}"#, "compute.googleapis.com/GlobalAddress", "//compute.googleapis.com/projects/p1/global/addresses/psa", #"{"addressType":"INTERNAL","name":"psa","network":"projects/p1/global/networks/vpc","prefixLength":16,"purpose":"VPC_PEERING"}"#, []),
("google_service_networking_connection", #"{"network":"projects/p1/global/networks/vpc","service":"servicenetworking.googleapis.com","reserved_peering_ranges":["psa"]}"#, "servicenetworking.googleapis.com/Connection", "//servicenetworking.googleapis.com/services/servicenetworking.googleapis.com/connections/vpc", #"{"network":"projects/p1/global/networks/vpc","reservedPeeringRanges":["psa"],"service":"servicenetworking.googleapis.com"}"#, []),
("google_vpc_access_connector", #"{"name":"c1","project":"p1","region":"us-central1","ip_cidr_range":"10.8.0.0/28","network":"vpc"}"#, "vpcaccess.googleapis.com/Connector", "//vpcaccess.googleapis.com/projects/p1/locations/us-central1/connectors/c1", #"{"ipCidrRange":"10.8.0.0/28","network":"vpc"}"#, []),
("google_compute_instance", #"{"name":"vm","project":"p1","zone":"us-central1-a","machine_type":"e2-small","boot_disk":[{"initialize_params":[{"image":"debian-cloud/debian-12"}]}],"network_interface":[{"network":"vpc"}]}"#, "compute.googleapis.com/Instance", "//compute.googleapis.com/projects/p1/zones/us-central1-a/instances/vm", #"{"disks":[{"boot":true,"initializeParams":{"sourceImage":"projects/debian-cloud/global/images/family/debian-12"}}],"machineType":"projects/p1/zones/us-central1-a/machineTypes/e2-small","name":"vm","networkInterfaces":[{"network":"projects/p1/global/networks/vpc"}],"scheduling":{"automaticRestart":true},"shieldedInstanceConfig":{"enableIntegrityMonitoring":true,"enableSecureBoot":false,"enableVtpm":true},"zone":"us-central1-a"}"#, ["scheduling.automaticRestart", "shieldedInstanceConfig.enableIntegrityMonitoring", "shieldedInstanceConfig.enableSecureBoot", "shieldedInstanceConfig.enableVtpm"]),
("google_compute_ssl_policy", #"{"name":"modern","project":"p1","profile":"MODERN","min_tls_version":"TLS_1_2"}"#, "compute.googleapis.com/SslPolicy", "//compute.googleapis.com/projects/p1/global/sslPolicies/modern", #"{"minTlsVersion":"TLS_1_2","name":"modern","profile":"MODERN"}"#, []),
("google_compute_backend_service", #"{"name":"be","project":"p1","protocol":"HTTPS","backend":[{"group":"ig1"}],"iap":[{"enabled":true,"oauth2_client_id":"id","oauth2_client_secret":"s"}]}"#, "compute.googleapis.com/BackendService", "//compute.googleapis.com/projects/p1/global/backendServices/be", #"{"backend":[{"group":"ig1"}],"iap":{"enabled":true,"oauth2ClientId":"id"},"logConfig":{"enable":false},"name":"be","protocol":"HTTPS"}"#, ["logConfig.enable"]),
("google_secret_manager_secret", #"{"secret_id":"db-pass","project":"p1","replication":[{"auto":[{}]}]}"#, "secretmanager.googleapis.com/Secret", "//secretmanager.googleapis.com/projects/p1/secrets/db-pass", #"{"replication":{"automatic":{}}}"#, []),
("google_secret_manager_secret_version", #"{"secret":"projects/p1/secrets/db-pass","secret_data":"hunter2"}"#, "secretmanager.googleapis.com/SecretVersion", "//secretmanager.googleapis.com/projects/p1/secrets/db-pass/versions/placeholder-1v5vtazj", #"{"state":"ENABLED"}"#, ["state"]),
("google_kms_key_ring", #"{"name":"ring","location":"us-central1","project":"p1"}"#, "cloudkms.googleapis.com/KeyRing", "//cloudkms.googleapis.com/projects/p1/locations/us-central1/keyRings/ring", #"{}"#, []),
("google_kms_crypto_key", #"{"name":"key","key_ring":"projects/p1/locations/us-central1/keyRings/ring","rotation_period":"7776000s","purpose":"ENCRYPT_DECRYPT"}"#, "cloudkms.googleapis.com/CryptoKey", "//cloudkms.googleapis.com/projects/p1/locations/us-central1/keyRings/ring/cryptoKeys/key", #"{"purpose":"ENCRYPT_DECRYPT","rotationPeriod":"7776000s"}"#, []),
("google_artifact_registry_repository", #"{"repository_id":"images","location":"us-central1","project":"p1","format":"DOCKER","cleanup_policies":[{"id":"keep","action":"KEEP","most_recent_versions":[{"keep_count":5}]}]}"#, "artifactregistry.googleapis.com/Repository", "//artifactregistry.googleapis.com/projects/p1/locations/us-central1/repositories/images", #"{"cleanupPolicies":{"keep":{"action":"KEEP","mostRecentVersions":{"keepCount":5}}},"format":"DOCKER","mode":"STANDARD_REPOSITORY"}"#, ["mode"]),
("google_logging_project_bucket_config", #"{"project":"projects/p1","location":"global","bucket_id":"_Default"}"#, "logging.googleapis.com/LogBucket", "//logging.googleapis.com/projects/p1/locations/global/buckets/_Default", #"{"bucketId":"_Default","id":"projects/p1/locations/global/buckets/_Default","location":"global","retentionDays":30}"#, ["retentionDays"]),
("google_logging_project_sink", #"{"project":"p1","name":"audit","destination":"storage.googleapis.com/audit-logs","filter":"logName:cloudaudit"}"#, "logging.googleapis.com/LogSink", "//logging.googleapis.com/projects/p1/sinks/audit", #"{"destination":"storage.googleapis.com/audit-logs","filter":"logName:cloudaudit","name":"audit"}"#, []),
("google_monitoring_alert_policy", #"{"project":"p1","display_name":"Errors","combiner":"OR","conditions":[{"display_name":"c","condition_threshold":[{"filter":"metric.type=\"x\"","comparison":"COMPARISON_GT","duration":"60s","threshold_value":1}]}]}"#, "monitoring.googleapis.com/AlertPolicy", "//monitoring.googleapis.com/placeholder-2055jeug", #"{"combiner":"OR","conditions":[{"conditionThreshold":{"comparison":"COMPARISON_GT","duration":"60s","filter":"metric.type=\"x\"","thresholdValue":1},"displayName":"c"}],"displayName":"Errors"}"#, []),
("google_monitoring_notification_channel", #"{"project":"p1","type":"email","display_name":"Oncall","labels":{"email_address":"oncall@example.com"},"sensitive_labels":[{"auth_token":"x"}]}"#, "monitoring.googleapis.com/NotificationChannel", "//monitoring.googleapis.com/placeholder-4x6ugqrk", #"{"displayName":"Oncall","labels":{"email_address":"oncall@example.com"},"type":"email"}"#, []),
("google_monitoring_uptime_check_config", #"{"project":"p1","display_name":"Home","timeout":"10s","http_check":[{"path":"/","port":443,"use_ssl":true}],"monitored_resource":[{"type":"uptime_url","labels":{"host":"example.com"}}]}"#, "monitoring.googleapis.com/UptimeCheckConfig", "//monitoring.googleapis.com/placeholder-2zhvzdi9", #"{"displayName":"Home","httpCheck":{"path":"/","port":443,"useSsl":true},"monitoredResource":{"labels":{"host":"example.com"},"type":"uptime_url"},"timeout":"10s"}"#, []),
("google_bigquery_dataset", #"{"dataset_id":"ds","project":"p1","location":"EU"}"#, "terraform.tollgate.dev/google_bigquery_dataset", "//terraform.tollgate.dev/root/google_bigquery_dataset.main", #"{"datasetId":"ds","location":"EU","project":"p1"}"#, [])
    ]

    @Test(arguments: cases)
    func convertsExactly(_ c: (String, String, String, String, String, [String])) {
        let (type, values, assetType, name, data, defaults) = c
        let r = TerraformConverter.convert([instance(type, json(values))], options: .init(defaultProject: "p1"))
        #expect(r.diagnostics.isEmpty)
        guard let a = r.assets.first(where: { $0.assetType == assetType }) else {
            Issue.record("no \(assetType) from \(type)")
            return
        }
        #expect(a.name == name)
        #expect(a.data.jsonString == data)
        let t = a.provenance.terraform
        #expect(t?.address == "\(type).main")
        #expect(t?.fields.filter { $0.value.kind == .providerDefault }.keys.sorted() == defaults)
        for d in defaults { #expect(t?.fields[d]?.range == range(1)) }
        #expect(a.terraform?.type == type)
    }

    @Test func everyListedTypeHasAConverter() {
        let listed = [
            "google_project", "google_project_iam_member", "google_project_iam_binding", "google_project_iam_policy",
            "google_project_iam_audit_config", "google_storage_bucket", "google_storage_bucket_iam_member",
            "google_sql_database_instance", "google_sql_user", "google_redis_instance", "google_cloud_run_v2_service",
            "google_cloud_run_v2_service_iam_member", "google_cloud_run_v2_job", "google_cloud_run_service",
            "google_cloud_run_service_iam_binding", "google_service_account", "google_service_account_iam_member",
            "google_service_account_key", "google_project_iam_custom_role", "google_iam_workload_identity_pool",
            "google_iam_workload_identity_pool_provider", "google_compute_network", "google_compute_subnetwork",
            "google_compute_firewall", "google_compute_router", "google_compute_router_nat", "google_compute_global_address",
            "google_service_networking_connection", "google_vpc_access_connector", "google_compute_instance",
            "google_compute_ssl_policy", "google_compute_backend_service", "google_secret_manager_secret",
            "google_secret_manager_secret_iam_member", "google_secret_manager_secret_version", "google_kms_key_ring",
            "google_kms_crypto_key", "google_kms_crypto_key_iam_member", "google_artifact_registry_repository",
            "google_artifact_registry_repository_iam_member", "google_logging_project_bucket_config",
            "google_logging_project_sink", "google_monitoring_alert_policy", "google_monitoring_notification_channel",
            "google_monitoring_uptime_check_config", "google_project_service",
        ]
        #expect(listed.filter { !TerraformConverter.supportedTypes.contains($0) } == [])
    }

    @Test func fieldProvenancePointsAtTheAttribute() {
        let r = TerraformConverter.convert([instance(
            "google_sql_database_instance",
            json(#"{"name":"db","project":"p","settings":[{"ip_configuration":[{"ipv4_enabled":false}]}]}"#),
            ranges: ["settings.0.ip_configuration.0.ipv4_enabled": range(7), "settings": range(4)])])
        let t = r.assets[0].provenance.terraform!
        #expect(t.fields["settings.ipConfiguration.ipv4Enabled"] == FieldSource(kind: .attribute, range: range(7), terraformPath: "settings.0.ip_configuration.0.ipv4_enabled"))
        #expect(t.fields["settings.availabilityType"]?.kind == .providerDefault)
        #expect(t.source(of: "settings.ipConfiguration") == range(4))
        #expect(r.assets[0].data[path: ["settings", "ipConfiguration", "ipv4Enabled"]] == false)
    }

    @Test func unknownsStayUnknownAndBlockDefaults() {
        let r = TerraformConverter.convert([instance(
            "google_sql_database_instance",
            .object(["name": "db", "project": "p", "settings": .tuple([.object(["ip_configuration": .unknown("module.net.ipcfg")])])]))])
        let d = r.assets[0].data
        #expect(d[path: ["settings", "ipConfiguration"]] == .unknown("module.net.ipcfg"))
        #expect(r.assets[0].provenance.terraform?.fields["settings.ipConfiguration.ipv4Enabled"] == nil)
        let b = TerraformConverter.convert([instance("google_storage_bucket", .object(["name": "b", "uniform_bucket_level_access": .unknown("x")]))])
        #expect(b.assets[0].data[path: ["iamConfiguration", "uniformBucketLevelAccess", "enabled"]] == .unknown("x"))
        #expect(b.assets[0].data[path: ["iamConfiguration", "publicAccessPrevention"]] == "inherited")
    }

    @Test func iamFoldingKeepsContributorsAndConditions() {
        let r = TerraformConverter.convert([
            instance("google_project_iam_member", json(#"{"project":"p","role":"roles/viewer","member":"user:b@x.com"}"#), name: "b", ranges: ["member": range(20)]),
            instance("google_project_iam_member", json(#"{"project":"p","role":"roles/viewer","member":"user:a@x.com"}"#), name: "a"),
            instance("google_project_iam_binding", json(#"{"project":"p","role":"roles/editor","members":["group:g@x.com"],"condition":[{"expression":"request.time < timestamp(\"2030-01-01T00:00:00Z\")","title":"until-2030"}]}"#), name: "e"),
            instance("google_project_iam_audit_config", json(#"{"project":"p","service":"allServices","audit_log_config":[{"log_type":"DATA_READ","exempted_members":["user:a@x.com"]}]}"#), name: "audit"),
            instance("google_project", json(#"{"project_id":"p","name":"P"}"#)),
        ])
        #expect(r.assets.count == 1)
        let a = r.assets[0]
        #expect(a.resource != nil)
        #expect(a.iamPolicy == IAMPolicy(
            bindings: [
                IAMBinding(role: "roles/editor", members: ["group:g@x.com"], condition: IAMCondition(expression: "request.time < timestamp(\"2030-01-01T00:00:00Z\")", title: "until-2030")),
                IAMBinding(role: "roles/viewer", members: ["user:a@x.com", "user:b@x.com"]),
            ],
            auditConfigs: [AuditConfig(service: "allServices", auditLogConfigs: [AuditLogConfig(logType: "DATA_READ", exemptedMembers: ["user:a@x.com"])])]))
        let t = a.provenance.terraform!
        #expect(t.address == "google_project.main")
        #expect(t.contributors(role: "roles/viewer", member: "user:b@x.com") == ["google_project_iam_member.b"])
        #expect(t.iamContributions.first { $0.member == "user:b@x.com" }?.range == range(20))
        #expect(t.contributors(role: "roles/editor", member: "group:g@x.com") == ["google_project_iam_binding.e"])
    }

    @Test func iamPolicyFromDataSourceWhenPolicyDataIsUnknown() {
        let ds = ResourceInstance(
            address: "data.google_iam_policy.admin", mode: .data, type: "google_iam_policy", name: "admin", rootModule: "root",
            values: json(#"{"binding":[{"role":"roles/secretmanager.secretAccessor","members":["serviceAccount:run@p.iam.gserviceaccount.com"]}]}"#))
        let r = TerraformConverter.convert([
            ds,
            instance("google_secret_manager_secret_iam_policy", .object(["project": "p", "secret_id": "s", "policy_data": .unknown("data.google_iam_policy.admin.policy_data")]), deps: ["data.google_iam_policy.admin"]),
        ])
        #expect(r.assets.map(\.name) == ["//secretmanager.googleapis.com/projects/p/secrets/s"])
        #expect(r.assets[0].iamPolicy?.bindings == [IAMBinding(role: "roles/secretmanager.secretAccessor", members: ["serviceAccount:run@p.iam.gserviceaccount.com"])])
        #expect(r.assets[0].provenance.terraform?.iamContributions.map(\.kind) == [.policy])
    }

    @Test func iamWithUnknownIdentityFollowsTheReference() {
        let r = TerraformConverter.convert([
            instance("google_storage_bucket", json(#"{"name":"b","project":"p"}"#)),
            instance("google_storage_bucket_iam_member", .object(["bucket": .unknown("google_storage_bucket.main.name"), "role": "roles/storage.objectViewer", "member": "allUsers"]), deps: ["google_storage_bucket.main"]),
        ])
        #expect(r.assets.count == 1)
        #expect(r.assets[0].iamPolicy?.members(of: "roles/storage.objectViewer") == ["allUsers"])
    }

    /// The provider converts configured values to its schema's types (cty: "false" → false
    /// for a bool); what does not convert is unknown, with a warning at the attribute.
    @Test func configuredValuesConvertToTheSchemaType() {
        let r = TerraformConverter.convert([
            instance("google_compute_subnetwork", json(#"{"name":"a","project":"p","region":"r","network":"vpc","ip_cidr_range":"10.0.0.0/24","private_ip_google_access":"false"}"#), name: "a",
                     ranges: ["private_ip_google_access": range(7)]),
            instance("google_compute_subnetwork", json(#"{"name":"b","project":"p","region":"r","network":"vpc","ip_cidr_range":"10.0.1.0/24","private_ip_google_access":"maybe"}"#), name: "b",
                     ranges: ["private_ip_google_access": range(9)]),
            instance("google_logging_project_bucket_config", json(#"{"project":"projects/p","location":"global","bucket_id":"b","retention_days":"400"}"#)),
        ])
        let byName = Dictionary(uniqueKeysWithValues: r.assets.map { ($0.name, $0) })
        #expect(byName["//compute.googleapis.com/projects/p/regions/r/subnetworks/a"]?.data["privateIpGoogleAccess"] == .bool(false))
        #expect(byName["//compute.googleapis.com/projects/p/regions/r/subnetworks/b"]?.data["privateIpGoogleAccess"] == .unknown("wrong type in configuration: privateIpGoogleAccess"))
        #expect(byName["//logging.googleapis.com/projects/p/locations/global/buckets/b"]?.data["retentionDays"] == .number(400))
        #expect(r.diagnostics.map(\.description) == [
            "main.tf:9:1: warning: Inappropriate value for attribute; google_compute_subnetwork.b: privateIpGoogleAccess is a string, expected bool; the field is treated as unknown",
        ])
    }

    @Test func routerNATFoldsIntoRouter() {
        let r = TerraformConverter.convert([
            instance("google_compute_router_nat", json(#"{"name":"nat","router":"r1","region":"us-central1","project":"p","nat_ip_allocate_option":"AUTO_ONLY","source_subnetwork_ip_ranges_to_nat":"ALL_SUBNETWORKS_ALL_IP_RANGES"}"#)),
            instance("google_compute_router", json(#"{"name":"r1","region":"us-central1","project":"p","network":"vpc"}"#)),
        ])
        #expect(r.assets.count == 1)
        #expect(r.assets[0].data["nats"]?.jsonString == #"[{"logConfig":{"enable":false},"name":"nat","natIpAllocateOption":"AUTO_ONLY","sourceSubnetworkIpRangesToNat":"ALL_SUBNETWORKS_ALL_IP_RANGES"}]"#)
        #expect(r.assets[0].provenance.terraform?.fields["nats.0.logConfig.enable"]?.kind == .providerDefault)
    }

    @Test func secretDataInCodeIsRecordedNotCopied() {
        let r = TerraformConverter.convert([instance(
            "google_secret_manager_secret_version",
            .object(["secret": "projects/p/secrets/s", "secret_data": .sensitive("hunter2")]), ranges: ["secret_data": range(3)])])
        #expect(r.assets[0].terraform?.secretsInCode == ["secret_data": range(3)])
        #expect(!r.assets[0].data.jsonString.contains("hunter2"))
    }

    @Test func genericAssetKeepsTerraformValues() {
        let r = TerraformConverter.convert([instance("google_pubsub_topic", json(#"{"name":"t","project":"p"}"#))])
        #expect(r.assets[0].assetType == "terraform.tollgate.dev/google_pubsub_topic")
        #expect(r.assets[0].terraform?.values == json(#"{"name":"t","project":"p"}"#))
    }
}
