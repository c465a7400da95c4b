#!/usr/bin/env bash
# dpk-pii vs presidio (pattern recognizers + anonymizer) on the same text,
# one core each, in one run: web pages and technical text (Debian
# changelogs, copyright files, NEWS). Prints MB/s of text and the ratio.
#
#   benchmarks/pii/bench.sh [BUILD_DIR] [VENV]
#
# Inputs, 8 copies each with the digits shifted per copy
# (make_bench_input.py), so no number repeats:
#   web:       the real pages of ../shared/data/web/pages.jsonl
#   technical: benchmarks/pii/tech_sample.jsonl.zst (make_tech_sample.py)
# dpk: `dpk-pii --threads 1` in redact mode with every type on; CPU time
# (user+sys, best of 3) of the whole process, so start-up counts; the rate
# without the start-up of a one-document run is printed beside it.
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
python3 "$HERE/make_bench_input.py" "$PAGES" "$TMP/web.jsonl" 8
zstd -dcq "$HERE/tech_sample.jsonl.zst" > "$TMP/tech1.jsonl"
python3 "$HERE/make_bench_input.py" "$TMP/tech1.jsonl" "$TMP/technical.jsonl" 8
echo '{"text":"x"}' > "$TMP/one.jsonl"

cpu() {  # prints user+sys seconds of a command
  /usr/bin/time -f "%U %S" -o "$TMP/t" "$@" > /dev/null
  awk '{print $1 + $2}' "$TMP/t"
}
best() {  # best of 3
  local b=""; for _ in 1 2 3; do local t; t=$(cpu "$@"); if [ -z "$b" ] || awk "BEGIN{exit !($t < $b)}"; then b=$t; fi; done; echo "$b"
}
start=$(best "$BUILD/bin/dpk-pii" --threads 1 -q "$TMP/one.jsonl" -o /dev/null)
echo "dpk-pii start-up (one document): ${start}s CPU"
for name in web technical; do
  in=$TMP/$name.jsonl
  bytes=$(jq -j .text "$in" | wc -c)
  run=$(best "$BUILD/bin/dpk-pii" --threads 1 -q "$in" -o /dev/null)
  with_start=$(awk "BEGIN{printf \"%.1f\", $bytes / $run / 1e6}")
  without=$(awk "BEGIN{printf \"%.1f\", $bytes / ($run - $start) / 1e6}")
  n=400; [ "$name" = technical ] && n=60
  read -r pdocs pbytes psec < <("$VENV/bin/python" "$HERE/presidio_throughput.py" "$in" $n)
  pre=$(awk "BEGIN{printf \"%.3f\", $pbytes / $psec / 1e6}")
  echo "== $name: $(wc -l < "$in") documents, $bytes bytes of text"
  echo "dpk-pii redact, all types, 1 thread: ${with_start} MB/s with start-up (cpu ${run}s), ${without} MB/s without"
  echo "presidio analyzer+anonymizer:        ${pre} MB/s ($pdocs documents, $pbytes bytes, ${psec}s)"
  echo "ratio dpk/presidio: $(awk "BEGIN{printf \"%.0f\", $with_start / $pre}")x"
done
