#!/usr/bin/env bash
# Writes the README's tour from a run: the output of `bash scripts/run.sh search` and the count it reports, between
# the tour markers. ReadmeTests checks that the README matches what the command prints, so it cannot drift.
set -euo pipefail
cd "$(dirname "$0")/.."
out=$(bash scripts/run.sh search -q)
python3 - "$out" <<'PY'
import re, sys
out = sys.argv[1].rstrip("\n")
n = re.search(r": (\d+) evaluations", out).group(1)
block = (f"```console\n$ bash scripts/run.sh search\n{out}\n```\n\n"
         f"{n} of 15,625 cells were trained (looked up in the table).\n")
readme = open("README.md").read()
begin = readme.index("<!-- tour:begin")
begin = readme.index("-->", begin) + 4
end = readme.index("<!-- tour:end -->")
open("README.md", "w").write(readme[:begin] + block + readme[end:])
print(f"README.md tour: {n} evaluations")
PY
