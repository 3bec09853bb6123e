#!/usr/bin/env python3
"""Checks what `terraform validate` would check across modules, without providers:
every var./local./resource/module reference is declared, every module call passes only
declared variables and all required ones, every module output referenced exists, every
variable is used, and each terraform.tfvars sets exactly the root's required variables
(and nothing undeclared). Reads the parse trees printed by hcl-oracle.

Usage: check_wiring.py HCL_ORACLE
"""
import glob
import json
import os
import re
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
BASE = os.path.normpath(os.path.join(HERE, ".."))


def parse(oracle, files):
    out = subprocess.run([oracle] + files, capture_output=True, text=True, check=True).stdout
    return [json.loads(line) for line in out.splitlines()]


def refs_of(body, acc):
    for a in body.get("attributes", []):
        acc.extend(a.get("refs", []))
    for b in body.get("blocks", []):
        refs_of(b["body"], acc)


def main():
    oracle = sys.argv[1]
    dirs = sorted(glob.glob(os.path.join(BASE, "modules", "*"))) + sorted(glob.glob(os.path.join(BASE, "environments", "*")))
    info = {}
    for d in dirs:
        m = {"vars": {}, "outs": set(), "locals": set(), "res": set(), "mods": {}, "refs": []}
        for doc in parse(oracle, sorted(glob.glob(os.path.join(d, "*.tf")))):
            for b in doc["body"].get("blocks", []):
                kind, labels, body = b["type"], b["labels"], b["body"]
                names = {a["name"] for a in body.get("attributes", [])}
                if kind == "variable":
                    m["vars"][labels[0]] = "default" in names
                elif kind == "output":
                    m["outs"].add(labels[0])
                elif kind == "locals":
                    m["locals"].update(names)
                elif kind in ("resource", "data"):
                    m["res"].add(("data." if kind == "data" else "") + labels[0] + "." + labels[1])
                elif kind == "module":
                    src = next(a for a in body["attributes"] if a["name"] == "source")["value"]["v"]
                    m["mods"][labels[0]] = (src, names - {"source", "depends_on", "count", "for_each", "providers"})
                refs_of(body, m["refs"])
        info[d] = m

    problems = []
    for d, m in info.items():
        rel = os.path.relpath(d, BASE)
        used = set()
        for r in m["refs"]:
            parts = [re.sub(r"\[.*$", "", p) for p in r.split(".")]
            if parts[0] == "var":
                used.add(parts[1])
                if parts[1] not in m["vars"]:
                    problems.append(f"{rel}: undeclared {r}")
            elif parts[0] == "local" and parts[1] not in m["locals"]:
                problems.append(f"{rel}: undeclared {r}")
            elif re.match(r"^(google|random)_", parts[0]) and f"{parts[0]}.{parts[1]}" not in m["res"]:
                problems.append(f"{rel}: unknown resource {r}")
            elif parts[0] == "module":
                if parts[1] not in m["mods"]:
                    problems.append(f"{rel}: unknown module {r}")
                    continue
                target = info[os.path.normpath(os.path.join(d, m["mods"][parts[1]][0]))]
                if len(parts) > 2 and parts[2] not in target["outs"]:
                    problems.append(f"{rel}: {r} is not an output")
        for v in m["vars"]:
            if v not in used:
                problems.append(f"{rel}: variable {v} is never used")
        for name, (src, args) in m["mods"].items():
            target = info[os.path.normpath(os.path.join(d, src))]
            for a in sorted(args - set(target["vars"])):
                problems.append(f"{rel}: module {name} passes undeclared {a}")
            for v, has_default in target["vars"].items():
                if not has_default and v not in args:
                    problems.append(f"{rel}: module {name} misses required {v}")
        tfvars = os.path.join(d, "terraform.tfvars")
        if os.path.exists(tfvars):
            names = {a["name"] for a in parse(oracle, [tfvars])[0]["body"]["attributes"]}
            for n in sorted(names - set(m["vars"])):
                problems.append(f"{rel}: terraform.tfvars sets undeclared {n}")
            for v, has_default in m["vars"].items():
                if not has_default and v not in names:
                    problems.append(f"{rel}: terraform.tfvars misses {v}")
    if problems:
        print("\n".join(problems), file=sys.stderr)
        return 1
    print(f"check_wiring.py: {len(info)} modules wired consistently")
    return 0


if __name__ == "__main__":
    sys.exit(main())
