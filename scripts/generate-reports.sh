#!/usr/bin/env bash
# Regenerates reports/: the reports of scanning the InterviewLM reference infrastructure
# (examples/interviewlm) — each environment's Terraform and the prod evidence export.
# SOURCE_DATE_EPOCH fixes the scan time so the output is reproducible; a test
# (Tests/TollgateCLITests/ReportsFreshnessTests.swift) fails when reports/ is stale.
#
# Usage: scripts/generate-reports.sh [OUTPUT_ROOT]   (default: reports)
set -uo pipefail
cd "$(dirname "$0")/.."
out=${1:-reports}
swift build -q --product tollgate >&2 || exit 2
bin=$(swift build --show-bin-path)/tollgate
export SOURCE_DATE_EPOCH=1795651200   # 2026-11-26T00:00:00Z
status=0
scan() {
  local name=$1; shift
  "$bin" scan "$@" --profile interviewlm --format sarif,markdown,json,junit --output "$out/$name" --quiet >/dev/null
  local rc=$?
  # 0 and 1 are verdicts (the live evidence has drift, so it fails the gate by design); 2 is a problem.
  if [ "$rc" -ge 2 ]; then echo "scan of $name failed with exit code $rc" >&2; status=2; fi
}
for env in dev staging prod; do
  scan "$env" "examples/interviewlm/environments/$env"
done
scan live examples/interviewlm/live
exit $status
