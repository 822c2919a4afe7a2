#!/usr/bin/env bash
# One-time machine set-up for LayerNas (idempotent): system packages and a NuGet restore.
set -euo pipefail
cd "$(dirname "$0")/.."
need=()
command -v dotnet >/dev/null || { echo "setup: the .NET 10 SDK is required (https://dot.net)"; exit 1; }
# Real training: Fashion-MNIST images (Debian package), and PyTorch + numpy for bench/torch_reference.py.
[ -d /usr/share/datasets/fashion-mnist ] || need+=(dataset-fashion-mnist)
/usr/bin/python3 -c "import torch, numpy" 2>/dev/null || need+=(python3-torch python3-numpy)
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
  else sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null; fi
fi
dotnet restore LayerNas.slnx -v q
