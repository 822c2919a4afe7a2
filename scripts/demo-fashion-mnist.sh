#!/usr/bin/env bash
# The Fashion-MNIST demonstration (docs/training.md): LayerNAS with proxy training on a MobileNetV2-based space
# under the backbone's MAdds, then final training of the found model and the backbone (3 seeds each), the
# cost/accuracy front of the final memorial table, and a plot. Sized for about an hour on a 2-core CPU.
# Usage: scripts/demo-fashion-mnist.sh [OUT_DIR] [extra `layernas demo` options, e.g. --final-epochs 5]
# Needs: the .NET SDK and Debian's dataset-fashion-mnist (scripts/setup.sh installs it).
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-artifacts/demo-fashion-mnist}"
shift || true
mkdir -p "$out"
if [ ! -d /usr/share/datasets/fashion-mnist ]; then
  echo "demo: Fashion-MNIST is missing: run \`apt-get install dataset-fashion-mnist\` (or scripts/setup.sh)" >&2
  exit 2
fi
# LAYERNAS_DLL: a layernas.dll built elsewhere (e.g. a copy, so that rebuilding the tree cannot disturb a long run).
dll=${LAYERNAS_DLL:-}
if [ -z "$dll" ]; then
  dotnet build src/LayerNas.Cli -c Release --nologo -v q >/dev/null
  dll=src/LayerNas.Cli/bin/Release/net10.0/layernas.dll
fi
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
args=()
for ((i = 0; i < ${#defaults[@]}; i += 2)); do
  given=false
  for a in "$@"; do [ "$a" = "${defaults[i]}" ] && given=true; done
  $given || args+=("${defaults[i]}" "${defaults[i + 1]}")
done
dotnet "$dll" demo "${args[@]}" "$@" \
  2> >(tee "$out/progress.log" >&2) | tee "$out/summary.txt"
