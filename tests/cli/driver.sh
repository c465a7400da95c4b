source "$DPK_SRC/tests/cli/lib.sh.inc"
# dpk list, dpk help NAME, dpk-NAME --help, --version.
dpk list > list.txt
for t in docid select sample convert stats; do
  grep -qE "^$t[[:space:]]" list.txt || fail "dpk list does not show $t: $(cat list.txt)"
done
grep -E '^docid[[:space:]]+annotator' list.txt > /dev/null || fail "dpk list: docid is not an annotator"

dpk help docid > help1.txt
dpk-docid --help > help2.txt
dpk docid --help > help3.txt
for f in help1.txt help2.txt help3.txt; do
  for w in --mode hash seq --overwrite-id --prefix --on-error --threads --shard-index; do
    grep -qF -- "$w" "$f" || fail "$f does not mention $w"
  done
done
cmp help1.txt help2.txt || fail "dpk help docid and dpk-docid --help differ"
cmp help2.txt help3.txt || fail "dpk docid --help and dpk-docid --help differ"
help_text=$(dpk --help); grep -q "Usage: dpk" <<< "$help_text" || fail "dpk --help"

# The first line is "PROG VERSION" (tests/cli/version.sh checks the rest).
v1=$(dpk --version | head -n 1)
v2=$(dpk-docid --version | head -n 1)
echo "$v1" | grep -qE '[0-9]+\.[0-9]+\.[0-9]+' || fail "dpk --version: $v1"
echo "$v2" | grep -qE '[0-9]+\.[0-9]+\.[0-9]+' || fail "dpk-docid --version: $v2"
[ "${v1##* }" = "${v2##* }" ] || fail "versions differ: '$v1' vs '$v2'"
# The version in a run summary is the same.
dpk-docid --stats s.json "$DPK_SRC/testdata/quickstart/web-3.jsonl" > /dev/null
[ "$(json_get s.json .version)" = "${v1##* }" ] || fail "summary version $(json_get s.json .version) != ${v1##* }"
[ "$(json_get s.json .tool)" = "dpk-docid" ] || fail "summary tool"
check_balanced s.json

# Help and version write nothing and succeed without input.
[ "$(ls)" = "help1.txt
help2.txt
help3.txt
list.txt
s.json" ] || fail "unexpected files: $(ls)"
echo OK
