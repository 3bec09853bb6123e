#!/usr/bin/env bash
# Terraform evaluation benchmark: generates ROOTS root modules sharing local modules
# (100 resource instances each; ROOTS=100 gives 10,000) and times evaluation on one core with
# `tollgate terraform bench`, which reports wall time and peak memory (max RSS).
# Usage: Benchmarks/terraform/run.sh [ROOTS] [RUNS]   (release build)
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
roots=${1:-100}
runs=${2:-5}
dir=${TMPDIR:-/tmp}/tollgate-tf-bench-$roots
rm -rf "$dir"
python3 "$root/Benchmarks/terraform/generate.py" "$dir" "$roots"
(cd "$root" && swift build -c release --product tollgate >/dev/null)
for i in $(seq "$runs"); do
  taskset -c 0 "$root/.build/release/tollgate" terraform bench "$dir" 2>/dev/null || "$root/.build/release/tollgate" terraform bench "$dir"
done
