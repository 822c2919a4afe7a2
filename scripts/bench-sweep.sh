#!/usr/bin/env bash
# The whole comparison of issue 13, both reward protocols, against every baseline (random, evolution, PPO, local search):
#   noise-free: NB201 x3 (valid12) and NAS-Bench-Macro (seed 0), cost flops and params, bounds 0.1x..0.9x and none, 100 runs;
#   noise:      --reward-noise seed on NB201 valid200 x3 and Macro (test seeds), flops 0.25x, 0.5x and none, 100 runs,
#               budgets fine enough (every 50 from 200 to 450) to read the baselines' 25th percentile where LayerNAS finishes.
# Writes OUT/sweep and OUT/noise (results.json, results.md, lead heatmaps; add --plots for the per-setting figures),
# then prints the lead summary of each (bench/benchmarks-doc/leads.py) and the wall and CPU time of both runs.
# Usage: bash scripts/bench-sweep.sh [OUT] [--plots] [extra bench options, e.g. LayerNAS knobs]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
out="${1:-$(mktemp -d)}"; shift || true
plots="--no-plots"
if [ "${1:-}" = "--plots" ]; then plots=""; shift; fi
bash "$root/scripts/run.sh" --version >/dev/null 2>&1 || true
bin="dotnet $root/src/LayerNas.Cli/bin/Release/net10.0/layernas.dll"
strategies=layernas,random,evolution,ppo,local
start=$(date +%s.%N)
# shellcheck disable=SC2086
$bin bench --benchmark all --max-cost 0.1x..0.9x,none --cost flops,params --strategies $strategies --runs 100 $plots --out "$out/sweep" "$@" >/dev/null 2>&1
# shellcheck disable=SC2086
$bin bench --benchmark all --reward valid200 --reward-noise seed --max-cost 0.25x,0.5x,none --budgets 25,50,100,200,250,300,350,400,450,800 \
  --strategies $strategies --runs 100 $plots --out "$out/noise" "$@" >/dev/null 2>&1
end=$(date +%s.%N)
printf '| run | protocol | cells led | smallest margin (not all at the oracle) | not led | oracle / final p25 |\n|---|---|---|---|---|---|\n'
python3 "$root/bench/benchmarks-doc/leads.py" "$out/sweep/results.json" sweep
python3 "$root/bench/benchmarks-doc/leads.py" "$out/noise/results.json" noise
python3 - "$out" "$start" "$end" <<'PY'
import json, os, sys
out, start, end = sys.argv[1], float(sys.argv[2]), float(sys.argv[3])
runs = [json.load(open(os.path.join(out, r, 'results.json'))) for r in ('sweep', 'noise')]
load = open('/proc/loadavg').read().split()[:3] if os.path.exists('/proc/loadavg') else ['n/a']
print(f"both protocols: {sum(len(r['benchmarks']) for r in runs)} settings, {sum(r['evaluations'] for r in runs):,} evaluations; "
      f"harness wall {sum(r['wall_seconds'] for r in runs):.1f} s, CPU {sum(r['cpu_seconds'] for r in runs):.1f} s; "
      f"with process start-up and writing {end - start:.1f} s wall; load average {' '.join(load)} on {os.cpu_count()} cores")
PY
