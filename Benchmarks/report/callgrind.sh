#!/bin/sh
# Instruction counts per reporter (load-independent, unlike times on a shared machine):
# runs the report benchmark under callgrind once per format, collecting only inside that
# reporter's `render(normalized:)` (and `ScanResult.normalized()` for the sort).
#
#   Benchmarks/report/callgrind.sh [findings=10000] [binary=.build/release/report-benchmark]
#
# Valgrind cannot read the debug info Swift emits, so a stripped copy of the binary is run.
set -eu
n=${1:-10000}
bin=${2:-.build/release/report-benchmark}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
strip --strip-debug -o "$tmp/bench" "$bin"
count() { # format, symbol pattern
    valgrind --tool=callgrind --callgrind-out-file="$tmp/out" --toggle-collect="$2" "$tmp/bench" "$n" 1 "$1" >/dev/null 2>"$tmp/log"
    printf '%-10s %15s Ir\n' "$1" "$(sed -n 's/.*Collected : //p' "$tmp/log")"
}
count json '$s6Report12JSONReporterVAA*render10normalized*TW'
count sarif '$s6Report13SARIFReporterVAA*render10normalized*TW'
count markdown '$s6Report16MarkdownReporterVAA*render10normalized*TW'
count junit '$s6Report13JUnitReporterVAA*render10normalized*TW'
count console '$s6Report15ConsoleReporterVAA*render10normalized*TW'
count normalize '$s6Policy10ScanResultV10normalizedACyF'
