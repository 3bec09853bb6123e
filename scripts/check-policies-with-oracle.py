#!/usr/bin/env python3
"""Check the policy pack against Google's CEL (cel-expr-python), independently of the Swift engine.

For every policy file under policies/<family>/: checks the fields the loader requires, then
evaluates `applies` and `condition` of every example that carries a CAI `asset` with Google's
reference CEL runtime, binding the variables and graph functions the way
docs/policy-language.md defines them, and compares the outcome with the example's
`compliant`. Terraform-only examples are counted, not evaluated (they need the converter).

Setup: python3 -m venv .venv-cel && .venv-cel/bin/pip install cel-expr-python pyyaml
Use:   .venv-cel/bin/python scripts/check-policies-with-oracle.py [policies-dir]
Exit status 1 when any check fails.
"""
import os
import re
import sys

import yaml
from cel_expr_python import cel
from cel_expr_python.ext import ext_math, ext_optional, ext_strings

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FAMILIES = {"least-privilege", "private-ip", "encryption", "public-access", "deletion-protection", "logging"}
SEVERITIES = {"critical", "high", "medium", "low", "info"}
REQUIRED = ["id", "title", "family", "severity", "resourceTypes", "condition", "rationale", "remediation", "examples"]
VARS = ["resource", "asset", "iamPolicy", "params", "environment", "terraform", "project"]
PROJECT_TYPE = "cloudresourcemanager.googleapis.com/Project"


def load_profiles(pdir):
    raw = {}
    for f in os.listdir(pdir):
        if f.endswith(".yaml"):
            with open(os.path.join(pdir, f)) as fh:
                d = yaml.safe_load(fh)
            raw[d["name"]] = d

    def resolved(name):
        d = raw[name]
        base = resolved(d["extends"]) if d.get("extends") else {"params": {}, "environments": {}, "severity": {}, "disabled": []}
        out = {"params": dict(base["params"]), "environments": {k: dict(v) for k, v in base["environments"].items()},
               "severity": dict(base["severity"]), "disabled": list(base["disabled"]),
               "defaultEnvironment": d.get("defaultEnvironment", base.get("defaultEnvironment"))}
        out["params"].update(d.get("params") or {})
        for env, ov in (d.get("environments") or {}).items():
            out["environments"].setdefault(env, {}).update(ov or {})
        out["severity"].update(d.get("severity") or {})
        out["disabled"] += d.get("disabled") or []
        return out

    return {n: resolved(n) for n in raw}


def params_for(profile, env):
    p = dict(profile["params"])
    p.update(profile["environments"].get(env, {}))
    return p


def project_of(a):
    for anc in a.get("ancestors") or []:
        if anc.startswith("projects/"):
            return anc.split("/")[1]
    m = re.search(r"/projects/([^/]+)", a.get("name", ""))
    if m:
        return m.group(1)
    return ""


def data_of(a):
    return ((a.get("resource") or {}).get("data")) or {}


def view(a):
    d = data_of(a)
    return {"name": a["name"], "assetType": a["assetType"], "labels": a.get("labels") or d.get("labels") or {},
            "location": (a.get("resource") or {}).get("location", ""), "resource": d,
            "iamPolicy": iam_of(a)}


def iam_of(a):
    p = dict(a.get("iamPolicy") or {})
    p.setdefault("bindings", [])
    p.setdefault("auditConfigs", [])
    return p


def get(d, *path):
    for k in path:
        if isinstance(d, dict) and k in d:
            d = d[k]
        elif isinstance(d, list) and isinstance(k, int) and k < len(d):
            d = d[k]
        else:
            return None
    return d


def edge_targets(a, kind):
    """The references each edge kind follows (mirrors Sources/Policy/GraphFunctions.swift)."""
    d = data_of(a)
    t = a["assetType"]
    refs = []
    if kind == "serviceAccount":
        refs = [get(d, "template", "serviceAccount"), get(d, "spec", "template", "spec", "serviceAccountName"),
                get(d, "template", "template", "serviceAccount")]
    elif kind == "network":
        refs = [get(d, "settings", "ipConfiguration", "privateNetwork"), get(d, "authorizedNetwork"), get(d, "network")]
    elif kind == "connector":
        refs = [get(d, "template", "vpcAccess", "connector"),
                get(d, "spec", "template", "metadata", "annotations", "run.googleapis.com/vpc-access-connector")]
    elif kind == "kmsKey":
        refs = [get(d, "diskEncryptionConfiguration", "kmsKeyName"), get(d, "kmsKeyName"),
                get(d, "encryption", "defaultKmsKeyName"), get(d, "customerManagedKey")]
    return [r for r in refs if isinstance(r, str) and r]


TARGET_TYPE = {"serviceAccount": "iam.googleapis.com/ServiceAccount", "network": "compute.googleapis.com/Network",
               "connector": "vpcaccess.googleapis.com/Connector", "kmsKey": "cloudkms.googleapis.com/CryptoKey"}


def matches_ref(target, ref, kind):
    if kind == "serviceAccount":
        return data_of(target).get("email") == ref or target["name"].endswith("/serviceAccounts/" + ref)
    ref = ref.split("googleapis.com/")[-1].lstrip("/")
    if "/" not in ref:  # a bare name: compare with the last segment
        return target["name"].rsplit("/", 1)[-1] == ref
    return target["name"].endswith("/" + ref)


def make_env(scan, a, params):
    proj = project_of(a)
    same = [x for x in scan if project_of(x) == proj]

    def assets_of_type(t):
        return [view(x) for x in same if x["assetType"] == t]

    def related(kind):
        if kind == "grantedOn":
            email = data_of(a).get("email", "")
            return [view(x) for x in scan if any(("serviceAccount:" + email) in b.get("members", []) for b in iam_of(x)["bindings"])]
        tt = TARGET_TYPE.get(kind)
        refs = edge_targets(a, kind)
        return [view(x) for x in scan if x["assetType"] == tt and any(matches_ref(x, r, kind) for r in refs)]

    def account_id(m):
        m = str(m)
        if m.startswith("serviceAccount:") and m.endswith(".iam.gserviceaccount.com"):
            return m[len("serviceAccount:"):].split("@")[0]
        return ""

    pa = project_asset(scan, a, proj)

    def roles_of(m):
        return [b["role"] for b in iam_of(pa)["bindings"] if m in b.get("members", [])]

    def allowlisted_roles(m):
        aid = account_id(m)
        if not aid:
            return None
        roles, matched = [], False
        for l in params.get("serviceAccountAllowlists", []):
            if re.search(l["accountPattern"], aid):
                matched = True
                roles += l["roles"]
        return roles if matched else None

    fns = [
        cel.FunctionDecl("allowlistedRoles", [cel.Overload("allowlistedRoles_string", cel.Type.DYN, [cel.Type.STRING], impl=allowlisted_roles)]),
        cel.FunctionDecl("assetsOfType", [cel.Overload("assetsOfType_string", cel.Type.DYN, [cel.Type.STRING], impl=assets_of_type)]),
        cel.FunctionDecl("related", [cel.Overload("related_string", cel.Type.DYN, [cel.Type.STRING], impl=related)]),
        cel.FunctionDecl("accountId", [cel.Overload("accountId_string", cel.Type.STRING, [cel.Type.STRING], impl=account_id)]),
        cel.FunctionDecl("rolesOf", [cel.Overload("rolesOf_string", cel.Type.DYN, [cel.Type.STRING], impl=roles_of)]),
    ]
    return cel.NewEnv(variables={n: cel.Type.DYN for n in VARS},
                      extensions=[ext_strings.ExtStrings(), ext_math.ExtMath(), ext_optional.ExtOptional()],
                      functions=fns), pa


def project_asset(scan, a, proj):
    for x in scan:
        if x["assetType"] == PROJECT_TYPE and project_of(x) == proj:
            return x
    return {"name": "//cloudresourcemanager.googleapis.com/projects/" + proj, "assetType": PROJECT_TYPE,
            "ancestors": ["projects/" + proj]}


def evaluate(expr, env, vars_):
    compiled = env.compile(expr, disable_check=True)
    r = compiled.eval(data=vars_)
    if r.type().name().upper() == "ERROR":
        raise RuntimeError(str(r))
    return r.value()


def check_policy(path, pol, profiles, problems, stats):
    rel = os.path.relpath(path, ROOT)
    for k in REQUIRED:
        if k not in pol:
            problems.append(f"{rel}: missing {k}")
            return
    if os.path.basename(path) != pol["id"] + ".yaml":
        problems.append(f"{rel}: file name does not match id {pol['id']}")
    if os.path.basename(os.path.dirname(path)) != pol["family"] or pol["family"] not in FAMILIES:
        problems.append(f"{rel}: family {pol['family']} does not match its folder")
    if pol["severity"] not in SEVERITIES:
        problems.append(f"{rel}: bad severity")
    exs = pol["examples"]
    tf = [e for e in exs if "terraform" in e]
    if not any(e["compliant"] for e in tf) or not any(not e["compliant"] for e in tf):
        problems.append(f"{rel}: needs a compliant and a non-compliant Terraform example")
    if pol.get("liveDecidable", True) and not any(not e["compliant"] and "asset" in e for e in exs):
        problems.append(f"{rel}: live-decidable policy needs a non-compliant asset example")
    for pname in pol.get("params", []):
        for prof_name, prof in profiles.items():
            for env in ["dev", "staging", "prod"]:
                if pname not in params_for(prof, env):
                    problems.append(f"{rel}: profile {prof_name} lacks param {pname} in {env}")
    for i, e in enumerate(exs):
        if "asset" not in e:
            stats["tf_only"] += 1
            continue
        a = e["asset"]
        prof = profiles[e.get("profile", "gcp-baseline")]
        env_name = e.get("environment", prof["defaultEnvironment"])
        scan = [a] + list(e.get("context", []))
        env, pa = make_env(scan, a, params_for(prof, env_name))
        vars_ = {"resource": data_of(a),
                 "asset": {"name": a["name"], "assetType": a["assetType"], "ancestors": a.get("ancestors", []),
                           "labels": a.get("labels") or data_of(a).get("labels") or {}, "project": project_of(a),
                           "location": (a.get("resource") or {}).get("location", ""), "iamPolicy": iam_of(a)},
                 "iamPolicy": iam_of(a), "params": params_for(prof, env_name), "environment": env_name,
                 "terraform": None,
                 "project": {"id": project_of(a), "name": pa["name"], "labels": pa.get("labels", {}),
                             "resource": data_of(pa), "iamPolicy": iam_of(pa)}}
        label = f"{rel} example {i + 1}" + (f" ({e['name']})" if "name" in e else "")
        try:
            applies = True
            if "applies" in pol:
                applies = evaluate(pol["applies"], env, vars_)
            outcome = evaluate(pol["condition"], env, vars_) if applies else True
        except Exception as ex:  # compile or runtime error
            problems.append(f"{label}: CEL error: {str(ex).splitlines()[0]}")
            continue
        if not isinstance(outcome, bool):
            problems.append(f"{label}: condition returned {outcome!r}, not a bool")
        elif outcome != e["compliant"]:
            problems.append(f"{label}: expected compliant={e['compliant']}, Google CEL says {outcome}")
        else:
            stats["asset_ok"] += 1
        if not outcome and "violations" in pol:
            try:
                v = evaluate(pol["violations"], env, vars_)
                if not list(v):
                    problems.append(f"{label}: violations is empty for a failing example")
            except Exception as ex:
                problems.append(f"{label}: violations CEL error: {str(ex).splitlines()[0]}")


def main():
    pdir = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "policies")
    profiles = load_profiles(os.path.join(ROOT, "policies", "profiles"))
    problems, ids = [], {}
    stats = {"policies": 0, "asset_ok": 0, "tf_only": 0}
    for fam in sorted(os.listdir(pdir)):
        fdir = os.path.join(pdir, fam)
        if fam == "profiles" or not os.path.isdir(fdir):
            continue
        for f in sorted(os.listdir(fdir)):
            if not f.endswith(".yaml"):
                continue
            path = os.path.join(fdir, f)
            with open(path) as fh:
                pol = yaml.safe_load(fh)
            stats["policies"] += 1
            if pol.get("id") in ids:
                problems.append(f"{path}: duplicate id {pol['id']} (also {ids[pol['id']]})")
            ids[pol.get("id")] = path
            check_policy(path, pol, profiles, problems, stats)
    for p in problems:
        print(p)
    print(f"{stats['policies']} policies; {stats['asset_ok']} asset examples agree with Google CEL; "
          f"{stats['tf_only']} Terraform-only examples not evaluated; {len(problems)} problems")
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
