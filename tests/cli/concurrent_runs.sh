source "$DPK_SRC/tests/cli/lib.sh.inc"
# A second run into an output directory another run is writing refuses at
# once (exit 3), naming the holder; the shards of one sharded run share it.
Q="$DPK_SRC/testdata/quickstart"
mkdir in && cp "$Q"/* in/
decoded "$Q/web-3.jsonl" | sed -n 1,10p > ten.jsonl

# The first run holds the lock while it waits for its input (a fifo).
mkfifo slow.jsonl
dpk-docid -q --stats first.json -o out/ slow.jsonl &
pid=$!
for _ in $(seq 1 200); do grep -qs "pid $pid" out/.dpk/lock && break; sleep 0.05; done
grep -qs "pid $pid" out/.dpk/lock || fail "the lock does not name the run: $(cat out/.dpk/lock 2>&1)"
expect_exit 3 dpk-docid -q -o out/ in/ 2> second.err
grep -q "pid $pid" second.err && grep -q "another run" second.err || fail "holder not named: $(cat second.err)"
expect_exit 3 dpk-docid -q --shard-index 0 --shard-count 2 -o out/ in/
[ "$(find out -type f ! -path 'out/.dpk/*' | wc -l)" = 0 ] || fail "a refused run wrote $(find out -type f)"
cat ten.jsonl > slow.jsonl
wait $pid || fail "the first run failed"
check_balanced first.json
[ "$(count_lines out/slow.jsonl)" = 10 ] || fail "first run output"
# Free again: the next run goes.
dpk-docid -q -o out/ in/

# Shards side by side; a second run of one shard, or an unsharded run, refused.
mkfifo slow2.jsonl
dpk-docid -q --shard-index 0 --shard-count 2 -o sh/ slow2.jsonl ten.jsonl &
pid=$!
for _ in $(seq 1 200); do grep -qs "pid $pid" sh/.dpk/lock-shard-0-of-2 && break; sleep 0.05; done
grep -qs "pid $pid" sh/.dpk/lock-shard-0-of-2 || fail "shard lock: $(ls sh/.dpk 2>&1)"
dpk-docid -q --shard-index 1 --shard-count 2 -o sh/ slow2.jsonl ten.jsonl || fail "the other shard was refused"
[ "$(count_lines sh/ten.jsonl)" = 10 ] || fail "shard 1 output"
expect_exit 3 dpk-docid -q --shard-index 0 --shard-count 2 -o sh/ slow2.jsonl ten.jsonl 2> shard.err
grep -q "pid $pid" shard.err || fail "shard holder not named: $(cat shard.err)"
expect_exit 3 dpk-docid -q -o sh/ slow2.jsonl ten.jsonl 2> whole.err
grep -q "shard" whole.err || fail "unsharded run: $(cat whole.err)"
cat ten.jsonl > slow2.jsonl
wait $pid || fail "shard 0 failed"
[ "$(count_lines sh/slow2.jsonl)" = 10 ] || fail "shard 0 output"
echo OK
