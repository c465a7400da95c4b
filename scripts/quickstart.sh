#!/usr/bin/env bash
# Installs dependencies, builds dpk, runs recipes/quickstart.yaml on the
# bundled sample data (testdata/quickstart/) and shows what it produced.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/install-deps.sh
bash scripts/build.sh

echo
echo "== dpk run recipes/quickstart.yaml"
# --overwrite: a rerun redoes the outputs instead of skipping the completed ones
build/bin/dpk run recipes/quickstart.yaml --overwrite

out=out/quickstart
echo
echo "== Output in $out/"
find "$out" -path "$out/.dpk" -prune -o -type f -print | sort
echo
echo "Output:   $out/ (one cleaned file per input file)"
if [ -f "$out-profile.json" ]; then echo "Profile:  $out-profile.json"; fi
if [ -f "$out-report.html" ]; then echo "Report:   $out-report.html (open it in a browser)"; fi

meta=$out/.dpk/metadata.json
if [ -f "$meta" ]; then
  echo
  echo "== Run summary: $meta"
  jq '{tool, wall_seconds, counts, steps: [.steps[] | {name, documents_in, documents_out, dropped}]}' "$meta"
fi
if [ -f "$out-profile.json" ]; then
  echo
  echo "== Profile: $out-profile.json"
  jq '{documents, words: (.lengths.words | {mean, min, max}), ids: (.ids | {distinct, duplicates})}' "$out-profile.json" \
    || jq 'with_entries(select(.value | type != "object" and type != "array"))' "$out-profile.json"
fi
