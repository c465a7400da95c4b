#!/usr/bin/env bash
# mpirun -np 2/3/4 dpk run: exact and MinHash dedup exchange their
# observations over MPI; every output file equals the one-process run's,
# and rank 0's .dpk/metadata.json holds the totals.
source "$DPK_SRC/tests/cli/lib.sh.inc"
source "$DPK_SRC/tests/cli/mpi_lib.sh.inc"
mpi_or_skip

make_sharded_input in
cat > recipe.yaml <<'YAML'
input: in/
steps:
  - docid: {mode: hash}
  - exact-dedup: {normalize: "whitespace"}
  - minhash-dedup: {threshold: 0.7}
YAML
dpk run recipe.yaml -o ref/ --threads 2 --quiet
ref_out=$(json_get ref/.dpk/metadata.json .counts.documents_out)
ref_exact=$(json_get ref/.dpk/metadata.json '[.steps[] | select(.name=="exact-dedup") | .dropped.exact_dup // 0] | add')
ref_minhash=$(json_get ref/.dpk/metadata.json '[.steps[] | select(.name=="minhash-dedup") | .dropped.minhash_dup // 0] | add')
[ "$ref_exact" -gt 0 ] && [ "$ref_minhash" -gt 0 ] || fail "the sample must hold exact and near copies (exact $ref_exact, minhash $ref_minhash)"

for n in 2 3 4; do
  mpi_run "$n" dpk run recipe.yaml -o "mpi$n/" --threads 1 --quiet || fail "mpirun -np $n failed"
  same_outputs ref "mpi$n"
  check_balanced "mpi$n/.dpk/metadata.json"
  [ "$(json_get "mpi$n/.dpk/metadata.json" .counts.documents_out)" = "$ref_out" ] || fail "np $n: documents_out differs"
  [ "$(json_get "mpi$n/.dpk/metadata.json" .shard.count)" = "$n" ] || fail "np $n: metadata.json is not the totals of $n ranks"
  [ -s "mpi$n/.dpk/metadata-shard-$((n - 1)).json" ] || fail "np $n: no per-rank summary"
  # The totals' CPU seconds and step seconds are the ranks' sums, peak memory
  # the largest rank's (docs/run-summary.md).
  jq -s -e 'def near(a; b): ((a - b) | if . < 0 then -. else . end) < 0.001;
            .[0] as $t | .[1:] as $r
            | $t.schema_version == 1 and $t.peak_rss_bytes > 0
            and near($t.cpu_seconds; [$r[].cpu_seconds] | add)
            and $t.peak_rss_bytes == ([$r[].peak_rss_bytes] | max)
            and all(range($t.steps | length) as $i | near($t.steps[$i].seconds; [$r[].steps[$i].seconds] | add))' \
    "mpi$n/.dpk/metadata.json" mpi$n/.dpk/metadata-shard-*.json > /dev/null \
    || fail "np $n: totals of cpu_seconds, peak_rss_bytes or steps[].seconds are not the ranks' sums/max"
done
# Shard options under mpirun would leave files out or count them twice.
set +e
mpi_run 2 dpk run recipe.yaml -o bad/ --shard-index 0 --shard-count 2 --quiet > bad.log 2>&1
rc=$?
set -e
[ "$rc" -ne 0 ] || fail "--shard-* under mpirun was accepted"
grep -q "leave out --shard-index" bad.log || fail "no clear error for --shard-* under mpirun: $(head -3 bad.log)"
echo "mpi_run: OK (reference keeps $ref_out; exact drops $ref_exact, minhash drops $ref_minhash)"
