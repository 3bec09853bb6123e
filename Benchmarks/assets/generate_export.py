#!/usr/bin/env python3
"""Writes a synthetic `gcloud asset export` NDJSON file (snake_case envelope, REST camelCase
data) with N assets of the kinds a real project holds, for the Assets load benchmark.

usage: generate_export.py N OUT.ndjson [--varied]

The default file repeats many values across records (the same ancestors, timestamps, URLs and
small objects), as exports of uniform fleets do, which the loader's sharing cache exploits.
`--varied` writes records with little repetition: 500 projects, ten asset types (Compute
instances, Cloud Run services, subnetworks, KMS keys and service-account keys besides the
above), per-record timestamps, ids, etags, IP addresses, descriptions and label sets, so the
figure is not flattered by the cache (JSON keys still repeat, as in any real export).
"""
import json, random, sys

n, out = int(sys.argv[1]), sys.argv[2]
varied = "--varied" in sys.argv[3:]
rnd = random.Random(42)
projects = [f"proj-{i:03d}" for i in range(500 if varied else 50)]

def anc(p):
    return [f"projects/{p}", "folders/774201938455", "organizations/112233445566"]

def bucket(i, p):
    return ("storage.googleapis.com/Bucket", f"//storage.googleapis.com/{p}-bucket-{i}", "Bucket", {
        "name": f"{p}-bucket-{i}", "location": "US-CENTRAL1", "storageClass": "STANDARD", "projectNumber": "4829157301",
        "iamConfiguration": {"uniformBucketLevelAccess": {"enabled": rnd.random() < .8}, "publicAccessPrevention": rnd.choice(["enforced", "inherited"])},
        "versioning": {"enabled": True}, "labels": {"environment": rnd.choice(["dev", "staging", "prod"]), "team": f"t{i % 17}"},
        "lifecycle": {"rule": [{"action": {"type": "Delete"}, "condition": {"age": 365, "matchesStorageClass": ["STANDARD"]}}]},
        "softDeletePolicy": {"retentionDurationSeconds": "604800", "effectiveTime": "2025-09-15T09:42:32.018Z"},
        "timeCreated": "2025-09-15T09:42:32.018Z", "updated": "2025-12-14T10:22:32.018Z", "etag": "CAU=", "metageneration": "3"})

def sql(i, p):
    return ("sqladmin.googleapis.com/Instance", f"//cloudsql.googleapis.com/projects/{p}/instances/db-{i}", "DatabaseInstance", {
        "name": f"db-{i}", "project": p, "region": "us-central1", "databaseVersion": "POSTGRES_16", "kind": "sql#instance",
        "settings": {"tier": "db-custom-2-4096", "availabilityType": rnd.choice(["ZONAL", "REGIONAL"]), "dataDiskSizeGb": "100",
                     "ipConfiguration": {"ipv4Enabled": rnd.random() < .3, "privateNetwork": f"projects/{p}/global/networks/vpc",
                                         "sslMode": "ENCRYPTED_ONLY", "authorizedNetworks": []},
                     "backupConfiguration": {"enabled": True, "pointInTimeRecoveryEnabled": True, "startTime": "03:00",
                                             "backupRetentionSettings": {"retainedBackups": 30, "retentionUnit": "COUNT"}},
                     "databaseFlags": [{"name": "log_connections", "value": "on"}, {"name": "log_disconnections", "value": "on"}],
                     "userLabels": {"environment": "prod"}, "deletionProtectionEnabled": True},
        "ipAddresses": [{"ipAddress": f"10.0.{i % 250}.{i % 200}", "type": "PRIVATE"}], "state": "RUNNABLE"})

def sa(i, p):
    return ("iam.googleapis.com/ServiceAccount", f"//iam.googleapis.com/projects/{p}/serviceAccounts/1{i:020d}", "ServiceAccount", {
        "email": f"sa-{i}@{p}.iam.gserviceaccount.com", "name": f"projects/{p}/serviceAccounts/sa-{i}@{p}.iam.gserviceaccount.com",
        "projectId": p, "uniqueId": f"1{i:020d}", "displayName": f"Service account {i}", "oauth2ClientId": f"1{i:020d}"})

def firewall(i, p):
    return ("compute.googleapis.com/Firewall", f"//compute.googleapis.com/projects/{p}/global/firewalls/fw-{i}", "Firewall", {
        "name": f"fw-{i}", "network": f"https://www.googleapis.com/compute/v1/projects/{p}/global/networks/vpc",
        "direction": "INGRESS", "priority": 1000, "sourceRanges": [rnd.choice(["0.0.0.0/0", "10.0.0.0/8", "35.235.240.0/20"])],
        "allowed": [{"IPProtocol": "tcp", "ports": [rnd.choice(["22", "443", "3389", "8080"])]}], "disabled": False,
        "logConfig": {"enable": rnd.random() < .5}, "selfLink": f"https://www.googleapis.com/compute/v1/projects/{p}/global/firewalls/fw-{i}",
        "creationTimestamp": "2025-09-15T02:12:44.310-07:00", "id": str(8000000000000000000 + i)})

# --varied: values that differ per record.
words = ("alpha beta gamma delta ledger billing payments search ingest export archive reports analytics "
         "frontend backend worker scheduler cache gateway auth identity audit metrics events").split()
regions = ["us-central1", "us-east1", "us-west1", "europe-west1", "europe-west4", "asia-east1", "asia-northeast1", "australia-southeast1"]

def ts():
    return (f"20{rnd.randint(19, 26)}-{rnd.randint(1, 12):02d}-{rnd.randint(1, 28):02d}T"
            f"{rnd.randint(0, 23):02d}:{rnd.randint(0, 59):02d}:{rnd.randint(0, 59):02d}.{rnd.randint(0, 999999):06d}Z")

def etag():
    return "".join(rnd.choice("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/") for _ in range(rnd.randint(8, 16))) + "="

def phrase(k):
    return " ".join(rnd.choice(words) for _ in range(k))

def labels():
    keys = rnd.sample(["env", "team", "cost-center", "owner", "app", "component", "tier", "data-class"], rnd.randint(1, 5))
    return {k: f"{rnd.choice(words)}-{rnd.randint(0, 9999)}" for k in keys}

def ip():
    return f"10.{rnd.randint(0, 255)}.{rnd.randint(0, 255)}.{rnd.randint(1, 254)}"

def v_bucket(i, p, r):
    n = f"{p}-{rnd.choice(words)}-{i}"
    return ("storage.googleapis.com/Bucket", f"//storage.googleapis.com/{n}", "Bucket", {
        "name": n, "id": n, "location": r.upper(), "storageClass": rnd.choice(["STANDARD", "NEARLINE", "COLDLINE"]),
        "projectNumber": str(rnd.randint(10**11, 10**12)),
        "iamConfiguration": {"uniformBucketLevelAccess": {"enabled": rnd.random() < .8, "lockedTime": ts()},
                             "publicAccessPrevention": rnd.choice(["enforced", "inherited"])},
        "versioning": {"enabled": rnd.random() < .5}, "labels": labels(),
        "lifecycle": {"rule": [{"action": {"type": "Delete"}, "condition": {"age": rnd.randint(30, 3650)}}
                               for _ in range(rnd.randint(0, 3))]},
        "retentionPolicy": {"retentionPeriod": str(rnd.randint(1, 10**8)), "effectiveTime": ts()},
        "timeCreated": ts(), "updated": ts(), "etag": etag(), "metageneration": str(rnd.randint(1, 999))})

def v_sql(i, p, r):
    n = f"{rnd.choice(words)}-db-{i}"
    return ("sqladmin.googleapis.com/Instance", f"//cloudsql.googleapis.com/projects/{p}/instances/{n}", "DatabaseInstance", {
        "name": n, "project": p, "region": r, "databaseVersion": rnd.choice(["POSTGRES_14", "POSTGRES_16", "MYSQL_8_0"]),
        "kind": "sql#instance", "createTime": ts(), "etag": etag(), "connectionName": f"{p}:{r}:{n}",
        "settings": {"tier": f"db-custom-{rnd.choice([1, 2, 4, 8])}-{rnd.choice([3840, 7680, 15360])}",
                     "availabilityType": rnd.choice(["ZONAL", "REGIONAL"]), "dataDiskSizeGb": str(rnd.randint(10, 2000)),
                     "settingsVersion": str(rnd.randint(1, 500)),
                     "ipConfiguration": {"ipv4Enabled": rnd.random() < .3, "privateNetwork": f"projects/{p}/global/networks/vpc-{rnd.randint(0, 9)}",
                                         "sslMode": rnd.choice(["ENCRYPTED_ONLY", "ALLOW_UNENCRYPTED_AND_ENCRYPTED"]),
                                         "authorizedNetworks": [{"value": f"{ip()}/32", "name": phrase(1)} for _ in range(rnd.randint(0, 3))]},
                     "backupConfiguration": {"enabled": rnd.random() < .9, "pointInTimeRecoveryEnabled": rnd.random() < .7,
                                             "startTime": f"{rnd.randint(0, 23):02d}:00",
                                             "backupRetentionSettings": {"retainedBackups": rnd.randint(1, 365), "retentionUnit": "COUNT"}},
                     "databaseFlags": [{"name": f, "value": rnd.choice(["on", "off"])} for f in rnd.sample(
                         ["log_connections", "log_disconnections", "log_checkpoints", "log_lock_waits", "cloudsql.iam_authentication"], rnd.randint(0, 4))],
                     "userLabels": labels(), "deletionProtectionEnabled": rnd.random() < .6},
        "ipAddresses": [{"ipAddress": ip(), "type": "PRIVATE"}], "state": "RUNNABLE"})

def v_sa(i, p, r):
    uid = str(rnd.randint(10**20, 10**21))
    e = f"{rnd.choice(words)}-{i}@{p}.iam.gserviceaccount.com"
    return ("iam.googleapis.com/ServiceAccount", f"//iam.googleapis.com/projects/{p}/serviceAccounts/{uid}", "ServiceAccount", {
        "email": e, "name": f"projects/{p}/serviceAccounts/{e}", "projectId": p, "uniqueId": uid,
        "displayName": phrase(3), "description": phrase(rnd.randint(3, 12)), "oauth2ClientId": uid, "etag": etag()})

def v_key(i, p, r):
    kid = "%040x" % rnd.getrandbits(160)
    e = f"{rnd.choice(words)}-{i}@{p}.iam.gserviceaccount.com"
    return ("iam.googleapis.com/ServiceAccountKey", f"//iam.googleapis.com/projects/{p}/serviceAccounts/{e}/keys/{kid}", "ServiceAccountKey", {
        "name": f"projects/{p}/serviceAccounts/{e}/keys/{kid}", "validAfterTime": ts(), "validBeforeTime": ts(),
        "keyAlgorithm": "KEY_ALG_RSA_2048", "keyOrigin": "GOOGLE_PROVIDED", "keyType": rnd.choice(["USER_MANAGED", "SYSTEM_MANAGED"])})

def v_firewall(i, p, r):
    n = f"allow-{rnd.choice(words)}-{i}"
    return ("compute.googleapis.com/Firewall", f"//compute.googleapis.com/projects/{p}/global/firewalls/{n}", "Firewall", {
        "name": n, "network": f"https://www.googleapis.com/compute/v1/projects/{p}/global/networks/vpc-{rnd.randint(0, 9)}",
        "direction": rnd.choice(["INGRESS", "EGRESS"]), "priority": rnd.randint(100, 65000), "description": phrase(rnd.randint(2, 10)),
        "sourceRanges": [f"{ip()}/{rnd.choice([8, 16, 24, 32])}" for _ in range(rnd.randint(1, 4))],
        "allowed": [{"IPProtocol": rnd.choice(["tcp", "udp"]), "ports": [str(rnd.randint(1, 65535)) for _ in range(rnd.randint(1, 3))]}],
        "targetTags": [rnd.choice(words) for _ in range(rnd.randint(0, 3))], "disabled": rnd.random() < .1,
        "logConfig": {"enable": rnd.random() < .5}, "selfLink": f"https://www.googleapis.com/compute/v1/projects/{p}/global/firewalls/{n}",
        "creationTimestamp": ts(), "id": str(rnd.randint(10**18, 10**19))})

def v_instance(i, p, r):
    n = f"{rnd.choice(words)}-vm-{i}"
    z = f"{r}-{rnd.choice('abc')}"
    return ("compute.googleapis.com/Instance", f"//compute.googleapis.com/projects/{p}/zones/{z}/instances/{n}", "Instance", {
        "name": n, "id": str(rnd.randint(10**18, 10**19)), "zone": f"https://www.googleapis.com/compute/v1/projects/{p}/zones/{z}",
        "machineType": f"https://www.googleapis.com/compute/v1/projects/{p}/zones/{z}/machineTypes/{rnd.choice(['e2-small', 'n2-standard-4', 'c3-standard-8'])}",
        "status": rnd.choice(["RUNNING", "TERMINATED"]), "creationTimestamp": ts(), "labels": labels(), "fingerprint": etag(),
        "canIpForward": rnd.random() < .05, "deletionProtection": rnd.random() < .3,
        "networkInterfaces": [{"network": f"https://www.googleapis.com/compute/v1/projects/{p}/global/networks/vpc-{rnd.randint(0, 9)}",
                               "subnetwork": f"https://www.googleapis.com/compute/v1/projects/{p}/regions/{r}/subnetworks/sub-{rnd.randint(0, 99)}",
                               "networkIP": ip(), "name": "nic0", "fingerprint": etag()}],
        "disks": [{"deviceName": f"{n}-disk-{d}", "boot": d == 0, "autoDelete": True, "diskSizeGb": str(rnd.randint(10, 500)),
                   "source": f"https://www.googleapis.com/compute/v1/projects/{p}/zones/{z}/disks/{n}-disk-{d}"} for d in range(rnd.randint(1, 2))],
        "serviceAccounts": [{"email": f"{rnd.choice(words)}-{rnd.randint(0, n_sa)}@{p}.iam.gserviceaccount.com",
                             "scopes": ["https://www.googleapis.com/auth/cloud-platform"]}],
        "shieldedInstanceConfig": {"enableSecureBoot": rnd.random() < .5, "enableVtpm": True, "enableIntegrityMonitoring": True},
        "metadata": {"fingerprint": etag(), "items": [{"key": "enable-oslogin", "value": rnd.choice(["TRUE", "FALSE"])}]}})

def v_run(i, p, r):
    n = f"{rnd.choice(words)}-svc-{i}"
    return ("run.googleapis.com/Service", f"//run.googleapis.com/projects/{p}/locations/{r}/services/{n}", "Service", {
        "name": f"projects/{p}/locations/{r}/services/{n}", "uid": "%032x" % rnd.getrandbits(128), "generation": str(rnd.randint(1, 90)),
        "labels": labels(), "createTime": ts(), "updateTime": ts(), "creator": f"{rnd.choice(words)}@example.com",
        "ingress": rnd.choice(["INGRESS_TRAFFIC_ALL", "INGRESS_TRAFFIC_INTERNAL_ONLY", "INGRESS_TRAFFIC_INTERNAL_LOAD_BALANCER"]),
        "launchStage": "GA", "uri": f"https://{n}-{rnd.getrandbits(40):x}-uc.a.run.app", "etag": etag(),
        "template": {"serviceAccount": f"{rnd.choice(words)}-{rnd.randint(0, n_sa)}@{p}.iam.gserviceaccount.com",
                     "containers": [{"image": f"{r}-docker.pkg.dev/{p}/apps/{n}@sha256:{rnd.getrandbits(256):064x}",
                                     "resources": {"limits": {"cpu": str(rnd.choice([1, 2, 4])), "memory": f"{rnd.choice([512, 1024, 2048])}Mi"}},
                                     "env": [{"name": f"VAR_{k}", "value": phrase(1)} for k in range(rnd.randint(0, 4))]}],
                     "vpcAccess": {"connector": f"projects/{p}/locations/{r}/connectors/conn-{rnd.randint(0, 3)}", "egress": "PRIVATE_RANGES_ONLY"},
                     "maxInstanceRequestConcurrency": rnd.randint(1, 1000), "timeout": f"{rnd.randint(1, 3600)}s"}})

def v_subnet(i, p, r):
    n = f"sub-{rnd.choice(words)}-{i}"
    return ("compute.googleapis.com/Subnetwork", f"//compute.googleapis.com/projects/{p}/regions/{r}/subnetworks/{n}", "Subnetwork", {
        "name": n, "id": str(rnd.randint(10**18, 10**19)), "ipCidrRange": f"10.{rnd.randint(0, 255)}.{rnd.randint(0, 255)}.0/24",
        "gatewayAddress": ip(), "network": f"https://www.googleapis.com/compute/v1/projects/{p}/global/networks/vpc-{rnd.randint(0, 9)}",
        "region": f"https://www.googleapis.com/compute/v1/projects/{p}/regions/{r}", "privateIpGoogleAccess": rnd.random() < .7,
        "logConfig": {"enable": rnd.random() < .4, "flowSampling": round(rnd.random(), 3)}, "fingerprint": etag(), "creationTimestamp": ts(),
        "purpose": "PRIVATE", "stackType": "IPV4_ONLY"})

def v_kms(i, p, r):
    ring, key = f"ring-{rnd.randint(0, 20)}", f"{rnd.choice(words)}-key-{i}"
    return ("cloudkms.googleapis.com/CryptoKey", f"//cloudkms.googleapis.com/projects/{p}/locations/{r}/keyRings/{ring}/cryptoKeys/{key}", "CryptoKey", {
        "name": f"projects/{p}/locations/{r}/keyRings/{ring}/cryptoKeys/{key}", "purpose": "ENCRYPT_DECRYPT", "createTime": ts(),
        "nextRotationTime": ts(), "rotationPeriod": f"{rnd.randint(1, 365) * 86400}s", "labels": labels(),
        "primary": {"name": f"projects/{p}/locations/{r}/keyRings/{ring}/cryptoKeys/{key}/cryptoKeyVersions/{rnd.randint(1, 30)}",
                    "state": "ENABLED", "createTime": ts(), "protectionLevel": rnd.choice(["SOFTWARE", "HSM"]), "algorithm": "GOOGLE_SYMMETRIC_ENCRYPTION"},
        "versionTemplate": {"protectionLevel": rnd.choice(["SOFTWARE", "HSM"]), "algorithm": "GOOGLE_SYMMETRIC_ENCRYPTION"}})

n_sa = max(n // 10, 1)
kinds = [v_bucket, v_sql, v_sa, v_key, v_firewall, v_instance, v_run, v_subnet, v_kms, v_instance] if varied else [bucket, sql, sa, firewall]
with open(out, "w") as f:
    for i in range(n):
        if varied:
            p = rnd.choice(projects)
            r = rnd.choice(regions)
            t, name, disc, data = kinds[rnd.randrange(len(kinds))](i, p, r)
            folder = f"folders/{100000000000 + projects.index(p) % 40}"
            rec = {"name": name, "asset_type": t, "ancestors": [f"projects/{p}", folder, "organizations/112233445566"], "update_time": ts(),
                   "resource": {"version": "v1", "discovery_document_uri": f"https://www.googleapis.com/discovery/v1/apis/{t.split('.')[0]}/v1/rest",
                                "discovery_name": disc, "parent": f"//cloudresourcemanager.googleapis.com/projects/{p}", "data": data, "location": r}}
            if rnd.random() < .2:
                rec["iam_policy"] = {"etag": etag(), "bindings": [
                    {"role": rnd.choice(["roles/viewer", "roles/editor", "roles/storage.objectViewer", "roles/run.invoker", "roles/cloudkms.cryptoKeyEncrypterDecrypter"]),
                     "members": [rnd.choice(["user", "group", "serviceAccount"]) + f":{rnd.choice(words)}-{rnd.randint(0, 99999)}@example.com"
                                 for _ in range(rnd.randint(1, 4))]} for _ in range(rnd.randint(1, 3))]}
        else:
            p = projects[i % len(projects)]
            t, name, disc, data = kinds[i % len(kinds)](i, p)
            rec = {"name": name, "asset_type": t, "ancestors": anc(p), "update_time": "2026-05-04T01:55:00Z",
                   "resource": {"version": "v1", "discovery_document_uri": "https://www.googleapis.com/discovery/v1/apis/x/v1/rest",
                                "discovery_name": disc, "parent": f"//cloudresourcemanager.googleapis.com/projects/{p}",
                                "data": data, "location": "us-central1"}}
            if i % 10 == 0:
                rec["iam_policy"] = {"bindings": [{"role": "roles/viewer", "members": [f"user:u{i}@example.com", "group:eng@example.com"]}]}
        f.write(json.dumps(rec, separators=(",", ":")) + "\n")
