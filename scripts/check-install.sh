#!/usr/bin/env bash
# Checks the README's install section as a newcomer would follow it: pack the tool, install it (into a throw-away
# tool folder instead of --global, so nothing is left behind), and run it: --version, a search, a study and its
# report, from a folder outside the checkout. Prints the package and installed sizes. scripts/test.sh runs it.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$root"
dotnet pack src/LayerNas.Cli -c Release -o "$work/artifacts" --nologo -v q -clp:ErrorsOnly >/dev/null
dotnet tool install --tool-path "$work/tools" --add-source "$work/artifacts" LayerNas.Cli >/dev/null
tool="$work/tools/layernas"
mkdir "$work/here" && cd "$work/here"
version=$("$tool" --version)
"$tool" search -q | grep -q "\[found\]" || { echo "check-install: the installed tool's search did not find the oracle" >&2; exit 1; }
"$tool" search --study demo -q >/dev/null
"$tool" report --study demo --out report/ -q
[ -s report/report.html ] || { echo "check-install: the installed tool wrote no report" >&2; exit 1; }
size() { du -sb "$1" | cut -f1; }
echo "check-install: layernas $version installed and ran search, a study and its report;" \
  "packages $(( $(size "$work/artifacts") / 1000000 )) MB, installed $(( $(size "$work/tools") / 1000000 )) MB"
