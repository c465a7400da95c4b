source "$DPK_SRC/tests/cli/lib.sh.inc"
# stdin/stdout pipelines, and compressed input on stdin (detected by magic bytes).
Q="$DPK_SRC/testdata/quickstart"
zstd -dcq "$Q/web-1.jsonl.zst" > plain.jsonl
n=$(count_lines plain.jsonl)

zstd -dc "$Q/web-1.jsonl.zst" | dpk docid | dpk docid --mode seq --overwrite-id > seq.jsonl
[ "$(count_lines seq.jsonl)" = "$n" ] || fail "pipeline lost documents"
jq -r .id seq.jsonl | awk '$0 != "s0-" NR-1 { bad = 1 } END { exit bad }' || fail "seq ids after a pipe"
diff <(jq -c 'del(.id)' plain.jsonl) <(jq -c 'del(.id)' seq.jsonl) > /dev/null || fail "pipeline changed fields"

# The compressed stream itself on stdin, and '-' as the input name.
dpk-docid < "$Q/web-1.jsonl.zst" > a.jsonl
dpk-docid - < plain.jsonl > b.jsonl
dpk-docid plain.jsonl > c.jsonl
cmp a.jsonl b.jsonl || fail "zstd on stdin differs from plain on stdin"
cmp b.jsonl c.jsonl || fail "stdin differs from a file"
gzip -c plain.jsonl | dpk-docid > d.jsonl
cmp c.jsonl d.jsonl || fail "gzip on stdin"

# Messages about stdin say so.
printf '{"text":"ok"}\n{"text":\n' | { set +e; dpk-docid > /dev/null 2> e.txt; echo $? > rc.txt; }
[ "$(cat rc.txt)" = 1 ] || fail "bad line on stdin: exit $(cat rc.txt)"
grep -q "<stdin>:2:" e.txt || fail "stdin error message: $(cat e.txt)"

# Output compressed by the name of -o, or by --compression.
dpk-docid -o out.jsonl.gz plain.jsonl
gzip -t out.jsonl.gz || fail "-o x.gz is not gzip"
gzip -dc out.jsonl.gz | cmp - c.jsonl || fail "-o x.gz content"
dpk-docid -o out.jsonl.zst plain.jsonl
zstd -tq out.jsonl.zst || fail "-o x.zst is not zstd"
zstd -dcq out.jsonl.zst | cmp - c.jsonl || fail "-o x.zst content"
dpk-docid --compression zstd plain.jsonl | zstd -dcq | cmp - c.jsonl || fail "--compression zstd to stdout"
dpk-docid --compression none -o forced-plain.jsonl.gz plain.jsonl
cmp forced-plain.jsonl.gz c.jsonl || fail "--compression none"

# Empty input: no output, counts zero.
: | dpk-docid --stats empty.json > empty.jsonl
[ ! -s empty.jsonl ] || fail "empty input gave output"
check_balanced empty.json
[ "$(json_get empty.json .counts.documents_in)" = 0 ] || fail "empty input counted documents"
# An empty compressed output file is still a valid stream.
: | dpk-docid -o empty.jsonl.zst
zstd -tq empty.jsonl.zst || fail "empty .zst output is not a valid zstd stream"
# Blank lines are not documents.
printf '\n{"text":"a"}\n\n  \n{"text":"b"}\n' | dpk-docid --stats blank.json > blank.jsonl
[ "$(count_lines blank.jsonl)" = 2 ] || fail "blank lines became documents"
[ "$(json_get blank.json .counts.blank_lines)" = 3 ] || fail "blank_lines $(json_get blank.json .counts.blank_lines)"
check_balanced blank.json
# CRLF input: the carriage return is not part of the document.
printf '{"text":"a","id":"x"}\r\n{"text":"b"}\r\n' | dpk-docid > crlf.jsonl
jq -e . crlf.jsonl > /dev/null || fail "CRLF input gave invalid output"
head -1 crlf.jsonl | cmp - <(printf '{"text":"a","id":"x"}\n') || fail "CRLF: first line not passed through"
# --text-key / --id-key
printf '{"content":"hello","key":"k1"}\n{"content":"world"}\n' | dpk-docid --text-key content --id-key key > keys.jsonl
[ "$(jq -r .key keys.jsonl | head -1)" = k1 ] || fail "--id-key: existing id"
jq -e 'select(.content == "world") | .key | test("^[0-9a-f]{32}$")' keys.jsonl > /dev/null || fail "--id-key: new id"
jq -e 'has("id") | not' keys.jsonl > /dev/null || fail "--id-key wrote an 'id' field"
echo OK
