#!/usr/bin/env bash
# Time and peak RSS of dpk-chunk on one large document (1, 10 and 100 MB of
# text) for every strategy, to show chunking is linear in the document.
#
#   bash benchmarks/chunk/bench_big.sh [SIZES...]     # default: 1M 10M 100M
#
# Builds nothing: uses build/bin. The token strategies use a tiny WordPiece
# vocabulary written here (unknown words count as one [UNK] token), so no
# model download is needed; the work per byte is the tokenizer's all the
# same. Prints one Markdown table row per run.
set -euo pipefail
cd "$(dirname "$0")/../.."
BIN=${DPK_BIN:-build/bin}
WORK=${TMPDIR:-/tmp}/dpk-chunk-bench
mkdir -p "$WORK/model"
printf '%s\n' '[PAD]' '[UNK]' '[CLS]' '[SEP]' '[MASK]' the cat sat on a mat while dogs ran far away from home \
  quickly cafe naive uber resume donnees . '#' part ab '##b' > "$WORK/model/vocab.txt"
echo '{"max_position_embeddings": 512, "hidden_size": 8}' > "$WORK/model/config.json"
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(1M 10M 100M)
echo "| document | strategy | chunks | wall s | CPU s | peak RSS MB | RSS / document |"
echo "|---|---|---|---|---|---|---|"
for size in "${sizes[@]}"; do
  doc="$WORK/doc-$size.jsonl"
  [ -f "$doc" ] || python3 scripts/make_big_document.py "$size" "$doc"
  bytes=$(stat -c %s "$doc")
  for s in sentences paragraphs markdown tokens sentences+tokens; do
    case $s in
      tokens) args=(--strategy tokens --model-dir "$WORK/model" --chunk-tokens 256) ;;
      sentences+tokens) args=(--strategy sentences --model-dir "$WORK/model" --chunk-tokens 256) ;;
      *) args=(--strategy "$s" --chunk-chars 1000) ;;
    esac
    /usr/bin/time -v "$BIN/dpk-chunk" -q --threads 2 "${args[@]}" "$doc" -o "$WORK/out.jsonl" 2> "$WORK/time.txt"
    wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {n=split($2,a,":"); s=0; for(i=1;i<=n;i++) s=s*60+a[i]; print s}' "$WORK/time.txt")
    cpu=$(awk -F': ' '/User time|System time/ {s+=$2} END {print s}' "$WORK/time.txt")
    kb=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$WORK/time.txt")
    chunks=$(wc -l < "$WORK/out.jsonl")
    awk -v d="$size" -v s="$s" -v c="$chunks" -v w="$wall" -v u="$cpu" -v kb="$kb" -v b="$bytes" \
      'BEGIN {printf "| %s | %s | %d | %.2f | %.2f | %.0f | %.1fx |\n", d, s, c, w, u, kb/1024, kb*1024/b}'
  done
done
rm -f "$WORK/out.jsonl"
