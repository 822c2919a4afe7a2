#!/usr/bin/env bash
# Training speed and memory, side by side in one run: `layernas train` (TorchSharp / libtorch) against PyTorch on the
# CPU (Debian's python3-torch, bench/torch_reference.py), training the same network spec on the same Fashion-MNIST
# images with the same recipe (split, batches, initial weights, optimizer, schedule: the two trainers agree step for
# step, see docs/training.md). For each thread count it runs PAIRS A/B pairs (the order alternates: A B, B A, ...;
# pair k uses seed k) and prints the median images/s of each, the median of the per-pair ratios, the median peak
# memory (max RSS from /usr/bin/time -v) of each process, the mean validation accuracy of each over the pairs' seeds,
# and the load average before and after the row. Both recalibrate batch norm on 1,000 training images before scoring
# (as the proxy recipe; --bn-recalibrate 0 turns it off): without it a 47-step run's score swings by several points
# from seed to seed (docs/training.md), and five seeds could not tell two trainers apart.
# Usage: bench/train-speed.sh [--space S] [--arch A] [--batch N] [--threads "1 2"] [--images N] [--epochs N]
#                             [--pairs N] [--augment true|false] [--bn-recalibrate N]
# Environment: LAYERNAS_DLL = a built layernas.dll to use instead of building src/LayerNas.Cli (Release).
set -euo pipefail
cd "$(dirname "$0")/.."
space=scripts/demo/fashion-mnist-space.yaml arch=backbone batch=64 threads="1 2" images=3000 epochs=1 pairs=5 augment=false recal=1000
while [ $# -gt 0 ]; do
  case "$1" in
    --space) space=$2; shift 2 ;; --arch) arch=$2; shift 2 ;; --batch) batch=$2; shift 2 ;;
    --threads) threads=$2; shift 2 ;; --images) images=$2; shift 2 ;; --epochs) epochs=$2; shift 2 ;;
    --pairs) pairs=$2; shift 2 ;; --augment) augment=$2; shift 2 ;; --bn-recalibrate) recal=$2; shift 2 ;;
    *) echo "train-speed: unknown option $1 (options: --space --arch --batch --threads --images --epochs --pairs --augment --bn-recalibrate)" >&2; exit 2 ;;
  esac
done
[ -x /usr/bin/time ] || { echo "train-speed: needs /usr/bin/time (apt-get install time)" >&2; exit 2; }
/usr/bin/python3 -c "import torch, numpy" 2>/dev/null || { echo "train-speed: needs apt-get install python3-torch python3-numpy" >&2; exit 2; }
dll=${LAYERNAS_DLL:-}
if [ -z "$dll" ]; then
  dotnet build src/LayerNas.Cli -c Release --nologo -v q >/dev/null
  dll=src/LayerNas.Cli/bin/Release/net10.0/layernas.dll
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
dotnet "$dll" train --space "$space" --arch "$arch" --epochs 1 --train-subset 64 --val-subset 64 --spec-out "$work/spec.json" --json >/dev/null 2>&1
load() { cut -d' ' -f1 /proc/loadavg; }
for t in $threads; do
  echo "$(load)" > "$work/load-$t"
  for k in $(seq 1 "$pairs"); do
    common=(--epochs "$epochs" --batch-size "$batch" --threads "$t" --train-subset "$images" --val-subset 1000 --augment "$augment" --bn-recalibrate "$recal" --seed "$k")
    cs() { /usr/bin/time -v -o "$work/cs-$t-$k.time" dotnet "$dll" train --spec "$work/spec.json" "${common[@]}" --json \
             > "$work/cs-$t-$k.json" 2>"$work/cs-$t-$k.err" || { cat "$work/cs-$t-$k.err" >&2; exit 1; }; }
    py() { /usr/bin/time -v -o "$work/py-$t-$k.time" /usr/bin/python3 bench/torch_reference.py train "$work/spec.json" "${common[@]}" --test \
             > "$work/py-$t-$k.json" 2>"$work/py-$t-$k.err" || { cat "$work/py-$t-$k.err" >&2; exit 1; }; }
    if [ $((k % 2)) = 1 ]; then cs; py; else py; cs; fi
  done
  echo "$(load)" >> "$work/load-$t"
done
/usr/bin/python3 - "$work" "$space" "$arch" "$batch" "$threads" "$images" "$epochs" "$pairs" "$augment" "$recal" <<'PY'
import json, re, statistics, sys, torch
work, space, arch, batch, threads, images, epochs, pairs, augment, recal = sys.argv[1:]
def rss(path):
    return int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", open(path).read()).group(1)) / 1024
def last_json(path):
    return json.loads(open(path).read().strip().splitlines()[-1])
spec = json.load(open(f"{work}/spec.json"))
med = statistics.median
print(f"network {space} {arch} ({spec['name']}); batch {batch}, {images} Fashion-MNIST images x {epochs} epoch(s), "
      f"augment {augment}, BN recalibrated on {recal} images, SGD Nesterov, one-cycle; {pairs} A/B pairs per row "
      f"(seeds 1..{pairs}), medians")
print(f"layernas train (TorchSharp) against PyTorch {torch.__version__} (python3-torch)")
print("| threads | layernas img/s | PyTorch img/s | ratio (median of pairs) | peak RSS layernas / PyTorch MiB | val acc layernas / PyTorch (mean) | load average before, after |")
print("|---|---|---|---|---|---|---|")
for t in threads.split():
    ks = range(1, int(pairs) + 1)
    cs = [last_json(f"{work}/cs-{t}-{k}.json") for k in ks]
    py = [last_json(f"{work}/py-{t}-{k}.json") for k in ks]
    ratios = [c["images_per_second"] / p["images_per_second"] for c, p in zip(cs, py)]
    cr = med(rss(f"{work}/cs-{t}-{k}.time") for k in ks)
    pr = med(rss(f"{work}/py-{t}-{k}.time") for k in ks)
    ca = statistics.mean(c["val_accuracy"] for c in cs)
    pa = statistics.mean(p["val_accuracy"] for p in py)
    before, after = open(f"{work}/load-{t}").read().split()
    print(f"| {t} | {med(c['images_per_second'] for c in cs):.1f} | {med(p['images_per_second'] for p in py):.1f} | "
          f"{med(ratios):.2f}x (pairs {min(ratios):.2f}-{max(ratios):.2f}) | {cr:,.0f} / {pr:,.0f} | {ca:.2f} / {pa:.2f} | {before}, {after} |")
PY
