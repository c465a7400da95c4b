#!/usr/bin/env bash
# dpk slurm without a cluster: the generated batch scripts, run here task by
# task with the SLURM_ARRAY_* variables Slurm would set, give the output of
# the local `dpk run`; usage errors are clear. (slurm_array.sh runs them on a
# real Slurm cluster when one can be started.)
source "$DPK_SRC/tests/cli/lib.sh.inc"
source "$DPK_SRC/tests/cli/mpi_lib.sh.inc"

make_sharded_input in
cat > recipe.yaml <<'YAML'
input: in/
output: out/
threads: 1
steps:
  - exact-dedup: {}
  - line-dedup: {short-unit-chars: 10, max-occurrences: 2, annotate-removed: true}
  - minhash-dedup: {threshold: 0.7}
  - docid: {mode: hash}
YAML
dpk run recipe.yaml -o ref/ --quiet
dpk slurm recipe.yaml --tasks 4 --partition cpu --time 1:00:00 --sbatch --mem=2G > scripts.txt
s=out.work/slurm
grep -q '^#SBATCH --partition=cpu$' $s/01-exact-dedup-hashes.sbatch || fail "no --partition line"
grep -q '^#SBATCH --time=1:00:00$' $s/01-exact-dedup-hashes.sbatch || fail "no --time line"
grep -q '^#SBATCH --mem=2G$' $s/01-exact-dedup-hashes.sbatch || fail "no extra #SBATCH line"
grep -q '^#SBATCH --array' $s/09-minhash-dedup-clusters.sbatch && fail "the clusters stage must be one task"
[ "$(grep -c 'dependency=afterok' $s/submit.sh)" = "$(grep -c '\.sbatch$' scripts.txt)" ] || fail "submit.sh does not chain every job"

# run_by_hand LIST : runs each job's tasks in order, as Slurm would (one at a time here).
run_by_hand() {
  local script array t
  for script in $(grep '\.sbatch$' "$1"); do
    array=$(sed -n 's/^#SBATCH --array=0-\([0-9]*\)$/\1/p' "$script")
    if [ -z "$array" ]; then
      env -u SLURM_ARRAY_TASK_ID -u SLURM_ARRAY_TASK_COUNT bash "$script" || fail "$script failed"
    else
      for t in $(seq 0 "$array"); do
        SLURM_ARRAY_TASK_ID=$t SLURM_ARRAY_TASK_COUNT=$((array + 1)) SLURM_ARRAY_TASK_MIN=0 bash "$script" ||
          fail "$script task $t failed"
      done
    fi
  done
}
run_by_hand scripts.txt
same_outputs ref out

# A recipe with a name, a description, a glob, flags and a stats step (a
# global step that only observes: one task over all documents): the jobs get
# only options they take, and the chain writes what one process writes, the
# profile included.
cat > named.yaml <<'YAML'
name: named-recipe
description: every kind of recipe key
input: in/
glob: "part-*.jsonl"
output: named-out/
overwrite: true
fail-on-empty: true
steps:
  - docid: {mode: hash}
  - stats: {report: profile.json}
  - exact-dedup: {}
  - select: {min-words: 20}
  - stats: {report: profile-end.json}
YAML
dpk run named.yaml -q -o named-ref/
mv profile.json ref-profile.json
mv profile-end.json ref-profile-end.json
dpk slurm named.yaml --tasks 3 > named-scripts.txt
grep -q -- '--name\|--description' $(grep '\.sbatch$' named-scripts.txt) && fail "a job got --name or --description"
# A task's shard may be empty (here: 3 tasks over 5 files after dedup) where the output is not.
grep -q -- 'fail-on-empty' $(grep '\.sbatch$' named-scripts.txt) named-out.work/slurm/segment-*.yaml &&
  fail "a job got --fail-on-empty"
stats_jobs=$(grep -c 'stats\.sbatch$' named-scripts.txt)
[ "$stats_jobs" = 2 ] || fail "expected 2 stats jobs, got: $(cat named-scripts.txt)"
for f in $(grep 'stats\.sbatch$' named-scripts.txt); do
  grep -q '^#SBATCH --array' "$f" && fail "$f: a stats job must be one task"
done
run_by_hand named-scripts.txt
same_outputs named-ref named-out
cmp ref-profile.json profile.json || fail "the profile of the chain differs from one process"
cmp ref-profile-end.json profile-end.json || fail "the final profile of the chain differs from one process"
# -o and inputs replace the recipe's, as for dpk run.
dpk slurm named.yaml --tasks 2 -o other-out/ in/part-00.jsonl > other.txt
grep -q "other-out" "$(grep 'run-docid\.sbatch$' other.txt)" "$(dirname "$(head -1 other.txt)")"/segment-1.yaml ||
  fail "-o did not replace the output"
grep -q "part-00.jsonl" "$(dirname "$(head -1 other.txt)")"/segment-1.yaml || fail "INPUT did not replace the input"
# Options that name one file cannot be shared by every task.
printf 'input: in/\noutput: k/\nkeep-dropped: d.jsonl\nsteps:\n  - select: {min-words: 5}\n' > kd.yaml
expect_exit 2 dpk slurm kd.yaml --tasks 2 2> err.txt
grep -q "keep-dropped" err.txt || fail "keep-dropped in a chain: $(cat err.txt)"

expect_exit 2 dpk slurm recipe.yaml
# An output file: the shards' documents are gathered into it by a last task.
sed 's|^output: out/|output: out.jsonl.zst|' recipe.yaml > file-output.yaml
dpk run file-output.yaml -q -o ref.jsonl.zst
dpk slurm file-output.yaml --tasks 3 > file-scripts.txt
gather=$(grep 'gather\.sbatch$' file-scripts.txt)
[ -n "$gather" ] && ! grep -q '^#SBATCH --array' "$gather" || fail "no one-task gather job: $(cat file-scripts.txt)"
run_by_hand file-scripts.txt
cmp <(decoded ref.jsonl.zst) <(decoded out.jsonl.zst) || fail "the gathered output file differs from one process"
sed 's|^output: out/|output: "-"|' recipe.yaml > stdout-output.yaml
expect_exit 2 dpk slurm stdout-output.yaml --tasks 2
sed 's|exact-dedup: {}|sample: {count: 10}|' recipe.yaml > sample.yaml
dpk slurm sample.yaml --tasks 2 2> err.txt && fail "a global step without stages was accepted"
grep -q "step .sample. needs all documents and has no stages" err.txt || fail "the error does not name the step: $(cat err.txt)"
# bloom-bits bounds memory in one process; the staged jobs count exactly and
# are not given it (they would refuse it).
cat > bloom.yaml <<'YAML'
input: in/
output: bloom-out/
steps:
  - line-dedup: {bloom-bits: 1M, keep: none, max-occurrences: 1}
YAML
dpk slurm bloom.yaml --tasks 2 > bloom-scripts.txt
count_script=$(grep 'line-dedup-count\.sbatch$' bloom-scripts.txt)
[ -n "$count_script" ] || fail "no line-dedup count job: $(cat bloom-scripts.txt)"
grep -q -- '--bloom-bits' $(grep '\.sbatch$' bloom-scripts.txt) && fail "a staged job got --bloom-bits"
SLURM_ARRAY_TASK_ID=0 SLURM_ARRAY_TASK_COUNT=2 SLURM_ARRAY_TASK_MIN=0 bash "$count_script" || fail "the count job failed"
echo "slurm_scripts: OK"
