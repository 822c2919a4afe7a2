#!/usr/bin/env bash
# The Fashion-MNIST demonstration (docs/training.md): LayerNAS with proxy training on a MobileNetV2-based space
# under the backbone's MAdds, then final training of the found model and the backbone (3 seeds each), the
# cost/accuracy front of the final memorial table, and a plot. Sized for about an hour on a 2-core CPU.
# Usage: scripts/demo-fashion-mnist.sh [OUT_DIR] [extra `layernas demo` options, e.g. --final-epochs 5]
# Needs: the .NET SDK and Debian's dataset-fashion-mnist (scripts/setup.sh installs it). LAYERNAS_DLL: a built
# layernas.dll to use instead of building (e.g. a copy, so that rebuilding the tree cannot disturb a long run).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/demo/run-demo.sh
out="${1:-artifacts/demo-fashion-mnist}"
shift || true
# The recipe below; an option given on the command line replaces its default here (e.g. --final-epochs 5).
# One libtorch thread: on a small shared machine, two OpenMP threads fighting other processes are slower than one.
defaults=(
  --space scripts/demo/fashion-mnist-space.yaml --dataset fashion-mnist
  --buckets 3 --keep 1
  --proxy-epochs 1 --proxy-subset 1500 --proxy-val-subset 1000
  --final-epochs 2 --final-subset 5000 --final-val-subset 2000 --seeds 1,2,3
  --batch-size 64 --lr 0.1 --threads 1
  --json-out "$out/report.json" --plot "$out/front.png"
)
run_demo "$out" defaults "$@"
