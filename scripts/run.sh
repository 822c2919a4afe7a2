#!/usr/bin/env bash
# Runs the `layernas` tool from this checkout: bash scripts/run.sh search
# Set-up (scripts/setup.sh) and the build run only when an input changed since the last good build: the stamp is a
# hash of the tracked and untracked-but-not-ignored build inputs (src/, data/, build/, the solution, props and
# targets, global.json, scripts/setup.sh with its package list). When nothing changed it starts the built tool at once;
# when it builds, it says why and where the time went (on stderr, so --json output stays clean).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
out="$root/src/LayerNas.Cli/bin/Release/net10.0"
dll="$out/layernas.dll"
stamp_file="$out/.layernas-run-stamp"
inputs=(src data build Directory.Build.props Directory.Build.targets Directory.Packages.props global.json LayerNas.slnx scripts/setup.sh)

# Runs in the checkout's root (in a subshell: the tool itself runs where it was called, for relative paths).
stamp() (
  cd "$root"
  if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
    # Content hashes, path by path: the index's blob hash of each tracked file, or for anything changed or new (not
    # ignored) since, the hash of what is on disk. So a commit of the same content keeps the stamp.
    changed="$(git status --porcelain --untracked-files=all -- "${inputs[@]}" | cut -c4- | sed 's/.* -> //')"
    {
      if [ -n "$changed" ]; then
        printf '%s\n' "$changed" | while IFS= read -r f; do
          if [ -f "$f" ]; then echo "W $f $(git hash-object -- "$f")"; else echo "W $f gone"; fi
        done
      fi
      git ls-files -s -- "${inputs[@]}" | awk '{ print "I", $4, $2 }'
    } | awk '$1 == "W" { w[$2] = $3; next } !($2 in w) { print $2, $3 } END { for (p in w) if (w[p] != "gone") print p, w[p] }' \
      | LC_ALL=C sort | sha1sum | cut -d' ' -f1
  else
    # Not a git checkout (an unpacked archive): path, size and modification time of every input file.
    find "${inputs[@]}" -type f -not -path '*/bin/*' -not -path '*/obj/*' -printf '%p %s %T@\n' 2>/dev/null | sort | sha1sum | cut -d' ' -f1
  fi
)

now() { date +%s%N; }
seconds() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", (b - a) / 1e9 }'; }

current="$(stamp)"
if [ -f "$dll" ] && [ -f "$stamp_file" ] && [ "$(cat "$stamp_file")" = "$current" ]; then
  exec dotnet "$dll" "$@"
fi

if [ ! -f "$dll" ]; then why="no build yet"; elif [ ! -f "$stamp_file" ]; then why="no stamp of the last build"; else why="inputs changed since the last build"; fi
echo "run.sh: setting up and building ($why)" >&2
t0="$(now)"
LAYERNAS_SETUP_TIMES=1 bash "$root/scripts/setup.sh" >&2
t1="$(now)"
dotnet build "$root/src/LayerNas.Cli" -c Release --nologo -v q "-clp:ErrorsOnly;NoSummary" >&2
t2="$(now)"
echo "$current" > "$stamp_file"
echo "run.sh: ready in $(seconds "$t0" "$t2") s: set-up $(seconds "$t0" "$t1") s (see setup: lines above), build $(seconds "$t1" "$t2") s" >&2
exec dotnet "$dll" "$@"
