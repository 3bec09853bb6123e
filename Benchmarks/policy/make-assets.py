#!/usr/bin/env python3
"""Writes a synthetic Cloud Asset Inventory export (NDJSON, `gcloud asset export` envelope)
for the policy benchmark, N assets in one of two mixes:

  reference (default): the exported InterviewLM prod project (examples/interviewlm/live:
      63 resources plus their IAM policies, 7 findings) cloned into N/63 projects with their
      own ids and numbers — a realistic estate where most evaluations pass.
  examples: the CAI assets of every policy example in policies/, cloned across projects of
      100 assets — a stress mix where about 70% of evaluations fail (every failure builds a
      finding with evidence and location).

Usage: make-assets.py N OUT.ndjson [reference|examples]
"""
import json
import os
import sys

import yaml

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
PROJECT = "cloudresourcemanager.googleapis.com/Project"


def templates():
    out = []
    for dirpath, _, files in os.walk(os.path.join(ROOT, "policies")):
        if "profiles" in dirpath:
            continue
        for f in sorted(files):
            if not f.endswith(".yaml"):
                continue
            pol = yaml.safe_load(open(os.path.join(dirpath, f))) or {}
            for e in pol.get("examples", []):
                for a in [e.get("asset")] + list(e.get("context", [])):
                    if a and a["assetType"] != PROJECT:
                        out.append(a)
    return out


def snake_iam(p):
    if not p:
        return None
    r = {"bindings": p.get("bindings", [])}
    if p.get("auditConfigs"):
        r["audit_configs"] = [{"service": c["service"], "audit_log_configs": [
            {"log_type": l["logType"], **({"exempted_members": l["exemptedMembers"]} if l.get("exemptedMembers") else {})}
            for l in c.get("auditLogConfigs", [])]} for c in p["auditConfigs"]]
    return r


def reference(n, path):
    live = os.path.join(ROOT, "examples", "interviewlm", "live")
    res = [l for l in open(os.path.join(live, "cai-resources.ndjson")) if l.strip()]
    iam = [l for l in open(os.path.join(live, "cai-iam-policies.ndjson")) if l.strip()]
    written = 0
    k = 0
    with open(path, "w") as out:
        while written < n:
            pid, num = f"bench-{k:05d}", str(900000000000 + k)
            for line in res:
                if written >= n:
                    break
                out.write(line.replace("interviewlm-prod", pid).replace("482915730164", num))
                written += 1
            for line in iam:
                out.write(line.replace("interviewlm-prod", pid).replace("482915730164", num))
            k += 1
    print(f"wrote {n} assets ({k} projects of the InterviewLM prod evidence) to {path}")


def main():
    n, path = int(sys.argv[1]), sys.argv[2]
    if (sys.argv[3] if len(sys.argv) > 3 else "reference") == "reference":
        return reference(n, path)
    ts = templates()
    with open(path, "w") as out:
        i = 0
        project = -1
        while i < n:
            if i % 100 == 0:
                project += 1
                pid = f"bench-{project}"
                # Every tenth project has a project asset with an IAM policy; the rest are implied.
                if project % 10 == 0:
                    rec = {"name": f"//cloudresourcemanager.googleapis.com/projects/{pid}", "asset_type": PROJECT,
                           "ancestors": [f"projects/{pid}"], "resource": {"data": {"projectId": pid}},
                           "iam_policy": {"bindings": [{"role": "roles/viewer", "members": ["user:a@example.com"]},
                                                       {"role": "roles/run.admin", "members": [f"serviceAccount:cicd@{pid}.iam.gserviceaccount.com"]}]}}
                    out.write(json.dumps(rec) + "\n")
                    i += 1
                    continue
            t = ts[i % len(ts)]
            name = t["name"].replace("/projects/p/", f"/projects/{pid}/") + f"-{i}"
            rec = {"name": name, "asset_type": t["assetType"], "ancestors": [f"projects/{pid}"]}
            if "resource" in t:
                rec["resource"] = {"data": t["resource"].get("data", {})}
            iam = snake_iam(t.get("iamPolicy"))
            if iam:
                rec["iam_policy"] = iam
            out.write(json.dumps(rec) + "\n")
            i += 1
    print(f"wrote {n} assets from {len(ts)} templates to {path}")


if __name__ == "__main__":
    main()
