source "$DPK_SRC/tests/cli/lib.sh.inc"
# --max-line-bytes: a longer line is one rejected record (line_too_long)
# under --on-error, never an abort, and the reader never holds more of it
# than the limit. Out of memory is exit 3 with a message, never bad input.
doc() { printf '{"id":"%s","text":"%s"}\n' "$1" "$2"; }
long_text=$(head -c 5000 /dev/zero | tr '\0' a)
huge_text=$(head -c 300000 /dev/zero | tr '\0' b)
{ doc a "short"; doc b "$long_text"; doc c "also short"; doc d "$huge_text"; doc e "last"; } > lines.jsonl
len2=$(sed -n 2p lines.jsonl | tr -d '\n' | wc -c)
len4=$(sed -n 4p lines.jsonl | tr -d '\n' | wc -c)

# fail: exit 1 naming file, line and length. Line 2 is whole within a block,
# line 4 is longer than the block (the reader's own limit).
expect_exit 1 dpk-docid --max-line-bytes 2K -o fail.jsonl lines.jsonl 2> fail.err
grep -q "lines.jsonl:2: line too long: $len2 bytes (--max-line-bytes is 2048)" fail.err || fail "fail: $(cat fail.err)"
[ ! -e fail.jsonl ] || fail "a failed run left its output"
expect_exit 1 dpk-docid --max-line-bytes 8K --block-size 4K lines.jsonl > /dev/null 2> fail4.err
grep -q "lines.jsonl:4: line too long: $len4 bytes (--max-line-bytes is 8192)" fail4.err || fail "fail, overlong: $(cat fail4.err)"

# skip: counted by reason, the other lines written in order.
for bs in 4K 1M; do
  expect_exit 0 dpk-docid --max-line-bytes 2K --block-size $bs --on-error skip --stats s.json lines.jsonl > skip.jsonl 2> /dev/null
  check_balanced s.json
  [ "$(json_get s.json .counts.rejected)" = 2 ] || fail "skip ($bs): rejected $(json_get s.json .counts.rejected)"
  [ "$(json_get s.json .rejected_by_reason.line_too_long)" = 2 ] || fail "skip ($bs): reasons $(jq -c .rejected_by_reason s.json)"
  [ "$(jq -r .id skip.jsonl | tr '\n' ' ')" = "a c e " ] || fail "skip ($bs): wrote $(jq -r .id skip.jsonl | tr '\n' ' ')"
done

# quarantine: the first --max-line-bytes bytes of each long line, then a newline.
expect_exit 0 dpk-docid --max-line-bytes 2K --block-size 4K --on-error quarantine --quarantine q.jsonl \
  --stats q.json lines.jsonl > /dev/null 2> /dev/null
check_balanced q.json
[ "$(count_lines q.jsonl)" = 2 ] || fail "quarantine: $(count_lines q.jsonl) lines"
sed -n 1p q.jsonl | tr -d '\n' | cmp - <(sed -n 2p lines.jsonl | head -c 2048) || fail "quarantine: head of line 2"
sed -n 2p q.jsonl | tr -d '\n' | cmp - <(sed -n 4p lines.jsonl | head -c 2048) || fail "quarantine: head of line 4"

# The default limit is 256M and the range is checked.
dpk-docid --help > help.txt
grep -q -- "--max-line-bytes SIZE" help.txt || fail "no --max-line-bytes in --help"
expect_exit 0 dpk-docid --stats d.json lines.jsonl > /dev/null
[ "$(json_get d.json .counts.rejected)" = 0 ] || fail "default limit rejected a line"
expect_exit 2 dpk-docid --max-line-bytes 100 lines.jsonl > /dev/null 2> range.err
grep -q -- "--max-line-bytes: must be from 1K up to (not including) 4G" range.err || fail "range: $(cat range.err)"
expect_exit 2 dpk-docid --max-line-bytes 5G lines.jsonl > /dev/null 2> /dev/null

# A zstd bomb: 1 GiB of zeros, no newline, under a 1 GiB address-space limit.
head -c 1G /dev/zero | zstd -q -1 -c > bomb.jsonl.zst
[ "$(stat -c %s bomb.jsonl.zst)" -lt 1000000 ] || fail "the bomb is not small"
expect_exit 1 bash -c "$AS_LIMIT 1048576; "' exec dpk-docid --threads 2 --max-line-bytes 16M bomb.jsonl.zst > /dev/null 2> bomb.err'
grep -q "bomb.jsonl.zst:1: line too long: 1073741824 bytes" bomb.err || fail "bomb, fail: $(cat bomb.err)"
expect_exit 0 bash -c "$AS_LIMIT 1048576; "' exec dpk-docid --threads 2 --max-line-bytes 16M --on-error skip --stats bomb.json bomb.jsonl.zst > bomb.out 2> /dev/null'
check_balanced bomb.json
[ "$(json_get bomb.json .counts.rejected)" = 1 ] || fail "bomb, skip: rejected $(json_get bomb.json .counts.rejected)"
[ "$(json_get bomb.json .counts.documents_out)" = 0 ] || fail "bomb, skip: documents_out"

if [ "$SANITIZED" = 1 ]; then
  echo "line_limit: address-space limits skipped in a sanitizer build"
  echo OK
  exit 0
fi
# A valid document too large for the memory there is: exit 3 naming the
# resource, not "malformed JSON" (exit 1).
{ doc small "x"; printf '{"id":"big","text":"'; head -c 120M /dev/zero | tr '\0' c; printf '"}\n'; } > big.jsonl
expect_exit 3 bash -c 'ulimit -v 786432; exec dpk-docid --threads 1 big.jsonl > /dev/null 2> big.err'
grep -qi "out of memory" big.err || fail "big document: $(cat big.err)"
grep -qi "malformed" big.err && fail "big document reported as malformed: $(cat big.err)"
grep -q "big.jsonl" big.err || fail "big document: message does not name the file: $(cat big.err)"
# The same with far less memory: the exit comes, it does not hang in a
# library's exit handlers (OpenBLAS's pool thread retrying its allocation).
{ printf '{"id":"four","text":"'; head -c 4M /dev/zero | tr '\0' c; printf '"}\n'; } > four.jsonl
expect_exit 3 timeout 60 bash -c 'ulimit -v 200000; exec dpk-chunk --threads 2 four.jsonl > /dev/null 2> four.err'
grep -qi "out of memory" four.err || fail "4 MB document at 200 MB: $(cat four.err)"
echo OK
