#!/usr/bin/env bash
# Builds the CEL benchmark with -O from Sources/CEL plus main.swift (no package changes needed)
# and runs it. Usage: Benchmarks/cel/run.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
out=.build/cel-bench
mkdir -p "$out"
swiftc -O -wmo -module-name CELBench -o "$out/cel-bench" \
    Sources/CEL/*.swift Benchmarks/cel/main.swift 2>&1 | grep -v warning || true
"$out/cel-bench"
