#!/usr/bin/env bash
# dpk-pii vs presidio (pattern recognizers + anonymizer) on the same web-like
# text, one core each, in one run. Prints MB/s of text and the ratio.
#
#   benchmarks/pii/bench.sh [BUILD_DIR] [VENV]
#
# Input: the real pages of ../shared/data/web/pages.jsonl, 8 copies with the
# digits shifted per copy (make_bench_input.py), so no number repeats.
# dpk: `dpk-pii --threads 1` in redact mode with every type on; throughput is
# text bytes over CPU time (user+sys) minus the start-up of an empty run.
# presidio: analyzer + anonymizer on the first N documents (it is slow), CPU
# time of its loop after set-up.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
SRC=$(cd "$HERE/../.." && pwd)
BUILD=${1:-$SRC/build}
VENV=${2:-/work/venv-pii}
PAGES=$SRC/../shared/data/web/pages.jsonl
[ -f "$PAGES" ] || { echo "missing $PAGES" >&2; exit 1; }
TMP=$(mktemp -d); trap 'rm -rf "$TMP"' EXIT
python3 "$HERE/make_bench_input.py" "$PAGES" "$TMP/in.jsonl" 8
TEXT_BYTES=$(jq -j .text "$TMP/in.jsonl" | wc -c)
echo '{"text":"x"}' > "$TMP/one.jsonl"

cpu() {  # prints user+sys seconds of a command
  /usr/bin/time -f "%U %S" -o "$TMP/t" "$@" > /dev/null
  awk '{print $1 + $2}' "$TMP/t"
}
best() {  # best of 3
  local b=""; for _ in 1 2 3; do local t; t=$(cpu "$@"); if [ -z "$b" ] || awk "BEGIN{exit !($t < $b)}"; then b=$t; fi; done; echo "$b"
}
start=$(best "$BUILD/bin/dpk-pii" --threads 1 -q "$TMP/one.jsonl" -o /dev/null)
run=$(best "$BUILD/bin/dpk-pii" --threads 1 -q "$TMP/in.jsonl" -o /dev/null)
dpk_mbs=$(awk "BEGIN{printf \"%.1f\", $TEXT_BYTES / ($run - $start) / 1e6}")
read -r pdocs pbytes psec < <("$VENV/bin/python" "$HERE/presidio_throughput.py" "$TMP/in.jsonl" 400)
pre_mbs=$(awk "BEGIN{printf \"%.3f\", $pbytes / $psec / 1e6}")
echo "input: $(wc -l < "$TMP/in.jsonl") documents, $TEXT_BYTES bytes of text"
echo "dpk-pii redact, all types, 1 thread: ${dpk_mbs} MB/s (cpu ${run}s, start-up ${start}s)"
echo "presidio analyzer+anonymizer:        ${pre_mbs} MB/s ($pdocs documents, $pbytes bytes, ${psec}s)"
echo "ratio dpk/presidio: $(awk "BEGIN{printf \"%.0f\", $dpk_mbs / $pre_mbs}")x"
