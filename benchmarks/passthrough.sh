#!/usr/bin/env bash
# End-to-end passthrough benchmark: how close does a dpk tool that keeps every
# document byte-for-byte come to plain zstd decompress+recompress, how many
# MB/s of JSONL does one thread move, and does memory stay flat as input grows?
#
#   bash benchmarks/passthrough.sh            (uses build/bin; DPK_BIN=dir overrides)
#
# Input: ../shared/data/web/pages.jsonl (or $DPK_BENCH_SOURCE) replicated with
# unique ids to ~40 MB (1x) and ~400 MB (10x) of JSONL, cached in
# benchmarks/work/ (git-ignored). Every document already has an id, so
# dpk-docid keeps each line as it is: the run is parse + splice-free write.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
DPK_BIN=${DPK_BIN:-$ROOT/build/bin}
SOURCE=${DPK_BENCH_SOURCE:-$ROOT/../shared/data/web/pages.jsonl}
WORK=$ROOT/benchmarks/work
REPS_1X=${REPS_1X:-7}      # 7 x 5.56 MB  = ~39 MB
REPS_10X=$((REPS_1X * 10)) # 70 x 5.56 MB = ~389 MB
mkdir -p "$WORK"

[ -x "$DPK_BIN/dpk-docid" ] || { echo "passthrough: $DPK_BIN/dpk-docid not found; run scripts/build.sh" >&2; exit 2; }
[ -r "$SOURCE" ] || { echo "passthrough: $SOURCE not readable" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "passthrough: /usr/bin/time missing (apt-get install time)" >&2; exit 2; }

# make_input REPS NAME: NAME.jsonl and NAME.jsonl.zst (zstd -3), built once.
make_input() {
  local reps=$1 name=$2
  if [ ! -s "$WORK/$name.jsonl.zst" ] || [ ! -s "$WORK/$name.jsonl" ]; then
    echo "building $name input ($reps copies of $(basename "$SOURCE"))..." >&2
    python3 - "$SOURCE" "$reps" > "$WORK/$name.jsonl.tmp" <<'PY'
import json, sys
src, reps = sys.argv[1], int(sys.argv[2])
docs = [json.loads(l) for l in open(src, encoding="utf-8") if l.strip()]
out = sys.stdout
for r in range(reps):
    for i, d in enumerate(docs):
        d2 = dict(d)
        d2["id"] = f"r{r}-{i}-{d.get('id', '')}"
        out.write(json.dumps(d2, ensure_ascii=False) + "\n")
PY
    mv "$WORK/$name.jsonl.tmp" "$WORK/$name.jsonl"
    zstd -q -f -3 "$WORK/$name.jsonl" -o "$WORK/$name.jsonl.zst"
  fi
}
IN1=$WORK/pages-x$REPS_1X
IN=$WORK/pages-x$REPS_10X
make_input "$REPS_1X" "$(basename "$IN1")"
make_input "$REPS_10X" "$(basename "$IN")"

mb() { awk -v b="$(stat -c %s "$1")" 'BEGIN{printf "%.1f", b/1e6}'; }
# timed LABEL CMD...: runs CMD under /usr/bin/time -v; sets SECS (wall),
# CPU (user+sys seconds, children included) and RSS_MB (peak resident set).
timed() {
  local label=$1; shift
  /usr/bin/time -v -o "$WORK/time.$label" "$@"
  SECS=$(awk -F': ' '/Elapsed \(wall clock\)/{n=split($2,a,":"); s=0; for(i=1;i<=n;i++) s=s*60+a[i]; printf "%.2f", s}' "$WORK/time.$label")
  CPU=$(awk -F': ' '/User time|System time/{s+=$2} END{printf "%.2f", s}' "$WORK/time.$label")
  RSS_MB=$(awk -F': ' '/Maximum resident set size/{printf "%.1f", $2/1024}' "$WORK/time.$label")
}
row() { printf '%-58s %7ss wall %7ss cpu %7s MB RSS\n' "$1" "$SECS" "$CPU" "$RSS_MB"; }

PLAIN_MB=$(mb "$IN.jsonl"); ZST_MB=$(mb "$IN.jsonl.zst")
DOCS=$(wc -l < "$IN.jsonl")
echo "machine: $(nproc) cores, $(lscpu | sed -n 's/^Model name: *//p' | head -n1), load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "input:   $IN.jsonl.zst ($DOCS docs, $PLAIN_MB MB JSONL, $ZST_MB MB zstd -3); 1x input: $(mb "$IN1.jsonl") MB"
echo "dpk:     $("$DPK_BIN/dpk" --version)"
echo

# Warm the page cache so every run reads from memory.
cat "$IN.jsonl" "$IN.jsonl.zst" "$IN1.jsonl.zst" > /dev/null

rm -f "$WORK"/out.*
timed zstd bash -c "zstd -q -dc '$IN.jsonl.zst' | zstd -q -3 -c > '$WORK/out.zstd.jsonl.zst'"
T_ZSTD=$SECS; C_ZSTD=$CPU
row "(a) zstd -dc in.zst | zstd -3 -c > out.zst"

timed dpk2 "$DPK_BIN/dpk-docid" -q --threads 2 "$IN.jsonl.zst" -o "$WORK/out.dpk2.jsonl.zst"
T_DPK2=$SECS; C_DPK2=$CPU; RSS_10X=$RSS_MB
row "(b) dpk-docid --threads 2 in.zst -o out.jsonl.zst"
cmp <(zstd -q -dc "$WORK/out.dpk2.jsonl.zst") "$IN.jsonl" || { echo "passthrough: output differs from input" >&2; exit 1; }

timed dpk1 "$DPK_BIN/dpk-docid" -q --threads 1 "$IN.jsonl" -o "$WORK/out.dpk1.jsonl"
T_DPK1=$SECS; C_DPK1=$CPU
row "(c) dpk-docid --threads 1 in.jsonl -o out.jsonl"
cmp "$WORK/out.dpk1.jsonl" "$IN.jsonl" || { echo "passthrough: output differs from input" >&2; exit 1; }

timed dpk1x "$DPK_BIN/dpk-docid" -q --threads 2 "$IN1.jsonl.zst" -o "$WORK/out.dpk1x.jsonl.zst"
RSS_1X=$RSS_MB
row "(d) as (b) on the 1x input"
rm -f "$WORK"/out.*

echo
awk -v z="$T_ZSTD" -v cz="$C_ZSTD" -v d2="$T_DPK2" -v c2="$C_DPK2" -v d1="$T_DPK1" -v c1="$C_DPK1" \
    -v mb="$PLAIN_MB" -v r1="$RSS_1X" -v r10="$RSS_10X" 'BEGIN{
  printf "dpk/zstd ratio (b/a):                 wall %.2f, cpu %.2f\n", d2/z, c2/cz
  printf "dpk, 2 threads, zst -> zst:           %.0f MB/s of JSONL (wall)\n", mb/d2
  printf "dpk, 1 thread, plain -> plain:        %.0f MB/s of JSONL per thread (wall), %.0f MB/s per cpu-second\n", mb/d1, mb/c1
  printf "peak RSS, 1x / 10x input (b, d):      %s MB / %s MB\n", r1, r10
}'
