#!/usr/bin/env bash
# Side by side with Checkov (an anchor scanner) on the same Terraform: the reference
# infrastructure's prod root and Google's modules in ../shared/corpus/hcl-real (when present).
# Checkov is not a project dependency: install it anywhere (`python3 -m venv V && V/bin/pip
# install checkov`) and pass its path in CHECKOV. Both run offline (Checkov with
# --skip-download). Prints wall, CPU and peak RSS per run (GNU time), best of RUNS.
# Usage: CHECKOV=/path/to/checkov Benchmarks/anchors/run.sh [RUNS]
set -euo pipefail
cd "$(dirname "$0")/../.."
runs=${1:-3}
checkov=${CHECKOV:-$(command -v checkov || true)}
[ -n "$checkov" ] || { echo "skipped: set CHECKOV to a checkov executable" >&2; exit 0; }
swift build -c release --product tollgate >&2
bin=$(swift build -c release --show-bin-path)/tollgate
targets=("examples/interviewlm/environments/prod")
[ -d ../shared/corpus/hcl-real ] && targets+=("../shared/corpus/hcl-real")
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
measure() {  # label, command…
  local label=$1; shift
  for run in $(seq 1 "$runs"); do
    /usr/bin/time -f "%e %U %S %M" -o "$out/time" "$@" > "$out/stdout" 2> /dev/null || true
    read -r wall user sys rss < <(tail -n 1 "$out/time")
    echo "$label run $run: wall ${wall} s, cpu $(echo "$user + $sys" | bc) s, max rss $((rss / 1024)) MB"
  done
}
for t in "${targets[@]}"; do
  echo "== $t"
  measure "tollgate" "$bin" scan "$t" --format json
  python3 -c "import json,sys; r=json.load(open(sys.argv[1])); print('   tollgate: assets', sum(e['count'] for e in r['inventory']), 'findings', len(r['findings']), 'undetermined', len(r['undetermined']), 'coverage gaps', len(r['coverage']))" "$out/stdout"
  measure "checkov " "$checkov" -d "$t" --framework terraform --skip-download --quiet -o json
  python3 -c "import json,sys; d=json.load(open(sys.argv[1])); d=d if isinstance(d,list) else [d]; [print('   checkov:', r.get('summary')) for r in d]" "$out/stdout"
done
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
