#!/usr/bin/env bash
# Runs the whole test suite (the README's test command): set-up, the services the tests need, then dotnet test.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
bash scripts/setup.sh
# The study-store tests need a real PostgreSQL: start a throw-away one unless the caller gave one.
pgdata=""
if [ -z "${LAYERNAS_TEST_POSTGRES:-}" ]; then
  eval "$(bash scripts/postgres-test.sh start)"
  pgdata="$LAYERNAS_TEST_PGDATA"
fi
log="$(mktemp)"
trap 'rm -f "$log"; [ -z "$pgdata" ] || bash scripts/postgres-test.sh stop "$pgdata"' EXIT
status=0
dotnet test LayerNas.slnx -c Release --nologo 2>&1 | tee "$log" || status=$?
# One closing line over all test projects.
passed=$(grep -oE 'Passed: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
failed=$(grep -oE 'Failed: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
echo "tests: $passed passed, $failed failed"
# The README's install section, followed as written (pack, install, run).
if [ $status -eq 0 ]; then bash scripts/check-install.sh || status=$?; fi
exit $status
