#!/usr/bin/env bash
# One-time machine set-up for LayerNas (idempotent and quick when already done): Debian packages, NuGet restore.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v dotnet >/dev/null || { echo "setup: the .NET 10 SDK is required (https://dot.net)" >&2; exit 1; }

# Debian packages the product and its tests use.
# postgresql: the server the study-store tests run against (the many-machines store).
packages=(postgresql)
# Real training: Fashion-MNIST images; PyTorch and numpy for the reference trainer (bench/torch_reference.py).
packages+=(dataset-fashion-mnist python3-torch python3-numpy time)
# fonts-dejavu-core: plot text (ScottPlot's SkiaSharp native library has no fontconfig; the plots load this font file).
packages+=(fonts-dejavu-core)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}" >&2
  sudo=""; [ "$(id -u)" = 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
dotnet restore LayerNas.slnx -v q >/dev/null
