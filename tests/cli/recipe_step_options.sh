#!/usr/bin/env bash
# A recipe step may set text-key, id-key and threads for itself: a step with
# text-key: body reads and writes `body` as dpk-NAME --text-key body would, so
# the recipe writes what the shell pipeline of those tools writes (a document
# without `body` is bad input at that step, handled by --on-error). threads
# lowers the threads of the pass holding the step. Every other common option
# is run-wide: inside a step it is a usage error naming the recipe file and
# line.
source "$DPK_SRC/tests/cli/lib.sh.inc"
Q="$DPK_SRC/testdata/quickstart"
# The page text moves to `body`; `text` holds a short label, `uid` the id.
decoded "$Q/web-3.jsonl" | jq -c '{uid: .id, text: ("page " + (.id|tostring)), body: .text}' > in.jsonl
echo '{"uid":"nobody","text":"page without a body"}' >> in.jsonl
[ "$(count_lines in.jsonl)" -gt 20 ] || fail "sample too small"

cat > r.yaml <<'YAML'
input: in.jsonl
output: out.jsonl
on-error: skip
steps:
  - docid: {mode: hash}
  - normalize: {text-key: body, form: nfkc}
  - select: {min-words: 20, text-key: body, threads: 1}
  - docid: {mode: hash, overwrite-id: true, id-key: uid, text-key: body}
YAML
dpk run r.yaml --stats s.json -q
check_balanced s.json
[ "$(json_get s.json .counts.rejected)" = 1 ] || fail "the document without body: $(jq -c .counts s.json)"
dpk-docid --mode hash --on-error skip -q in.jsonl \
  | dpk-normalize --text-key body --form nfkc --on-error skip -q \
  | dpk-select --min-words 20 --text-key body --threads 1 --on-error skip -q \
  | dpk-docid --mode hash --overwrite-id --id-key uid --text-key body --on-error skip -q > ref.jsonl
cmp -s out.jsonl ref.jsonl || fail "recipe and pipeline differ: $(diff <(head -c 2000 out.jsonl) <(head -c 2000 ref.jsonl) | head -5)"
# The check can fail: the steps did their work on body, not on text.
[ "$(jq -s 'map(select(.text | startswith("page "))) | length' out.jsonl)" = "$(count_lines out.jsonl)" ] \
  || fail "text was rewritten"
[ "$(count_lines out.jsonl)" -gt 0 ] || fail "nothing came out"
[ "$(count_lines out.jsonl)" -lt "$(($(count_lines in.jsonl) - 1))" ] || fail "select on body dropped nothing"
jq -e 'select((.uid | type) != "string" or (.uid | length) != 32 or .id == null)' out.jsonl > /dev/null \
  && fail "ids: $(head -c 300 out.jsonl)"
# --explain prints the steps' own options, and its pipeline writes the same.
dpk run --explain r.yaml > explain.txt
grep -qF -- "dpk-select --min-words 20 --on-error skip --text-key body --threads 1" explain.txt \
  || fail "explain: $(cat explain.txt)"
mkdir p && (cd p && ln -s ../in.jsonl in.jsonl && sed '1,/^equivalent shell pipeline:$/d' ../explain.txt | bash)
cmp -s out.jsonl p/out.jsonl || fail "the explained pipeline differs"
# threads: 1 is the pass's threads; a run of two threads gives the same bytes.
dpk run r.yaml --threads 2 -o out2.jsonl -q && cmp -s out.jsonl out2.jsonl || fail "--threads 2 differs"

# Run-wide options inside a step: refused, naming file, line and option.
for opt in "output: x.jsonl" "on-error: fail" "stats: s2.json" "shard-count: 2" "keep-dropped: d.jsonl"; do
  printf 'input: in.jsonl\noutput: o.jsonl\nsteps:\n  - docid: {}\n  - select:\n      min-words: 2\n      %s\n' "$opt" > bad.yaml
  expect_exit 2 dpk run bad.yaml 2> bad.err
  grep -q "bad.yaml:7: step 'select': '${opt%%:*}' is a run-wide option" bad.err || fail "$opt: $(cat bad.err)"
done
printf 'input: in.jsonl\noutput: o.jsonl\nsteps:\n  - select: {threads: lots}\n' > badv.yaml
expect_exit 2 dpk run badv.yaml 2> badv.err
grep -q "badv.yaml:4" badv.err && grep -q "threads" badv.err || fail "bad value: $(cat badv.err)"
[ ! -e o.jsonl ] && [ ! -e x.jsonl ] || fail "a refused recipe wrote output"
echo OK
