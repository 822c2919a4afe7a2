#!/usr/bin/env bash
# Regenerates docs/benchmarks.md and docs/img/bench/: the full comparison (14 settings, both NB201 rewards,
# 100 runs, plots) and the issue's 8-setting run for the speed table, then the page from bench/benchmarks-doc/.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
bash scripts/run.sh --version >/dev/null 2>&1
bin="dotnet $root/src/LayerNas.Cli/bin/Release/net10.0/layernas.dll"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
$bin bench --benchmark all --max-cost 0.5x,none --runs 100 --no-plots --out "$tmp/speed" | tail -1
$bin bench --benchmark all --max-cost 0.5x,none --reward valid12,valid200 --runs 100 --out docs/img/bench | tail -1
python3 bench/benchmarks-doc/gen.py docs/img/bench "$tmp/speed/results.json" docs/benchmarks.md
echo "wrote docs/benchmarks.md"
