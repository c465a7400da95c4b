#!/usr/bin/env bash
# dpk's quality chain (recipes/pretrain-web-quality-only.yaml: gopher-quality
# -> gopher-repetition -> c4 -> fineweb) on 1 thread against the same
# datatrove pipeline on 1 worker, same documents; prints documents/s and the
# ratio. Input: the conformance set (6,307 web documents), repeated REPEAT
# times (default 1).
#
# Usage: benchmarks/quality/bench.sh [BUILD_DIR] [PYTHON]
#   BUILD_DIR  dpk build folder (default build)
#   PYTHON     python with benchmarks/requirements-quality.txt (default /work/venv-datatrove/bin/python)
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
BUILD=${1:-$ROOT/build}
PY=${2:-/work/venv-datatrove/bin/python}
REPEAT=${REPEAT:-1}
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
mkdir -p "$TMP/in"
for _ in $(seq "$REPEAT"); do zstd -qdc "$ROOT/tests/quality/conformance-input.jsonl.zst"; done > "$TMP/in/docs.jsonl"
DOCS=$(wc -l < "$TMP/in/docs.jsonl")
MB=$(du -m "$TMP/in/docs.jsonl" | cut -f1)

t0=$(date +%s.%N)
"$BUILD/bin/dpk" run "$ROOT/recipes/pretrain-web-quality-only.yaml" --threads 1 -o "$TMP/dpk/" "$TMP/in/docs.jsonl" 2> /dev/null
t1=$(date +%s.%N)
DPK_S=$(echo "$t1 - $t0" | bc -l)
DPK_KEPT=$(cat "$TMP"/dpk/*.jsonl | wc -l)

DT=$("$PY" "$ROOT/benchmarks/quality/datatrove_chain.py" "$TMP/in" "$TMP/dt" 2> /dev/null | tail -1)
DT_S=$(echo "$DT" | jq .seconds)
DT_KEPT=$(echo "$DT" | jq .kept)

printf 'input: %d documents, %d MB\n' "$DOCS" "$MB"
printf 'dpk (1 thread):        %8.2f s  %10.1f docs/s  kept %d\n' "$DPK_S" "$(echo "$DOCS / $DPK_S" | bc -l)" "$DPK_KEPT"
printf 'datatrove (1 worker):  %8.2f s  %10.1f docs/s  kept %d\n' "$DT_S" "$(echo "$DOCS / $DT_S" | bc -l)" "$DT_KEPT"
printf 'ratio (dpk faster by): %.1fx\n' "$(echo "$DT_S / $DPK_S" | bc -l)"
