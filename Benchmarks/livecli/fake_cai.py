#!/usr/bin/env python3
"""Fake Cloud Asset Inventory for the `tollgate live` end-to-end benchmark.

Serves GET /v1/projects/bench-N/assets (contentType RESOURCE and IAM_POLICY, pageSize,
pageToken) for PROJECTS projects of PER_PROJECT assets each (buckets, Cloud SQL instances,
Compute instances, Cloud Run services; the same workload as Tests/LiveTests/LiveBenchmark.swift),
the first WITH_POLICY assets of each project with an IAM policy. Pages are built once, up
front, so the server's own CPU stays small. Prints the port on stdout, then serves forever.

Usage: fake_cai.py [PROJECTS] [PER_PROJECT] [WITH_POLICY] [TOKEN]
"""
import json
import sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse

PROJECTS = int(sys.argv[1]) if len(sys.argv) > 1 else 20
PER_PROJECT = int(sys.argv[2]) if len(sys.argv) > 2 else 5000
WITH_POLICY = int(sys.argv[3]) if len(sys.argv) > 3 else 1000
TOKEN = sys.argv[4] if len(sys.argv) > 4 else "bench-token"
PAGE = 1000
READ_TIME = "2026-11-20T00:00:00Z"


def resource(p, i):
    project, number = f"bench-{p}", 5000 + p
    anc = [f"projects/{number}", "organizations/42"]
    parent = f"//cloudresourcemanager.googleapis.com/projects/{number}"
    kind = i % 4
    if kind == 0:
        name = f"{project}-bucket-{i}"
        return {"name": f"//storage.googleapis.com/{name}", "assetType": "storage.googleapis.com/Bucket", "ancestors": anc,
                "resource": {"version": "v1", "discoveryName": "Bucket", "parent": parent, "location": "eu",
                             "discoveryDocumentUri": "https://www.googleapis.com/discovery/v1/apis/storage/v1/rest",
                             "data": {"name": name, "location": "EU",
                                      "iamConfiguration": {"uniformBucketLevelAccess": {"enabled": True}},
                                      "versioning": {"enabled": False}, "labels": {"env": "prod"}}},
                "updateTime": "2026-11-19T10:00:00.123Z"}
    if kind == 1:
        return {"name": f"//cloudsql.googleapis.com/projects/{project}/instances/db-{i}", "assetType": "sqladmin.googleapis.com/Instance",
                "ancestors": anc,
                "resource": {"version": "v1beta4", "discoveryName": "DatabaseInstance", "parent": parent, "location": "europe-west1",
                             "discoveryDocumentUri": "https://sqladmin.googleapis.com/$discovery/rest?version=v1beta4",
                             "data": {"name": f"db-{i}", "databaseVersion": "POSTGRES_16",
                                      "settings": {"ipConfiguration": {"ipv4Enabled": False,
                                                                       "privateNetwork": f"projects/{project}/global/networks/vpc"},
                                                   "backupConfiguration": {"enabled": True}}}},
                "updateTime": "2026-11-19T09:00:00Z"}
    if kind == 2:
        return {"name": f"//compute.googleapis.com/projects/{project}/zones/europe-west1-b/instances/vm-{i}",
                "assetType": "compute.googleapis.com/Instance", "ancestors": anc,
                "resource": {"version": "v1", "discoveryName": "Instance", "parent": parent, "location": "europe-west1-b",
                             "discoveryDocumentUri": "https://compute.googleapis.com/discovery/v1/apis/compute/v1/rest",
                             "data": {"name": f"vm-{i}", "machineType": "e2-medium", "status": "RUNNING", "canIpForward": False,
                                      "networkInterfaces": [{"network": f"projects/{project}/global/networks/vpc",
                                                             "networkIP": f"10.0.{i % 250}.{i % 200}", "accessConfigs": []}],
                                      "shieldedInstanceConfig": {"enableSecureBoot": True, "enableVtpm": True},
                                      "serviceAccounts": [{"email": f"vm@{project}.iam.gserviceaccount.com",
                                                           "scopes": ["https://www.googleapis.com/auth/cloud-platform"]}],
                                      "labels": {"env": "prod", "team": "platform"}}},
                "updateTime": "2026-11-19T08:00:00Z"}
    return {"name": f"//run.googleapis.com/projects/{project}/locations/europe-west1/services/svc-{i}",
            "assetType": "run.googleapis.com/Service", "ancestors": anc,
            "resource": {"version": "v2", "discoveryName": "Service", "parent": parent, "location": "europe-west1",
                         "data": {"name": f"projects/{project}/locations/europe-west1/services/svc-{i}",
                                  "ingress": "INGRESS_TRAFFIC_INTERNAL_ONLY",
                                  "template": {"serviceAccount": f"run@{project}.iam.gserviceaccount.com",
                                               "containers": [{"image": f"europe-docker.pkg.dev/{project}/app/app:1.2.{i}",
                                                               "resources": {"limits": {"cpu": "1", "memory": "512Mi"}},
                                                               "env": [{"name": "NODE_ENV", "value": "production"}]}],
                                               "vpcAccess": {"connector": f"projects/{project}/locations/europe-west1/connectors/c",
                                                             "egress": "PRIVATE_RANGES_ONLY"}}}},
            "updateTime": "2026-11-19T07:00:00Z"}


def pages(assets):
    out = []
    for start in range(0, max(1, len(assets)), PAGE):
        body = {"readTime": READ_TIME}
        chunk = assets[start:start + PAGE]
        if chunk:
            body["assets"] = chunk
        if start + PAGE < len(assets):
            body["nextPageToken"] = f"page-{start + PAGE}"
        out.append(json.dumps(body, separators=(",", ":")).encode())
    return out


LISTINGS = {}
for p in range(PROJECTS):
    res = [resource(p, i) for i in range(PER_PROJECT)]
    pol = [{"name": r["name"], "assetType": r["assetType"], "ancestors": r["ancestors"],
            "iamPolicy": {"version": 1, "etag": f"BwX{i}",
                          "bindings": [{"role": "roles/viewer",
                                        "members": ["group:devs@example.com", "serviceAccount:ci@bench.iam.gserviceaccount.com"]}]}}
           for i, r in enumerate(res[:WITH_POLICY])]
    LISTINGS[f"projects/bench-{p}"] = {"RESOURCE": pages(res), "IAM_POLICY": pages(pol)}


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def send(self, status, body):
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):
        u = urlparse(self.path)
        q = parse_qs(u.query)
        if self.headers.get("Authorization") != f"Bearer {TOKEN}":
            return self.send(401, b'{"error":{"code":401,"message":"bad token","status":"UNAUTHENTICATED"}}')
        parent = u.path[len("/v1/"):-len("/assets")] if u.path.startswith("/v1/") and u.path.endswith("/assets") else None
        listing = LISTINGS.get(parent)
        if listing is None:
            return self.send(404, b'{"error":{"code":404,"message":"not found","status":"NOT_FOUND"}}')
        token = q.get("pageToken", ["page-0"])[0]
        page = int(token[len("page-"):]) // PAGE
        self.send(200, listing[q.get("contentType", ["RESOURCE"])[0]][page])


server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
print(server.server_address[1], flush=True)
server.serve_forever()
