#!/usr/bin/env bash
# The shard a process takes from a Slurm array's environment: a task id
# without the array's size, a value that is not a number, or ids that are not
# consecutive (--array=0-6:2) are usage errors (exit 2) naming the variables,
# never a silent one-shard run that processes every file in every task.
# --shard-index/--shard-count win over the environment.
source "$DPK_SRC/tests/cli/lib.sh.inc"
Q="$DPK_SRC/testdata/quickstart"
unset SLURM_ARRAY_TASK_ID SLURM_ARRAY_TASK_COUNT SLURM_ARRAY_TASK_MIN SLURM_ARRAY_TASK_MAX \
  OMPI_COMM_WORLD_RANK OMPI_COMM_WORLD_SIZE PMI_RANK PMI_SIZE

SLURM_ARRAY_TASK_ID=1 expect_exit 2 dpk-docid -q -o o1/ "$Q" 2> nocount.err
grep -q "SLURM_ARRAY_TASK_ID is 1 but SLURM_ARRAY_TASK_COUNT is not set" nocount.err || fail "no count: $(cat nocount.err)"
[ ! -e o1 ] || fail "a refused run wrote $(find o1)"
SLURM_ARRAY_TASK_ID=1 expect_exit 2 dpk run "$DPK_SRC/recipes/quickstart.yaml" -o o1/ 2> recipe.err
grep -q "SLURM_ARRAY_TASK_COUNT is not set" recipe.err || fail "recipe: $(cat recipe.err)"
SLURM_ARRAY_TASK_ID=x SLURM_ARRAY_TASK_COUNT=2 expect_exit 2 dpk-docid -q -o o2/ "$Q" 2> nan.err
grep -q "SLURM_ARRAY_TASK_ID='x' is not a whole number" nan.err || fail "not a number: $(cat nan.err)"
SLURM_ARRAY_TASK_ID=2 SLURM_ARRAY_TASK_COUNT=2 SLURM_ARRAY_TASK_MIN=0 SLURM_ARRAY_TASK_MAX=2 \
  expect_exit 2 dpk-docid -q -o o3/ "$Q" 2> gaps.err
grep -q "not consecutive" gaps.err && grep -q "SLURM_ARRAY_TASK_MAX=2" gaps.err || fail "gaps: $(cat gaps.err)"
SLURM_ARRAY_TASK_ID=5 SLURM_ARRAY_TASK_COUNT=2 expect_exit 2 dpk-docid -q -o o4/ "$Q" 2> past.err
grep -q "outside the array of 2 tasks" past.err || fail "past the end: $(cat past.err)"
# A consistent array (--array=1-3) takes task id - MIN; the options win over a broken environment.
SLURM_ARRAY_TASK_ID=2 SLURM_ARRAY_TASK_COUNT=3 SLURM_ARRAY_TASK_MIN=1 SLURM_ARRAY_TASK_MAX=3 \
  dpk-docid -q --stats s5.json -o o5/ "$Q"
[ "$(json_get s5.json .shard.index)/$(json_get s5.json .shard.count)" = 1/3 ] || fail "shard: $(jq -c .shard s5.json)"
SLURM_ARRAY_TASK_ID=1 dpk-docid -q --shard-index 0 --shard-count 1 -o o6/ "$Q"
echo OK
