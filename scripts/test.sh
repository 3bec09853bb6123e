#!/usr/bin/env bash
# The whole test suite, as the README documents it. Installs what a fresh machine lacks
# (python3's jsonschema for the SARIF validator) and then runs `swift test`.
set -euo pipefail
cd "$(dirname "$0")/.."

# SARIF must pass ../shared/tools/validate-sarif.py with zero problems (issue 8). It needs
# python3's jsonschema: install it when missing, so ReportTests' validator tests run too.
if command -v python3 >/dev/null && ! python3 -c 'import jsonschema' 2>/dev/null; then
  python3 -m pip install --quiet jsonschema 2>/dev/null \
    || python3 -m pip install --quiet --user --break-system-packages jsonschema \
    || echo "warning: could not install jsonschema; SARIF validation will be skipped" >&2
fi

swift test --parallel 2>&1 | tee /tmp/tollgate-test.log
status=${PIPESTATUS[0]}

# The golden SARIF files are what the reporter generates (ReportTests compares them byte for byte).
validator=""
for d in ../shared ../../shared; do
  if [ -f "$d/tools/validate-sarif.py" ]; then validator="$d/tools/validate-sarif.py"; break; fi
done
if [ -n "$validator" ] && python3 -c 'import jsonschema' 2>/dev/null; then
  python3 "$validator" Tests/ReportTests/Fixtures/golden/*.sarif reports/*/tollgate.sarif || status=1
else
  echo "skipped: SARIF validation (needs ../shared/tools/validate-sarif.py and python3 with jsonschema)" >&2
fi
exit "$status"
