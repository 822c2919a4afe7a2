#!/usr/bin/env bash
# Runs hostile trainers and bad inputs through a built `layernas` and prints, for each case, the exit code, the peak
# memory (RSS, /usr/bin/time) and the first line of stderr. The numbers in docs/studies.md ("Faults and hostile input")
# come from it. Usage: bash scripts/fault-probe.sh [path/to/layernas.dll]   (default: this tree's Release build)
set -uo pipefail
dll=${1:-$(cd "$(dirname "$0")/.." && pwd)/src/LayerNas.Cli/bin/Release/net10.0/layernas.dll}
dir=$(mktemp -d /tmp/layernas-probe.XXXXXX); trap 'rm -rf "$dir"' EXIT
cd "$dir"
trainer() { printf '#!/bin/sh\n%s\n' "$2" > "$1.sh"; }
trainer line50 "head -c 50000000 /dev/zero | tr '\\0' x"
trainer line100 "head -c 100000000 /dev/zero | tr '\\0' x"
trainer lines200 "yes 'epoch 1 loss 0.25 accuracy 0.5 ................................' | head -c 200000000; echo '{\"reward\": 1}'"
trainer bom "printf '\\377\\376log\\n{\"reward\": 3.5}\\n'"
trainer daemon "sleep 30 & echo '{\"reward\": 2}'"
trainer dupkey "echo '{\"reward\": 1, \"reward\": 99}'"
trainer env "echo \"{\\\"reward\\\": \${#PGPASSWORD}}\"; echo \"\$PGPASSWORD\" >&2"
printf 'arch,val_acc,mflops\n0-3000000,1,2\n0-0,2,3\n' > big.csv
printf 'arch,val_acc,mflops\n0-0,84,31\n0-1,85,Infinity\n1-0,86,40\n1-1,87,50\n' > inf.csv
printf 'arch,val_acc,\033[31mmflops\033[0m\n0-0,84,31\n0-1,85,35\n' > ansi.csv
python3 -c "print('['*20000)" > deep.yaml
python3 -c "print('a: &a [x,x,x,x,x,x,x,x,x,x]'); [print(f'{chr(98+i)}: &{chr(98+i)} [' + ','.join(['*'+chr(97+i)]*10) + ']') for i in range(8)]" > bomb.yaml
touch a-file
probe() {
  rm -rf logs
  local name=$1; shift
  local t0=$(date +%s.%N)
  PGPASSWORD=pw-s3cret /usr/bin/time -f "%M" -o rss timeout 300 dotnet "$dll" "$@" > out 2> err; local code=$?
  local t=$(echo "$(date +%s.%N) - $t0" | bc)
  local leaked=""; grep -rqs "s3cret" out err logs && leaked=" PASSWORD SEEN (output or trainer logs)"
  printf '| %s | %s | %s MB | %.1f s | %s%s |\n' "$name" "$code" "$(( $(tail -1 rss) / 1024 ))" "$t" \
    "$( (grep -m1 -E 'error|failed' err || head -1 err) | cut -c1-150 | cat -v)" "$leaked"
}
search() { probe "$1" search --study "$1" --storage "sqlite:$dir/s.db" --budget 1 --evaluator command --command "sh $dir/$2.sh" --log-dir "$dir/logs" --progress quiet; }
echo "| case | exit | peak RSS | time | first line of stderr |"
echo "|---|---|---|---|---|"
search trainer-50MB-line line50
search trainer-100MB-line line100
search trainer-200MB-of-lines lines200
search trainer-utf16-bom bom
search trainer-child-holds-stdout daemon
search trainer-duplicate-reward dupkey
search trainer-reads-PGPASSWORD env
pgrep -f "sleep 30" >/dev/null && echo "| (the child of trainer-child-holds-stdout outlived its attempt) | | | | |"
probe csv-index-3000000 search --table big.csv --cost mflops --max-cost 10 --reward val_acc
probe csv-infinite-cost search --table inf.csv --cost mflops --max-cost 0.5x --reward val_acc
probe csv-ansi-header search --table ansi.csv --cost mflops --max-cost 0.5x --reward val_acc
probe yaml-20000-deep search --config deep.yaml
probe yaml-alias-bomb search --config bomb.yaml
probe log-dir-under-a-file search --study l --storage "sqlite:$dir/s.db" --evaluator command --command true --log-dir a-file/logs
probe url-without-slashes studies --storage 'postgresql:nas:pw-s3cret@host/db'
probe url-without-colon studies --storage 'postgresql//nas:pw-s3cret@host/db'
probe url-one-slash studies --storage 'postgresql:/nas:pw-s3cret@host/db'
probe url-without-host studies --storage 'postgresql://nas:pw-s3cret'
