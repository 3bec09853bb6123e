#!/usr/bin/env bash
# End-to-end `tollgate live` benchmark: 100,000 assets in 20 projects (100 RESOURCE pages of
# 1,000 + 20 IAM_POLICY pages) from a fake Cloud Asset Inventory on loopback (fake_cai.py, a
# separate process, so its CPU is not counted), fetched, normalized by the export loader,
# evaluated against the gcp-baseline profile, and written as all four report files plus the
# console summary. Release build. Prints wall and CPU seconds per run (GNU time).
# Usage: Benchmarks/livecli/run.sh [runs]   (default 3, after one warm-up run)
# TOLLGATE_BIN=path runs that binary instead of building (e.g. a saved baseline);
# LIVECLI_OUT=DIR keeps the last run's reports there (with SOURCE_DATE_EPOCH set, two builds'
# reports can be compared byte for byte).
set -euo pipefail
cd "$(dirname "$0")/../.."
runs=${1:-3}
if [ -n "${TOLLGATE_BIN:-}" ]; then
  bin=$TOLLGATE_BIN
else
  swift build -c release --product tollgate >&2
  bin=$(swift build -c release --show-bin-path)/tollgate
fi
work=$(mktemp -d)
trap 'kill $fake_pid 2>/dev/null; rm -rf "$work"' EXIT
python3 Benchmarks/livecli/fake_cai.py 20 5000 1000 bench-token > "$work/port" &
fake_pid=$!
for _ in $(seq 1 600); do [ -s "$work/port" ] && break; sleep 0.1; done
port=$(cat "$work/port")
echo bench-token > "$work/token"
projects=$(for p in $(seq 0 19); do printf 'bench-%s ' "$p"; done)
for run in $(seq 0 "$runs"); do
  rm -rf "$work/out"
  # shellcheck disable=SC2086
  /usr/bin/time -f "%e %U %S %M" -o "$work/time" "$bin" live --project $projects \
    --access-token-file "$work/token" --api-endpoint "http://127.0.0.1:$port" \
    --format sarif,markdown,json,junit --output "$work/out" --quiet > /dev/null || true
  read -r wall user sys rss < <(tail -n 1 "$work/time")
  label=$([ "$run" = 0 ] && echo "warm-up" || echo "run $run")
  echo "tollgate live $label: wall ${wall} s, cpu $(echo "$user + $sys" | bc) s, max rss $((rss / 1024)) MB"
done
if [ -n "${LIVECLI_OUT:-}" ]; then rm -rf "$LIVECLI_OUT"; cp -r "$work/out" "$LIVECLI_OUT"; fi
python3 - "$work/out/tollgate.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
print(f"assets {sum(e['count'] for e in r['inventory'])}, findings {len(r['findings'])}, "
      f"undetermined {len(r['undetermined'])}, coverage gaps {len(r['coverage'])}")
PY
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
