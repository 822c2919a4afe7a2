#!/usr/bin/env bash
# Runs the whole test suite (the README's test command): set-up, the services the tests need, then dotnet test.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
bash scripts/setup.sh
dotnet test LayerNas.slnx -c Release --nologo
