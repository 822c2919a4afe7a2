#!/usr/bin/env bash
# Runs the whole test suite (the README's test command). Starts the services the tests need.
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet test LayerNas.slnx -c Release --nologo -v q
