#!/usr/bin/env bash
# The width-multiplier experiment (docs/training.md, "Searched models against the width-multiplier family"): on
# scripts/demo/width-family-space.yaml (a MobileNetV2-style space for 28x28 images, 1.2e8 architectures), for each
# width multiplier 0.35 / 0.5 / 0.75 of its backbone: LayerNAS (40 proxy trials) and random search (as many trials)
# under that model's MAdds, then the LayerNAS pick, the width-multiplier model and the random pick retrained with the
# final recipe over 5 seeds and scored on the Fashion-MNIST test set; a table, a JSON report and a plot.
# Measured: 47 minutes on one core of this 2-core machine (one libtorch thread; run it under `nice -n 10`).
# Usage: scripts/demo-width-family.sh [OUT_DIR] [extra `layernas demo` options, e.g. --trials 20]
# Needs: the .NET SDK and Debian's dataset-fashion-mnist (scripts/setup.sh installs it). LAYERNAS_DLL: a built
# layernas.dll to use instead of building (e.g. a copy, so that rebuilding the tree cannot disturb a long run).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/demo/run-demo.sh
out="${1:-artifacts/demo-width-family}"
shift || true
# The recipe below; an option given on the command line replaces its default here (e.g. --seeds 1,2,3).
defaults=(
  --space scripts/demo/width-family-space.yaml --dataset fashion-mnist
  --width-multipliers 0.35,0.5,0.75 --trials 40 --buckets 3 --keep 1
  --proxy-epochs 1 --proxy-subset 2000 --proxy-val-subset 1000 --proxy-recalibrate 500
  --final-epochs 3 --final-subset 8000 --final-val-subset 1000 --seeds 1,2,3,4,5
  --batch-size 64 --lr 0.1 --threads 1
  --json-out "$out/report.json" --plot "$out/width-family.png"
)
run_demo "$out" defaults "$@"
