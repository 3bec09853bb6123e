#!/usr/bin/env bash
# Policy engine benchmark: the whole built-in pack over N assets (default 100,000), one core.
# Times only evaluation (pack compilation and export loading are reported apart).
# Usage: Benchmarks/policy/run.sh [N] [profile] [reference|examples]
set -euo pipefail
cd "$(dirname "$0")/../.."
N=${1:-100000}
PROFILE=${2:-interviewlm}
MIX=${3:-reference}
OUT=${TMPDIR:-/tmp}/tollgate-policy-bench-$MIX-$N.ndjson
python3 Benchmarks/policy/make-assets.py "$N" "$OUT" "$MIX"
swift build -c release --product tollgate >/dev/null
# taskset pins to one core where available.
if command -v taskset >/dev/null; then PIN="taskset -c 0"; else PIN=""; fi
$PIN .build/release/tollgate policies bench "$OUT" --profile "$PROFILE" --repeat 3
