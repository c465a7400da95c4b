#!/usr/bin/env bash
# From-JSONL signature speed of two builds of dpk-minhash-dedup on the same
# input, alternating runs (so load changes hit both alike): the signatures
# stage on one thread (parse, normalize, words, shingles, signatures, band
# files), CPU seconds (user + sys) per run, best and median of ROUNDS.
#   benchmarks/minhash/compare_speed.sh OLD_BUILD NEW_BUILD [ROUNDS] [COPIES] [-- STAGE OPTIONS]
# Input: make_dataset.py --seed 7 (12,000 documents, 28 MB) repeated COPIES
# times (default 4), so start-up is a small part of each run.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
SRC=$(cd "$HERE/../.." && pwd)
OLD=$(cd "$1" && pwd)/bin/dpk-minhash-dedup
NEW=$(cd "$2" && pwd)/bin/dpk-minhash-dedup
ROUNDS=${3:-5}
COPIES=${4:-4}
shift $(( $# < 4 ? $# : 4 ))
[ "${1:-}" = "--" ] && shift
PY=${VENV:-/work/venv-minhash}/bin/python
DATA=${DPK_SHARED_DATA_DIR:-$SRC/../shared/data}
T=$(mktemp -d); trap 'rm -rf "$T"' EXIT
(cd "$HERE" && "$PY" make_dataset.py --data "$DATA" --out "$T/set.jsonl" --seed 7 >&2)
for _ in $(seq "$COPIES"); do cat "$T/set.jsonl"; done > "$T/in.jsonl"
ndocs=$(wc -l < "$T/in.jsonl")
echo "== $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2), load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "== $ndocs documents, $(du -m "$T/in.jsonl" | cut -f1) MB, options: ${*:-(defaults)}"
for _ in $(seq "$ROUNDS"); do
  for who in old new; do
    bin=$OLD; [ $who = new ] && bin=$NEW
    rm -rf "$T/w"
    /usr/bin/time -f "%U %S" -o "$T/t" "$bin" signatures --work "$T/w" --threads 1 "$@" "$T/in.jsonl"
    awk '{print $1 + $2}' "$T/t" >> "$T/$who.s"
  done
done
stats() { sort -n "$1" | awk -v n="$ndocs" '{a[NR]=$1} END{printf "best %.2f s (%.0f docs/CPU s), median %.2f s (%.0f docs/CPU s)", a[1], n/a[1], a[int((NR+1)/2)], n/a[int((NR+1)/2)]}'; }
echo "old: $(stats "$T/old.s")"
echo "new: $(stats "$T/new.s")"
paste <(sort -n "$T/old.s") <(sort -n "$T/new.s") | awk 'NR==1{b=$1/$2} {o[NR]=$1; w[NR]=$2} END{m=int((NR+1)/2); printf "speed-up new/old: best %.2fx, median %.2fx\n", b, o[m]/w[m]}'
