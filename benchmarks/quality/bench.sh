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

# CPU seconds (user + system) are reported beside wall seconds: on a shared
# machine the wall clock also counts time spent waiting for a core.
measure() {  # measure NAME CMD... ; sets NAME_WALL and NAME_CPU
  local name=$1; shift
  /usr/bin/time -f '%e %U %S' -o "$TMP/time" "$@" > "$TMP/$name.stdout" 2> /dev/null
  read -r wall user sys < "$TMP/time"
  printf -v "${name}_WALL" '%s' "$wall"
  printf -v "${name}_CPU" '%s' "$(echo "$user + $sys" | bc -l)"
}

measure DPK "$BUILD/bin/dpk" run "$ROOT/recipes/pretrain-web-quality-only.yaml" --threads 1 -o "$TMP/dpk/" "$TMP/in/docs.jsonl"
DPK_KEPT=$(cat "$TMP"/dpk/*.jsonl | wc -l)
measure DT "$PY" "$ROOT/benchmarks/quality/datatrove_chain.py" "$TMP/in" "$TMP/dt"
DT_KEPT=$(tail -1 "$TMP/DT.stdout" | jq .kept)

rate() { echo "$DOCS / $1" | bc -l; }
printf 'input: %d documents, %d MB\n' "$DOCS" "$MB"
printf '%-22s %9s %9s %12s %12s %8s\n' "" "wall s" "cpu s" "docs/s wall" "docs/s cpu" "kept"
printf '%-22s %9.2f %9.2f %12.1f %12.1f %8d\n' "dpk (1 thread)" "$DPK_WALL" "$DPK_CPU" "$(rate "$DPK_WALL")" "$(rate "$DPK_CPU")" "$DPK_KEPT"
printf '%-22s %9.2f %9.2f %12.1f %12.1f %8d\n' "datatrove (1 worker)" "$DT_WALL" "$DT_CPU" "$(rate "$DT_WALL")" "$(rate "$DT_CPU")" "$DT_KEPT"
printf 'ratio (dpk faster by): %.1fx wall, %.1fx cpu\n' "$(echo "$DT_WALL / $DPK_WALL" | bc -l)" "$(echo "$DT_CPU / $DPK_CPU" | bc -l)"
