#!/usr/bin/env bash
# Installs dependencies, builds dpk, runs recipes/quickstart.yaml on the
# bundled sample data (testdata/quickstart/) and shows what it produced.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/install-deps.sh
bash scripts/build.sh

echo
echo "== dpk run recipes/quickstart.yaml"
build/bin/dpk run recipes/quickstart.yaml

out=out/quickstart
echo
echo "== Output in $out/"
ls -l "$out"
[ -f "$out/profile.json" ] && echo "Profile:  $out/profile.json"
[ -f "$out/report.html" ] && echo "Report:   $out/report.html  (open it in a browser)"

meta=$(find "$out" -maxdepth 2 -name metadata.json | head -n 1)
if [ -n "$meta" ]; then
  echo
  echo "== Run summary ($meta)"
  jq '{tool, version, wall_seconds: (.wall_seconds // .wall_time_s // null), counts: (.counts // .totals // null), steps: [(.steps // [])[] | {name: (.name // .step), in: (.documents_in // .in), out: (.documents_out // .out), dropped: (.dropped // .documents_dropped)}]}' "$meta" \
    || jq . "$meta"
fi
if [ -f "$out/profile.json" ]; then
  echo
  echo "== Profile"
  jq '{documents: (.documents // .document_count // .count // null)}' "$out/profile.json"
fi
