#!/usr/bin/env bash
# Live fetch benchmark: 100,000 assets over 100 RESOURCE pages (+20 IAM_POLICY pages) in 20
# projects, served by the fake Cloud Asset Inventory on loopback, fetched by LiveScanner at its
# defaults (concurrency 4, page size 1,000), then written with --save-export.
# Release build; prints the figures recorded in docs/benchmarks.md (Live section).
# Usage: Benchmarks/live/run.sh [runs]   (default 5, after one warm-up run)
set -euo pipefail
cd "$(dirname "$0")/../.."
export TOLLGATE_LIVE_BENCH=1
export TOLLGATE_LIVE_BENCH_RUNS="${1:-5}"
swift test -c release --filter LiveBenchmark 2>&1 | grep -E "live benchmark|fetch\+parse|parse\+merge|save-export|load average|passed|failed|error"
