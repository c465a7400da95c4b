source "$DPK_SRC/tests/cli/lib.sh.inc"
# A slow stdin (kcat -C ... | dpk ... | kcat -P ...): a line comes out about
# --flush-interval after it went in, not when a whole block (--block-size)
# has filled or the input has ended.

# feed OUT PATIENCE: writes one document, waits up to PATIENCE tenths of a
# second for dpk to write it to OUT (noting "early" in OUT.seen when it did),
# then writes a second document and ends the input.
feed() {
  local out=$1 patience=$2 i
  printf '{"id":"a","text":"first line"}\n'
  for ((i = 0; i < patience; i++)); do
    if [ -s "$out" ]; then echo early > "$out.seen"; break; fi
    sleep 0.1
  done
  printf '{"id":"b","text":"second line"}\n'
}

# slow_run NAME PATIENCE DPK-ARGS...: the run, its output NAME.jsonl and its
# summary NAME.stats.json; both documents come out and the counts balance.
slow_run() {
  local name=$1 patience=$2
  shift 2
  rm -f "$name.jsonl" "$name.jsonl.seen"
  feed "$name.jsonl" "$patience" | dpk docid --stats "$name.stats.json" "$@" > "$name.jsonl"
  [ "$(count_lines "$name.jsonl")" = 2 ] || fail "$name: expected 2 documents out, got $(count_lines "$name.jsonl")"
  check_balanced "$name.stats.json"
  [ "$(json_get "$name.stats.json" .counts.documents_in)" = 2 ] || fail "$name: documents_in"
  [ "$(json_get "$name.stats.json" .counts.documents_out)" = 2 ] || fail "$name: documents_out"
}

# Plain stdout, the default interval (1s): the first document is out while the
# input is still open (the feeder waits up to 10 s for it).
slow_run default 100 --threads 2
[ -f default.jsonl.seen ] || fail "the first document did not come out before the input ended (default --flush-interval)"

# '-o -', a shorter interval and one thread.
slow_run dash 100 -o - --flush-interval 250ms --threads 1
[ -f dash.jsonl.seen ] || fail "the first document did not come out before the input ended (-o -)"

# A zstd stream on stdin whose writer flushes a frame per line.
rm -f zst.jsonl zst.jsonl.seen
{ feed zst.jsonl 100 | while IFS= read -r line; do printf '%s\n' "$line" | zstd -q -c; done; } |
  dpk docid --threads 2 --flush-interval 250ms > zst.jsonl
[ "$(count_lines zst.jsonl)" = 2 ] || fail "zstd stdin: expected 2 documents out"
[ -f zst.jsonl.seen ] || fail "the first document of a zstd stdin did not come out before the input ended"

# --flush-interval 0: the block waits for the end of the input (the feeder
# gives up after 2 s).
slow_run off 20 --threads 2 --flush-interval 0
[ ! -f off.jsonl.seen ] || fail "--flush-interval 0 still cut the block short"

# A file is never cut short by the clock, and a bad duration is a usage error.
printf '{"id":"a","text":"x"}\n' > one.jsonl
dpk docid --flush-interval 10ms one.jsonl > /dev/null
expect_exit 2 dpk docid --flush-interval soon one.jsonl
expect_exit 2 dpk docid --flush-interval -1s one.jsonl
echo "ok"
