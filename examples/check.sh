#!/usr/bin/env bash
# Parses every Terraform file under examples/ (and the tfvars) with HashiCorp's reference
# HCL parser (../shared/tools/hcl-oracle) and fails if any file has a syntax error.
# Usage: examples/check.sh [path-to-hcl-oracle]   (builds it into /tmp when absent)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
oracle=${1:-/tmp/hcl-oracle}
if [ ! -x "$oracle" ]; then
  build="$root/../shared/tools/hcl-oracle/build.sh"
  if [ ! -x "$build" ]; then
    echo "check.sh: hcl-oracle not found at $oracle and no $build to build it; skipping" >&2
    exit 0
  fi
  "$build" "$oracle" >/dev/null
fi
mapfile -t files < <(find "$here" \( -name '*.tf' -o -name '*.tfvars' \) -type f | sort)
if [ "${#files[@]}" -eq 0 ]; then
  echo "check.sh: no Terraform files found" >&2
  exit 1
fi
out=$("$oracle" "${files[@]}")
bad=$(printf '%s\n' "$out" | grep -v '"errors":\[\]' || true)
count=$(printf '%s\n' "$out" | grep -c '"errors":\[\]' || true)
if [ -n "$bad" ]; then
  printf '%s\n' "$bad" | sed -E 's/^\{"file":"([^"]*)","errors":(\[[^]]*\]).*/\1: \2/' >&2
  echo "check.sh: HCL errors in the files above" >&2
  exit 1
fi
if [ "$count" -ne "${#files[@]}" ]; then
  echo "check.sh: oracle printed $count results for ${#files[@]} files" >&2
  exit 1
fi
echo "check.sh: ${#files[@]} files parse with no errors"

# Cross-module wiring (what terraform validate would catch without providers).
if command -v python3 >/dev/null; then
  python3 "$here/interviewlm/tools/check_wiring.py" "$oracle"
else
  echo "check.sh: python3 not found; wiring check skipped" >&2
fi
