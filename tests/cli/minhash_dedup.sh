#!/usr/bin/env bash
# dpk-minhash-dedup: conformance with datasketch (fixture from
# benchmarks/minhash/make_reference.py) and staged runs = one-process run.
source "$(dirname "$0")/lib.sh.inc"
FIX="$DPK_SRC/tests/minhash"
SET="$FIX/conformance-set.jsonl.zst"

# 1. --hash-scheme datasketch: identical signatures, so the clusters must be
#    exactly datasketch's (MinHashLSH 14 x 8, union-find, first kept).
dpk-minhash-dedup --hash-scheme datasketch --annotate "$SET" > ds.jsonl
jq -r '[.id, (.dup_cluster // 0)] | @tsv' ds.jsonl > ds.tsv
[ "$(count_lines ds.tsv)" = "$(count_lines "$FIX/clusters.tsv")" ] || fail "document count differs"
cmp -s ds.tsv "$FIX/clusters.tsv" || { diff ds.tsv "$FIX/clusters.tsv" | head; fail "clusters differ from datasketch's"; }
[ "$(awk -F'\t' '$2 != 0' ds.tsv | wc -l)" -gt 500 ] || fail "too few clustered documents for a meaningful check"

# 2. Dropping keeps exactly the documents that are first in their cluster.
dpk-minhash-dedup --hash-scheme datasketch --stats stats.json "$SET" > kept.jsonl
want=$(awk -F'\t' '$2 == 0 || $2 == NR' "$FIX/clusters.tsv" | wc -l)
[ "$(count_lines kept.jsonl)" = "$want" ] || fail "kept $(count_lines kept.jsonl), expected $want"
dropped=$(json_get stats.json '.steps[0].dropped.minhash_dup')
[ "$((dropped + want))" = "$(count_lines "$FIX/clusters.tsv")" ] || fail "drop count $dropped does not balance"

# 3. Staged: two input shards as separate processes, bands split over three
#    processes; the output must equal the one-process run.
mkdir -p in && zstd -dc "$SET" > all.jsonl && split -n l/2 -d --additional-suffix=.jsonl all.jsonl in/part-
dpk-minhash-dedup --annotate -o one/ in/
for s in 0 1; do dpk-minhash-dedup signatures --work W --annotate --shard-index $s --shard-count 2 in/; done
for b in 0 1 2; do dpk-minhash-dedup buckets --work W --annotate --band-index $b --band-count 3; done
dpk-minhash-dedup clusters --work W --annotate
for s in 0 1; do dpk-minhash-dedup filter --work W --annotate --shard-index $s --shard-count 2 -o staged/ in/; done
for f in part-00.jsonl part-01.jsonl; do
  cmp -s one/$f staged/$f || fail "staged output $f differs from the one-process run"
done
[ "$(cat staged/*.jsonl | jq -r 'select(.dup_cluster != null) | .id' | wc -l)" -gt 500 ] || fail "staged run found too few"
# The same, dropping, with --verify-jaccard.
dpk-minhash-dedup --verify-jaccard -o onev/ in/
for s in 0 1; do dpk-minhash-dedup signatures --work V --verify-jaccard --shard-index $s --shard-count 2 in/; done
dpk-minhash-dedup buckets --work V --verify-jaccard
dpk-minhash-dedup clusters --work V --verify-jaccard
for s in 0 1; do dpk-minhash-dedup filter --work V --verify-jaccard --shard-index $s --shard-count 2 -o stagedv/ in/; done
for f in part-00.jsonl part-01.jsonl; do cmp -s onev/$f stagedv/$f || fail "staged --verify-jaccard output $f differs"; done
# Verification only removes pairs: it keeps at least as many documents.
kept_plain=$(cat staged/*.jsonl | jq -r 'select(.dup_cluster == null) | 1' | wc -l)
[ "$(cat stagedv/*.jsonl | wc -l)" -gt "$kept_plain" ] || fail "--verify-jaccard kept too few"

# 4. Stage misuse: other parameters than the signatures were made with.
expect_exit 2 dpk-minhash-dedup buckets --work W --num-perm 64 --bands 8 --rows 8
expect_exit 2 dpk-minhash-dedup clusters --work nowhere
expect_exit 2 dpk-minhash-dedup --bands 20 --rows 8 "$SET"
echo "minhash_dedup: ok"
