#!/usr/bin/env bash
# Measures LayerNAS options in the many-seed comparison: for each option set, `layernas bench` on the 8 settings
# (NB201 x3 and NAS-Bench-Macro, each at 50% of the largest FLOPs and unconstrained; 100 runs) and the number of
# (setting, budget) cells from 50 to 800 evaluations where `layernas` has the highest mean reported accuracy of
# layernas, random, evolution and PPO (ties count as leading), plus its evaluations to finish.
# Usage: bash scripts/bench-ablation.sh ["--prelude-passes 0" ...]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
bash "$root/scripts/run.sh" --version >/dev/null 2>&1 || true
bin="dotnet $root/src/LayerNas.Cli/bin/Release/net10.0/layernas.dll"
configs=("$@")
[ ${#configs[@]} -gt 0 ] || configs=("")
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
printf '| options | cells led (50–800) | settings led at every budget | not led | evaluations to finish |\n|---|---|---|---|---|\n'
for config in "${configs[@]}"; do
  # shellcheck disable=SC2086
  $bin bench --benchmark all --max-cost 0.5x,none --strategies layernas,random,evolution,ppo --runs 100 --no-plots --out "$out" $config >/dev/null 2>&1
  python3 "$root/bench/benchmarks-doc/leads.py" "$out/results.json" "${config:-(defaults)}"
done
