#!/usr/bin/env bash
# Training speed, side by side in one run: `layernas train` (TorchSharp / libtorch) against PyTorch on the CPU
# (Debian's python3-torch, bench/torch_reference.py) training the same network spec on the same Fashion-MNIST
# images with the same batch size, threads, optimizer and schedule. Prints images/s of each, their ratio and the
# peak memory (max RSS from /usr/bin/time -v) of each process.
# Usage: bench/train-speed.sh [--space S] [--arch A] [--batch N] [--threads N] [--images N] [--epochs N]
# Environment: LAYERNAS_DLL = a built layernas.dll to use instead of building src/LayerNas.Cli (Release).
set -euo pipefail
cd "$(dirname "$0")/.."
space=scripts/demo/fashion-mnist-space.yaml arch=backbone batch=64 threads=1 images=3000 epochs=1
while [ $# -gt 0 ]; do
  case "$1" in
    --space) space=$2; shift 2 ;; --arch) arch=$2; shift 2 ;; --batch) batch=$2; shift 2 ;;
    --threads) threads=$2; shift 2 ;; --images) images=$2; shift 2 ;; --epochs) epochs=$2; shift 2 ;;
    *) echo "train-speed: unknown option $1" >&2; exit 2 ;;
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
common=(--epochs "$epochs" --batch-size "$batch" --threads "$threads" --train-subset "$images" --val-subset 1000)
/usr/bin/time -v -o "$work/cs.time" dotnet "$dll" train --space "$space" --arch "$arch" "${common[@]}" \
  --augment false --spec-out "$work/spec.json" --json > "$work/cs.json"
/usr/bin/time -v -o "$work/py.time" /usr/bin/python3 bench/torch_reference.py train "$work/spec.json" "${common[@]}" > "$work/py.json"
/usr/bin/python3 - "$work" "$space" "$arch" "$batch" "$threads" "$images" "$epochs" <<'PY'
import json, re, sys, torch
work, space, arch, batch, threads, images, epochs = sys.argv[1:]
def rss(path):
    return int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", open(path).read()).group(1)) / 1024
cs = json.loads(open(f"{work}/cs.json").read().strip().splitlines()[-1])
py = json.loads(open(f"{work}/py.json").read().strip().splitlines()[-1])
print(f"network {space} {arch}: {cs['madds']/1e6:.3f} MMAdds, {cs['params']} params; batch {batch}, threads {threads}, "
      f"{images} Fashion-MNIST images x {epochs} epoch(s), SGD Nesterov, one-cycle")
print(f"{'trainer':<28}{'images/s':>10}{'peak RSS MiB':>14}{'val acc %':>11}")
print(f"{'layernas train (TorchSharp)':<28}{cs['images_per_second']:>10.1f}{rss(work + '/cs.time'):>14.0f}{cs['val_accuracy']:>11.2f}")
print(f"{'PyTorch ' + torch.__version__ + ' (python3-torch)':<28}{py['images_per_second']:>10.1f}{rss(work + '/py.time'):>14.0f}{py['val_accuracy']:>11.2f}")
print(f"ratio layernas / pytorch: {cs['images_per_second'] / py['images_per_second']:.2f}x")
PY
