source "$DPK_SRC/tests/cli/lib.sh.inc"
# kill -9 in the middle of a directory run: no partial file under a final
# name; a rerun finishes the job and gives the bytes of an uninterrupted run.
PAGES=$(testdata_pages)
mkdir in
# ~84 MB in 36 files: each the 200 real pages, with ids made unique per copy.
for i in $(seq -w 1 36); do
  sed "s/^{\"id\": \"/{\"id\": \"r$i-/" "$PAGES" > in/p$i.jsonl
done
n_files=$(ls in | wc -l)
# zstd output makes each file take long enough to stop the run in the middle.
# (hash ids: --mode seq ids are not stable across a resume, see resume_seq_ids.sh)
ARGS=(--threads 2 --compression zstd --compression-level 6 --overwrite-id)
start=$(date +%s)

dpk-docid "${ARGS[@]}" -o ref/ in/
check_balanced ref/.dpk/metadata.json

dpk-docid "${ARGS[@]}" -o out/ in/ 2> /dev/null &
pid=$!
# Wait until a few files are complete, then kill it hard.
for _ in $(seq 1 3000); do
  # Complete records only: a record being written is a *.tmp-PID file.
  done_n=$( (find out/.dpk/done -type f ! -name '*.tmp-*' 2> /dev/null || true) | wc -l)
  [ "$done_n" -ge 4 ] && break
  kill -0 $pid 2> /dev/null || break
  sleep 0.01
done
kill -9 $pid 2> /dev/null || fail "the run ended before it could be killed (too fast for this test)"
wait $pid 2> /dev/null || true
done_n=$(find out/.dpk/done -type f ! -name '*.tmp-*' | wc -l)
[ "$done_n" -lt "$n_files" ] || fail "every file was done before the kill"

# Nothing partial under a final name: every final-named output equals the reference.
finals=0
for f in $(cd out && find . -path ./.dpk -prune -o -type f -print | grep -v '\.tmp-' | sed 's|^\./||'); do
  cmp -s "out/$f" "ref/$f" || fail "partial or different output under a final name: $f"
  finals=$((finals + 1))
done
[ "$finals" -ge 4 ] || fail "expected at least 4 complete outputs, found $finals"
[ "$finals" -lt "$n_files" ] || fail "no file was left to redo"
[ ! -e out/.dpk/metadata.json ] || fail "metadata.json written by a killed run"
tmps=$(find out -name '*.tmp-*' | wc -l)
echo "killed after $finals of $n_files files ($tmps temporary files left)"

# Rerun: completes the rest, resumes the finished ones.
dpk-docid "${ARGS[@]}" -o out/ in/
check_balanced out/.dpk/metadata.json
resumed=$(json_get out/.dpk/metadata.json '[.inputs[] | select(.resumed == true)] | length')
# Exactly the files with a complete record are resumed (an output renamed to
# its final name just before the kill, without its record yet, is redone).
[ "$resumed" = "$done_n" ] && [ "$resumed" -ge 4 ] || fail "resumed $resumed of $n_files, $done_n had a complete record"
for f in $(cd ref && find . -path ./.dpk -prune -o -type f -print | sed 's|^\./||'); do
  cmp -s "out/$f" "ref/$f" || fail "after resume, $f differs from an uninterrupted run"
done
[ "$(find out -path out/.dpk -prune -o -type f ! -name '*.tmp-*' -print | wc -l)" = "$n_files" ] \
  || fail "after resume, not every output is there"
# The rerun removed the temporary files the killed run left.
find out -name '*.tmp-*' | grep -q . && fail "temporaries of the killed run left: $(find out -name '*.tmp-*')"
elapsed=$(( $(date +%s) - start ))
echo "kill/resume took ${elapsed}s"
[ "$elapsed" -lt 120 ] || echo "warning: slower than expected" >&2
echo OK
