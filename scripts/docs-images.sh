#!/usr/bin/env bash
# Remakes the README's report pictures (docs/img/report-top.png, docs/img/report-front.png) from the README's own
# study, `layernas search --study demo`, opened in headless Chromium by the report's browser test.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
dotnet test tests/LayerNas.Reporting.Tests -c Release --nologo -v q --filter "FullyQualifiedName~TourReport" >/dev/null
shots=tests/LayerNas.Reporting.Tests/bin/Release/net10.0/screenshots
cp "$shots/tour-report-top.png" docs/img/report-top.png
cp "$shots/tour-report-front.png" docs/img/report-front.png
echo "docs/img/report-top.png, docs/img/report-front.png: remade from the tour's study"
