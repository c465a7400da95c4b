source "$DPK_SRC/tests/cli/lib.sh.inc"
# The output does not depend on --threads or --block-size.
Q="$DPK_SRC/testdata/quickstart"
for f in "$Q"/*; do decoded "$f"; echo; done | grep -v '^$' > all.jsonl
for k in 1 2 3; do cat all.jsonl; done > big.jsonl   # ~1.7 MB, some 900 documents
n=$(count_lines big.jsonl)
for mode in hash seq; do
  dpk-docid --mode $mode --overwrite-id --threads 1 --stats s1.json big.jsonl > ref-$mode.jsonl
  check_balanced s1.json
  [ "$(count_lines ref-$mode.jsonl)" = "$n" ] || fail "threads 1: lines"
  for t in 2 4 8; do
    for bs in 4K 64K 1M; do
      dpk-docid --mode $mode --overwrite-id --threads $t --block-size $bs --stats s.json big.jsonl > o.jsonl
      check_balanced s.json
      cmp o.jsonl ref-$mode.jsonl || fail "--mode $mode --threads $t --block-size $bs differs from --threads 1"
    done
  done
done
# seq ids are the line positions, whatever the blocks.
jq -r .id ref-seq.jsonl | awk '$0 != "s0-" NR-1 { bad = 1 } END { exit bad }' || fail "seq ids are not positions"
# Compressed output: same bytes for any thread count at one block size.
dpk-docid --threads 1 --block-size 16K -o one.jsonl.zst big.jsonl
dpk-docid --threads 4 --block-size 16K -o four.jsonl.zst big.jsonl
cmp one.jsonl.zst four.jsonl.zst || fail "zstd output depends on threads"
dpk-docid --threads 4 -o def.jsonl.gz big.jsonl
gzip -dc def.jsonl.gz | cmp - <(zstd -dcq one.jsonl.zst) || fail "gzip/default block vs zstd/16K content"
# Directory mode with many threads and tiny blocks.
mkdir in && cp "$Q"/* in/
dpk-docid --threads 1 -o d1/ in/
dpk-docid --threads 4 --block-size 4K -o d4/ in/
for f in web-1.jsonl.zst web-2.jsonl.gz web-3.jsonl; do
  cmp <(decoded d1/$f) <(decoded d4/$f) || fail "directory mode $f differs with threads/blocks"
done
check_balanced d4/.dpk/metadata.json
echo OK
