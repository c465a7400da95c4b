#!/usr/bin/env bash
# dpk's quality chain (recipes/pretrain-web-quality-only.yaml: gopher-repetition
# -> gopher-quality -> c4 -> fineweb, FineWeb's settings) on 1 thread against the same
# datatrove pipeline on 1 worker, same documents; prints documents/s and the
# ratio. Input: the conformance set (7,859 documents: web pages and sentences in 75 languages), repeated REPEAT
# times (default 1).
#
# Usage: benchmarks/quality/bench.sh [BUILD_DIR] [PYTHON]
#   BUILD_DIR  dpk build folder (default build)
#   PYTHON     python with benchmarks/requirements-quality.txt (default /work/venv-datatrove/bin/python)
source "$(dirname "$0")/bench_lib.sh.inc"

measure DPK "$BUILD/bin/dpk" run "$ROOT/recipes/pretrain-web-quality-only.yaml" --threads 1 -o "$TMP/dpk/" "$TMP/in/docs.jsonl"
DPK_KEPT=$(cat "$TMP"/dpk/*.jsonl | wc -l)
measure DT "$PY" "$ROOT/benchmarks/quality/datatrove_chain.py" "$TMP/in" "$TMP/dt"
DT_KEPT=$(tail -1 "$TMP/DT.stdout" | jq .kept)

printf 'input: %d documents, %d MB\n' "$DOCS" "$MB"
printf '%-22s %9s %9s %12s %12s %8s\n' "" "wall s" "cpu s" "docs/s wall" "docs/s cpu" "kept"
printf '%-22s %9.2f %9.2f %12.1f %12.1f %8d\n' "dpk (1 thread)" "$DPK_WALL" "$DPK_CPU" "$(rate "$DPK_WALL")" "$(rate "$DPK_CPU")" "$DPK_KEPT"
printf '%-22s %9.2f %9.2f %12.1f %12.1f %8d\n' "datatrove (1 worker)" "$DT_WALL" "$DT_CPU" "$(rate "$DT_WALL")" "$(rate "$DT_CPU")" "$DT_KEPT"
printf 'ratio (dpk faster by): %.1fx wall, %.1fx cpu\n' "$(echo "$DT_WALL / $DPK_WALL" | bc -l)" "$(echo "$DT_CPU / $DPK_CPU" | bc -l)"
