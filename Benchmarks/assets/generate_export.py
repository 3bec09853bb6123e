#!/usr/bin/env python3
"""Writes a synthetic `gcloud asset export` NDJSON file (snake_case envelope, REST camelCase
data) with N assets of the kinds a real project holds, for the Assets load benchmark.

usage: generate_export.py N OUT.ndjson
"""
import json, random, sys

n, out = int(sys.argv[1]), sys.argv[2]
rnd = random.Random(42)
projects = [f"proj-{i:03d}" for i in range(50)]

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

kinds = [bucket, sql, sa, firewall]
with open(out, "w") as f:
    for i in range(n):
        p = projects[i % len(projects)]
        t, name, disc, data = kinds[i % len(kinds)](i, p)
        rec = {"name": name, "asset_type": t, "ancestors": anc(p), "update_time": "2026-05-04T01:55:00Z",
               "resource": {"version": "v1", "discovery_document_uri": "https://www.googleapis.com/discovery/v1/apis/x/v1/rest",
                            "discovery_name": disc, "parent": f"//cloudresourcemanager.googleapis.com/projects/{p}",
                            "data": data, "location": "us-central1"}}
        if i % 10 == 0:
            rec["iam_policy"] = {"bindings": [{"role": "roles/viewer", "members": [f"user:u{i}@example.com", "group:eng@example.com"]}]}
        f.write(json.dumps(rec, separators=(",", ":")) + "\n")
