#!/usr/bin/env python3
"""Writes examples/interviewlm/live/: the exported evidence of the prod project.

The evidence is a snapshot of what `environments/prod` deploys, in the exact shapes the
export commands print (Cloud Asset Inventory export NDJSON, gcloud JSON/YAML), with the
six hand-made changes listed in live/DRIFT.md applied on top. It is generated so that
it stays consistent with the Terraform when either changes; rerun after editing:

    python3 examples/interviewlm/tools/make_live_evidence.py

Shapes follow the REST references: CAI `Asset` (exported with proto field names:
asset_type, update_time, iam_policy, discovery_document_uri ...; `resource.data` is the
service's REST representation in camelCase), Cloud SQL Admin `DatabaseInstance`,
Memorystore `Instance`, Cloud Storage `Bucket`, IAM `Policy`. gcloud prints JSON and
YAML with sorted keys and int64 fields as strings; both are reproduced.
"""
import json
import re
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
LIVE = os.path.normpath(os.path.join(HERE, "..", "live"))

PROJECT = "interviewlm-prod"
NUMBER = "482915730164"
FOLDER = "774201938455"
ORG = "301928475610"
REGION = "us-central1"
ENV = "prod"
PREFIX = f"interviewlm-{ENV}"
ANCESTORS = [f"projects/{NUMBER}", f"folders/{FOLDER}", f"organizations/{ORG}"]
PARENT = f"//cloudresourcemanager.googleapis.com/projects/{NUMBER}"
COLLECTED = "2026-05-04T02:00:00Z"       # nightly export run
SNAPSHOT = "2026-05-04T01:55:00Z"        # --snapshot-time of the CAI export
LABELS = {"environment": ENV, "application": "interviewlm", "managed-by": "terraform"}

RUN_SA = f"{PREFIX}-run@{PROJECT}.iam.gserviceaccount.com"
CICD_SA = f"{PREFIX}-cicd@{PROJECT}.iam.gserviceaccount.com"
RUN_SA_ID = "104829375610293847561"
CICD_SA_ID = "117362940182736450912"
REPO = "interviewlm/interviewlm"
NETWORK = f"projects/{PROJECT}/global/networks/{PREFIX}"
NETWORK_URL = f"https://www.googleapis.com/compute/v1/{NETWORK}"
CONNECTOR = f"projects/{PROJECT}/locations/{REGION}/connectors/ilm-{ENV}-conn"
SQL_KEY = f"projects/{PROJECT}/locations/{REGION}/keyRings/{PREFIX}/cryptoKeys/cloudsql"
AR_KEY = f"projects/{PROJECT}/locations/{REGION}/keyRings/{PREFIX}/cryptoKeys/artifact-registry"
COMPUTE = f"https://www.googleapis.com/compute/v1/projects/{PROJECT}"

def agent(kind):
    return f"service-{NUMBER}@{kind}.iam.gserviceaccount.com"

# ---------------------------------------------------------------------------------
# Drift (see live/DRIFT.md). Each flag is the one hand-made change on top of Terraform.
DRIFT_SQL_PUBLIC_IP = True
DRIFT_ARTIFACTS_ALLUSERS = True
DRIFT_CICD_USER_KEY = True
DRIFT_DEFAULT_LOG_RETENTION = 7
DRIFT_SSH_FIREWALL = True
DRIFT_AUDIT_DATA_READ_REMOVED = True

# ---------------------------------------------------------------------------------
resources = []   # CAI RESOURCE lines
policies = []    # CAI IAM_POLICY lines


def disc(service, version):
    if service in ("compute", "storage", "sqladmin", "cloudresourcemanager"):
        return f"https://www.googleapis.com/discovery/v1/apis/{service}/{version}/rest"
    return f"https://{service}.googleapis.com/$discovery/rest?version={version}"


def add(name, asset_type, service, version, discovery_name, data, location, updated, parent=PARENT):
    resources.append({
        "name": name,
        "asset_type": asset_type,
        "resource": {
            "version": version,
            "discovery_document_uri": disc(service, version),
            "discovery_name": discovery_name,
            "parent": parent,
            "data": data,
            "location": location,
        },
        "ancestors": ANCESTORS,
        "update_time": updated,
    })


def add_policy(name, asset_type, bindings, etag, updated, audit_configs=None):
    policy = {"version": 1, "etag": etag, "bindings": bindings}
    if audit_configs is not None:
        policy["audit_configs"] = audit_configs
    policies.append({
        "name": name,
        "asset_type": asset_type,
        "iam_policy": policy,
        "ancestors": ANCESTORS,
        "update_time": updated,
    })


# --- Project ------------------------------------------------------------------------
add(f"//cloudresourcemanager.googleapis.com/projects/{NUMBER}",
    "cloudresourcemanager.googleapis.com/Project", "cloudresourcemanager", "v1", "Project",
    {"projectNumber": NUMBER, "projectId": PROJECT, "lifecycleState": "ACTIVE",
     "name": PROJECT, "labels": LABELS, "createTime": "2025-09-15T09:12:44.310Z",
     "parent": {"type": "folder", "id": FOLDER}},
    "global", "2025-09-15T09:12:44.310Z",
    parent=f"//cloudresourcemanager.googleapis.com/folders/{FOLDER}")

project_bindings = [
    {"role": "roles/artifactregistry.serviceAgent", "members": [f"serviceAccount:{agent('gcp-sa-artifactregistry')}"]},
    {"role": "roles/cloudsql.client", "members": [f"serviceAccount:{RUN_SA}"]},
    {"role": "roles/cloudtrace.agent", "members": [f"serviceAccount:{RUN_SA}"]},
    {"role": "roles/compute.serviceAgent", "members": [f"serviceAccount:service-{NUMBER}@compute-system.iam.gserviceaccount.com"]},
    {"role": "roles/containerscanning.ServiceAgent", "members": [f"serviceAccount:{agent('gcp-sa-containerscanning')}"]},
    {"role": "roles/editor", "members": [f"serviceAccount:{NUMBER}@cloudservices.gserviceaccount.com"]},
    {"role": "roles/logging.logWriter", "members": [f"serviceAccount:{RUN_SA}"]},
    {"role": "roles/monitoring.metricWriter", "members": [f"serviceAccount:{RUN_SA}"]},
    {"role": "roles/pubsub.serviceAgent", "members": [f"serviceAccount:{agent('gcp-sa-pubsub')}"]},
    {"role": "roles/redis.serviceAgent", "members": [f"serviceAccount:service-{NUMBER}@cloud-redis.iam.gserviceaccount.com"]},
    {"role": "roles/run.serviceAgent", "members": [f"serviceAccount:service-{NUMBER}@serverless-robot-prod.iam.gserviceaccount.com"]},
    {"role": "roles/secretmanager.secretAccessor", "members": [f"serviceAccount:{RUN_SA}"]},
    {"role": "roles/secretmanager.viewer", "members": [f"serviceAccount:{CICD_SA}"]},
    {"role": "roles/servicenetworking.serviceAgent", "members": [f"serviceAccount:service-{NUMBER}@service-networking.iam.gserviceaccount.com"]},
    {"role": "roles/vpcaccess.serviceAgent", "members": [f"serviceAccount:service-{NUMBER}@gcp-sa-vpcaccess.iam.gserviceaccount.com"]},
]
audit_log_types = ["ADMIN_READ", "DATA_WRITE"] if DRIFT_AUDIT_DATA_READ_REMOVED else ["ADMIN_READ", "DATA_READ", "DATA_WRITE"]
PROJECT_ETAG = "BwYyq1Hc3Xk="
add_policy(f"//cloudresourcemanager.googleapis.com/projects/{NUMBER}",
           "cloudresourcemanager.googleapis.com/Project", project_bindings, PROJECT_ETAG,
           "2026-04-28T16:41:09.118Z",
           audit_configs=[{"service": "allServices",
                           "audit_log_configs": [{"log_type": t} for t in audit_log_types]}])

# --- Network ------------------------------------------------------------------------
add(f"//compute.googleapis.com/{NETWORK}", "compute.googleapis.com/Network", "compute", "v1", "Network",
    {"id": "5830129475610298374", "creationTimestamp": "2025-09-15T02:31:07.114-07:00",
     "name": PREFIX, "description": f"InterviewLM {ENV} VPC (isolated per environment).",
     "selfLink": NETWORK_URL, "selfLinkWithId": f"{COMPUTE}/global/networks/5830129475610298374",
     "autoCreateSubnetworks": False,
     "subnetworks": [f"{COMPUTE}/regions/{REGION}/subnetworks/{PREFIX}-workloads",
                     f"{COMPUTE}/regions/{REGION}/subnetworks/{PREFIX}-connector"],
     "peerings": [{"name": "servicenetworking-googleapis-com",
                   "network": "https://www.googleapis.com/compute/v1/projects/t8c1f0e2a9d4b7-tp/global/networks/servicenetworking",
                   "state": "ACTIVE", "stateDetails": "[2093]: Connected.", "autoCreateRoutes": True,
                   "exportCustomRoutes": False, "importCustomRoutes": False,
                   "exchangeSubnetRoutes": True, "exportSubnetRoutesWithPublicIp": False,
                   "importSubnetRoutesWithPublicIp": False, "stackType": "IPV4_ONLY"}],
     "routingConfig": {"routingMode": "REGIONAL", "bgpBestPathSelectionMode": "LEGACY"},
     "networkFirewallPolicyEnforcementOrder": "AFTER_CLASSIC_FIREWALL", "kind": "compute#network"},
    "global", "2025-09-15T09:33:51.402Z")

for sub, cidr, desc, sid in [
        ("workloads", "10.2.0.0/21", "Private workloads; Private Google Access for Google APIs without public IPs.", "7719203846571029384"),
        ("connector", "10.2.8.0/28", "/28 reserved for the Serverless VPC Access connector.", "2290381746502938471")]:
    add(f"//compute.googleapis.com/projects/{PROJECT}/regions/{REGION}/subnetworks/{PREFIX}-{sub}",
        "compute.googleapis.com/Subnetwork", "compute", "v1", "Subnetwork",
        {"id": sid, "creationTimestamp": "2025-09-15T02:31:31.502-07:00", "name": f"{PREFIX}-{sub}",
         "description": desc, "network": NETWORK_URL, "ipCidrRange": cidr,
         "gatewayAddress": cidr.split("/")[0][:-1] + "1", "region": f"{COMPUTE}/regions/{REGION}",
         "selfLink": f"{COMPUTE}/regions/{REGION}/subnetworks/{PREFIX}-{sub}",
         "privateIpGoogleAccess": True, "purpose": "PRIVATE", "stackType": "IPV4_ONLY",
         "logConfig": {"enable": True, "aggregationInterval": "INTERVAL_5_SEC", "flowSampling": 0.5,
                       "metadata": "INCLUDE_ALL_METADATA"},
         "fingerprint": "Vq3ZyR4pQ1E=", "kind": "compute#subnetwork"},
        REGION, "2025-09-15T09:31:49.884Z")

add(f"//compute.googleapis.com/projects/{PROJECT}/regions/{REGION}/routers/{PREFIX}-router",
    "compute.googleapis.com/Router", "compute", "v1", "Router",
    {"id": "4410293857610293847", "creationTimestamp": "2025-09-15T02:32:02.771-07:00",
     "name": f"{PREFIX}-router", "description": "Cloud Router for Cloud NAT.", "network": NETWORK_URL,
     "region": f"{COMPUTE}/regions/{REGION}",
     "selfLink": f"{COMPUTE}/regions/{REGION}/routers/{PREFIX}-router",
     "nats": [{"name": f"{PREFIX}-nat", "natIpAllocateOption": "AUTO_ONLY",
               "sourceSubnetworkIpRangesToNat": "ALL_SUBNETWORKS_ALL_IP_RANGES",
               "logConfig": {"enable": True, "filter": "ERRORS_ONLY"},
               "enableEndpointIndependentMapping": False, "endpointTypes": ["ENDPOINT_TYPE_VM"],
               "type": "PUBLIC"}],
     "encryptedInterconnectRouter": False, "kind": "compute#router"},
    REGION, "2025-09-15T09:32:40.019Z")

def firewall(name, desc, priority, rule_key, rules, ranges, fid, created, updated):
    add(f"//compute.googleapis.com/projects/{PROJECT}/global/firewalls/{name}",
        "compute.googleapis.com/Firewall", "compute", "v1", "Firewall",
        {"id": fid, "creationTimestamp": created, "name": name, "description": desc,
         "network": NETWORK_URL, "priority": priority, "sourceRanges": ranges,
         rule_key: rules, "direction": "INGRESS",
         "logConfig": {"enable": True, "metadata": "INCLUDE_ALL_METADATA"},
         "disabled": False, "selfLink": f"{COMPUTE}/global/firewalls/{name}",
         "kind": "compute#firewall"},
        "global", updated)

firewall(f"{PREFIX}-deny-all-ingress", "Default deny for ingress; more specific allow rules have higher priority.",
         65534, "denied", [{"IPProtocol": "all"}], ["0.0.0.0/0"], "1029384756102938475",
         "2025-09-15T02:31:20.100-07:00", "2025-09-15T09:31:38.655Z")
firewall(f"{PREFIX}-allow-internal", "Traffic between the environment's own subnetworks (workloads and connector).",
         1000, "allowed", [{"IPProtocol": "tcp"}, {"IPProtocol": "udp"}, {"IPProtocol": "icmp"}],
         ["10.2.0.0/20"], "1029384756102938476", "2025-09-15T02:31:20.204-07:00", "2025-09-15T09:31:39.010Z")
firewall(f"{PREFIX}-allow-health-checks", "Google Cloud health checkers on the application port only.",
         1000, "allowed", [{"IPProtocol": "tcp", "ports": ["8080"]}], ["35.191.0.0/16", "130.211.0.0/22"],
         "1029384756102938477", "2025-09-15T02:31:20.318-07:00", "2025-09-15T09:31:39.377Z")
if DRIFT_SSH_FIREWALL:
    firewall("allow-ssh-debug", "temp: debug connector", 900, "allowed",
             [{"IPProtocol": "tcp", "ports": ["22"]}], ["0.0.0.0/0"], "8876120394857610293",
             "2026-04-30T07:12:55.481-07:00", "2026-04-30T14:13:02.977Z")

add(f"//compute.googleapis.com/projects/{PROJECT}/global/addresses/{PREFIX}-psa",
    "compute.googleapis.com/GlobalAddress", "compute", "v1", "Address",
    {"id": "3384756102938475610", "creationTimestamp": "2025-09-15T02:31:12.009-07:00",
     "name": f"{PREFIX}-psa", "description": "Private service access range for Cloud SQL and Memorystore.",
     "address": "10.102.0.0", "prefixLength": 20, "status": "RESERVED", "addressType": "INTERNAL",
     "purpose": "VPC_PEERING", "network": NETWORK_URL,
     "selfLink": f"{COMPUTE}/global/addresses/{PREFIX}-psa", "kind": "compute#address"},
    "global", "2025-09-15T09:31:30.226Z")
add(f"//compute.googleapis.com/projects/{PROJECT}/global/addresses/{PREFIX}-lb",
    "compute.googleapis.com/GlobalAddress", "compute", "v1", "Address",
    {"id": "3384756102938475611", "creationTimestamp": "2025-09-15T03:02:41.887-07:00",
     "name": f"{PREFIX}-lb", "description": "Public IPv4 address of the HTTPS load balancer.",
     "address": "34.117.182.44", "status": "IN_USE", "addressType": "EXTERNAL", "ipVersion": "IPV4",
     "networkTier": "PREMIUM", "labels": LABELS,
     "users": [f"{COMPUTE}/global/forwardingRules/{PREFIX}-https",
               f"{COMPUTE}/global/forwardingRules/{PREFIX}-http-redirect"],
     "selfLink": f"{COMPUTE}/global/addresses/{PREFIX}-lb", "kind": "compute#address"},
    "global", "2025-09-15T10:03:12.554Z")

add(f"//vpcaccess.googleapis.com/{CONNECTOR}", "vpcaccess.googleapis.com/Connector", "vpcaccess", "v1", "Connector",
    {"name": CONNECTOR, "state": "READY", "machineType": "e2-standard-4", "minInstances": 2,
     "maxInstances": 10, "minThroughput": 200, "maxThroughput": 1000,
     "subnet": {"name": f"{PREFIX}-connector", "projectId": PROJECT},
     "connectedProjects": [PROJECT]},
    REGION, "2025-09-15T09:36:18.730Z")

# --- Cloud SQL ----------------------------------------------------------------------
SQL_NAME = f"{PREFIX}-pg"
sql_ips = [{"type": "PRIVATE", "ipAddress": "10.102.1.3"}]
if DRIFT_SQL_PUBLIC_IP:
    sql_ips = [{"type": "PRIMARY", "ipAddress": "35.202.118.77"}] + sql_ips
sql_flags = [
    {"name": "log_connections", "value": "on"},
    {"name": "log_disconnections", "value": "on"},
    {"name": "cloudsql.enable_pgaudit", "value": "on"},
    {"name": "pgaudit.log", "value": "ddl,role"},
    {"name": "log_min_duration_statement", "value": "1000"},
    {"name": "log_checkpoints", "value": "on"},
    {"name": "log_lock_waits", "value": "on"},
    {"name": "log_temp_files", "value": "0"},
]
sql_instance = {
    "kind": "sql#instance",
    "state": "RUNNABLE",
    "databaseVersion": "POSTGRES_16",
    "databaseInstalledVersion": "POSTGRES_16_8",
    "maintenanceVersion": "POSTGRES_16_8.R20250302.00_12",
    "settings": {
        "settingsVersion": "27" if DRIFT_SQL_PUBLIC_IP else "26",
        "authorizedGaeApplications": [],
        "tier": "db-custom-2-4096",
        "edition": "ENTERPRISE",
        "kind": "sql#settings",
        "userLabels": LABELS,
        "availabilityType": "REGIONAL",
        "pricingPlan": "PER_USE",
        "replicationType": "SYNCHRONOUS",
        "activationPolicy": "ALWAYS",
        "ipConfiguration": {
            "privateNetwork": NETWORK,
            "authorizedNetworks": [],
            "ipv4Enabled": DRIFT_SQL_PUBLIC_IP,
            "requireSsl": False,
            "sslMode": "ENCRYPTED_ONLY",
            "allocatedIpRange": f"{PREFIX}-psa",
            "enablePrivatePathForGoogleCloudServices": False,
            "serverCaMode": "GOOGLE_MANAGED_INTERNAL_CA",
        },
        "locationPreference": {"zone": f"{REGION}-a", "secondaryZone": f"{REGION}-c", "kind": "sql#locationPreference"},
        "databaseFlags": sql_flags,
        "dataDiskType": "PD_SSD",
        "maintenanceWindow": {"kind": "sql#maintenanceWindow", "hour": 4, "day": 7, "updateTrack": "stable"},
        "backupConfiguration": {
            "startTime": "03:00",
            "kind": "sql#backupConfiguration",
            "location": REGION,
            "backupRetentionSettings": {"retentionUnit": "COUNT", "retainedBackups": 30},
            "enabled": True,
            "replicationLogArchivingEnabled": True,
            "pointInTimeRecoveryEnabled": True,
            "transactionLogRetentionDays": 7,
            "transactionalLogStorageState": "CLOUD_STORAGE",
        },
        "insightsConfig": {"queryInsightsEnabled": True, "queryStringLength": 1024,
                           "recordApplicationTags": True, "recordClientAddress": False,
                           "queryPlansPerMinute": 5},
        "storageAutoResizeLimit": "0",
        "storageAutoResize": True,
        "dataDiskSizeGb": "20",
        "deletionProtectionEnabled": True,
        "connectorEnforcement": "NOT_REQUIRED",
    },
    "etag": "3f1c0e9a2b7d4c58e6a1f0b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f6",
    "ipAddresses": sql_ips,
    "serverCaCert": {
        "kind": "sql#sslCert",
        "certSerialNumber": "0",
        "cert": "-----BEGIN CERTIFICATE-----\nMIIDfzCCAmegAwIBAgIBADANBgkqhkiG9w0BAQsFADB3MS0wKwYDVQQuEyQ0YjNm\n-----END CERTIFICATE-----",
        "commonName": "C=US,O=Google\\, Inc,CN=Google Cloud SQL Server CA,dnQualifier=4b3f9e2a-7c1d-4e8f-9a0b-1c2d3e4f5a6b",
        "sha1Fingerprint": "9d3a6f1c2b7e8d4a5f0c1b2a3d4e5f6a7b8c9d0e",
        "instance": SQL_NAME,
        "createTime": "2025-09-15T09:41:12.775Z",
        "expirationTime": "2035-09-13T09:42:12.775Z",
    },
    "instanceType": "CLOUD_SQL_INSTANCE",
    "project": PROJECT,
    "serviceAccountEmailAddress": f"p{NUMBER}-k2m9qd@gcp-sa-cloud-sql.iam.gserviceaccount.com",
    "backendType": "SECOND_GEN",
    "selfLink": f"https://sqladmin.googleapis.com/sql/v1beta4/projects/{PROJECT}/instances/{SQL_NAME}",
    "connectionName": f"{PROJECT}:{REGION}:{SQL_NAME}",
    "name": SQL_NAME,
    "region": REGION,
    "gceZone": f"{REGION}-a",
    "secondaryGceZone": f"{REGION}-c",
    "diskEncryptionConfiguration": {"kmsKeyName": SQL_KEY, "kind": "sql#diskEncryptionConfiguration"},
    "diskEncryptionStatus": {"kmsKeyVersionName": f"{SQL_KEY}/cryptoKeyVersions/3", "kind": "sql#diskEncryptionStatus"},
    "createTime": "2025-09-15T09:38:27.102Z",
    "sqlNetworkArchitecture": "NEW_NETWORK_ARCHITECTURE",
    "upgradableDatabaseVersions": [],
    "includeReplicasForMajorVersionUpgrade": False,
}
SQL_UPDATED = "2026-04-29T22:47:31.266Z" if DRIFT_SQL_PUBLIC_IP else "2026-03-02T04:11:09.014Z"
add(f"//cloudsql.googleapis.com/projects/{PROJECT}/instances/{SQL_NAME}",
    "sqladmin.googleapis.com/Instance", "sqladmin", "v1beta4", "DatabaseInstance",
    sql_instance, REGION, SQL_UPDATED)

# --- Memorystore --------------------------------------------------------------------
REDIS_NAME = f"projects/{PROJECT}/locations/{REGION}/instances/{PREFIX}-redis"
redis_instance = {
    "name": REDIS_NAME,
    "displayName": f"InterviewLM {ENV} cache and job queue",
    "labels": LABELS,
    "locationId": f"{REGION}-a",
    "alternativeLocationId": f"{REGION}-b",
    "redisVersion": "REDIS_7_0",
    "reservedIpRange": "10.102.2.0/28",
    "host": "10.102.2.4",
    "port": 6378,
    "currentLocationId": f"{REGION}-a",
    "createTime": "2025-09-15T09:44:58.617211845Z",
    "state": "READY",
    "redisConfigs": {"maxmemory-policy": "noeviction"},
    "tier": "STANDARD_HA",
    "memorySizeGb": 5,
    "authorizedNetwork": NETWORK,
    "persistenceIamIdentity": f"serviceAccount:service-{NUMBER}@cloud-redis.iam.gserviceaccount.com",
    "connectMode": "PRIVATE_SERVICE_ACCESS",
    "authEnabled": True,
    "serverCaCerts": [{
        "serialNumber": "0",
        "cert": "-----BEGIN CERTIFICATE-----\nMIIDnTCCAoWgAwIBAgIBADANBgkqhkiG9w0BAQsFADCBhTEtMCsGA1UELhMkN2Iz\n-----END CERTIFICATE-----\n",
        "createTime": "2025-09-15T09:45:01.204Z",
        "expireTime": "2035-09-13T09:46:01.204Z",
        "sha1Fingerprint": "51c8e0a2b4d6f8a0c2e4a6b8d0f2a4c6e8a0b2d4",
    }],
    "transitEncryptionMode": "SERVER_AUTHENTICATION",
    "maintenancePolicy": {
        "createTime": "2025-09-15T09:44:58.617211845Z",
        "updateTime": "2025-09-15T09:44:58.617211845Z",
        "weeklyMaintenanceWindow": [{"day": "SUNDAY", "startTime": {"hours": 4}, "duration": "3600s"}],
    },
    "replicaCount": 1,
    "nodes": [{"id": "node-0", "zone": f"{REGION}-a"}, {"id": "node-1", "zone": f"{REGION}-b"}],
    "readReplicasMode": "READ_REPLICAS_DISABLED",
    "persistenceConfig": {
        "persistenceMode": "RDB",
        "rdbSnapshotPeriod": "ONE_HOUR",
        "rdbNextSnapshotTime": "2026-05-04T02:44:58.617Z",
        "rdbSnapshotStartTime": "2025-09-15T09:44:58.617Z",
    },
    "maintenanceVersion": "20250311_00_00",
    "availableMaintenanceVersions": ["20250311_00_00"],
}
add(f"//redis.googleapis.com/{REDIS_NAME}", "redis.googleapis.com/Instance", "redis", "v1", "Instance",
    redis_instance, REGION, "2026-03-09T04:02:17.551Z")

# --- Cloud Storage ------------------------------------------------------------------
def bucket(purpose, pap, created, updated, metageneration):
    name = f"{PROJECT}-{purpose}"
    lifecycle = [
        {"action": {"type": "SetStorageClass", "storageClass": "NEARLINE"},
         "condition": {"age": 30, "matchesStorageClass": ["STANDARD"]}},
        {"action": {"type": "SetStorageClass", "storageClass": "COLDLINE"},
         "condition": {"age": 90, "matchesStorageClass": ["NEARLINE"]}},
        {"action": {"type": "SetStorageClass", "storageClass": "ARCHIVE"},
         "condition": {"age": 365, "matchesStorageClass": ["COLDLINE"]}},
        {"action": {"type": "Delete"},
         "condition": {"daysSinceNoncurrentTime": 365, "isLive": False}},
    ]
    return {
        "kind": "storage#bucket",
        "selfLink": f"https://www.googleapis.com/storage/v1/b/{name}",
        "id": name,
        "name": name,
        "projectNumber": NUMBER,
        "generation": "1757929352018274" if purpose == "sessions" else "1757929352211093",
        "metageneration": metageneration,
        "location": REGION.upper(),
        "storageClass": "STANDARD",
        "etag": "CA" + ("c=" if metageneration == "7" else "U="),
        "timeCreated": created,
        "updated": updated,
        "softDeletePolicy": {"retentionDurationSeconds": "604800", "effectiveTime": created},
        "versioning": {"enabled": True},
        "lifecycle": {"rule": lifecycle},
        "labels": dict(LABELS, purpose=purpose),
        "iamConfiguration": {
            "bucketPolicyOnly": {"enabled": True, "lockedTime": "2025-12-14T10:22:32.018Z"},
            "uniformBucketLevelAccess": {"enabled": True, "lockedTime": "2025-12-14T10:22:32.018Z"},
            "publicAccessPrevention": pap,
        },
        "locationType": "region",
        "rpo": "DEFAULT",
    }

sessions = bucket("sessions", "enforced", "2025-09-15T09:42:32.018Z", "2025-09-15T09:42:32.018Z", "1")
artifacts = bucket("artifacts", "inherited" if DRIFT_ARTIFACTS_ALLUSERS else "enforced",
                   "2025-09-15T09:42:32.211Z",
                   "2026-04-22T18:05:40.337Z" if DRIFT_ARTIFACTS_ALLUSERS else "2025-09-15T09:42:32.211Z",
                   "7" if DRIFT_ARTIFACTS_ALLUSERS else "1")
for b in (sessions, artifacts):
    add(f"//storage.googleapis.com/{b['name']}", "storage.googleapis.com/Bucket", "storage", "v1", "Bucket",
        b, REGION.lower(), b["updated"])
    bindings = [
        {"role": "roles/storage.admin", "members": [f"serviceAccount:{CICD_SA}"]},
        {"role": "roles/storage.legacyBucketOwner", "members": [f"projectEditor:{PROJECT}", f"projectOwner:{PROJECT}"]},
        {"role": "roles/storage.legacyBucketReader", "members": [f"projectViewer:{PROJECT}"]},
        {"role": "roles/storage.objectAdmin", "members": [f"serviceAccount:{RUN_SA}"]},
    ]
    if b is artifacts and DRIFT_ARTIFACTS_ALLUSERS:
        bindings.append({"role": "roles/storage.objectViewer", "members": ["allUsers"]})
    add_policy(f"//storage.googleapis.com/{b['name']}", "storage.googleapis.com/Bucket", bindings,
               "CAc=" if b is artifacts and DRIFT_ARTIFACTS_ALLUSERS else "CAE=", b["updated"])

# --- Cloud Run (CAI carries the v1 / Knative representation) -------------------------
SECRET_ENV = [
    ("DATABASE_PASSWORD", "database-password"), ("REDIS_AUTH", "redis-auth"),
    ("ANTHROPIC_API_KEY", "anthropic-api-key"), ("MODAL_TOKEN", "modal-token"),
    ("RESEND_API_KEY", "resend-api-key"), ("PADDLE_API_KEY", "paddle-api-key"),
    ("PADDLE_WEBHOOK_SECRET", "paddle-webhook-secret"), ("LANGSMITH_API_KEY", "langsmith-api-key"),
    ("GITHUB_CLIENT_SECRET", "github-oauth-client-secret"), ("NEXTAUTH_SECRET", "nextauth-secret"),
]
PLAIN_ENV = [
    ("NODE_ENV", "production"), ("APP_ENV", ENV), ("GOOGLE_CLOUD_PROJECT", PROJECT),
    ("DATABASE_HOST", "10.102.1.3"), ("DATABASE_NAME", "interviewlm"), ("DATABASE_USER", "interviewlm_app"),
    ("DATABASE_SSLMODE", "require"), ("REDIS_HOST", "10.102.2.4"), ("REDIS_PORT", "6378"),
    ("REDIS_TLS", "true"), ("SESSIONS_BUCKET", f"{PROJECT}-sessions"), ("ARTIFACTS_BUCKET", f"{PROJECT}-artifacts"),
]

def run_service(kind, ingress, min_scale, max_scale, cpu, memory, timeout, throttling, concurrency,
                health, revision, generation, digest, extra_env, description, created, updated, url_hash):
    name = f"{PREFIX}-{kind}"
    env = [{"name": "WORKER_QUEUES", "value": "interview-agent,evaluation-agent,question-generator"}] if kind == "workers" else []
    env += [{"name": k, "value": v} for k, v in PLAIN_ENV]
    env += [{"name": k, "valueFrom": {"secretKeyRef": {"key": "latest", "name": s}}} for k, s in SECRET_ENV]
    template_annotations = {
        "autoscaling.knative.dev/minScale": str(min_scale),
        "autoscaling.knative.dev/maxScale": str(max_scale),
        "run.googleapis.com/execution-environment": "gen2",
        "run.googleapis.com/vpc-access-connector": CONNECTOR,
        "run.googleapis.com/vpc-access-egress": "all-traffic",
        "run.googleapis.com/cpu-throttling": "true" if throttling else "false",
        "run.googleapis.com/startup-cpu-boost": "true",
    }
    if kind == "app":
        template_annotations["run.googleapis.com/sessionAffinity"] = "true"
    data = {
        "apiVersion": "serving.knative.dev/v1",
        "kind": "Service",
        "metadata": {
            "name": name,
            "namespace": NUMBER,
            "selfLink": f"/apis/serving.knative.dev/v1/namespaces/{NUMBER}/services/{name}",
            "uid": "6c1f0a2e-93b4-4d7e-8a15-" + ("2f7b9c0d4e61" if kind == "app" else "8e3a5c7d9f02"),
            "resourceVersion": "AAYwq9x1f2E",
            "generation": generation,
            "creationTimestamp": created,
            "labels": dict(LABELS, **{"cloud.googleapis.com/location": REGION}),
            "annotations": {
                "run.googleapis.com/ingress": ingress,
                "run.googleapis.com/ingress-status": ingress,
                "run.googleapis.com/launch-stage": "GA",
                "run.googleapis.com/description": description,
                "run.googleapis.com/client-name": "gcloud",
                "serving.knative.dev/creator": f"{CICD_SA}",
                "serving.knative.dev/lastModifier": f"{CICD_SA}",
                "run.googleapis.com/operation-id": "0b7f5d1e-4c2a-4f8e-b6d9-" + ("31a0c7e2f5b8" if kind == "app" else "9c4e1a7b3d60"),
            },
        },
        "spec": {
            "template": {
                "metadata": {
                    "labels": dict(LABELS, **{"run.googleapis.com/startupProbeType": "Custom"}),
                    "annotations": template_annotations,
                },
                "spec": {
                    "containerConcurrency": concurrency,
                    "timeoutSeconds": timeout,
                    "serviceAccountName": RUN_SA,
                    "containers": [{
                        "name": "app" if kind == "app" else "worker",
                        "image": f"{REGION}-docker.pkg.dev/{PROJECT}/interviewlm/{kind}@sha256:{digest}",
                        "ports": [{"name": "http1", "containerPort": 8080}],
                        "env": env,
                        "resources": {"limits": {"cpu": cpu, "memory": memory}},
                        "startupProbe": {"timeoutSeconds": 3, "periodSeconds": 5, "failureThreshold": 12,
                                         "httpGet": {"path": health, "port": 8080}},
                        "livenessProbe": {"timeoutSeconds": 5, "periodSeconds": 30, "failureThreshold": 3,
                                          "httpGet": {"path": health, "port": 8080}},
                    }],
                },
            },
            "traffic": [{"percent": 100, "latestRevision": True}],
        },
        "status": {
            "observedGeneration": generation,
            "conditions": [
                {"type": "Ready", "status": "True", "lastTransitionTime": updated},
                {"type": "ConfigurationsReady", "status": "True", "lastTransitionTime": updated},
                {"type": "RoutesReady", "status": "True", "lastTransitionTime": updated},
            ],
            "latestReadyRevisionName": revision,
            "latestCreatedRevisionName": revision,
            "traffic": [{"revisionName": revision, "percent": 100, "latestRevision": True}],
            "url": f"https://{name}-{url_hash}-uc.a.run.app",
            "address": {"url": f"https://{name}-{url_hash}-uc.a.run.app"},
        },
    }
    asset = f"//run.googleapis.com/projects/{PROJECT}/locations/{REGION}/services/{name}"
    add(asset, "run.googleapis.com/Service", "run", "v1", "Service", data, REGION, updated)
    return asset

app_asset = run_service("app", "internal-and-cloud-load-balancing", 2, 20, "4", "2Gi", 900, True, 80,
                        "/api/health", f"{PREFIX}-app-00042-vqm", 42,
                        "7d2c9f1e5a3b8c6d4e0f2a1b3c5d7e9f1a3b5c7d9e0f2a4b6c8d0e2f4a6b8c0d",
                        [], "InterviewLM Next.js 15 application.",
                        "2025-09-15T09:52:14.661Z", "2026-05-01T13:20:44.902Z", "x7kq2mplra")
workers_asset = run_service("workers", "internal", 2, 10, "2", "2Gi", 3600, False, 80,
                            "/healthz", f"{PREFIX}-workers-00031-h2d", 31,
                            "a1c3e5f7092b4d6f8a0c2e4a6b8d0f2a4c6e8a0b2d4f6a8c0e2a4c6e8a0b2d4f",
                            [], "InterviewLM BullMQ background job processors.",
                            "2025-09-15T09:53:02.118Z", "2026-05-01T13:22:10.447Z", "x7kq2mplra")
add_policy(app_asset, "run.googleapis.com/Service",
           [{"role": "roles/run.admin", "members": [f"serviceAccount:{CICD_SA}"]},
            {"role": "roles/run.invoker", "members": ["allUsers"]}],
           "BwYv0cT4mZQ=", "2025-09-15T09:52:40.118Z")
add_policy(workers_asset, "run.googleapis.com/Service",
           [{"role": "roles/run.admin", "members": [f"serviceAccount:{CICD_SA}"]}],
           "BwYv0cU1pXs=", "2025-09-15T09:53:21.540Z")

# --- IAM: service accounts, keys, workload identity ----------------------------------
def service_account(email, uid, display, description, oauth):
    asset = f"//iam.googleapis.com/projects/{PROJECT}/serviceAccounts/{uid}"
    add(asset, "iam.googleapis.com/ServiceAccount", "iam", "v1", "ServiceAccount",
        {"name": f"projects/{PROJECT}/serviceAccounts/{email}", "projectId": PROJECT, "uniqueId": uid,
         "email": email, "displayName": display, "description": description,
         "etag": "MDEwMjE5MjA=", "oauth2ClientId": oauth},
        "global", "2025-09-15T09:30:05.412Z")
    return asset

run_sa_asset = service_account(RUN_SA, RUN_SA_ID, f"InterviewLM {ENV} Cloud Run",
                               "Runtime identity of the InterviewLM app and workers on Cloud Run.", RUN_SA_ID)
cicd_sa_asset = service_account(CICD_SA, CICD_SA_ID, f"InterviewLM {ENV} CI/CD",
                                "Deploys InterviewLM from GitHub Actions via Workload Identity Federation; has no keys.",
                                CICD_SA_ID)

def sa_key(sa_email, sa_id, key_id, key_type, origin, after, before, updated):
    add(f"//iam.googleapis.com/projects/{PROJECT}/serviceAccounts/{sa_id}/keys/{key_id}",
        "iam.googleapis.com/ServiceAccountKey", "iam", "v1", "ServiceAccountKey",
        {"name": f"projects/{PROJECT}/serviceAccounts/{sa_email}/keys/{key_id}",
         "validAfterTime": after, "validBeforeTime": before, "keyAlgorithm": "KEY_ALG_RSA_2048",
         "keyOrigin": origin, "keyType": key_type, "disabled": False},
        "global", updated,
        parent=f"//iam.googleapis.com/projects/{PROJECT}/serviceAccounts/{sa_id}")

# Google-managed keys exist for every account Google services sign for; not a finding.
sa_key(RUN_SA, RUN_SA_ID, "3b9f0c1d2e4a6b8c0d2e4f6a8b0c2d4e6f8a0b2c", "SYSTEM_MANAGED", "GOOGLE_PROVIDED",
       "2026-04-19T08:14:22Z", "2026-05-05T08:14:22Z", "2026-04-19T08:14:23.019Z")
if DRIFT_CICD_USER_KEY:
    sa_key(CICD_SA, CICD_SA_ID, "8e1d4c7b0a3f6e9d2c5b8a1f4e7d0c3b6a9f2e5d", "USER_MANAGED", "GOOGLE_PROVIDED",
           "2026-04-24T11:03:51Z", "9999-12-31T23:59:59Z", "2026-04-24T11:03:52.677Z")

add_policy(run_sa_asset, "iam.googleapis.com/ServiceAccount",
           [{"role": "roles/iam.serviceAccountUser", "members": [f"serviceAccount:{CICD_SA}"]}],
           "BwYv0bVx9kU=", "2025-09-15T09:30:21.008Z")
POOL = f"projects/{NUMBER}/locations/global/workloadIdentityPools/github-{ENV}"
add_policy(cicd_sa_asset, "iam.googleapis.com/ServiceAccount",
           [{"role": "roles/iam.workloadIdentityUser",
             "members": [f"principalSet://iam.googleapis.com/{POOL}/attribute.repository/{REPO}"]}],
           "BwYv0bWq3hA=", "2025-09-15T09:30:48.771Z")

add(f"//iam.googleapis.com/{POOL}", "iam.googleapis.com/WorkloadIdentityPool", "iam", "v1", "WorkloadIdentityPool",
    {"name": POOL, "displayName": f"GitHub Actions ({ENV})",
     "description": f"Keyless authentication for GitHub Actions of {REPO}.", "state": "ACTIVE",
     "disabled": False, "mode": "FEDERATION_ONLY"},
    "global", "2025-09-15T09:30:12.330Z")
add(f"//iam.googleapis.com/{POOL}/providers/github-actions", "iam.googleapis.com/WorkloadIdentityPoolProvider",
    "iam", "v1", "WorkloadIdentityPoolProvider",
    {"name": f"{POOL}/providers/github-actions", "displayName": "GitHub OIDC",
     "description": f"GitHub Actions OIDC tokens of {REPO} only.", "state": "ACTIVE", "disabled": False,
     "attributeMapping": {"google.subject": "assertion.sub", "attribute.repository": "assertion.repository",
                          "attribute.repository_owner": "assertion.repository_owner",
                          "attribute.ref": "assertion.ref", "attribute.actor": "assertion.actor"},
     "attributeCondition": f"assertion.repository == '{REPO}' && assertion.ref == 'refs/heads/main'",
     "oidc": {"issuerUri": "https://token.actions.githubusercontent.com"}},
    "global", "2025-09-15T09:30:30.915Z",
    parent=f"//iam.googleapis.com/{POOL}")

# --- Artifact Registry --------------------------------------------------------------
AR = f"projects/{PROJECT}/locations/{REGION}/repositories/interviewlm"
add(f"//artifactregistry.googleapis.com/{AR}", "artifactregistry.googleapis.com/Repository",
    "artifactregistry", "v1", "Repository",
    {"name": AR, "format": "DOCKER", "description": f"InterviewLM {ENV} container images (app, workers).",
     "labels": LABELS, "createTime": "2025-09-15T09:36:40.209117Z", "updateTime": "2026-05-01T13:19:58.771002Z",
     "kmsKeyName": AR_KEY, "mode": "STANDARD_REPOSITORY", "dockerConfig": {"immutableTags": True},
     "cleanupPolicies": {
         "delete-untagged": {"id": "delete-untagged", "action": "DELETE",
                             "condition": {"tagState": "UNTAGGED", "olderThan": "2592000s"}},
         "keep-recent-releases": {"id": "keep-recent-releases", "action": "KEEP",
                                  "mostRecentVersions": {"keepCount": 20}}},
     "cleanupPolicyDryRun": False, "sizeBytes": "3817290113", "satisfiesPzi": True,
     "vulnerabilityScanningConfig": {"enablementConfig": "INHERITED", "enablementState": "SCANNING_ACTIVE",
                                     "lastEnableTime": "2025-09-15T09:36:41.004Z"},
     "registryUri": f"{REGION}-docker.pkg.dev/{PROJECT}/interviewlm"},
    REGION, "2026-05-01T13:19:58.771Z")
add_policy(f"//artifactregistry.googleapis.com/{AR}", "artifactregistry.googleapis.com/Repository",
           [{"role": "roles/artifactregistry.writer", "members": [f"serviceAccount:{CICD_SA}"]}],
           "BwYv0cA2xqI=", "2025-09-15T09:36:55.006Z")

# --- Cloud KMS ----------------------------------------------------------------------
KEYRING = f"projects/{PROJECT}/locations/{REGION}/keyRings/{PREFIX}"
add(f"//cloudkms.googleapis.com/{KEYRING}", "cloudkms.googleapis.com/KeyRing", "cloudkms", "v1", "KeyRing",
    {"name": KEYRING, "createTime": "2025-09-15T09:29:41.887312450Z"}, REGION, "2025-09-15T09:29:41.887Z")
for key, agent_kind, version in [("cloudsql", "gcp-sa-cloud-sql", 3), ("artifact-registry", "gcp-sa-artifactregistry", 3)]:
    kname = f"{KEYRING}/cryptoKeys/{key}"
    add(f"//cloudkms.googleapis.com/{kname}", "cloudkms.googleapis.com/CryptoKey", "cloudkms", "v1", "CryptoKey",
        {"name": kname,
         "primary": {"name": f"{kname}/cryptoKeyVersions/{version}", "state": "ENABLED",
                     "createTime": "2026-03-14T09:29:45.100Z", "protectionLevel": "SOFTWARE",
                     "algorithm": "GOOGLE_SYMMETRIC_ENCRYPTION", "generateTime": "2026-03-14T09:29:45.100Z"},
         "purpose": "ENCRYPT_DECRYPT", "createTime": "2025-09-15T09:29:44.512Z",
         "nextRotationTime": "2026-06-12T09:29:44Z", "rotationPeriod": "7776000s",
         "versionTemplate": {"protectionLevel": "SOFTWARE", "algorithm": "GOOGLE_SYMMETRIC_ENCRYPTION"},
         "labels": dict(LABELS, purpose=key), "destroyScheduledDuration": "2592000s"},
        REGION, "2026-03-14T09:29:45.100Z",
        parent=f"//cloudkms.googleapis.com/{KEYRING}")
    add_policy(f"//cloudkms.googleapis.com/{kname}", "cloudkms.googleapis.com/CryptoKey",
               [{"role": "roles/cloudkms.cryptoKeyEncrypterDecrypter", "members": [f"serviceAccount:{agent(agent_kind)}"]}],
               "BwYv0aQ8t1M=", "2025-09-15T09:29:50.201Z")

# --- Secret Manager -----------------------------------------------------------------
TOPIC = f"projects/{PROJECT}/topics/{PREFIX}-secret-rotation"
add(f"//pubsub.googleapis.com/{TOPIC}", "pubsub.googleapis.com/Topic", "pubsub", "v1", "Topic",
    {"name": TOPIC, "labels": LABELS}, "global", "2025-09-15T09:29:38.004Z")
add_policy(f"//pubsub.googleapis.com/{TOPIC}", "pubsub.googleapis.com/Topic",
           [{"role": "roles/pubsub.publisher", "members": [f"serviceAccount:{agent('gcp-sa-secretmanager')}"]}],
           "BwYv0aO9sRk=", "2025-09-15T09:29:39.512Z")
SECRETS = [
    ("database-password", "Password of the application's PostgreSQL user (generated by modules/database).", True),
    ("redis-auth", "Memorystore AUTH string (generated by Memorystore, written by modules/cache).", False),
    ("anthropic-api-key", "Anthropic Claude API key.", True),
    ("modal-token", "Modal sandbox token.", True),
    ("resend-api-key", "Resend email API key.", True),
    ("paddle-api-key", "Paddle payments API key.", True),
    ("paddle-webhook-secret", "Paddle webhook signing secret.", True),
    ("langsmith-api-key", "LangSmith tracing API key.", True),
    ("github-oauth-client-secret", "GitHub OAuth app client secret.", True),
    ("nextauth-secret", "Session signing secret of the Next.js auth layer.", True),
]
for sid, description, rotate in SECRETS:
    data = {"name": f"projects/{NUMBER}/secrets/{sid}", "replication": {"automatic": {}},
            "createTime": "2025-09-15T09:29:52.447810Z", "labels": LABELS,
            "etag": "\"1634f0d2a1b8c0\"", "annotations": {"description": description}}
    if rotate:
        data["topics"] = [{"name": TOPIC}]
        data["rotation"] = {"nextRotationTime": "2026-09-01T00:00:00Z", "rotationPeriod": "7776000s"}
    add(f"//secretmanager.googleapis.com/projects/{NUMBER}/secrets/{sid}", "secretmanager.googleapis.com/Secret",
        "secretmanager", "v1", "Secret", data, "global", "2025-09-15T09:29:52.447Z")

# --- Logging ------------------------------------------------------------------------
def log_bucket(bucket_id, description, retention, locked, updated):
    add(f"//logging.googleapis.com/projects/{NUMBER}/locations/global/buckets/{bucket_id}",
        "logging.googleapis.com/LogBucket", "logging", "v2", "LogBucket",
        {"name": f"projects/{NUMBER}/locations/global/buckets/{bucket_id}", "description": description,
         "createTime": "2025-09-15T09:12:51.118Z", "updateTime": updated, "retentionDays": retention,
         "locked": locked, "lifecycleState": "ACTIVE"},
        "global", updated)

log_bucket("_Default", "Default bucket", DRIFT_DEFAULT_LOG_RETENTION, False,
           "2026-04-26T09:58:12.664Z" if DRIFT_DEFAULT_LOG_RETENTION != 90 else "2025-09-15T09:34:02.991Z")
log_bucket("_Required", "Audit bucket", 400, True, "2025-09-15T09:12:51.118Z")
log_bucket(f"{PREFIX}-app", "InterviewLM application and database logs.", 90, False, "2025-09-15T09:34:03.417Z")
for sink, dest, flt in [
        ("_Required", f"logging.googleapis.com/projects/{PROJECT}/locations/global/buckets/_Required",
         'LOG_ID("cloudaudit.googleapis.com/activity") OR LOG_ID("externalaudit.googleapis.com/activity") OR LOG_ID("cloudaudit.googleapis.com/system_event") OR LOG_ID("externalaudit.googleapis.com/system_event") OR LOG_ID("cloudaudit.googleapis.com/access_transparency") OR LOG_ID("externalaudit.googleapis.com/access_transparency")'),
        ("_Default", f"logging.googleapis.com/projects/{PROJECT}/locations/global/buckets/_Default",
         'NOT LOG_ID("cloudaudit.googleapis.com/activity") AND NOT LOG_ID("externalaudit.googleapis.com/activity") AND NOT LOG_ID("cloudaudit.googleapis.com/system_event") AND NOT LOG_ID("externalaudit.googleapis.com/system_event") AND NOT LOG_ID("cloudaudit.googleapis.com/access_transparency") AND NOT LOG_ID("externalaudit.googleapis.com/access_transparency")'),
        (f"{PREFIX}-app", f"logging.googleapis.com/projects/{PROJECT}/locations/global/buckets/{PREFIX}-app",
         'resource.type = "cloud_run_revision" OR resource.type = "cloudsql_database"')]:
    add(f"//logging.googleapis.com/projects/{NUMBER}/sinks/{sink}", "logging.googleapis.com/LogSink",
        "logging", "v2", "LogSink",
        {"name": sink, "destination": dest, "filter": flt,
         "writerIdentity": f"serviceAccount:service-{NUMBER}@gcp-sa-logging.iam.gserviceaccount.com",
         "createTime": "2025-09-15T09:12:51.118Z", "updateTime": "2025-09-15T09:34:04.002Z"},
        "global", "2025-09-15T09:34:04.002Z")

# --- Monitoring ---------------------------------------------------------------------
CHANNELS = [f"projects/{PROJECT}/notificationChannels/{cid}" for cid in ("1837465029184756301", "1837465029184756302")]
for cid, email in zip(CHANNELS, ["oncall@interviewlm.com", "platform-team@interviewlm.com"]):
    add(f"//monitoring.googleapis.com/{cid}".replace(f"projects/{PROJECT}", f"projects/{NUMBER}"),
        "monitoring.googleapis.com/NotificationChannel", "monitoring", "v3", "NotificationChannel",
        {"type": "email", "name": cid, "displayName": f"InterviewLM {ENV} on-call ({email})",
         "labels": {"email_address": email}, "userLabels": LABELS, "enabled": True,
         "verificationStatus": "VERIFICATION_STATUS_UNSPECIFIED",
         "creationRecord": {"mutateTime": "2025-09-15T09:35:10.224Z"}},
        "global", "2025-09-15T09:35:10.224Z")

RUN_FILTER = f'resource.type = "cloud_run_revision" AND resource.labels.service_name = "{PREFIX}-app"'
ALERTS = [
    ("10294857610293847561", f"{PREFIX} high error rate (5xx > 1%)", "CRITICAL", f"5xx ratio of {PREFIX}-app",
     {"filter": f'metric.type = "run.googleapis.com/request_count" AND metric.labels.response_code_class = "5xx" AND {RUN_FILTER}',
      "denominatorFilter": f'metric.type = "run.googleapis.com/request_count" AND {RUN_FILTER}',
      "comparison": "COMPARISON_GT", "thresholdValue": 0.01, "duration": "300s",
      "aggregations": [{"alignmentPeriod": "60s", "perSeriesAligner": "ALIGN_RATE", "crossSeriesReducer": "REDUCE_SUM", "groupByFields": ["resource.labels.service_name"]}],
      "denominatorAggregations": [{"alignmentPeriod": "60s", "perSeriesAligner": "ALIGN_RATE", "crossSeriesReducer": "REDUCE_SUM", "groupByFields": ["resource.labels.service_name"]}],
      "trigger": {"count": 1}}),
    ("10294857610293847562", f"{PREFIX} high latency (P99 > 2000 ms)", "WARNING", f"P99 latency of {PREFIX}-app",
     {"filter": f'metric.type = "run.googleapis.com/request_latencies" AND {RUN_FILTER}',
      "comparison": "COMPARISON_GT", "thresholdValue": 2000, "duration": "300s",
      "aggregations": [{"alignmentPeriod": "60s", "perSeriesAligner": "ALIGN_PERCENTILE_99", "crossSeriesReducer": "REDUCE_MAX", "groupByFields": ["resource.labels.service_name"]}],
      "trigger": {"count": 1}}),
    ("10294857610293847563", f"{PREFIX} database CPU > 70%", "WARNING", f"CPU utilisation of {SQL_NAME}",
     {"filter": f'metric.type = "cloudsql.googleapis.com/database/cpu/utilization" AND resource.type = "cloudsql_database" AND resource.labels.database_id = "{PROJECT}:{SQL_NAME}"',
      "comparison": "COMPARISON_GT", "thresholdValue": 0.7, "duration": "300s",
      "aggregations": [{"alignmentPeriod": "60s", "perSeriesAligner": "ALIGN_MEAN"}],
      "trigger": {"count": 1}}),
    ("10294857610293847564", f"{PREFIX} uptime check failure", "CRITICAL", f"Uptime check {PREFIX} app /api/health failing",
     {"filter": f'metric.type = "monitoring.googleapis.com/uptime_check/check_passed" AND metric.labels.check_id = "{PREFIX}-app-api-health-k3Qx9Tz1" AND resource.type = "uptime_url"',
      "comparison": "COMPARISON_GT", "thresholdValue": 1, "duration": "60s",
      "aggregations": [{"alignmentPeriod": "1200s", "perSeriesAligner": "ALIGN_NEXT_OLDER", "crossSeriesReducer": "REDUCE_COUNT_FALSE", "groupByFields": ["resource.labels.*"]}],
      "trigger": {"count": 1}}),
]
for aid, display, severity, cond_name, threshold in ALERTS:
    name = f"projects/{PROJECT}/alertPolicies/{aid}"
    add(f"//monitoring.googleapis.com/projects/{NUMBER}/alertPolicies/{aid}",
        "monitoring.googleapis.com/AlertPolicy", "monitoring", "v3", "AlertPolicy",
        {"name": name, "displayName": display, "combiner": "OR", "enabled": True, "severity": severity,
         "userLabels": LABELS, "notificationChannels": CHANNELS,
         "conditions": [{"name": f"{name}/conditions/{aid[-4:]}0", "displayName": cond_name,
                         "conditionThreshold": threshold}],
         "alertStrategy": {"autoClose": "1800s"},
         "creationRecord": {"mutateTime": "2025-09-15T09:35:40.551Z"},
         "mutationRecord": {"mutateTime": "2025-09-15T09:35:40.551Z"}},
        "global", "2025-09-15T09:35:40.551Z")

# --- Load balancer and CDN ----------------------------------------------------------
GL = f"{COMPUTE}/global"
NEG = f"{COMPUTE}/regions/{REGION}/networkEndpointGroups/{PREFIX}-app-neg"
add(f"//compute.googleapis.com/projects/{PROJECT}/regions/{REGION}/networkEndpointGroups/{PREFIX}-app-neg",
    "compute.googleapis.com/NetworkEndpointGroup", "compute", "v1", "NetworkEndpointGroup",
    {"id": "6601928374650192837", "name": f"{PREFIX}-app-neg", "networkEndpointType": "SERVERLESS",
     "cloudRun": {"service": f"{PREFIX}-app"}, "region": f"{COMPUTE}/regions/{REGION}", "size": 0,
     "selfLink": NEG, "kind": "compute#networkEndpointGroup"},
    REGION, "2025-09-15T09:58:11.204Z")
add(f"//compute.googleapis.com/projects/{PROJECT}/global/securityPolicies/{PREFIX}-armor",
    "compute.googleapis.com/SecurityPolicy", "compute", "v1", "SecurityPolicy",
    {"id": "2837465019283746501", "name": f"{PREFIX}-armor", "description": "Cloud Armor for the InterviewLM front end.",
     "type": "CLOUD_ARMOR", "selfLink": f"{GL}/securityPolicies/{PREFIX}-armor",
     "adaptiveProtectionConfig": {"layer7DdosDefenseConfig": {"enable": True}},
     "rules": [
         {"description": "OWASP: SQL injection", "priority": 1000, "action": "deny(403)", "preview": False,
          "match": {"expr": {"expression": "evaluatePreconfiguredWaf('sqli-v33-stable', {'sensitivity': 1})"}}},
         {"description": "OWASP: cross-site scripting", "priority": 1001, "action": "deny(403)", "preview": False,
          "match": {"expr": {"expression": "evaluatePreconfiguredWaf('xss-v33-stable', {'sensitivity': 1})"}}},
         {"description": "Per-client rate limit", "priority": 2000, "action": "throttle", "preview": False,
          "match": {"versionedExpr": "SRC_IPS_V1", "config": {"srcIpRanges": ["*"]}},
          "rateLimitOptions": {"conformAction": "allow", "exceedAction": "deny(429)", "enforceOnKey": "IP",
                               "rateLimitThreshold": {"count": 600, "intervalSec": 60}}},
         {"description": "Default: allow", "priority": 2147483647, "action": "allow", "preview": False,
          "match": {"versionedExpr": "SRC_IPS_V1", "config": {"srcIpRanges": ["*"]}}}],
     "fingerprint": "mQ1x8bZcR5o=", "kind": "compute#securityPolicy"},
    "global", "2025-09-15T09:57:40.662Z")
for bs, desc, cdn in [(f"{PREFIX}-app", "Dynamic requests to the app (Cloud Run serverless NEG).", False),
                      (f"{PREFIX}-static", "Static assets cached at edge locations (Cloud CDN).", True)]:
    data = {"id": "9182736450192837465" if not cdn else "9182736450192837466", "name": bs, "description": desc,
            "selfLink": f"{GL}/backendServices/{bs}", "backends": [{"group": NEG, "balancingMode": "UTILIZATION", "capacityScaler": 1}],
            "protocol": "HTTPS", "loadBalancingScheme": "EXTERNAL_MANAGED", "enableCDN": cdn,
            "logConfig": {"enable": True, "sampleRate": 0.1 if cdn else 1}, "connectionDraining": {"drainingTimeoutSec": 0},
            "port": 80, "portName": "http", "timeoutSec": 30, "kind": "compute#backendService"}
    if cdn:
        data["compressionMode"] = "AUTOMATIC"
        data["cdnPolicy"] = {"cacheMode": "CACHE_ALL_STATIC", "defaultTtl": 3600, "maxTtl": 86400, "clientTtl": 3600,
                             "negativeCaching": True, "serveWhileStale": 86400, "signedUrlCacheMaxAgeSec": "0",
                             "cacheKeyPolicy": {"includeHost": True, "includeProtocol": True, "includeQueryString": False}}
    else:
        data["securityPolicy"] = f"{GL}/securityPolicies/{PREFIX}-armor"
    add(f"//compute.googleapis.com/projects/{PROJECT}/global/backendServices/{bs}",
        "compute.googleapis.com/BackendService", "compute", "v1", "BackendService", data, "global",
        "2025-09-15T09:58:30.019Z")
add(f"//compute.googleapis.com/projects/{PROJECT}/global/sslPolicies/{PREFIX}-tls",
    "compute.googleapis.com/SslPolicy", "compute", "v1", "SslPolicy",
    {"id": "5501928374650192837", "name": f"{PREFIX}-tls", "profile": "MODERN", "minTlsVersion": "TLS_1_2",
     "selfLink": f"{GL}/sslPolicies/{PREFIX}-tls", "kind": "compute#sslPolicy"},
    "global", "2025-09-15T09:57:20.118Z")
add(f"//compute.googleapis.com/projects/{PROJECT}/global/sslCertificates/{PREFIX}-cert",
    "compute.googleapis.com/SslCertificate", "compute", "v1", "SslCertificate",
    {"id": "4401928374650192837", "name": f"{PREFIX}-cert", "type": "MANAGED",
     "managed": {"domains": ["app.interviewlm.com"], "status": "ACTIVE", "domainStatus": {"app.interviewlm.com": "ACTIVE"}},
     "subjectAlternativeNames": ["app.interviewlm.com"], "expireTime": "2026-07-28T03:11:02.000-07:00",
     "selfLink": f"{GL}/sslCertificates/{PREFIX}-cert", "kind": "compute#sslCertificate"},
    "global", "2026-04-29T10:11:02.000Z")
add(f"//compute.googleapis.com/projects/{PROJECT}/global/urlMaps/{PREFIX}-https",
    "compute.googleapis.com/UrlMap", "compute", "v1", "UrlMap",
    {"id": "3301928374650192837", "name": f"{PREFIX}-https", "description": "Static assets to Cloud CDN, everything else to the app.",
     "defaultService": f"{GL}/backendServices/{PREFIX}-app",
     "hostRules": [{"hosts": ["app.interviewlm.com"], "pathMatcher": "app"}],
     "pathMatchers": [{"name": "app", "defaultService": f"{GL}/backendServices/{PREFIX}-app",
                       "pathRules": [{"paths": ["/_next/static/*", "/static/*", "/favicon.ico"],
                                      "service": f"{GL}/backendServices/{PREFIX}-static"}]}],
     "selfLink": f"{GL}/urlMaps/{PREFIX}-https", "kind": "compute#urlMap"},
    "global", "2025-09-15T09:58:44.301Z")
add(f"//compute.googleapis.com/projects/{PROJECT}/global/urlMaps/{PREFIX}-http-redirect",
    "compute.googleapis.com/UrlMap", "compute", "v1", "UrlMap",
    {"id": "3301928374650192838", "name": f"{PREFIX}-http-redirect", "description": "Redirects HTTP to HTTPS.",
     "defaultUrlRedirect": {"httpsRedirect": True, "redirectResponseCode": "MOVED_PERMANENTLY_DEFAULT", "stripQuery": False},
     "selfLink": f"{GL}/urlMaps/{PREFIX}-http-redirect", "kind": "compute#urlMap"},
    "global", "2025-09-15T09:58:44.902Z")
add(f"//compute.googleapis.com/projects/{PROJECT}/global/targetHttpsProxies/{PREFIX}-https",
    "compute.googleapis.com/TargetHttpsProxy", "compute", "v1", "TargetHttpsProxy",
    {"id": "2201928374650192837", "name": f"{PREFIX}-https", "urlMap": f"{GL}/urlMaps/{PREFIX}-https",
     "sslCertificates": [f"{GL}/sslCertificates/{PREFIX}-cert"], "sslPolicy": f"{GL}/sslPolicies/{PREFIX}-tls",
     "quicOverride": "NONE", "selfLink": f"{GL}/targetHttpsProxies/{PREFIX}-https", "kind": "compute#targetHttpsProxy"},
    "global", "2025-09-15T09:59:02.447Z")
add(f"//compute.googleapis.com/projects/{PROJECT}/global/targetHttpProxies/{PREFIX}-http-redirect",
    "compute.googleapis.com/TargetHttpProxy", "compute", "v1", "TargetHttpProxy",
    {"id": "2201928374650192838", "name": f"{PREFIX}-http-redirect", "urlMap": f"{GL}/urlMaps/{PREFIX}-http-redirect",
     "selfLink": f"{GL}/targetHttpProxies/{PREFIX}-http-redirect", "kind": "compute#targetHttpProxy"},
    "global", "2025-09-15T09:59:03.118Z")
for fr, target, port in [(f"{PREFIX}-https", f"{GL}/targetHttpsProxies/{PREFIX}-https", "443-443"),
                         (f"{PREFIX}-http-redirect", f"{GL}/targetHttpProxies/{PREFIX}-http-redirect", "80-80")]:
    add(f"//compute.googleapis.com/projects/{PROJECT}/global/forwardingRules/{fr}",
        "compute.googleapis.com/GlobalForwardingRule", "compute", "v1", "ForwardingRule",
        {"id": "1101928374650192837" if port == "443-443" else "1101928374650192838", "name": fr,
         "IPAddress": "34.117.182.44", "IPProtocol": "TCP", "portRange": port, "target": target,
         "loadBalancingScheme": "EXTERNAL_MANAGED", "networkTier": "PREMIUM", "labels": LABELS,
         "selfLink": f"{GL}/forwardingRules/{fr}", "kind": "compute#forwardingRule"},
        "global", "2025-09-15T09:59:20.774Z")

# ---------------------------------------------------------------------------------
def write(name, text):
    with open(os.path.join(LIVE, name), "w") as f:
        f.write(text)


def yaml_scalar(v):
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, (int, float)):
        return str(v)
    s = str(v)
    # Quote what a YAML 1.1 reader would not read back as this string (timestamps,
    # numbers with underscores, booleans), as gcloud's YAML printer does.
    if re.fullmatch(r"[0-9][0-9_:.\-T+Z]*", s) and not re.fullmatch(r"\d+\.\d+\.\d+\.\d+(/\d+)?", s):
        return "'" + s + "'"
    if (s == "" or s[0] in "-?:,[]{}#&*!|>'\"%@`" or ": " in s or " #" in s or s.strip() != s
            or s in ("true", "false", "null", "yes", "no", "on", "off", "~") or s.replace(".", "", 1).isdigit()):
        return "'" + s.replace("'", "''") + "'"
    return s


def to_yaml(value, indent=0):
    pad = "  " * indent
    out = []
    if isinstance(value, dict):
        for k in sorted(value):
            v = value[k]
            key = yaml_scalar(k)
            if isinstance(v, dict) and v:
                out.append(f"{pad}{key}:")
                out.extend(to_yaml(v, indent + 1))
            elif isinstance(v, list) and v:
                out.append(f"{pad}{key}:")
                out.extend(to_yaml(v, indent))
            elif isinstance(v, str) and "\n" in v:
                out.append(f"{pad}{key}: |")
                out.extend(f"{pad}  {line}" for line in v.rstrip("\n").split("\n"))
            else:
                out.append(f"{pad}{key}: {yaml_scalar(v) if not isinstance(v, (dict, list)) else ('{}' if isinstance(v, dict) else '[]')}")
    elif isinstance(value, list):
        for item in value:
            if isinstance(item, dict):
                lines = to_yaml(item, indent + 1)
                first = lines[0].lstrip()
                out.append(f"{pad}- {first}")
                out.extend(lines[1:])
            else:
                out.append(f"{pad}- {yaml_scalar(item)}")
    return out


def main():
    os.makedirs(LIVE, exist_ok=True)
    write("cai-resources.ndjson", "".join(json.dumps(r, separators=(",", ":")) + "\n" for r in resources))
    write("cai-iam-policies.ndjson", "".join(json.dumps(p, separators=(",", ":")) + "\n" for p in policies))

    # gcloud projects get-iam-policy: IAM Policy in REST (camelCase) form, keys sorted.
    project_policy = {
        "auditConfigs": [{"auditLogConfigs": [{"logType": t} for t in audit_log_types], "service": "allServices"}],
        "bindings": [{"members": b["members"], "role": b["role"]} for b in project_bindings],
        "etag": PROJECT_ETAG,
        "version": 1,
    }
    write("project-iam-policy.json", json.dumps(project_policy, indent=2, sort_keys=True) + "\n")
    write(f"sql-instance-{SQL_NAME}.json", json.dumps(sql_instance, indent=2, sort_keys=True) + "\n")
    write(f"redis-instance-{PREFIX}-redis.yaml", "\n".join(to_yaml(redis_instance)) + "\n")
    for b in (sessions, artifacts):
        write(f"bucket-{b['name']}.json", json.dumps(b, indent=2, sort_keys=True) + "\n")

    files = [
        ("cai-resources.ndjson", "cai-export", f"//cloudresourcemanager.googleapis.com/projects/{NUMBER}",
         f"gcloud asset export --project={PROJECT} --content-type=resource --snapshot-time={SNAPSHOT} --output-path=gs://interviewlm-audit-exports/{ENV}/2026-05-04/resources.ndjson",
         len(resources)),
        ("cai-iam-policies.ndjson", "cai-export", f"//cloudresourcemanager.googleapis.com/projects/{NUMBER}",
         f"gcloud asset export --project={PROJECT} --content-type=iam-policy --snapshot-time={SNAPSHOT} --output-path=gs://interviewlm-audit-exports/{ENV}/2026-05-04/iam-policies.ndjson",
         len(policies)),
        ("project-iam-policy.json", "iam-policy", f"//cloudresourcemanager.googleapis.com/projects/{NUMBER}",
         f"gcloud projects get-iam-policy {PROJECT} --format=json", None),
        (f"sql-instance-{SQL_NAME}.json", "sql-instance", f"//cloudsql.googleapis.com/projects/{PROJECT}/instances/{SQL_NAME}",
         f"gcloud sql instances describe {SQL_NAME} --project={PROJECT} --format=json", None),
        (f"redis-instance-{PREFIX}-redis.yaml", "redis-instance", f"//redis.googleapis.com/{REDIS_NAME}",
         f"gcloud redis instances describe {PREFIX}-redis --region={REGION} --project={PROJECT} --format=yaml", None),
    ] + [
        (f"bucket-{b['name']}.json", "bucket", f"//storage.googleapis.com/{b['name']}",
         f"gcloud storage buckets describe gs://{b['name']} --raw --format=json", None)
        for b in (sessions, artifacts)
    ]
    lines = [
        "# Evidence manifest: what was collected from the InterviewLM prod project, when and how.",
        "# One entry per file; `resource` is the full resource name (CAI form) the file describes",
        "# (for CAI exports, the scope that was exported). Tollgate reads this file to label the",
        "# input format of each file and to cite the command in reports.",
        "apiVersion: tollgate.dev/v1",
        "kind: EvidenceManifest",
        f"project: {PROJECT}",
        f"projectNumber: '{NUMBER}'",
        f"environment: {ENV}",
        f"collected: '{COLLECTED}'",
        "collectedBy: nightly-audit-export (GitHub Actions, Workload Identity Federation, read-only auditor role)",
        "files:",
    ]
    for path, kind, resource, command, count in files:
        lines += [f"  - path: {path}", f"    kind: {kind}", f"    resource: '{resource}'",
                  f"    collected: '{COLLECTED}'", f"    command: \"{command}\""]
        if kind == "cai-export":
            content = "resource" if "resource" in path else "iam-policy"
            lines += [f"    contentType: {content}", f"    snapshotTime: '{SNAPSHOT}'", f"    records: {count}"]
        lines += [f"    format: {'ndjson' if path.endswith('.ndjson') else 'yaml' if path.endswith('.yaml') else 'json'}"]
    write("tollgate-evidence.yaml", "\n".join(lines) + "\n")
    print(f"wrote {len(resources)} resource assets, {len(policies)} IAM policies to {LIVE}", file=sys.stderr)


if __name__ == "__main__":
    main()
