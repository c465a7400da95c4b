source "$DPK_SRC/tests/cli/lib.sh.inc"
# recipes/quickstart.yaml, dpk run --explain, and recipe errors naming file and line.
R="$DPK_SRC/recipes/quickstart.yaml"
[ -f "$R" ] || fail "no $R"
grep -q '^input: testdata/quickstart/' "$R" && grep -q '^output: out/quickstart/' "$R" || fail "quickstart recipe input/output"
# A copy with absolute input and output here.
sed -e "s|testdata/quickstart/|$DPK_SRC/testdata/quickstart/|" -e "s|out/quickstart/|$DPK_TMP/out/|g" \
    -e "s|out/quickstart-|$DPK_TMP/out-|g" "$R" > quick.yaml
grep -q "$DPK_TMP/out-profile.json" quick.yaml || fail "recipe copy"

dpk run --explain quick.yaml > explain.txt
[ ! -e out ] || fail "--explain wrote output"
for w in docid select stats "pass 1" "equivalent shell pipeline" "dpk-docid" "dpk-select --min-words"; do
  grep -qF -- "$w" explain.txt || fail "--explain does not show '$w': $(cat explain.txt)"
done

dpk run quick.yaml
check_balanced out/.dpk/metadata.json
for f in web-1.jsonl.zst web-2.jsonl.gz web-3.jsonl; do [ -f "out/$f" ] || fail "recipe output $f missing"; done
[ "$(json_get out/.dpk/metadata.json '.steps | map(.name) | join(",")')" = "docid,select,stats" ] || fail "steps in metadata"
[ "$(json_get out/.dpk/metadata.json .counts.documents_in)" = 297 ] || fail "recipe documents_in"
dropped=$(json_get out/.dpk/metadata.json .counts.dropped)
[ "$dropped" -gt 0 ] || fail "select {min-words: 20} dropped nothing"
# Every document out has an id and at least 20 words.
for f in web-1.jsonl.zst web-2.jsonl.gz web-3.jsonl; do decoded "out/$f"; done > all-out.jsonl
# (words split on ASCII whitespace with split/1, not a regex: jq regexes are very slow)
WORDS='def words: reduce ("\n", "\t", "\r", "\f", "\u000b") as $c ([.]; map(split($c)[])) | map(split(" ")[]) | map(select(. != "")) | length;'
bad=$(jq -s "$WORDS"' map(select(.id == null or (.text | words) < 20)) | length' all-out.jsonl)
[ "$bad" = 0 ] || fail "$bad documents without an id or with fewer than 20 words came out"
# The check can fail: the input has documents it catches, as many as select dropped.
for f in web-1.jsonl.zst web-2.jsonl.gz web-3.jsonl; do decoded "$DPK_SRC/testdata/quickstart/$f"; echo; done | grep -v '^$' > all-in.jsonl
short=$(jq -s "$WORDS"' map(select((.text | words) < 20)) | length' all-in.jsonl)
[ "$short" = "$dropped" ] || fail "the input has $short documents under 20 words, select dropped $dropped"
[ "$(count_lines all-out.jsonl)" = "$(json_get out/.dpk/metadata.json .counts.documents_out)" ] || fail "documents_out"
if [ -f out-profile.json ]; then jq -e . out-profile.json > /dev/null || fail "profile.json is not JSON"; else fail "no profile.json"; fi
[ -s out-report.html ] || fail "no report.html"
# The output directory holds the documents only (run records under .dpk/).
[ "$(cd out && find . -path ./.dpk -prune -o -type f -print | sort | tr '\n' ' ')" = "./web-1.jsonl.zst ./web-2.jsonl.gz ./web-3.jsonl " ] \
  || fail "more than documents in out/: $(find out -type f)"

# A rerun resumes; the same recipe with --overwrite redoes.
dpk run quick.yaml
[ "$(json_get out/.dpk/metadata.json '[.inputs[] | select(.resumed == true)] | length')" = 3 ] || fail "recipe rerun did not resume"
dpk run quick.yaml --overwrite
check_balanced out/.dpk/metadata.json
[ "$(json_get out/.dpk/metadata.json .counts.documents_in)" = 297 ] || fail "--overwrite rerun"

# Recipe errors: exit 2, naming the recipe file and the line.
cat > bad-step.yaml <<YAML
input: $DPK_SRC/testdata/quickstart/
output: $DPK_TMP/bad/
steps:
  - docid: {mode: hash}
  - nosuchstep: {a: 1}
YAML
expect_exit 2 dpk run bad-step.yaml 2> e1.txt
grep -q "bad-step.yaml:5" e1.txt || fail "unknown step: $(cat e1.txt)"
grep -q "nosuchstep" e1.txt || fail "unknown step not named: $(cat e1.txt)"
cat > bad-option.yaml <<YAML
input: $DPK_SRC/testdata/quickstart/
output: $DPK_TMP/bad/
steps:
  - docid: {colour: red}
YAML
expect_exit 2 dpk run bad-option.yaml 2> e2.txt
grep -q "bad-option.yaml:4" e2.txt && grep -q "colour" e2.txt || fail "unknown option: $(cat e2.txt)"
cat > bad-value.yaml <<YAML
input: $DPK_SRC/testdata/quickstart/
output: $DPK_TMP/bad/

steps:
  - select: {min-words: lots}
YAML
expect_exit 2 dpk run bad-value.yaml 2> e3.txt
grep -q "bad-value.yaml:5" e3.txt && grep -q "min-words" e3.txt || fail "bad value: $(cat e3.txt)"
printf 'input: x\nsteps: [docid: {mode: hash}\n' > broken.yaml
expect_exit 2 dpk run broken.yaml 2> e4.txt
grep -q "broken.yaml" e4.txt || fail "YAML syntax error: $(cat e4.txt)"
[ ! -e bad ] || fail "a bad recipe wrote output"
echo OK
