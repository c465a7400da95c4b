#!/usr/bin/env bash
# Exact dedup on 1 million short generated documents (about 1 in 5 a copy of
# an earlier one), 2 threads: documents/s and peak RSS (GNU time -v), for the
# one-process transform and for the three stages run one after another.
# Usage: benchmarks/dedup/exact.sh [BUILD_DIR]   (default: build)
set -euo pipefail
BIN=$(cd "${1:-build}/bin" && pwd)
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
N=1000000
# Documents of 8-20 words from a 5000-word vocabulary; doc i copies doc i/3
# when i % 5 == 0, so 20% are exact copies.
awk -v n=$N 'BEGIN {
  srand(42);
  for (w = 0; w < 5000; w++) vocab[w] = sprintf("w%x", w * 2654435761 % 1000003);
  for (i = 0; i < n; i++) {
    if (i % 5 == 0 && i > 0) { t = text[int(i / 3)] } else {
      k = 8 + int(rand() * 13); t = vocab[int(rand() * 5000)];
      for (j = 1; j < k; j++) t = t " " vocab[int(rand() * 5000)];
    }
    if (i < n / 3 + 1) text[i] = t;
    printf "{\"id\":\"d%d\",\"text\":\"%s\"}\n", i, t;
  }
}' > "$WORK/docs.jsonl"
echo "input: $N documents, $(du -m "$WORK/docs.jsonl" | cut -f1) MB, $(nproc) cores, $(uname -m)"

measure() {  # LABEL CMD...: prints docs/s, wall, peak RSS
  local label=$1; shift
  /usr/bin/time -v "$@" 2> "$WORK/time.txt" > /dev/null
  local wall rss
  wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {n = split($2, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i]; print s}' "$WORK/time.txt")
  rss=$(awk -F': ' '/Maximum resident set size/ {printf "%.0f", $2 / 1024}' "$WORK/time.txt")
  printf '%-34s %8.2f s %12.0f docs/s %6s MB peak RSS\n' "$label" "$wall" "$(echo "$N / $wall" | bc -l)" "$rss"
}

measure "exact-dedup (one process)" "$BIN/dpk-exact-dedup" --threads 2 -q --temp-dir "$WORK" -o "$WORK/out.jsonl" "$WORK/docs.jsonl"
kept=$(wc -l < "$WORK/out.jsonl")
echo "kept $kept of $N"
measure "exact-dedup hashes (1 shard)" "$BIN/dpk-exact-dedup" hashes --threads 2 -q --work "$WORK/w/" "$WORK/docs.jsonl"
measure "exact-dedup resolve (16 parts)" "$BIN/dpk-exact-dedup" resolve --work "$WORK/w/"
measure "exact-dedup filter (1 shard)" "$BIN/dpk-exact-dedup" filter --threads 2 -q --work "$WORK/w/" "$WORK/docs.jsonl" -o "$WORK/staged.jsonl"
[ "$(wc -l < "$WORK/staged.jsonl")" = "$kept" ] || { echo "staged kept set differs" >&2; exit 1; }
