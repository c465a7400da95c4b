#!/usr/bin/env bash
# What dpk-stats' HTML report costs: times `dpk-stats --html` over COPIES
# copies of a JSONL file whose documents each get two numeric fields (so the
# numeric histograms have work to do), once per dpk build given, best of 3
# runs, 2 threads. Compare a build before and after a change to the profile.
#
#   benchmarks/stats/report_cost.sh ../shared/data/web/pages.jsonl 40 /path/to/old/build/bin build/bin
set -euo pipefail
[ $# -ge 3 ] || { echo "usage: $0 PAGES.jsonl COPIES BIN_DIR..." >&2; exit 2; }
src=$1 copies=$2
shift 2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
jq -c '. + {score: ((.text | length) / 1000), chars: (.text | length)}' "$src" > "$work/one.jsonl"
for _ in $(seq "$copies"); do cat "$work/one.jsonl"; done > "$work/in.jsonl"
echo "input: $(wc -l < "$work/in.jsonl") documents, $(($(stat -c %s "$work/in.jsonl") / 1000000)) MB"
for bin in "$@"; do
  best=
  for _ in 1 2 3; do
    t=$( { /usr/bin/time -f %e "$bin/dpk-stats" -q --threads 2 --html "$work/r.html" --report /dev/null "$work/in.jsonl"; } 2>&1 | tail -1)
    if [ -z "$best" ] || awk "BEGIN{exit !($t < $best)}"; then best=$t; fi
  done
  echo "$("$bin/dpk" --version | sed -n 's/^commit: //p')  best of 3: ${best} s  ($bin)"
done
