#!/usr/bin/env bash
# MinHash benchmarks: dpk vs datasketch and rensa on the same input, in one run.
#   benchmarks/minhash/bench.sh [BUILD_DIR] [VENV] [SHORT_DOCS]
# VENV holds benchmarks/requirements-minhash.txt. Prints the numbers and ratios
# that benchmarks/RESULTS-minhash.md records.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
SRC=$(cd "$HERE/../.." && pwd)
BUILD=$(cd "${1:-$SRC/build}" && pwd)
PY=${2:-/work/venv-minhash}/bin/python
SHORT=${3:-1000000}
DATA=${DPK_SHARED_DATA_DIR:-$SRC/../shared/data}
[ -f "$DATA/web/pages.jsonl" ] || { echo "shared data not found at $DATA" >&2; exit 1; }
DPK="$BUILD/bin/dpk-minhash-dedup"
T=$(mktemp -d); trap 'rm -rf "$T"' EXIT
cd "$HERE"

echo "== machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2), load $(cut -d' ' -f1-3 /proc/loadavg)"
"$PY" make_dataset.py --data "$DATA" --out "$T/set.jsonl" --seed 7 >&2

# 1. Signatures per core (CPU seconds: user + sys), 112 permutations.
cpu() { /usr/bin/time -f "%U %S" "$@" 2>&1 >/dev/null | tail -1 | awk '{print $1 + $2}'; }
ndocs=$(wc -l < "$T/set.jsonl")
best=""
for i in 1 2 3; do
  rm -rf "$T/W"
  s=$(cpu "$DPK" signatures --work "$T/W" --threads 1 "$T/set.jsonl")
  best=$(awk -v a="$s" -v b="${best:-1e9}" 'BEGIN{print (a < b) ? a : b}')
done
dpk_rate=$(awk -v n="$ndocs" -v s="$best" 'BEGIN{printf "%.1f", n / s}')
rm -rf "$T/W"
s=$(cpu "$DPK" signatures --work "$T/W" --threads 1 --hash-scheme datasketch "$T/set.jsonl")
dpk_ds_rate=$(awk -v n="$ndocs" -v s="$s" 'BEGIN{printf "%.1f", n / s}')
echo "== signatures, one core, $ndocs documents (docs per CPU second)"
echo "dpk-xxh3 (JSONL -> ICU words -> signatures -> band files) $dpk_rate"
echo "dpk-datasketch-scheme (same, SHA-1 + mod 2^61-1) $dpk_ds_rate"
"$BUILD/benchmarks/minhash_signature_bench" "$T/set.jsonl" > "$T/sig.txt"
hash_rate=$(awk '$1 == "dpk-xxh3-hashing-only" {print $2}' "$T/sig.txt")
views_rate=$(awk '$1 == "dpk-xxh3-hashing-only-views" {print $2}' "$T/sig.txt")
echo "dpk-xxh3-hashing-only (shingles made beforehand, one string each, like the peers below) $hash_rate"
echo "dpk-xxh3-hashing-only-views (the same shingles as views into each document's words, as in a run) $views_rate"
"$PY" bench_peers.py "$T/set.jsonl" | tee "$T/peers.txt"
while read -r name rate; do
  case "$name" in
    from-text:*) awk -v n="$name" -v d="$dpk_rate" -v r="$rate" 'BEGIN{printf "ratio dpk-xxh3 (from JSONL) / %s = %.1fx\n", n, d / r}' ;;
    *) awk -v n="$name" -v d="$hash_rate" -v v="$views_rate" -v r="$rate" 'BEGIN{printf "ratio dpk-xxh3-hashing-only / %s = %.1fx (views: %.1fx)\n", n, d / r, v / r}' ;;
  esac
done < "$T/peers.txt"

# 2. Conformance and quality on the planted set (xxh3 and datasketch schemes).
"$DPK" --annotate "$T/set.jsonl" > "$T/x.jsonl"
"$DPK" --annotate --hash-scheme datasketch "$T/set.jsonl" > "$T/d.jsonl"
echo "== quality against planted truth"
"$PY" evaluate.py --set "$T/set.jsonl" --dpk "xxh3=$T/x.jsonl" --dpk "datasketch=$T/d.jsonl" \
  ${DATATROVE_CLUSTERS:+--datatrove "$DATATROVE_CLUSTERS"}

# 3. Full local dedup of many short documents on 2 threads, and its memory
# per document: the peak RSS above that of a 20,000-document run (the fixed
# part: libraries, ICU data, blocks in flight), divided by the extra
# documents, must stay within what docs/minhash.md states.
STATED_BYTES_PER_DOC=240
"$PY" make_short_docs.py --data "$DATA" --out "$T/short.jsonl" --count "$SHORT"
head -n 20000 "$T/short.jsonl" > "$T/short-small.jsonl"
/usr/bin/time -v "$DPK" --threads 2 "$T/short-small.jsonl" > /dev/null 2> "$T/time-small.txt"
/usr/bin/time -v "$DPK" --threads 2 --stats "$T/stats.json" "$T/short.jsonl" > "$T/short-out.jsonl" 2> "$T/time.txt"
wall=$(awk -F': ' '/Elapsed \(wall clock\)/{n=split($2,a,":"); s=0; for(i=1;i<=n;i++) s=s*60+a[i]; print s}' "$T/time.txt")
cpu_s=$(awk -F': ' '/User time/{u=$2} /System time/{s=$2} END{print u + s}' "$T/time.txt")
rss=$(awk -F': ' '/Maximum resident set size/{print $2}' "$T/time.txt")
rss_small=$(awk -F': ' '/Maximum resident set size/{print $2}' "$T/time-small.txt")
kept=$(wc -l < "$T/short-out.jsonl")
echo "== full local dedup, $SHORT short documents ($(du -m "$T/short.jsonl" | cut -f1) MB), --threads 2"
awk -v n="$SHORT" -v w="$wall" -v c="$cpu_s" -v r="$rss" -v k="$kept" 'BEGIN{printf "wall %.1f s, %.0f documents/s, CPU %.1f s, peak RSS %.0f MB (%.0f bytes/document all told), kept %d\n", w, n / w, c, r / 1024, r * 1024 / n, k}'
per_doc=$(awk -v n="$SHORT" -v r="$rss" -v s="$rss_small" 'BEGIN{printf "%.0f", (r - s) * 1024 / (n - 20000)}')
echo "memory per document: $per_doc bytes above the 20,000-document run's $((rss_small / 1024)) MB (stated: at most $STATED_BYTES_PER_DOC)"
[ "$per_doc" -le "$STATED_BYTES_PER_DOC" ] || { echo "FAIL: memory per document above the stated $STATED_BYTES_PER_DOC bytes" >&2; exit 1; }
grep -E '"minhash_dup"' "$T/stats.json" | head -1 || true
