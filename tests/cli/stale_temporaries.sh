source "$DPK_SRC/tests/cli/lib.sh.inc"
# A run removes the temporaries (NAME.tmp-PID) that killed runs left beside
# the files it writes, only dpk's own pattern and only of processes that are
# gone; a live process's temporaries and other files stay.
Q="$DPK_SRC/testdata/quickstart"
mkdir in && cp "$Q"/* in/

# A real leftover: a run killed with SIGKILL while its output is open.
mkfifo stuck.jsonl
dpk-docid -q -o o.jsonl stuck.jsonl &
pid=$!
for _ in $(seq 1 200); do [ -e "o.jsonl.tmp-$pid" ] && break; sleep 0.05; done
[ -e "o.jsonl.tmp-$pid" ] || fail "no temporary while the run was writing: $(ls)"
kill -9 $pid; wait $pid 2> /dev/null || true
[ -e "o.jsonl.tmp-$pid" ] || fail "the killed run left nothing to clean"
dpk-docid -o o.jsonl in/web-3.jsonl 2> rerun.err
[ ! -e "o.jsonl.tmp-$pid" ] || fail "the rerun left the killed run's temporary"
grep -q "removed 1 temporary" rerun.err || fail "removal not reported: $(cat rerun.err)"
[ "$(count_lines o.jsonl)" = "$(grep -c . in/web-3.jsonl)" ] || fail "rerun output"

# A directory output: leftovers of a dead process beside outputs, records,
# the run summary and --stats, and a spool folder.
dpk-docid -q -o out/ in/
sh -c 'exit 0' & dead=$!; wait $dead
touch "out/web-3.jsonl.tmp-$dead" "out/.dpk/done/web-3.jsonl.json.tmp-$dead" \
      "out/.dpk/metadata.json.tmp-$dead" "st.json.tmp-$dead"
mkdir -p "out/.dpk/spool-$dead-0" && touch "out/.dpk/spool-$dead-0/input-0.jsonl.zst"
# Not to be touched: a live process's, names not of dpk's pattern, files the run does not write.
touch "out/web-3.jsonl.tmp-$$" "out/web-3.jsonl.tmp-12x" "out/web-3.jsonl.tmp-" "out/notes.tmp-$dead" \
      "out/my.tmp-file.jsonl"
dpk-docid --stats st.json -o out/ in/ 2> dir.err
for f in "out/web-3.jsonl.tmp-$dead" "out/.dpk/done/web-3.jsonl.json.tmp-$dead" "out/.dpk/metadata.json.tmp-$dead" \
         "st.json.tmp-$dead" "out/.dpk/spool-$dead-0"; do
  [ ! -e "$f" ] || fail "stale $f left"
done
grep -q "removed 5 temporary" dir.err || fail "removal count: $(cat dir.err)"
for f in "out/web-3.jsonl.tmp-$$" "out/web-3.jsonl.tmp-12x" "out/web-3.jsonl.tmp-" "out/notes.tmp-$dead" \
         "out/my.tmp-file.jsonl"; do
  [ -e "$f" ] || fail "$f was removed"
done
check_balanced st.json
echo OK
