# line-dedup's stages (count per shard, merge per partition, filter per
# shard), each run as its own process, give the one-process output, for 1 and
# 3 shards, --keep first and none, lines and paragraphs; a missing merge or
# other hashing options are refused.
source "$DPK_SRC/tests/cli/lib.sh.inc"
PAGES=$(testdata_pages)

# Four files of real pages: their menus and footers recur across pages, and
# every 9th page is repeated in a later file (its lines then recur too).
mkdir in
head -n 120 "$PAGES" | jq -c '{id: ("p" + (input_line_number|tostring)), text}' > pages.jsonl
sed -n '1,40p' pages.jsonl > in/a.jsonl
sed -n '41,80p' pages.jsonl | gzip > in/b.jsonl.gz
sed -n '81,120p' pages.jsonl > in/c.jsonl
jq -c 'select((.id[1:]|tonumber) % 9 == 0) | .id += "-again"' pages.jsonl | zstd -q > in/d.jsonl.zst

concat() { for f in "$1"/*.jsonl*; do decoded "$f"; done | jq -c . | sort; }

# run_case NAME "HASHING" "COUNTING" "DECIDING": options of each kind (word-split);
# the one process takes all, count and merge the hashing ones (merge also
# the counting ones), filter the hashing and deciding ones.
run_case() {
  local name=$1 hashing=$2 counting=$3 deciding=$4
  # shellcheck disable=SC2086
  dpk-line-dedup --threads 2 -q $hashing $counting $deciding -o one-$name/ in/
  local want; want=$(concat one-$name | md5sum)
  [ "$(concat one-$name | wc -l)" -gt 0 ] || fail "$name: empty output"
  for n in 1 3; do
    local w=work-$name-$n
    for ((i = 0; i < n; i++)); do
      dpk-line-dedup count --threads 2 -q --partition-count 4 --work $w --shard-index $i --shard-count $n $hashing in/
    done
    for p in 0 1 2 3; do dpk-line-dedup merge --work $w --partition-index $p $hashing $counting; done
    for ((i = 0; i < n; i++)); do
      dpk-line-dedup filter --threads 2 -q --work $w --shard-index $i --shard-count $n $hashing $deciding \
        in/ -o staged-$name-$n/
    done
    [ "$(concat staged-$name-$n | md5sum)" = "$want" ] || fail "$name: stages over $n shards differ from one process"
  done
}

run_case lines "--short-unit-chars 10" "" "--annotate-removed"
run_case none "--short-unit-chars 5" "--max-occurrences 2" "--keep none --annotate-removed"
run_case paragraphs "--unit paragraph --normalize lower,whitespace" "" ""
# The case must remove something, or the comparison proves little.
[ "$(concat one-lines | jq -s 'map(.dpk_lines_removed) | add')" -gt 0 ] || fail "nothing removed"

# Filtering with other hashing options than counting is refused.
expect_exit 2 dpk-line-dedup filter -q --work work-lines-1 --short-unit-chars 3 in/ -o bad/ 2> err.txt
grep -q "short-unit-chars" err.txt || fail "fingerprint mismatch not explained: $(cat err.txt)"
# A missing merge output is an error naming it.
rm work-lines-3/frequent/part-0002.bin.zst
expect_exit 2 dpk-line-dedup filter -q --work work-lines-3 --short-unit-chars 10 in/ -o bad2/ 2> err.txt
grep -q "part-0002" err.txt || fail "missing merge output not named"
# A missing count shard stops the merge.
rm work-lines-3/units/part-0001/shard-0001-of-0003.bin.zst
expect_exit 2 dpk-line-dedup merge --partition-index 1 --short-unit-chars 10 --work work-lines-3 2> err.txt
grep -q "shard" err.txt || fail "missing count shard not reported"
echo ok
