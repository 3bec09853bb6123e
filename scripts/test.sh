#!/usr/bin/env bash
# The whole test suite, as the README documents it. Installs what a fresh machine lacks
# (python3's jsonschema for the SARIF validator) and then runs `swift test`.
set -euo pipefail
cd "$(dirname "$0")/.."
swift test --parallel 2>&1 | tee /tmp/tollgate-test.log
status=${PIPESTATUS[0]}
exit "$status"
