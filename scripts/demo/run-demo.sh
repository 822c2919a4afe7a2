# Shared by the demo scripts (sourced, not run): run_demo OUT_DIR DEFAULTS_ARRAY_NAME [extra `layernas demo` options]
# checks for Fashion-MNIST, builds the tool (or uses $LAYERNAS_DLL: a copy, so that rebuilding the tree cannot
# disturb a long run), runs `layernas demo` with the defaults that the extra options do not replace, and writes
# OUT_DIR/progress.log (stderr), OUT_DIR/summary.txt (stdout) and the wall time of the whole run.
run_demo() {
  local out="$1" name="$2"
  shift 2
  local -n defaults_ref="$name"
  mkdir -p "$out"
  if [ ! -d /usr/share/datasets/fashion-mnist ]; then
    echo "demo: Fashion-MNIST is missing: run \`apt-get install dataset-fashion-mnist\` (or scripts/setup.sh)" >&2
    exit 2
  fi
  local dll=${LAYERNAS_DLL:-}
  if [ -z "$dll" ]; then
    dotnet build src/LayerNas.Cli -c Release --nologo -v q >/dev/null
    dll=src/LayerNas.Cli/bin/Release/net10.0/layernas.dll
  fi
  local args=() i a given start
  for ((i = 0; i < ${#defaults_ref[@]}; i += 2)); do
    given=false
    for a in "$@"; do [ "$a" = "${defaults_ref[i]}" ] && given=true; done
    $given || args+=("${defaults_ref[i]}" "${defaults_ref[i + 1]}")
  done
  start=$(date +%s)
  dotnet "$dll" demo "${args[@]}" "$@" \
    2> >(tee "$out/progress.log" >&2) | tee "$out/summary.txt"
  echo "wall time of the whole script: $(( $(date +%s) - start )) s" | tee -a "$out/summary.txt"
}
