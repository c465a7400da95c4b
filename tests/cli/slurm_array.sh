#!/usr/bin/env bash
# dpk slurm on a one-node Slurm cluster started here: a recipe with exact
# and MinHash dedup between streaming steps runs as array jobs chained by
# afterok dependencies, and its output equals the local `dpk run`. A task
# that fails stops the chain; rerunning submit.sh redoes only what was left.
source "$DPK_SRC/tests/cli/lib.sh.inc"
source "$DPK_SRC/tests/cli/mpi_lib.sh.inc"
source "$DPK_SRC/tests/cli/slurm_lib.sh.inc"
slurm_start_or_skip

make_sharded_input in
cat > recipe.yaml <<'YAML'
input: in/
output: out/
threads: 1
steps:
  - docid: {mode: hash}
  - exact-dedup: {normalize: "whitespace"}
  - select: {min-words: 20}
  - minhash-dedup: {threshold: 0.7}
  - select: {max-words: 5000}
YAML
dpk run recipe.yaml -o ref/ --quiet

dpk slurm recipe.yaml --tasks 3 --time 10 > scripts.txt
[ "$(grep -c '\.sbatch$' scripts.txt)" = 10 ] || fail "expected 10 jobs (3 run segments, 3 exact-dedup and 4 minhash-dedup stages), got: $(cat scripts.txt)"
grep -q -- '--array=0-2' out.work/slurm/01-run-docid.sbatch || fail "the first job is not a 3-task array"
grep -q -- 'dependency=afterok' out.work/slurm/submit.sh || fail "submit.sh does not chain the jobs"

# A task of the first job fails (as a node might): nothing after it runs.
cp out.work/slurm/01-run-docid.sbatch saved.sbatch
sed -i 's/^set -euo pipefail$/set -euo pipefail\n[ "$SLURM_ARRAY_TASK_ID" = 1 ] \&\& { echo "task 1 fails on purpose" >\&2; exit 1; }/' \
  out.work/slurm/01-run-docid.sbatch
timeout 30 bash out.work/slurm/submit.sh > submit1.txt || fail "submit.sh failed: $(cat submit1.txt)"
slurm_wait_idle 60
[ ! -d out ] || [ -z "$(ls out/*.jsonl* 2> /dev/null)" ] || fail "jobs after a failed task still wrote the output"
done1=$(find out.work/data-1/.dpk/done -type f 2> /dev/null | wc -l)
[ "$done1" -ge 1 ] || fail "the tasks that did not fail left no finished shard"

# Rerun with the task fixed: only the unfinished shard of job 1 is redone.
cp saved.sbatch out.work/slurm/01-run-docid.sbatch
timeout 30 bash out.work/slurm/submit.sh > submit2.txt || fail "resubmit failed"
slurm_wait_idle 90
same_outputs ref out
resumed=$(cat out.work/data-1/.dpk/metadata-shard-*.json | jq -s '[.[].inputs[] | select(.resumed == true)] | length')
[ "$resumed" = "$done1" ] || fail "the rerun resumed $resumed shards, expected $done1"
echo "slurm_array: OK ($(wc -l < scripts.txt) files, $done1 shards kept across the failure)"
