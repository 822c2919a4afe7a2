#!/usr/bin/env bash
# Runs the `layernas` tool from this checkout after the one-time set-up: bash scripts/run.sh search
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
bash "$root/scripts/setup.sh" >&2
dotnet build "$root/src/LayerNas.Cli" -c Release --nologo -v q -clp:ErrorsOnly >&2
exec dotnet "$root/src/LayerNas.Cli/bin/Release/net10.0/layernas.dll" "$@"
