#!/usr/bin/env python3
"""Regenerate the expected results of the CEL conformance fixtures with the oracle.

Each Tests/CELTests/Fixtures/*.jsonl line is {"expr": ..., "vars": {...}, "expect": {...}},
written ASCII-only with json.dumps defaults, so the text after `"expect": ` is byte for byte
the oracle's output line (which the Swift conformance test compares against).
This script sends every (expr, vars) to ../shared/tools/cel-oracle.py (Google's C++ CEL via
the PyPI package cel-expr-python) and rewrites "expect" with the oracle's output line.
Add a case by appending a line with just "expr" and "vars", then run this script.

Setup (once):  python3 -m venv .venv-cel && .venv-cel/bin/pip install cel-expr-python
Use:           scripts/cel-fixtures.py            # all files
               scripts/cel-fixtures.py --check    # report cases whose expectation would change
"""
import glob
import json
import os
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def find_oracle():
    """../shared/tools/cel-oracle.py from the repo root (or from a parent, for worktrees)."""
    if os.environ.get("CEL_ORACLE"):
        return os.environ["CEL_ORACLE"]
    d = ROOT
    while True:
        candidate = os.path.join(os.path.dirname(d), "shared", "tools", "cel-oracle.py")
        if os.path.exists(candidate) or os.path.dirname(d) == d:
            return candidate
        d = os.path.dirname(d)


ORACLE = find_oracle()
PYTHON = os.path.join(ROOT, ".venv-cel", "bin", "python")


def main():
    check = "--check" in sys.argv
    if not os.path.exists(ORACLE):
        sys.exit(f"oracle not found at {ORACLE}")
    if not os.path.exists(PYTHON):
        sys.exit(f"no {PYTHON}: python3 -m venv .venv-cel && .venv-cel/bin/pip install cel-expr-python")
    changed = 0
    for path in sorted(glob.glob(os.path.join(ROOT, "Tests", "CELTests", "Fixtures", "*.jsonl"))):
        cases = [json.loads(l) for l in open(path, encoding="utf-8") if l.strip()]
        inp = "".join(json.dumps({"expr": c["expr"], "vars": c.get("vars", {})}) + "\n" for c in cases)
        out = subprocess.run([PYTHON, ORACLE], input=inp, capture_output=True, text=True, check=True).stdout
        results = [json.loads(l) for l in out.splitlines()]
        assert len(results) == len(cases), f"{path}: oracle returned {len(results)} lines for {len(cases)} cases"
        for c, r in zip(cases, results):
            if c.get("expect") != r:
                changed += 1
                if check:
                    print(f"{os.path.basename(path)}: {c['expr']!r}: {c.get('expect')} -> {r}")
            c["expect"] = r
        if not check:
            with open(path, "w", encoding="utf-8") as f:
                for c in cases:
                    f.write(json.dumps({"expr": c["expr"], "vars": c.get("vars", {}), "expect": c["expect"]},
                                       ) + "\n")
        print(f"{os.path.basename(path)}: {len(cases)} cases", file=sys.stderr)
    print(f"{changed} expectations {'would change' if check else 'updated'}", file=sys.stderr)


if __name__ == "__main__":
    main()
