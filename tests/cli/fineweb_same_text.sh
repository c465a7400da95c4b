# Fed the text FineWeb's extractor (trafilatura) made of real pages, the
# filter steps of recipes/pretrain-web-warc.yaml (langid, Gopher repetition,
# Gopher quality, C4, FineWeb) keep the pages FineWeb's filters in datatrove
# 0.10.1 keep, and leave them the same text (C4 rewrites it). The text and
# datatrove's decisions are in tests/fineweb/ (made by
# benchmarks/fineweb/make_reference.py from 495 pages: the 81 fastText calls
# English and 10 others).
# Skips (77) when no fastText model is installed.
source "$DPK_SRC/tests/cli/lib.sh.inc"
REF="$DPK_SRC/tests/fineweb"
for f in trafilatura-text.jsonl.zst datatrove-decisions.jsonl.zst; do
  [ -s "$REF/$f" ] || fail "reference not found: $REF/$f"
done
require_fasttext_model

# The recipe less its WARC step and its dedup: the filters alone.
sed '/^ *- warc:/d; /^ *- minhash-dedup:/d' "$DPK_SRC/recipes/pretrain-web-warc.yaml" > filters.yaml
grep -q '^ *- langid:' filters.yaml || fail "no langid step left in the recipe"
zstd -dcq "$REF/trafilatura-text.jsonl.zst" > text.jsonl
dpk run filters.yaml --threads 2 -q -o out/ --keep-dropped dropped.jsonl text.jsonl
check_balanced out/.dpk/metadata.json
for f in out/*.jsonl*; do decoded "$f"; done > kept.jsonl

zstd -dcq "$REF/datatrove-decisions.jsonl.zst" > want.jsonl
n=$(count_lines want.jsonl)
[ "$n" -gt 50 ] && [ "$n" = "$(count_lines text.jsonl)" ] || fail "reference holds $n decisions for $(count_lines text.jsonl) texts"
jq -r 'select(.kept) | .id' want.jsonl | sort > want-kept.txt
jq -r .id kept.jsonl | sort > got-kept.txt
[ -s want-kept.txt ] || fail "datatrove kept nothing in the reference"
if ! diff want-kept.txt got-kept.txt > kept.diff; then
  why=$(grep '^[<>]' kept.diff | while read -r side id; do
    if [ "$side" = "<" ]; then
      echo "$id: datatrove kept, dpk $(jq -r --arg id "$id" 'select(.id == $id) | .dpk_drop_reason' dropped.jsonl);"
    else
      echo "$id: dpk kept, datatrove $(jq -r --arg id "$id" 'select(.id == $id) | .reason' want.jsonl);"
    fi
  done)
  fail "kept sets differ: $why"
fi
# Kept text, as C4 left it, byte for byte.
jq -r 'select(.kept) | [.id, .text_sha256] | @tsv' want.jsonl | sort > want-sha.tsv
while IFS= read -r line; do
  printf '%s\t%s\n' "$(jq -r .id <<<"$line")" "$(jq -j .text <<<"$line" | sha256sum | cut -d' ' -f1)"
done < kept.jsonl | sort > got-sha.tsv
diff want-sha.tsv got-sha.tsv > sha.diff || fail "kept text differs from datatrove's for: $(grep '^>' sha.diff | cut -f1 | cut -c3- | paste -sd' ')"
echo OK
