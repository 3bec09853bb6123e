#!/bin/sh
# Assets load benchmark: 100,000-asset `gcloud asset export` NDJSON files loaded into the asset
# graph by the release build (`tollgate graph FILE --stats-only`: load + graph, no output);
# prints throughput and peak RSS (/usr/bin/time -v) for two inputs:
#   repetitive — uniform fleet, many repeated values (the sharing cache's best case);
#   varied     — ten asset types, per-record timestamps/ids/labels (little repetition).
# usage: Benchmarks/assets/run.sh [N] [RUNS]   (from the repo root)
set -e
N=${1:-100000}
RUNS=${2:-3}
DIR=${TMPDIR:-/tmp}
REPETITIVE=$DIR/tollgate-bench-export-$N.ndjson
VARIED=$DIR/tollgate-bench-export-varied-$N.ndjson
[ -f "$REPETITIVE" ] || python3 "$(dirname "$0")/generate_export.py" "$N" "$REPETITIVE"
[ -f "$VARIED" ] || python3 "$(dirname "$0")/generate_export.py" "$N" "$VARIED" --varied
swift build -c release --product tollgate >/dev/null
BIN=${TOLLGATE_BIN:-$(swift build -c release --show-bin-path)/tollgate}
for OUT in "$REPETITIVE" "$VARIED"; do
  BYTES=$(wc -c < "$OUT")
  echo "export: $OUT ($BYTES bytes, $N assets)"
  run=1
  while [ $run -le "$RUNS" ]; do
    # CPU time (user + system) is the figure to compare: the machine is shared, so wall time varies.
    /usr/bin/time -v "$BIN" graph "$OUT" --stats-only 2>&1 \
      | awk -v bytes="$BYTES" '
          /assets=/ { stats = $1 " " $2 }
          /User time/ { user = $4 } /System time/ { sys = $4 }
          /Elapsed/ { wall = $8 } /Maximum resident/ { rss = $6 }
          END { cpu = user + sys; printf "%s cpu=%.2fs (%.0f MB/s) wall=%s peak=%.0f MB (%.2fx)\n",
                stats, cpu, bytes / 1e6 / cpu, wall, rss * 1024 / 1e6, rss * 1024 / bytes }'
    run=$((run + 1))
  done
done
