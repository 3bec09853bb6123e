#!/bin/sh
# Assets load benchmark: a 100,000-asset `gcloud asset export` NDJSON file loaded into the
# asset graph by the release build; prints throughput (MB/s) and peak RSS (/usr/bin/time -v).
# usage: Benchmarks/assets/run.sh [N]   (from the repo root)
set -e
N=${1:-100000}
OUT=${TMPDIR:-/tmp}/tollgate-bench-export-$N.ndjson
[ -f "$OUT" ] || python3 "$(dirname "$0")/generate_export.py" "$N" "$OUT"
swift build -c release --product tollgate >/dev/null
BIN=$(swift build -c release --show-bin-path)/tollgate
echo "export: $OUT ($(wc -c < "$OUT") bytes, $N assets)"
for run in 1 2 3; do
  # CPU time (user + system) is the figure to compare: the machine is shared, so wall time varies.
  /usr/bin/time -v "$BIN" graph "$OUT" --stats-only 2>&1 \
    | grep -E "assets=|User time|System time|Elapsed|Maximum resident" | tr '\n' ' '
  echo
done
