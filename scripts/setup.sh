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
# Reports: fonts for the PNG plots (SkiaSharp finds them through fontconfig); Chromium for the report's end-to-end test.
packages+=(fontconfig fonts-dejavu-core chromium)
# Packing the tool: binutils' strip takes libtorch's symbol tables off the packed libraries (build/LeanToolPackage.targets).
packages+=(binutils)

now() { date +%s%N; }
seconds() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", (b - a) / 1e9 }'; }
t0="$(now)"
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
t1="$(now)"

# apt is touched only when a package is missing. Another apt or dpkg process (unattended-upgrades, a user's install)
# may hold its lock: wait for it, a bounded time (LAYERNAS_APT_WAIT seconds, default 300), saying so, then give up
# with a message that says what to do; never fail at once on a busy lock.
apt_retrying() {
  local waited=0 limit="${LAYERNAS_APT_WAIT:-300}" err rc
  err="$(mktemp)"
  while true; do
    rc=0
    "$@" 2>"$err" || rc=$?
    if [ $rc -eq 0 ]; then rm -f "$err"; return 0; fi
    if ! grep -qiE 'could not (get|open) lock|unable to acquire|is another process using it|dpkg frontend lock' "$err"; then
      cat "$err" >&2; rm -f "$err"; return $rc
    fi
    if [ "$waited" -ge "$limit" ]; then
      echo "setup: apt is still locked by another process after ${waited} s ($(grep -m1 -iE 'lock' "$err"))." >&2
      echo "setup: wait for that apt/dpkg process to finish and run this again, or install the packages yourself: apt-get install ${missing[*]}" >&2
      rm -f "$err"; return $rc
    fi
    echo "setup: another apt/dpkg process holds apt's lock; waiting for it (${waited} s of at most ${limit} s; LAYERNAS_APT_WAIT sets the bound)" >&2
    sleep 5; waited=$((waited + 5))
  done
}

if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}" >&2
  sudo=""; [ "$(id -u)" = 0 ] || sudo="sudo"
  apt_retrying $sudo apt-get update -qq
  apt_retrying $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
t2="$(now)"
dotnet restore LayerNas.slnx -v q >/dev/null
t3="$(now)"
if [ -n "${LAYERNAS_SETUP_TIMES:-}" ]; then
  echo "setup: packages checked in $(seconds "$t0" "$t1") s (${#missing[@]} missing), apt $(seconds "$t1" "$t2") s, NuGet restore $(seconds "$t2" "$t3") s" >&2
fi
