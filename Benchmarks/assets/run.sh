#!/bin/sh
# Assets load benchmark: 100,000-asset `gcloud asset export` NDJSON files loaded into the asset
# graph by the release build (`tollgate graph FILE --stats-only`: load + graph, no output);
# prints throughput (per CPU-second on one thread, per wall-second on every core) and peak RSS
# (/usr/bin/time -v) for two inputs:
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
# Each input is loaded on one thread (TOLLGATE_THREADS=1: throughput per CPU-second, the
# steadier figure on a shared machine) and on every core (throughput per wall-second, what a
# user waits for; only meaningful when the other cores are idle — the load average is printed).
for OUT in "$REPETITIVE" "$VARIED"; do
  BYTES=$(wc -c < "$OUT")
  echo "export: $OUT ($BYTES bytes, $N assets)"
  for THREADS in 1 all; do
    run=1
    while [ $run -le "$RUNS" ]; do
      if [ "$THREADS" = 1 ]; then export TOLLGATE_THREADS=1; else unset TOLLGATE_THREADS; fi
      /usr/bin/time -v "$BIN" graph "$OUT" --stats-only 2>&1 \
        | awk -v bytes="$BYTES" -v threads="$THREADS" -v load="$(cut -d' ' -f1 /proc/loadavg)" '
            /assets=/ { stats = $1 " " $2 }
            /User time/ { user = $4 } /System time/ { sys = $4 }
            /Elapsed/ { n = split($8, t, ":"); wall = t[n] + (n > 1 ? 60 * t[n - 1] : 0) }
            /Maximum resident/ { rss = $6 }
            END { cpu = user + sys
                  printf "threads=%s %s cpu=%.2fs (%.0f MB/s) wall=%.2fs (%.0f MB/s) peak=%.0f MB (%.2fx) load=%s\n",
                  threads, stats, cpu, bytes / 1e6 / cpu, wall, bytes / 1e6 / wall, rss * 1024 / 1e6, rss * 1024 / bytes, load }'
      run=$((run + 1))
    done
  done
done
