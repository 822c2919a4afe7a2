#!/usr/bin/env bash
# Measures LayerNAS options over the whole comparison (scripts/bench-sweep.sh: the noise-free budget sweep and the
# seed-noise protocol), over held-out bounds nobody tuned for (noise-free, 0.15x, 0.25x, ..., 0.95x: every bound
# between the sweep's) and over a second reward nobody tuned for (the sweep's bounds on NB201 with the noise-free
# valid200 reward) and over eight synthetic tables of other shapes (bench/synthetic/make-tables.py: 4 to 8 layers of 3
# to 8 options, noise-free and with drawn trainings); docs/concepts.md reports all six, so an option is kept only if it
# does not win the sweep alone.
# The baselines (random, evolution, PPO, local search) run once; then, per option set, `layernas`
# alone (one run on the noise-free tables, where it is deterministic; 100 runs with drawn rewards), judged against
# them by the rule of bench/benchmarks-doc/leads.py. Prints one row per option set and protocol.
# Usage: bash scripts/bench-ablation.sh ["--prelude-passes 1" "--guided 0" ...]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
bash "$root/scripts/run.sh" --version >/dev/null 2>&1 || true
bin="dotnet $root/src/LayerNas.Cli/bin/Release/net10.0/layernas.dll"
configs=("$@")
[ ${#configs[@]} -gt 0 ] || configs=("")
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
sweep=(--benchmark all --max-cost 0.1x..0.9x,none --cost flops,params --no-plots)
held=(--benchmark all --max-cost 0.15x,0.25x,0.35x,0.45x,0.55x,0.65x,0.75x,0.85x,0.95x --cost flops,params --no-plots)
v200=(--benchmark nb201-cifar10,nb201-cifar100,nb201-imagenet16-120 --reward valid200 --max-cost 0.1x..0.9x,none --cost flops,params --no-plots)
noise=(--benchmark all --reward valid200 --reward-noise seed --max-cost 0.25x,0.5x,none --budgets 25,50,100,200,250,300,350,400,450,800 --no-plots)
$bin bench "${sweep[@]}" --strategies random,evolution,ppo,local --runs 100 --out "$out/rivals-sweep" >/dev/null 2>&1
$bin bench "${noise[@]}" --strategies random,evolution,ppo,local --runs 100 --out "$out/rivals-noise" >/dev/null 2>&1
$bin bench "${held[@]}" --strategies random,evolution,ppo,local --runs 100 --out "$out/rivals-held" >/dev/null 2>&1
$bin bench "${v200[@]}" --strategies random,evolution,ppo,local --runs 100 --out "$out/rivals-v200" >/dev/null 2>&1
python3 "$root/bench/synthetic/make-tables.py" "$out"
tables=(t4x6 t4x8 t5x4 t5x5 t6x3 t6x5 t7x4 t8x3)
syn=(--reward acc --reported test --cost cost --max-cost 0.1x..0.9x,none --no-plots)
synnoise=(--reward s0,s1,s2 --reward-noise seed --reported test --cost cost --max-cost 0.25x,0.5x,none --budgets 25,50,100,200,250,300,350,400,450,800 --no-plots)
# synthetic RUN [LAYERNAS OPTIONS]: both synthetic protocols into $out/RUN-syn-TABLE and $out/RUN-synnoise-TABLE;
# `rivals` runs the baselines, anything else layernas alone.
synthetic() {
  local run=$1 config=${2:-} t one=(--strategies layernas --runs 1) many=(--strategies layernas --runs 100)
  [ "$run" = rivals ] && one=(--strategies random,evolution,ppo,local --runs 100) && many=("${one[@]}")
  for t in "${tables[@]}"; do
    # shellcheck disable=SC2086
    $bin bench --table "$out/$t.csv" "${syn[@]}" "${one[@]}" --out "$out/$run-syn-$t" $config >/dev/null 2>&1
    # shellcheck disable=SC2086
    $bin bench --table "$out/$t.csv" "${synnoise[@]}" "${many[@]}" --out "$out/$run-synnoise-$t" $config >/dev/null 2>&1
  done
}
# The results of RUN's synthetic PROTOCOL, every table's joined by commas (leads.py judges them together).
joined() { local t list=(); for t in "${tables[@]}"; do list+=("$out/$1-$2-$t/results.json"); done; (IFS=,; echo "${list[*]}"); }
synthetic rivals
printf '| options | protocol | cells led | smallest margin (not all at the oracle) | not led | oracle / final p25 |\n|---|---|---|---|---|---|\n'
for config in "${configs[@]}"; do
  # shellcheck disable=SC2086
  $bin bench "${sweep[@]}" --strategies layernas --runs 1 --out "$out/sweep" $config >/dev/null 2>&1
  # shellcheck disable=SC2086
  $bin bench "${noise[@]}" --strategies layernas --runs 100 --out "$out/noise" $config >/dev/null 2>&1
  # shellcheck disable=SC2086
  $bin bench "${held[@]}" --strategies layernas --runs 1 --out "$out/held" $config >/dev/null 2>&1
  # shellcheck disable=SC2086
  $bin bench "${v200[@]}" --strategies layernas --runs 1 --out "$out/v200" $config >/dev/null 2>&1
  python3 "$root/bench/benchmarks-doc/leads.py" "$out/rivals-sweep/results.json" "$out/sweep/results.json" "${config:-(defaults)}"
  python3 "$root/bench/benchmarks-doc/leads.py" "$out/rivals-noise/results.json" "$out/noise/results.json" "${config:-(defaults)}"
  python3 "$root/bench/benchmarks-doc/leads.py" "$out/rivals-held/results.json" "$out/held/results.json" "${config:-(defaults)}" | sed 's/| noise-free |/| held-out |/'
  python3 "$root/bench/benchmarks-doc/leads.py" "$out/rivals-v200/results.json" "$out/v200/results.json" "${config:-(defaults)}" | sed 's/| noise-free |/| valid200 |/'
  synthetic layernas "$config"
  python3 "$root/bench/benchmarks-doc/leads.py" "$(joined rivals syn)" "$(joined layernas syn)" "${config:-(defaults)}" | sed 's/| noise-free |/| synthetic |/'
  python3 "$root/bench/benchmarks-doc/leads.py" "$(joined rivals synnoise)" "$(joined layernas synnoise)" "${config:-(defaults)}" | sed 's/| noise |/| synthetic, drawn trainings |/'
done
