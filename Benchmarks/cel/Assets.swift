// Synthetic Cloud Asset Inventory data for the policy-engine benchmark: `resource.data` maps
// shaped like the real ones of ten asset types, with optional fields present or missing the
// way they are in exports (so `.?`/`has()` paths take both branches).

struct BenchAsset {
    let type: String
    let resource: CELValue
    let asset: CELValue
}

func list(_ n: Int, _ f: (Int) -> CELValue) -> CELValue { .list((0..<n).map(f)) }

func benchAsset(_ i: Int) -> BenchAsset {
    let env: CELValue = ["prod", "staging", "dev", "test"][i % 4] == "test" ? .string("qa") : .string(["prod", "staging", "dev", "test"][i % 4])
    let labels: CELValue = i % 6 == 0 ? .map([:]) : .map(["env": env, "owner": .string("team-\(i % 9)"), "cost-center": "cc-42"])
    let type: String
    let data: CELValue
    switch i % 10 {
    case 0:
        type = "sqladmin.googleapis.com/Instance"
        var ip: [String: CELValue] = [
            "ipv4Enabled": .bool(i % 7 == 0),
            "requireSsl": .bool(i % 2 == 0),
            "authorizedNetworks": list(i % 3) { k in ["value": .string(k == 1 && i % 11 == 0 ? "0.0.0.0/0" : "10.\(k).0.0/16"), "name": .string("net-\(k)")] },
        ]
        if i % 4 != 0 { ip["privateNetwork"] = "projects/p/global/networks/vpc" }
        if i % 5 == 0 { ip["sslMode"] = "ENCRYPTED_ONLY" }
        data = .map([
            "name": .string("db-\(i)"),
            "project": "p",
            "region": "europe-west1",
            "databaseVersion": .string(i % 3 == 0 ? "MYSQL_8_0" : "POSTGRES_16"),
            "instanceType": "CLOUD_SQL_INSTANCE",
            "state": "RUNNABLE",
            "settings": .map([
                "tier": .string(i % 3 == 0 ? "db-f1-micro" : "db-custom-2-7680"),
                "availabilityType": .string(i % 2 == 0 ? "REGIONAL" : "ZONAL"),
                "ipConfiguration": .map(ip),
                "backupConfiguration": .map(["enabled": .bool(i % 9 != 0), "pointInTimeRecoveryEnabled": .bool(i % 4 == 0),
                                             "startTime": "03:00", "backupRetentionSettings": ["retainedBackups": .int(Int64(i % 14)), "retentionUnit": "COUNT"]]),
                "userLabels": labels,
                "databaseFlags": list(i % 4) { k in ["name": .string(["log_checkpoints", "log_connections", "cloudsql.iam_authentication", "log_min_duration_statement"][k]), "value": .string(k == 3 ? "-1" : "on")] },
                "deletionProtectionEnabled": .bool(i % 5 != 0),
                "activationPolicy": "ALWAYS",
                "dataDiskSizeGb": "100",
            ]),
        ])
    case 1:
        type = "storage.googleapis.com/Bucket"
        var d: [String: CELValue] = [
            "name": .string("bucket-\(i)"),
            "location": "EU",
            "storageClass": "STANDARD",
            "iamConfiguration": .map([
                "uniformBucketLevelAccess": ["enabled": .bool(i % 3 != 0)],
                "publicAccessPrevention": .string(i % 2 == 0 ? "enforced" : "inherited"),
            ]),
            "labels": labels,
            "lifecycle": ["rule": list(i % 3) { k in ["action": ["type": "Delete"], "condition": ["age": .int(Int64(30 * (k + 1)))]] }],
        ]
        if i % 4 != 1 { d["versioning"] = ["enabled": .bool(i % 8 != 3)] }
        if i % 5 != 1 { d["logging"] = ["logBucket": .string("logs-\(i % 7)"), "logObjectPrefix": "b"] }
        if i % 3 == 1 { d["retentionPolicy"] = ["retentionPeriod": .int(Int64(86_400 * (i % 40))), "isLocked": false] }
        if i % 6 == 1 { d["encryption"] = ["defaultKmsKeyName": "projects/p/locations/eu/keyRings/r/cryptoKeys/k"] }
        data = .map(d)
    case 2:
        type = "redis.googleapis.com/Instance"
        var d: [String: CELValue] = [
            "name": .string("projects/p/locations/europe-west1/instances/cache-\(i)"),
            "tier": .string(i % 3 == 0 ? "BASIC" : "STANDARD_HA"),
            "memorySizeGb": .int(Int64(1 + i % 8)),
            "redisVersion": "REDIS_7_0",
            "authEnabled": .bool(i % 4 != 2),
            "transitEncryptionMode": .string(i % 5 == 2 ? "DISABLED" : "SERVER_AUTHENTICATION"),
            "connectMode": "PRIVATE_SERVICE_ACCESS",
            "labels": labels,
            "redisConfigs": ["maxmemory-policy": "allkeys-lru"],
        ]
        if i % 3 == 2 { d["customerManagedKey"] = "projects/p/locations/eu/keyRings/r/cryptoKeys/k" }
        data = .map(d)
    case 3:
        type = "run.googleapis.com/Service"
        data = .map([
            "apiVersion": "serving.knative.dev/v1",
            "kind": "Service",
            "metadata": .map([
                "name": .string("svc-\(i)"),
                "namespace": "p",
                "labels": labels,
                "annotations": .map(i % 3 == 0 ? ["run.googleapis.com/ingress": "all"] : ["run.googleapis.com/ingress": "internal-and-cloud-load-balancing", "run.googleapis.com/launch-stage": "GA"]),
            ]),
            "spec": ["template": .map([
                "metadata": ["annotations": ["autoscaling.knative.dev/maxScale": "10"]],
                "spec": .map([
                    "serviceAccountName": .string(i % 4 == 3 ? "123-compute@developer.gserviceaccount.com" : "svc@p.iam.gserviceaccount.com"),
                    "containerConcurrency": 80,
                    "containers": list(1 + i % 2) { k in .map([
                        "image": .string(k == 1 && i % 7 == 3 ? "docker.io/library/nginx" : "europe-docker.pkg.dev/p/r/app:\(i % 20)"),
                        "ports": [["containerPort": 8080]],
                        "env": list(i % 4) { e in ["name": .string(["PORT_NAME", "DB_SECRET", "MODE", "API_TOKEN"][e]), "value": .string("v\(e)")] },
                        "resources": ["limits": ["cpu": "1", "memory": "512Mi"]],
                    ]) },
                ]),
            ])],
        ])
    case 4:
        type = "compute.googleapis.com/Firewall"
        var d: [String: CELValue] = [
            "name": .string("fw-\(i)"),
            "network": "projects/p/global/networks/vpc",
            "direction": .string(i % 3 == 1 ? "EGRESS" : "INGRESS"),
            "priority": .int(Int64(1000 + i % 5)),
            "disabled": .bool(i % 13 == 4),
            "sourceRanges": .list(i % 4 == 0 ? ["0.0.0.0/0"] : ["10.0.0.0/8", "35.235.240.0/20"]),
            "allowed": list(1 + i % 3) { k in k == 2 ? ["IPProtocol": "icmp"] : ["IPProtocol": .string(k == 0 ? "tcp" : "udp"), "ports": .list(k == 0 && i % 8 == 4 ? ["22", "443"] : ["443", "8080-8090"])] },
        ]
        if i % 2 == 0 { d["logConfig"] = ["enable": .bool(i % 6 != 4)] }
        if i % 5 == 4 { d["targetTags"] = ["web"] }
        data = .map(d)
    case 5:
        type = "cloudresourcemanager.googleapis.com/Project"  // the IAM policy of a project
        let roles = ["roles/owner", "roles/editor", "roles/viewer", "roles/storage.objectViewer", "roles/iam.serviceAccountTokenCreator", "roles/run.invoker"]
        data = .map([
            "version": 3,
            "etag": "BwX=",
            "bindings": list(3 + i % 4) { k in .map([
                "role": .string(roles[(k + i) % roles.count]),
                "members": list(1 + (k + i) % 3) { m in
                    switch (m + i + k) % 7 {
                    case 0: return .string("user:alice-\(k)@example.com")
                    case 1: return .string("serviceAccount:123-compute@developer.gserviceaccount.com")
                    case 2: return .string(i % 23 == 5 ? "allUsers" : "group:eng@example.com")
                    case 3: return .string("user:bob@gmail.com")
                    default: return .string("serviceAccount:app-\(m)@p.iam.gserviceaccount.com")
                    }
                },
            ]) },
        ])
    case 6:
        type = "compute.googleapis.com/Instance"
        var d: [String: CELValue] = [
            "name": .string("vm-\(i)"),
            "machineType": "zones/europe-west1-b/machineTypes/e2-standard-4",
            "status": "RUNNING",
            "canIpForward": .bool(i % 17 == 6),
            "labels": labels,
            "networkInterfaces": list(1 + i % 2) { k in
                k == 0 && i % 3 == 0
                    ? ["network": "global/networks/vpc", "networkIP": "10.0.0.2", "accessConfigs": [["type": "ONE_TO_ONE_NAT", "natIP": "34.1.2.3"]]]
                    : ["network": "global/networks/vpc", "networkIP": "10.0.0.3"]
            },
            "serviceAccounts": [.map([
                "email": .string(i % 4 == 2 ? "123-compute@developer.gserviceaccount.com" : "vm@p.iam.gserviceaccount.com"),
                "scopes": .list(i % 8 == 2 ? ["https://www.googleapis.com/auth/cloud-platform"] : ["https://www.googleapis.com/auth/logging.write", "https://www.googleapis.com/auth/monitoring.write"]),
            ])],
            "disks": [["boot": true, "autoDelete": true, "diskSizeGb": "50"]],
        ]
        if i % 2 == 0 { d["shieldedInstanceConfig"] = ["enableSecureBoot": .bool(i % 4 == 0), "enableVtpm": true, "enableIntegrityMonitoring": true] }
        if i % 3 != 0 { d["metadata"] = ["items": list(1 + i % 3) { k in ["key": .string(["block-project-ssh-keys", "enable-oslogin", "startup-script"][k]), "value": "true"] }] }
        data = .map(d)
    case 7:
        type = "container.googleapis.com/Cluster"
        var d: [String: CELValue] = [
            "name": .string("gke-\(i)"),
            "location": "europe-west1",
            "currentMasterVersion": "1.30.5-gke.1014001",
            "resourceLabels": labels,
            "nodePools": list(1 + i % 3) { k in ["name": .string("pool-\(k)"), "config": ["machineType": "e2-standard-4", "imageType": .string(k == 2 ? "UBUNTU_CONTAINERD" : "COS_CONTAINERD")], "management": ["autoUpgrade": .bool(k != 1), "autoRepair": true]] },
        ]
        if i % 2 == 1 { d["privateClusterConfig"] = ["enablePrivateNodes": .bool(i % 4 == 1), "masterIpv4CidrBlock": "172.16.0.0/28"] }
        if i % 3 != 1 { d["masterAuthorizedNetworksConfig"] = ["enabled": .bool(i % 6 != 4)] }
        if i % 5 == 2 { d["legacyAbac"] = ["enabled": true] }
        if i % 4 != 3 { d["releaseChannel"] = ["channel": .string(["REGULAR", "STABLE", "RAPID"][i % 3])] }
        data = .map(d)
    case 8:
        type = "bigquery.googleapis.com/Dataset"
        var d: [String: CELValue] = [
            "datasetReference": ["datasetId": .string("ds_\(i)"), "projectId": "p"],
            "location": "EU",
            "labels": labels,
            "access": list(2 + i % 3) { k in
                switch (k + i) % 4 {
                case 0: return ["role": "OWNER", "specialGroup": "projectOwners"]
                case 1: return ["role": "READER", "specialGroup": .string(i % 19 == 8 ? "allAuthenticatedUsers" : "projectReaders")]
                case 2: return ["role": "WRITER", "userByEmail": "etl@p.iam.gserviceaccount.com"]
                default: return ["role": "READER", "iamMember": .string(i % 29 == 8 ? "allUsers" : "group:analysts@example.com")]
                }
            },
        ]
        if i % 3 == 2 { d["defaultEncryptionConfiguration"] = ["kmsKeyName": "projects/p/locations/eu/keyRings/r/cryptoKeys/bq"] }
        data = .map(d)
    default:
        type = "cloudkms.googleapis.com/CryptoKey"
        var d: [String: CELValue] = [
            "name": .string("projects/p/locations/eu/keyRings/r/cryptoKeys/k\(i)"),
            "purpose": "ENCRYPT_DECRYPT",
            "labels": labels,
            "versionTemplate": ["algorithm": "GOOGLE_SYMMETRIC_ENCRYPTION", "protectionLevel": .string(i % 3 == 0 ? "HSM" : "SOFTWARE")],
        ]
        if i % 4 != 1 { d["rotationPeriod"] = .string(i % 8 == 5 ? "31536000s" : "7776000s") }
        data = .map(d)
    }
    let asset: CELValue = .map([
        "name": .string("//example.googleapis.com/projects/p/things/\(i)"),
        "assetType": .string(type),
        "location": .string(i % 9 == 0 ? "us-central1" : "europe-west1"),
        "ancestors": ["projects/123", "folders/456", "organizations/789"],
    ])
    return BenchAsset(type: type, resource: data, asset: asset)
}

/// Sixty policies, each applying to one or two asset types (as a policy pack's `assetTypes`).
let enginePolicies: [(types: [String], condition: String)] = {
    let sql = "sqladmin.googleapis.com/Instance", bucket = "storage.googleapis.com/Bucket"
    let redis = "redis.googleapis.com/Instance", run = "run.googleapis.com/Service"
    let fw = "compute.googleapis.com/Firewall", iam = "cloudresourcemanager.googleapis.com/Project"
    let vm = "compute.googleapis.com/Instance", gke = "container.googleapis.com/Cluster"
    let bq = "bigquery.googleapis.com/Dataset", kms = "cloudkms.googleapis.com/CryptoKey"
    return [
        ([sql], "!resource.?settings.?ipConfiguration.?ipv4Enabled.orValue(true) || resource.settings.ipConfiguration.authorizedNetworks.size() == 0"),
        ([sql], "resource.settings.ipConfiguration.requireSsl || resource.?settings.?ipConfiguration.?sslMode.orValue('') in ['ENCRYPTED_ONLY', 'TRUSTED_CLIENT_CERTIFICATE_REQUIRED']"),
        ([sql], "resource.settings.backupConfiguration.enabled == true"),
        ([sql], "resource.settings.backupConfiguration.?pointInTimeRecoveryEnabled.orValue(false) || !resource.databaseVersion.startsWith('POSTGRES')"),
        ([sql], "!resource.settings.ipConfiguration.authorizedNetworks.exists(n, n.value == '0.0.0.0/0')"),
        ([sql], "!resource.databaseVersion.startsWith('POSTGRES') || resource.settings.databaseFlags.exists(f, f.name == 'log_checkpoints' && f.value == 'on')"),
        ([sql], "resource.?settings.?deletionProtectionEnabled.orValue(false) || resource.?settings.?userLabels.?env.orValue('') != 'prod'"),
        ([sql], "resource.settings.availabilityType == 'REGIONAL' || resource.settings.tier.startsWith('db-f1')"),
        ([sql], "has(resource.settings.ipConfiguration.privateNetwork) && resource.settings.backupConfiguration.backupRetentionSettings.retainedBackups >= params.minRetainedBackups"),
        ([bucket], "resource.iamConfiguration.uniformBucketLevelAccess.enabled == true"),
        ([bucket], "resource.?iamConfiguration.?publicAccessPrevention.orValue('inherited') == 'enforced'"),
        ([bucket], "resource.?versioning.?enabled.orValue(false)"),
        ([bucket], "has(resource.logging) && resource.logging.logBucket != ''"),
        ([bucket], "!has(resource.retentionPolicy) || resource.retentionPolicy.retentionPeriod >= params.minRetentionSeconds"),
        ([bucket], "resource.?encryption.?defaultKmsKeyName.hasValue()"),
        ([bucket], "resource.lifecycle.rule.exists(r, r.action.type == 'Delete')"),
        ([redis], "resource.authEnabled == true"),
        ([redis], "resource.transitEncryptionMode == 'SERVER_AUTHENTICATION'"),
        ([redis], "resource.tier == 'STANDARD_HA' || resource.?labels.?env.orValue('') != 'prod'"),
        ([redis], "resource.?customerManagedKey.orValue('') != ''"),
        ([redis], "resource.?redisConfigs[?'maxmemory-policy'].orValue('noeviction') != 'noeviction'"),
        ([run], "resource.?metadata.?annotations[?'run.googleapis.com/ingress'].orValue('all') != 'all'"),
        ([run], "resource.spec.template.spec.containers.all(c, !c.image.startsWith('docker.io/'))"),
        ([run], "resource.spec.template.spec.containers.all(c, !has(c.env) || c.env.all(e, !(e.name.lowerAscii().contains('secret') || e.name.endsWith('_TOKEN'))))"),
        ([run], "!resource.spec.template.spec.serviceAccountName.endsWith('-compute@developer.gserviceaccount.com')"),
        ([run], "int(resource.spec.template.metadata.annotations['autoscaling.knative.dev/maxScale']) <= params.maxInstances"),
        ([fw], "resource.direction != 'INGRESS' || !resource.sourceRanges.exists(r, r == '0.0.0.0/0') || !resource.allowed.exists(a, a.IPProtocol == 'all' || (has(a.ports) && a.ports.exists(p, p in ['22', '3389'])))"),
        ([fw], "resource.?logConfig.?enable.orValue(false)"),
        ([fw], "resource.disabled || resource.sourceRanges.all(r, r != '0.0.0.0/0') || resource.?targetTags.orValue([]).size() > 0"),
        ([fw], "resource.priority >= 1000"),
        ([fw], "!resource.allowed.exists(a, a.IPProtocol == 'all')"),
        ([iam], "!resource.bindings.exists(b, b.role in ['roles/owner', 'roles/editor'] && b.members.exists(m, m.startsWith('user:') && !m.endsWith('@example.com')))"),
        ([iam], "!resource.bindings.exists(b, b.members.exists(m, m in ['allUsers', 'allAuthenticatedUsers']))"),
        ([iam], "resource.bindings.all(b, b.role != 'roles/iam.serviceAccountTokenCreator' || b.members.size() <= 2)"),
        ([iam], "!resource.bindings.exists(b, b.role.matches('^roles/(owner|editor)$') && b.members.exists(m, m.startsWith('serviceAccount:') && m.endsWith('-compute@developer.gserviceaccount.com')))"),
        ([iam], "resource.bindings.filter(b, b.role == 'roles/owner').size() <= 1"),
        ([vm], "!resource.networkInterfaces.exists(n, has(n.accessConfigs) && n.accessConfigs.size() > 0)"),
        ([vm], "resource.?shieldedInstanceConfig.?enableSecureBoot.orValue(false)"),
        ([vm], "!resource.serviceAccounts.exists(s, s.email.endsWith('-compute@developer.gserviceaccount.com') && 'https://www.googleapis.com/auth/cloud-platform' in s.scopes)"),
        ([vm], "resource.?metadata.?items.orValue([]).exists(i, i.key == 'block-project-ssh-keys' && i.value == 'true')"),
        ([vm], "!resource.canIpForward"),
        ([gke], "resource.?privateClusterConfig.?enablePrivateNodes.orValue(false)"),
        ([gke], "resource.?masterAuthorizedNetworksConfig.?enabled.orValue(false)"),
        ([gke], "!resource.?legacyAbac.?enabled.orValue(false)"),
        ([gke], "resource.?releaseChannel.?channel.orValue('UNSPECIFIED') in ['REGULAR', 'STABLE']"),
        ([gke], "resource.nodePools.all(p, p.config.imageType == 'COS_CONTAINERD' && p.management.autoUpgrade)"),
        ([bq], "!resource.access.exists(a, has(a.specialGroup) && a.specialGroup == 'allAuthenticatedUsers' || has(a.iamMember) && a.iamMember == 'allUsers')"),
        ([bq], "has(resource.defaultEncryptionConfiguration) && resource.defaultEncryptionConfiguration.kmsKeyName != ''"),
        ([bq], "resource.location in params.allowedLocations"),
        ([kms], "has(resource.rotationPeriod) && duration(resource.rotationPeriod) <= duration('7776000s')"),
        ([kms], "resource.versionTemplate.protectionLevel in ['HSM', 'EXTERNAL']"),
        ([kms], "resource.purpose == 'ENCRYPT_DECRYPT'"),
        // Policies over two asset types (shared label and location rules).
        ([bucket, redis], "has(resource.labels) && 'owner' in resource.labels"),
        ([sql, bq], "asset.location.startsWith('europe-') || asset.location == 'EU' || resource.?location.orValue('') == 'EU'"),
        ([vm, gke], "resource.?labels.?env.orValue(resource.?resourceLabels.?env.orValue('none')) in ['dev', 'staging', 'prod']"),
        ([kms, bucket], "resource.?labels.?owner.hasValue()"),
        ([run, fw], "asset.location in params.allowedRegions || asset.location == 'global'"),
        ([iam, vm], "asset.ancestors.exists(a, a == 'organizations/789')"),
        ([gke, redis], "asset.name.contains('/projects/p/') && !asset.name.endsWith('-test')"),
        ([bq, kms], "size(resource.labels) >= params.minLabels"),
    ]
}()

let engineParams: CELValue = [
    "minRetainedBackups": 7, "minRetentionSeconds": 604_800, "maxInstances": 20, "minLabels": 1,
    "allowedLocations": ["EU", "europe-west1"], "allowedRegions": ["europe-west1", "europe-west4"],
]
