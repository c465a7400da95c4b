#!/usr/bin/env bash
# A rank killed (SIGKILL) during an mpirun run: the job ends within 30 s
# with an error naming that rank, instead of the others waiting for it in
# the exchange; a rerun completes and equals the one-process output.
source "$DPK_SRC/tests/cli/lib.sh.inc"
source "$DPK_SRC/tests/cli/mpi_lib.sh.inc"
mpi_or_skip

make_sharded_input in
cat > recipe.yaml <<'YAML'
input: in/
steps:
  - docid: {mode: hash}
  - exact-dedup: {}
  - minhash-dedup: {threshold: 0.7}
YAML
dpk run recipe.yaml -o ref/ --threads 2 --quiet

# Rank 1 runs dpk and kills it with SIGKILL as soon as its first pass has
# begun (its spool folder exists): the exchange and the second pass are still
# ahead of it, and rank 0 would wait for it at the dedup exchange.
cat > rank.sh <<'SH'
#!/usr/bin/env bash
if [ "$OMPI_COMM_WORLD_RANK" = 1 ]; then
  dpk run recipe.yaml -o out/ --threads 1 --quiet &
  pid=$!
  for _ in $(seq 1 5000); do
    [ -d "out/.dpk/spool-$pid-0" ] && break
    kill -0 $pid 2> /dev/null || break
    sleep 0.002
  done
  kill -9 $pid 2> /dev/null || { echo "rank 1 finished before the kill" >&2; exit 0; }
  wait $pid
  exit $?
fi
exec dpk run recipe.yaml -o out/ --threads 1 --quiet
SH
start=$(date +%s)
set +e
mpi_run 2 bash rank.sh > killed.log 2>&1
rc=$?
set -e
elapsed=$(( $(date +%s) - start ))
cat killed.log | head -30
[ "$rc" -ne 0 ] || fail "the run with a killed rank succeeded"
grep -q "rank 1 finished before the kill" killed.log && fail "rank 1 ended before it could be killed (too fast for this test)"
[ "$elapsed" -lt 120 ] || fail "the run with a killed rank hung until the test's timeout"
[ "$elapsed" -le 30 ] || fail "the job took ${elapsed}s to end after a rank died"
# OpenMPI names the rank: "Process name: [[JOB,1],1]" / "rank 1".
grep -Eq '\[\[[0-9]+,[0-9]+\],1\]|rank 1' killed.log || fail "the error does not name rank 1"
[ ! -e out/.dpk/metadata.json ] || fail "a killed run wrote metadata.json"

# A rank that fails with an error (a broken line in its file) ends the job
# through MPI_Abort, naming itself, while rank 0 waits at the exchange.
cp in/part-01.jsonl part-01.saved
echo '{"id": "broken", "text": ' >> in/part-01.jsonl
start2=$(date +%s)
set +e
mpi_run 2 dpk run recipe.yaml -o out/ --threads 1 --quiet > error.log 2>&1
rc2=$?
set -e
elapsed2=$(( $(date +%s) - start2 ))
[ "$rc2" -ne 0 ] || fail "a run with a broken input succeeded"
[ "$elapsed2" -le 30 ] || fail "the job took ${elapsed2}s to end after a rank failed"
grep -q "rank 1 of 2: .*part-01.jsonl" error.log || fail "the error does not name rank 1 and its file: $(head -5 error.log)"
mv part-01.saved in/part-01.jsonl

mpi_run 2 dpk run recipe.yaml -o out/ --threads 1 --quiet || fail "the rerun failed"
same_outputs ref out
check_balanced out/.dpk/metadata.json
echo "mpi_kill: OK (ended ${elapsed}s after the kill (rc $rc), ${elapsed2}s after an error (rc $rc2))"
