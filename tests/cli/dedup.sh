# exact-dedup and line-dedup end to end: real pages with planted copies, the
# kept set checked against a reference computed here with jq/awk (no xxHash),
# and the same kept set for 1, 2 and 4 threads and for the staged commands
# run as separate processes over 1 and 3 shards.
source "$DPK_SRC/tests/cli/lib.sh.inc"
PAGES=$(testdata_pages)

# 150 pages; every 7th is planted again later (in another file), every 11th
# again with its text upper-cased (equal only under --normalize lower).
mkdir in
head -n 150 "$PAGES" | jq -c '{id: ("p" + (input_line_number|tostring)), text}' > pages.jsonl
jq -c 'select((.id[1:]|tonumber) % 7 == 0) | .id += "-copy"' pages.jsonl > copies.jsonl
jq -c 'select((.id[1:]|tonumber) % 11 == 0) | .id += "-upper" | .text |= ascii_upcase' pages.jsonl > upper.jsonl
# Four files: copies land before and after their originals in the sorted list.
sed -n '1,60p' pages.jsonl > in/b.jsonl
{ cat copies.jsonl; sed -n '61,100p' pages.jsonl; } > in/c.jsonl
{ sed -n '101,150p' pages.jsonl; cat upper.jsonl; } > in/d.jsonl
head -n 5 copies.jsonl | zstd -q > in/a.jsonl.zst   # copies first: they are kept, originals dropped

# Reference: walk the files in sorted order, keep the first id per text.
reference() {  # FOLD: jq filter applied to the text
  for f in in/a.jsonl.zst in/b.jsonl in/c.jsonl in/d.jsonl; do zstd -dcf "$f"; done |
    jq -r "(.text | $1 | @base64) + \" \" + .id" | awk '!seen[$1]++ {print $2}' | sort
}
reference . > ref.ids
reference ascii_downcase > ref-lower.ids
total=$(for f in in/*; do zstd -dcf "$f"; done | wc -l)
[ "$(wc -l < ref.ids)" -lt "$total" ] || fail "the test corpus has no duplicates"
grep -q '^p7$' ref.ids && fail "reference should drop p7 (its copy in a.jsonl.zst comes first)"

ids() { jq -r .id "$@" | sort; }
for t in 1 2 4; do
  dpk-exact-dedup --threads $t -q --stats s$t.json -o out$t/ in/
  for f in out$t/*.jsonl*; do zstd -dcf "$f"; done | ids > got$t.ids
  diff ref.ids got$t.ids > /dev/null || fail "exact-dedup --threads $t differs from the reference"
  [ "$(json_get s$t.json '.steps[0].dropped.exact_dup')" = $(( total - $(wc -l < ref.ids) )) ] ||
    fail "exact_dup count wrong with --threads $t"
done
dpk-exact-dedup --threads 2 --normalize lower in/ | ids > lower.ids
diff ref-lower.ids lower.ids > /dev/null || fail "--normalize lower differs from the reference"

# Staged: hashes per shard, resolve per partition, filter per shard, each a process.
for n in 1 3; do
  for ((i = 0; i < n; i++)); do
    dpk-exact-dedup hashes --threads 2 --partition-count 4 --shard-index $i --shard-count $n --work work$n/ in/
  done
  for p in 0 1 2 3; do dpk-exact-dedup resolve --partition-index $p --work work$n/; done
  for ((i = 0; i < n; i++)); do
    dpk-exact-dedup filter --threads 2 --shard-index $i --shard-count $n --work work$n/ in/ -o staged$n/
  done
  for f in staged$n/*.jsonl*; do zstd -dcf "$f"; done | ids > staged$n.ids
  diff ref.ids staged$n.ids > /dev/null || fail "staged exact-dedup over $n shards differs from the reference"
done
# A missing resolve is an error, not a silent pass.
rm work3/dups/part-0002.bin.zst
expect_exit 2 dpk-exact-dedup filter --shard-index 0 --shard-count 3 --work work3/ in/ -o bad/ 2> err.txt
grep -q "part-0002" err.txt || fail "missing resolve output not named"

# --annotate keeps everything and points copies at the kept id.
dpk-exact-dedup --annotate in/ > ann.jsonl
[ "$(wc -l < ann.jsonl)" = "$total" ] || fail "--annotate dropped documents"
[ "$(jq -r 'select(.id == "p7") | .dup_of' ann.jsonl)" = "p7-copy" ] || fail "dup_of of p7 should be p7-copy"
[ "$(jq -r 'select(.id == "p42-copy") | .dup_of' ann.jsonl)" = "p42" ] || fail "dup_of of p42-copy should be p42"

# line-dedup: every page's boilerplate lines recur; the same output for 1 and 2 threads.
dpk-line-dedup --threads 1 --short-unit-chars 10 --annotate-removed in/b.jsonl in/c.jsonl > l1.jsonl
dpk-line-dedup --threads 2 --short-unit-chars 10 --annotate-removed in/b.jsonl in/c.jsonl > l2.jsonl
cmp -s l1.jsonl l2.jsonl || fail "line-dedup differs between 1 and 2 threads"
[ "$(jq -s 'map(.dpk_lines_removed) | add' l1.jsonl)" -gt 0 ] || fail "line-dedup removed nothing"
# A planted copy loses every counted line (its original came first), so only its short lines stay.
[ "$(jq 'select(.id == "p14-copy") | .text | split("\n") | map(gsub("^\\s+|\\s+$"; "")) |
        map(select(length >= 10)) | length' l1.jsonl)" = 0 ] || fail "p14-copy kept a line of 10+ characters that p14 has"

# The recipe runs end to end.
dpk run "$DPK_SRC/recipes/dedup.yaml" -q --threads 2 -o recipe-out/ in/
[ "$(json_get recipe-out/.dpk/metadata.json '.steps[1].dropped.exact_dup')" -gt 0 ] || fail "recipe: no exact_dup drops"
echo ok
