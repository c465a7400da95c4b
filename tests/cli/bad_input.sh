source "$DPK_SRC/tests/cli/lib.sh.inc"
# Bad documents: fail names file and line; skip counts; quarantine keeps the
# bad lines unchanged; a truncated compressed stream is an error naming the file.
E="$DPK_SRC/testdata/errors"
BAD="$E/bad-lines.jsonl"
first_bad=$(jq '.bad_lines[0]' "$E/bad-lines.expected.json")
n_bad=$(jq '.bad_lines | length' "$E/bad-lines.expected.json")
n_docs=$(jq '.documents' "$E/bad-lines.expected.json")
n_valid=$(jq '.valid_lines | length' "$E/bad-lines.expected.json")
[ "$n_bad" -ge 5 ] && [ "$first_bad" -gt 1 ] || fail "unexpected bad-lines.expected.json"

# --on-error fail (the default): exit 1, one message naming the file and the first bad line.
expect_exit 1 dpk-docid "$BAD" > out.jsonl 2> err.txt
grep -q "bad-lines.jsonl:$first_bad:" err.txt || fail "stderr does not name file:line $first_bad: $(cat err.txt)"
grep -q "error" err.txt || fail "no error in: $(cat err.txt)"
# ... and writes no output file under its final name.
expect_exit 1 dpk-docid -o fail.jsonl "$BAD" 2> /dev/null
[ ! -e fail.jsonl ] || fail "a failed run left fail.jsonl"
ls | grep -q 'tmp-' && fail "a failed run left a temporary file: $(ls)"
expect_exit 1 dpk-docid -o faildir/ "$BAD" 2> /dev/null
[ ! -e faildir/bad-lines.jsonl ] || fail "a failed run left faildir/bad-lines.jsonl"

# skip: exit 0, every bad line counted, the good ones written.
expect_exit 0 dpk-docid --on-error skip --stats skip.json "$BAD" > skip.jsonl 2> skip-err.txt
check_balanced skip.json
[ "$(json_get skip.json .counts.rejected)" = "$n_bad" ] || fail "rejected $(json_get skip.json .counts.rejected), expected $n_bad"
[ "$(json_get skip.json .counts.documents_in)" = "$n_docs" ] || fail "documents_in $(json_get skip.json .counts.documents_in), expected $n_docs"
[ "$(json_get skip.json .counts.documents_out)" = "$n_valid" ] || fail "documents_out"
[ "$(json_get skip.json .counts.blank_lines)" = "1" ] || fail "blank_lines"
[ "$(json_get skip.json '[.rejected_by_reason[]] | add')" = "$n_bad" ] || fail "rejected_by_reason does not add up"
[ "$(count_lines skip.jsonl)" = "$n_valid" ] || fail "skip wrote $(count_lines skip.jsonl) lines"
# A warning per bad line, naming each line.
for l in $(jq '.bad_lines[]' "$E/bad-lines.expected.json"); do
  grep -q "bad-lines.jsonl:$l:" skip-err.txt || fail "no warning for line $l"
done
# The valid lines come out in order, with their ids.
[ "$(jq -r .id skip.jsonl | tr '\n' ' ')" = "ok-1 ok-2 ok-3 ok-5 ok-6 ok-8 ok-10 ok-12 ok-14 ok-16 ok-17 " ] \
  || fail "valid documents out of order: $(jq -r .id skip.jsonl | tr '\n' ' ')"

# quarantine: the bad lines, unchanged, in a side file.
expect_exit 0 dpk-docid --on-error quarantine --quarantine q/bad.jsonl --stats q.json "$BAD" > q.jsonl 2> /dev/null
check_balanced q.json
[ "$(json_get q.json .counts.rejected)" = "$n_bad" ] || fail "quarantine: rejected"
sed -n "$(jq -r '.bad_lines | map("\(.)p") | join(";")' "$E/bad-lines.expected.json")" "$BAD" > want-q.jsonl
cmp q/bad.jsonl want-q.jsonl || fail "quarantined lines differ from the original bad lines"
cmp q.jsonl skip.jsonl || fail "quarantine and skip wrote different documents"
# --quiet: no warnings.
dpk-docid --quiet --on-error skip "$BAD" > /dev/null 2> quiet.txt
[ ! -s quiet.txt ] || fail "--quiet still warned: $(cat quiet.txt)"

# A truncated .zst: exit 1 naming the file; nothing under the final name.
expect_exit 1 dpk-docid "$E/truncated.jsonl.zst" > /dev/null 2> trunc.txt
grep -q "truncated.jsonl.zst" trunc.txt || fail "truncated stream: message does not name the file: $(cat trunc.txt)"
grep -qi "truncated\|corrupt" trunc.txt || fail "truncated stream: message does not say what is wrong: $(cat trunc.txt)"
[ "$(wc -l < trunc.txt)" = 1 ] || fail "expected one line: $(cat trunc.txt)"
expect_exit 1 dpk-docid -o tr/ "$E/truncated.jsonl.zst" 2> /dev/null
[ -z "$(find tr -name 'truncated*' 2>/dev/null)" ] || fail "a truncated input left output: $(find tr)"
# The same with gzip.
zstd -dcq "$E/truncated.jsonl.zst" 2> /dev/null | gzip -c > full.gz || true
head -c $(( $(stat -c %s full.gz) / 2 )) full.gz > cut.jsonl.gz
expect_exit 1 dpk-docid cut.jsonl.gz > /dev/null 2> gz.txt
grep -q "cut.jsonl.gz" gz.txt || fail "truncated gzip: message does not name the file: $(cat gz.txt)"
# Under skip, a truncated input is counted as rejected, and the documents before the cut are kept.
expect_exit 0 dpk-docid --on-error skip --stats ts.json "$E/truncated.jsonl.zst" > ts.jsonl 2> /dev/null
check_balanced ts.json
[ "$(json_get ts.json .counts.rejected)" -ge 1 ] || fail "truncated input not counted as rejected under skip"
jq -e . ts.jsonl > /dev/null || fail "invalid JSON written from a truncated input"

# A bad file among good ones: the message names the bad file.
expect_exit 1 dpk-docid "$DPK_SRC/testdata/quickstart/web-3.jsonl" "$BAD" > /dev/null 2> two.txt
grep -q "bad-lines.jsonl:$first_bad:" two.txt || fail "second file's error: $(cat two.txt)"
echo OK
