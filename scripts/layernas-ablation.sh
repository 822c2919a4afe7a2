#!/usr/bin/env bash
# Measures LayerNAS settings on the 8 tabular settings (NB201 x3 and NAS-Bench-Macro, each at 50% of the largest
# FLOPs and unconstrained): for each setting, the evaluations made and whether the best reward under the budget
# was found. Usage: bash scripts/layernas-ablation.sh ["--buckets 8 --keep 2" ...]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
bash "$root/scripts/run.sh" --version >/dev/null 2>&1 || true
bin="dotnet $root/src/LayerNas.Cli/bin/Release/net10.0/layernas.dll"
configs=("$@")
[ ${#configs[@]} -gt 0 ] || configs=("" "--strategy layernas-paper")
printf '| settings | %s |\n' "nb201-c10 0.5x | nb201-c10 | nb201-c100 0.5x | nb201-c100 | nb201-in16 0.5x | nb201-in16 | macro 0.5x | macro | found"
printf '|---|%s\n' "---|---|---|---|---|---|---|---|---|"
for config in "${configs[@]}"; do
  row="| ${config:-(defaults)} |"; found=0
  for b in nb201-cifar10 nb201-cifar100 nb201-imagenet16-120 nas-bench-macro; do
    for mc in 0.5x none; do
      # shellcheck disable=SC2086
      cell=$($bin search --benchmark $b --max-cost $mc --json $config 2>/dev/null | python3 -c 'import json,sys; d=json.load(sys.stdin); hit=d["best"]["reward"]>=d["oracle"]["best_reward"]; print(("%d" if hit else "%d ✗") % d["trials"])')
      [[ "$cell" == *"✗"* ]] || found=$((found+1))
      row="$row $cell |"
    done
  done
  echo "$row $found/8 |"
done
