#!/usr/bin/env bash
# HCL benchmark: `tollgate hcl dump` vs HashiCorp's parser (hcl-oracle) over the 481 files of
# ../shared/corpus/hcl-real, side by side in one run, then parse-only throughput on one core.
# Usage: Benchmarks/hcl/run.sh [RUNS]   (release build; hyperfine is used when installed)
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
shared=${SHARED:-$root/../shared}
[ -d "$shared" ] || shared=$root/../../shared
corpus=$shared/corpus/hcl-real
oracle=${HCL_ORACLE:-/tmp/hcl-oracle}
runs=${1:-20}
[ -x "$oracle" ] || "$shared/tools/hcl-oracle/build.sh" "$oracle" >/dev/null
(cd "$root" && swift build -c release --product tollgate >/dev/null)
tollgate=$root/.build/release/tollgate
mapfile -t files < <(find "$corpus" -name '*.tf' | sort)
echo "files: ${#files[@]}, bytes: $(cat "${files[@]}" | wc -c)"

# Same output first: the comparison must agree before timing means anything.
"$oracle" "${files[@]}" > /tmp/hcl-bench-expected.jsonl
"$tollgate" hcl dump "${files[@]}" > /tmp/hcl-bench-actual.jsonl
"$shared/tools/hcl-compare.py" /tmp/hcl-bench-expected.jsonl /tmp/hcl-bench-actual.jsonl | tail -1

if command -v hyperfine >/dev/null; then
  hyperfine -N --warmup 3 --runs "$runs" \
    -n oracle "$oracle ${files[*]}" \
    -n tollgate "$tollgate hcl dump ${files[*]}"
else
  # Interleaved runs, best and median wall time of each.
  python3 - "$runs" "$oracle" "$tollgate" "${files[@]}" <<'PY'
import os, statistics, subprocess, sys, time
runs, oracle, tollgate, files = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4:]
cmds = {"oracle": [oracle] + files, "tollgate": [tollgate, "hcl", "dump"] + files}
times = {k: [] for k in cmds}
cpu = {k: [] for k in cmds}
for _ in range(3):
    for c in cmds.values(): subprocess.run(c, stdout=subprocess.DEVNULL, check=True)
for _ in range(runs):
    for k, c in cmds.items():
        r0 = os.times(); t = time.perf_counter()
        subprocess.run(c, stdout=subprocess.DEVNULL, check=True)
        times[k].append(time.perf_counter() - t); r1 = os.times()
        cpu[k].append((r1.children_user - r0.children_user) + (r1.children_system - r0.children_system))
for k, v in times.items():
    print(f"{k:9s} wall median {statistics.median(v)*1000:7.1f} ms  best {min(v)*1000:7.1f} ms   CPU median {statistics.median(cpu[k])*1000:7.1f} ms   ({runs} runs)")
print(f"speed-up wall (median): {statistics.median(times['oracle']) / statistics.median(times['tollgate']):.2f}x, "
      f"CPU (median): {statistics.median(cpu['oracle']) / statistics.median(cpu['tollgate']):.2f}x")
PY
fi

# Parse only, one thread, all files repeated.
"$tollgate" hcl bench --iterations 30 "${files[@]}"
