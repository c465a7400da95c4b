source "$DPK_SRC/tests/cli/lib.sh.inc"
# --shard-index/--shard-count and SLURM array variables split the input files;
# the shards together write what one unsharded run writes.
Q="$DPK_SRC/testdata/quickstart"
mkdir -p in/a in/b
cp "$Q"/* in/
decoded "$Q/web-3.jsonl" > all3.jsonl
split -l 9 -d --additional-suffix=.jsonl all3.jsonl in/a/part-
decoded "$Q/web-2.jsonl.gz" | sed -n 1,30p | zstd -qc > in/b/x.jsonl.zst
n_files=$(find in -type f | wc -l)
[ "$n_files" -ge 8 ] || fail "too few input files: $n_files"

sums() { (cd "$1" && find . -path ./.dpk -prune -o -type f -print | sort | xargs md5sum); }

dpk-docid -o whole/ in/
check_balanced whole/.dpk/metadata.json
total=$(json_get whole/.dpk/metadata.json .counts.documents_in)
sums whole > whole.txt
[ "$(wc -l < whole.txt)" = "$n_files" ] || fail "unsharded run wrote $(wc -l < whole.txt) files"

for i in 0 1 2; do dpk-docid --shard-index $i --shard-count 3 -o sharded/ in/; done
sums sharded > sharded.txt
diff whole.txt sharded.txt || fail "3 shards differ from one run"
sum=0
for i in 0 1 2; do
  m=sharded/.dpk/metadata-shard-$i.json
  check_balanced $m
  [ "$(json_get $m .shard.index)" = $i ] && [ "$(json_get $m .shard.count)" = 3 ] || fail "$m shard"
  k=$(json_get $m '.inputs | length')
  [ "$k" -ge $((n_files / 3)) ] && [ "$k" -le $((n_files / 3 + 1)) ] || fail "$m: $k inputs of $n_files"
  sum=$((sum + $(json_get $m .counts.documents_in)))
done
[ "$sum" = "$total" ] || fail "shards read $sum documents, one run $total"
# Each file is in exactly one shard.
[ "$(jq -r '.inputs[].path' sharded/.dpk/metadata-shard-*.json | sort | uniq -d | wc -l)" = 0 ] || fail "a file in two shards"
[ "$(jq -r '.inputs[].path' sharded/.dpk/metadata-shard-*.json | sort -u | wc -l)" = "$n_files" ] || fail "a file in no shard"

# The same from a SLURM array (0-based, and 1-based with SLURM_ARRAY_TASK_MIN).
for i in 0 1 2; do SLURM_ARRAY_TASK_ID=$i SLURM_ARRAY_TASK_COUNT=3 dpk-docid -o slurm/ in/; done
sums slurm > slurm.txt
diff whole.txt slurm.txt || fail "SLURM shards differ from one run"
for i in 0 1 2; do [ "$(json_get slurm/.dpk/metadata-shard-$i.json .shard.index)" = $i ] || fail "slurm shard $i"; done
for i in 1 2 3; do SLURM_ARRAY_TASK_MIN=1 SLURM_ARRAY_TASK_ID=$i SLURM_ARRAY_TASK_COUNT=3 dpk-docid -o slurm1/ in/; done
sums slurm1 > slurm1.txt
diff whole.txt slurm1.txt || fail "1-based SLURM shards differ from one run"
# Options win over the environment.
SLURM_ARRAY_TASK_ID=1 SLURM_ARRAY_TASK_COUNT=3 dpk-docid --shard-index 0 --shard-count 1 -o opt/ in/
sums opt > opt.txt
diff whole.txt opt.txt || fail "--shard-count 1 did not override SLURM"
# One shard alone writes only its files.
dpk-docid --shard-index 1 --shard-count 3 -o one/ in/
[ "$(sums one | wc -l)" -lt "$n_files" ] || fail "one shard wrote every file"
# seq ids carry the shard index.
dpk-docid --mode seq --overwrite-id --shard-index 2 --shard-count 3 -o seq/ in/
decoded "$(find seq -name '*.jsonl*' -not -path '*/.dpk/*' | head -1)" | sed -n 1p | jq -r .id | grep -q '^s2-' || fail "seq ids lack the shard"
echo OK
