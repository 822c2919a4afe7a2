#!/usr/bin/env bash
# Runs the whole test suite (the README's test command): set-up, the services the tests need, then dotnet test.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
bash scripts/setup.sh
log="$(mktemp)"
trap 'rm -f "$log"' EXIT
status=0
dotnet test LayerNas.slnx -c Release --nologo 2>&1 | tee "$log" || status=$?
# One closing line over all test projects.
passed=$(grep -oE 'Passed: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
failed=$(grep -oE 'Failed: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
echo "tests: $passed passed, $failed failed"
exit $status
