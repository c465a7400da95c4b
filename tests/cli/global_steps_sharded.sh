#!/usr/bin/env bash
# A global step (exact-dedup, minhash-dedup, line-dedup, sample, stats) run
# on one shard of a sharded job (--shard-count N > 1, or a Slurm array's
# SLURM_ARRAY_TASK_ID/COUNT) would see only that shard's files: it refuses
# with exit 2, naming the step, its stages and `dpk slurm`, and writes
# nothing; --shard-local runs it on the shard alone when asked for; one
# shard of one (--shard-count 1) is the whole corpus. The staged
# subcommands (tested in dedup.sh and the others) still run per shard.
source "$DPK_SRC/tests/cli/lib.sh.inc"

# Two copies of one file: one process keeps each document once.
mkdir -p d
decoded "$DPK_SRC/testdata/quickstart/web-3.jsonl" > d/a.jsonl
cp d/a.jsonl d/b.jsonl
dpk exact-dedup -q --stats alone.json d/a.jsonl > /dev/null
n=$(json_get alone.json .counts.documents_out)
dpk exact-dedup -q --stats whole.json -o whole/ d/
[ "$(json_get whole.json .counts.documents_out)" = "$n" ] || fail "one process kept $(json_get whole.json .counts.documents_out), expected $n"

# refuses WORDS... -- CMD... : CMD exits 2, its message holds every WORD, no output directory appears.
refuses() {
  local words=() w
  while [ "$1" != "--" ]; do words+=("$1"); shift; done
  shift
  rm -rf o
  set +e
  "$@" > out.txt 2> err.txt
  local rc=$?
  set -e
  [ "$rc" = 2 ] || fail "'$*' exited $rc, expected 2: $(cat err.txt)"
  for w in "${words[@]}"; do grep -qF -- "$w" err.txt || fail "'$*': the message does not name '$w': $(cat err.txt)"; done
  [ ! -e o ] || fail "'$*' wrote $(find o)"
  [ ! -s out.txt ] || fail "'$*' wrote to stdout"
}

for i in 0 1; do
  refuses "exact-dedup" "shard $i of 2" "hashes|resolve|filter" "dpk slurm" "--shard-local" -- \
    dpk exact-dedup --shard-index $i --shard-count 2 -o o/ d/
done
# From a Slurm array alone, without shard options.
refuses "exact-dedup" "shard 1 of 2" "SLURM_ARRAY_TASK_ID" "dpk slurm" -- \
  env SLURM_ARRAY_TASK_ID=1 SLURM_ARRAY_TASK_COUNT=2 dpk-exact-dedup -o o/ d/
refuses "minhash-dedup" "signatures|buckets|clusters|filter" -- dpk minhash-dedup --shard-index 0 --shard-count 2 -o o/ d/
refuses "line-dedup" "count|merge|filter" -- dpk line-dedup --shard-index 0 --shard-count 2 -o o/ d/
refuses "sample" "one process" -- dpk sample --count 5 --shard-index 0 --shard-count 2 -o o/ d/
refuses "sample" -- dpk sample --fraction 0.5 --shard-index 1 --shard-count 2 -o o/ d/
refuses "stats" -- dpk stats --report o/profile.json --shard-index 0 --shard-count 2 d/
# In a recipe: the message names the recipe line of the step.
cat > r.yaml <<'YAML'
input: d/
output: o/
steps:
  - docid: {mode: hash}
  - exact-dedup: {}
YAML
refuses "r.yaml:5: exact-dedup" "dpk slurm" -- env SLURM_ARRAY_TASK_ID=0 SLURM_ARRAY_TASK_COUNT=2 dpk run r.yaml
# A recipe of streaming steps only runs per shard as before.
sed '/exact-dedup/d' r.yaml > stream.yaml
SLURM_ARRAY_TASK_ID=0 SLURM_ARRAY_TASK_COUNT=2 dpk run stream.yaml -q -o stream/ || fail "a streaming recipe was refused on a shard"

# --shard-local: each shard deduplicates its own files, as asked.
kept=0
for i in 0 1; do
  dpk exact-dedup -q --shard-local --shard-index $i --shard-count 2 --stats s$i.json -o local/ d/
  check_balanced s$i.json
  kept=$((kept + $(json_get s$i.json .counts.documents_out)))
done
[ "$kept" = $((2 * n)) ] || fail "--shard-local shards kept $kept, expected $((2 * n)) (each file alone)"
SLURM_ARRAY_TASK_ID=1 SLURM_ARRAY_TASK_COUNT=2 dpk run r.yaml -q --shard-local -o local-recipe/ ||
  fail "--shard-local was not taken by a recipe"
# One shard of one is the whole corpus, whatever the environment says.
SLURM_ARRAY_TASK_ID=1 SLURM_ARRAY_TASK_COUNT=2 dpk exact-dedup -q --shard-index 0 --shard-count 1 --stats one.json -o one/ d/
[ "$(json_get one.json .counts.documents_out)" = "$n" ] || fail "--shard-count 1 under a Slurm array kept $(json_get one.json .counts.documents_out)"

# Under mpirun the ranks exchange a global step's observations: exact-dedup
# runs (mpi_run.sh compares it with one process); a step that cannot
# exchange (stats) is refused before anything is read, unless --shard-local.
# This part needs mpirun and an MPI build; without them it is left out.
mpi=0
if command -v mpirun > /dev/null && [[ $(ldd "$(command -v dpk)") == *libmpi* ]]; then
  source "$DPK_SRC/tests/cli/mpi_lib.sh.inc"
  export OMPI_MCA_btl='self,vader,tcp' OMPI_MCA_btl_vader_single_copy_mechanism=none
  export OMPI_MCA_plm_rsh_agent=false OMPI_MCA_rmaps_base_oversubscribe=1 OMPI_MCA_pml=ob1
  export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1
  export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0"
  timeout -k 5 30 mpirun --oversubscribe -np 2 true > /dev/null 2>&1 && mpi=1
fi
if [ $mpi = 1 ]; then
  mpi_run 2 dpk exact-dedup -q --stats mpi.json -o mpi/ d/ || fail "exact-dedup under mpirun failed"
  [ "$(json_get mpi/.dpk/metadata.json .counts.documents_out)" = "$n" ] || fail "mpirun kept $(json_get mpi/.dpk/metadata.json .counts.documents_out), expected $n"
  set +e
  mpi_run 2 dpk stats --report o/profile.json d/ > mpi-err.txt 2>&1
  rc=$?
  set -e
  [ "$rc" = 2 ] || fail "stats under mpirun exited $rc, expected 2: $(cat mpi-err.txt)"
  grep -q "cannot exchange" mpi-err.txt || fail "stats under mpirun: $(cat mpi-err.txt)"
  [ ! -e o ] || fail "stats under mpirun wrote $(find o)"
  mpi_run 2 dpk stats -q --shard-local --report local-profile.json d/ || fail "--shard-local under mpirun failed"
  echo "global_steps_sharded: OK (mpirun part included)"
else
  echo "global_steps_sharded: OK (no mpirun or no MPI build: mpirun part left out)"
fi
