#!/usr/bin/env bash
# The machine, not one trial: aggregate training throughput of `layernas search --evaluator train` with
# --parallel 2 --threads 1 (two candidates trained at once, one libtorch thread each) against --parallel 1 --threads 2
# (one candidate at a time on two threads). Both layouts evaluate the same architectures (random strategy, same
# seed) with the same proxy recipe; a run's aggregate images/s is trials x training images x epochs over the whole
# search's wall time (start-up, data loading, BN recalibration, scoring and latency included). Runs PAIRS A/B pairs
# (order alternating) and prints the median of each layout, the median of the per-pair ratios and the load average.
# Usage: bench/train-layouts.sh [--space S] [--trials N] [--images N] [--epochs N] [--pairs N] [--cores N]
#   --cores N compares --parallel N --threads 1 with --parallel 1 --threads N (default 2).
# Environment: LAYERNAS_DLL = a built layernas.dll to use instead of building src/LayerNas.Cli (Release).
set -euo pipefail
cd "$(dirname "$0")/.."
space=scripts/demo/fashion-mnist-space.yaml trials=8 images=1000 epochs=1 pairs=3 cores=2
while [ $# -gt 0 ]; do
  case "$1" in
    --space) space=$2; shift 2 ;; --trials) trials=$2; shift 2 ;; --images) images=$2; shift 2 ;;
    --epochs) epochs=$2; shift 2 ;; --pairs) pairs=$2; shift 2 ;; --cores) cores=$2; shift 2 ;;
    *) echo "train-layouts: unknown option $1 (options: --space --trials --images --epochs --pairs --cores)" >&2; exit 2 ;;
  esac
done
[ -x /usr/bin/time ] || { echo "train-layouts: needs /usr/bin/time (apt-get install time)" >&2; exit 2; }
dll=${LAYERNAS_DLL:-}
if [ -z "$dll" ]; then
  dotnet build src/LayerNas.Cli -c Release --nologo -v q >/dev/null
  dll=src/LayerNas.Cli/bin/Release/net10.0/layernas.dll
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
run() { # name parallel threads
  /usr/bin/time -f "%e %M" -o "$work/$1.time" dotnet "$dll" search --space "$space" --max-cost none --evaluator train \
    --strategy random --budget "$trials" --seed 1 --epochs "$epochs" --train-subset "$images" --val-subset 500 \
    --bn-recalibrate 500 --parallel "$2" --threads "$3" --json --quiet > "$work/$1.json" 2>"$work/$1.err" \
    || { cat "$work/$1.err" >&2; exit 1; }
}
load_before=$(cut -d' ' -f1 /proc/loadavg)
for k in $(seq 1 "$pairs"); do
  if [ $((k % 2)) = 1 ]; then run "a$k" "$cores" 1; run "b$k" 1 "$cores"; else run "b$k" 1 "$cores"; run "a$k" "$cores" 1; fi
done
load_after=$(cut -d' ' -f1 /proc/loadavg)
/usr/bin/python3 - "$work" "$pairs" "$trials" "$images" "$epochs" "$cores" "$load_before" "$load_after" <<'PY'
import json, statistics, sys
work, pairs, trials, images, epochs, cores, before, after = sys.argv[1:]
n = int(trials) * int(images) * int(epochs)
def row(name):
    out = []
    for k in range(1, int(pairs) + 1):
        wall, rss = open(f"{work}/{name}{k}.time").read().split()
        res = json.loads(open(f"{work}/{name}{k}.json").read().strip().splitlines()[-1])
        assert res["trials"] == int(trials) and res["failures"] == 0, res
        out.append((n / float(wall), float(wall), int(rss) / 1024, res["best"]["arch"], res["best"]["reward"]))
    return out
a, b = row("a"), row("b")
med = statistics.median
ratios = [x[0] / y[0] for x, y in zip(a, b)]
print(f"search --evaluator train: {trials} random architectures (seed 1), {images} training images x {epochs} epoch(s) "
      f"each, BN recalibration and scoring on 500 images; {pairs} A/B pairs, medians; load average {before} before, {after} after")
print("| layout | aggregate training images/s | search wall s | peak RSS MiB | best (arch, val acc) |")
print("|---|---|---|---|---|")
for label, r in ((f"--parallel {cores} --threads 1", a), (f"--parallel 1 --threads {cores}", b)):
    print(f"| {label} | {med(x[0] for x in r):.1f} | {med(x[1] for x in r):.1f} | {med(x[2] for x in r):,.0f} | {r[0][3]}, {r[0][4]:.2f} |")
print(f"ratio (--parallel {cores} x 1 thread) / (--parallel 1 x {cores} threads): {med(ratios):.2f}x (pairs {min(ratios):.2f}-{max(ratios):.2f})")
PY
