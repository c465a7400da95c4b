#!/usr/bin/env bash
# dpk-normalize on one huge document: time must grow linearly with size.
# Builds single-document JSONL files of 5 MB and 50 MB of text (web pages
# from shared/data, with CRLF line ends, non-breaking spaces, zero-width
# spaces, curly quotes, runs of spaces and blank lines mixed in), runs
# dpk-normalize with the defaults and with every step on, and prints CPU
# seconds and MB/s for each; the per-MB figures of the two sizes should be
# about equal. Also runs dpk-langid on the big document (--prefix-chars bounds it).
# Usage: benchmarks/langid/bigdoc.sh [MB]   (default 50)
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
big_mb=${1:-50}
dpk=${DPK_BIN:-$root/build/bin}
work="$root/benchmarks/work/bigdoc"
mkdir -p "$work"
make_doc() {  # MB OUT
  python3 - "$1" "$2" "$root/../shared/data/web/pages.jsonl" <<'PY'
import json, sys
mb, out, pages = int(sys.argv[1]), sys.argv[2], sys.argv[3]
texts = [json.loads(l)["text"] for l in open(pages, encoding="utf-8")]
spice = "\r\n  \u201cquoted\u201d\u00a0text\u200b with   spaces \u2014 and\u2026\r\n\r\n\r\n\r\n"
parts, size, i = [], 0, 0
while size < mb * 1_000_000:
    t = texts[i % len(texts)].replace("\n", "\r\n") + spice
    parts.append(t); size += len(t.encode("utf-8")); i += 1
with open(out, "w", encoding="utf-8") as f:
    f.write(json.dumps({"id": "big", "text": "".join(parts)}, ensure_ascii=False) + "\n")
PY
}
TIMEFORMAT='%U %S'
run() {  # LABEL FILE CMD...
  local label=$1 file=$2; shift 2
  local mb cpu s
  mb=$(python3 -c "import os,sys; print(os.path.getsize(sys.argv[1]) / 1e6)" "$file")
  cpu=$( { time "$@" "$file" > "$work/out.jsonl"; } 2>&1 | tail -1 )
  s=$(echo "$cpu" | awk '{print $1 + $2}')
  printf '%-34s %6.1f MB  %6.2f s CPU  %7.1f MB/s\n' "$label" "$mb" "$s" "$(echo "$mb / $s" | bc -l)"
}
small_mb=$(( big_mb / 10 > 0 ? big_mb / 10 : 1 ))
make_doc "$small_mb" "$work/small.jsonl"
make_doc "$big_mb" "$work/big.jsonl"
for f in small big; do
  run "normalize (defaults) $f" "$work/$f.jsonl" "$dpk/dpk-normalize" --threads 1
  run "normalize (every step) $f" "$work/$f.jsonl" "$dpk/dpk-normalize" --threads 1 --form nfkc \
      --punctuation --whitespace --lowercase
done
run "langid cld2 (max-chars 10000) big" "$work/big.jsonl" "$dpk/dpk-langid" --threads 1
run "langid cld2 (prefix-chars 0) big" "$work/big.jsonl" "$dpk/dpk-langid" --threads 1 --prefix-chars 0
