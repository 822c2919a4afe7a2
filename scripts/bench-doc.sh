#!/usr/bin/env bash
# Regenerates docs/benchmarks.md and docs/img/bench/: the noise-free sweep and the seed-noise protocol of
# scripts/bench-sweep.sh (with figures), LayerNAS on NB201 valid200 unconstrained for the paper's table, then the page
# from bench/benchmarks-doc/. Keeps the figures the page shows (per-setting plots of flops 0.5x / none and of the noise
# protocol, every lead heatmap) and the full results.md / results.json of both runs.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
bash scripts/run.sh --version >/dev/null 2>&1
bin="dotnet $root/src/LayerNas.Cli/bin/Release/net10.0/layernas.dll"
rm -rf docs/img/bench && mkdir -p docs/img/bench
start=$(date +%s.%N)
bash scripts/bench-sweep.sh docs/img/bench --plots
end=$(date +%s.%N)
$bin bench --benchmark nb201-cifar10,nb201-cifar100,nb201-imagenet16-120 --reward valid200 --max-cost none \
  --strategies layernas,layernas-paper --runs 1 --no-plots --out docs/img/bench/paper >/dev/null 2>&1
python3 bench/benchmarks-doc/gen.py docs/img/bench/sweep docs/img/bench/noise docs/img/bench/paper docs/benchmarks.md "$(echo "$end - $start" | bc)"
# Drop the per-setting figures the page does not show.
for f in docs/img/bench/sweep/*.png docs/img/bench/noise/*.png; do
  case "$(basename "$f")" in lead_*) continue ;; esac
  grep -qxF "$f" docs/.bench-figures || rm -f "$f"
done
rm -f docs/.bench-figures
echo "wrote docs/benchmarks.md"
