source "$DPK_SRC/tests/cli/lib.sh.inc"
# A rerun into an output directory resumes only the same work: the completion
# records hold the tool, its settings and each input's identity; another tool,
# other options or a changed input are refused (exit 2, naming the
# difference) unless --overwrite. After a resume the run summary still
# describes the whole output.
Q="$DPK_SRC/testdata/quickstart"
mkdir in && cp "$Q"/* in/
dpk-select -q --min-words 50 -o out/ in/
check_balanced out/.dpk/metadata.json
jq -c .counts out/.dpk/metadata.json > counts1.json
jq -c '[.steps[] | {name, documents_in, documents_out, dropped}]' out/.dpk/metadata.json > steps1.json
(cd out && find . -path ./.dpk -prune -o -type f -print | sort | xargs md5sum) > sums1.txt
[ "$(jq -r .tool out/.dpk/done/web-3.jsonl.json)" = dpk-select ] || fail "record: $(cat out/.dpk/done/web-3.jsonl.json)"

# The same command again: every file resumed, and the summary is the first one's.
dpk-select -q --min-words 50 -o out/ in/
check_balanced out/.dpk/metadata.json
[ "$(json_get out/.dpk/metadata.json '[.inputs[] | select(.resumed == true)] | length')" = 3 ] || fail "not resumed"
[ "$(jq -c .counts out/.dpk/metadata.json)" = "$(cat counts1.json)" ] \
  || fail "resumed summary $(jq -c .counts out/.dpk/metadata.json), first run $(cat counts1.json)"
[ "$(jq -c '[.steps[] | {name, documents_in, documents_out, dropped}]' out/.dpk/metadata.json)" = "$(cat steps1.json)" ] \
  || fail "resumed step counts differ"

# Half resumed: one output lost, so one file redone and two carried over.
rm out/web-2.jsonl.gz
dpk-select -q --min-words 50 -o out/ in/
[ "$(json_get out/.dpk/metadata.json '[.inputs[] | select(.resumed == true)] | length')" = 2 ] || fail "partial resume"
[ "$(jq -c .counts out/.dpk/metadata.json)" = "$(cat counts1.json)" ] || fail "partial resume summary differs"

# Another option value, another tool: refused before anything is written.
expect_exit 2 dpk-select -q --min-words 80 -o out/ in/ 2> opt.err
grep -q "min-words: '50' before, '80' now" opt.err || fail "option difference not named: $(cat opt.err)"
expect_exit 2 dpk-docid -q -o out/ in/ 2> tool.err
grep -q "dpk-select" tool.err && grep -q "steps: 'select' before, 'docid' now" tool.err || fail "tool: $(cat tool.err)"
grep -q -- "--overwrite" tool.err || fail "no way out named: $(cat tool.err)"
(cd out && md5sum -c --quiet ../sums1.txt) || fail "a refused rerun changed the outputs"
expect_exit 2 dpk-select -q --min-words 50 --compression gzip -o out/ in/

# A changed input: refused, naming it.
decoded "$Q/web-3.jsonl" | sed -n 1,10p > in/web-3.jsonl
expect_exit 2 dpk-select -q --min-words 50 -o out/ in/ 2> input.err
grep -q "in/web-3.jsonl" input.err || fail "changed input not named: $(cat input.err)"

# --overwrite redoes everything with the new settings.
dpk-docid -q --overwrite -o out/ in/
check_balanced out/.dpk/metadata.json
[ "$(json_get out/.dpk/metadata.json '[.inputs[] | select(.resumed == true)] | length')" = 0 ] || fail "--overwrite resumed"
[ "$(count_lines out/web-3.jsonl)" = 10 ] || fail "--overwrite kept the old output"
[ "$(jq -r .tool out/.dpk/done/web-3.jsonl.json)" = dpk-docid ] || fail "record not rewritten"
echo OK
