# dpk-decontaminate against datatrove's n-gram decontamination filter on the
# planted training set of testdata/decontaminate/ (made by
# benchmarks/decontaminate/make_reference.py): keep/drop must agree on
# >= 99.5% of the documents, and the benchmark named on every document both
# drop. Then the run summary's reasons, the other modes and bad options.
source "$DPK_SRC/tests/cli/lib.sh.inc"
FIX="$TESTDATA/decontaminate"
BENCH=(--benchmark "passages=$FIX/passages.jsonl:passage" --benchmark "questions=$FIX/questions.txt")

dpk-decontaminate "${BENCH[@]}" --threads 2 --keep-dropped dropped.jsonl --stats stats.json \
  -o kept.jsonl "$FIX/train.jsonl.zst"
{ jq -c '{id, b: null}' kept.jsonl; jq -c '{id, b: .dpk_contaminated_benchmark}' dropped.jsonl; } > got.jsonl
jq -n --slurpfile ref "$FIX/reference.jsonl" --slurpfile got got.jsonl '
  ($got | map({key: .id, value: .b}) | from_entries) as $g
  | [$ref[] | . as $r | {found: ($g | has($r.id)), same: ((.benchmark == null) == ($g[.id] == null)),
               both: (.benchmark != null and $g[.id] != null), name: (.benchmark == $g[.id])}] as $rows
  | {documents: ($rows | length), missing: ($rows | map(select(.found | not)) | length),
     agree: ($rows | map(select(.same)) | length), contaminated: ($ref | map(select(.benchmark != null)) | length),
     both: ($rows | map(select(.both)) | length), same_name: ($rows | map(select(.both and .name)) | length)}' > result.json
jq -c . result.json >&2
[ "$(json_get result.json .missing)" = 0 ] || fail "documents missing from the output"
[ "$(json_get result.json '.documents == 400 and .contaminated >= 100')" = true ] || fail "fixture not as made"
[ "$(json_get result.json '.agree >= 0.995 * .documents')" = true ] || fail "keep/drop agreement below 99.5%"
[ "$(json_get result.json '.same_name == .both')" = true ] || fail "a dropped document names another benchmark"

# The summary counts drops per benchmark, and they add up.
check_balanced stats.json
p=$(jq '[.steps[0].dropped // .steps[0].drop_reasons | to_entries[] | select(.key == "contaminated:passages") | .value] | add' stats.json)
q=$(jq '[.steps[0].dropped // .steps[0].drop_reasons | to_entries[] | select(.key == "contaminated:questions") | .value] | add' stats.json)
[ "$p" = "$(jq -s 'map(select(.b == "passages")) | length' got.jsonl)" ] || fail "passages drops: summary says $p"
[ "$q" = "$(jq -s 'map(select(.b == "questions")) | length' got.jsonl)" ] || fail "questions drops: summary says $q"
jq -e 'select(.dpk_contaminated_ngram | split(" ") | length == 13)' dropped.jsonl > /dev/null || fail "no 13-word n-gram recorded"

# Annotate keeps everything and marks the same documents.
dpk-decontaminate "${BENCH[@]}" --mode annotate "$FIX/train.jsonl.zst" > annotated.jsonl
[ "$(count_lines annotated.jsonl)" = 400 ] || fail "annotate lost documents"
[ "$(jq -c 'select(.dpk_contamination) | .id' annotated.jsonl | sort)" = "$(jq -c .id dropped.jsonl | sort)" ] \
  || fail "annotate marks other documents than drop drops"

# Remove cuts the matches out: what is left holds no benchmark n-gram.
dpk-decontaminate "${BENCH[@]}" --mode remove --margin 0 --min-piece-chars 1 --max-pieces 1000 \
  --keep-dropped removed-dropped.jsonl "$FIX/train.jsonl.zst" > removed.jsonl
[ $(( $(count_lines removed.jsonl) + $(count_lines removed-dropped.jsonl) )) = 400 ] || fail "remove: counts do not add up"
jq -c 'del(.dpk_contamination)' removed.jsonl > removed-again.jsonl
dpk-decontaminate "${BENCH[@]}" --keep-dropped still.jsonl removed-again.jsonl > /dev/null
[ "$(count_lines still.jsonl)" = 0 ] || fail "remove left benchmark n-grams in $(count_lines still.jsonl) documents"
# With the defaults (200 characters either side), a short document with a match goes whole.
printf '%s\n' "{\"id\":\"x\",\"text\":$(head -1 "$FIX/questions.txt" | jq -R .)}" > one.jsonl
dpk-decontaminate "${BENCH[@]}" --mode remove --keep-dropped one-dropped.jsonl one.jsonl > one-kept.jsonl
[ "$(jq -r .id one-dropped.jsonl)" = x ] || fail "remove kept a document that was all benchmark"

# The rule exactly: a margin of 1 character takes the newline before the match
# and the "?" after it; a piece under --min-piece-chars goes.
q=$(head -1 "$FIX/questions.txt")
jq -cn --arg t "keep this first part of the text."$'\n'"$q"$'\n'"and keep this last part too." '{id: "r", text: $t}' > rule.jsonl
dpk-decontaminate "${BENCH[@]}" --mode remove --margin 1 --min-piece-chars 1 rule.jsonl > rule-out.jsonl
[ "$(jq -r .text rule-out.jsonl)" = "keep this first part of the text."$'\n\n'"and keep this last part too." ] \
  || fail "remove with margin 1: $(jq -c .text rule-out.jsonl)"
[ "$(jq -c .dpk_contamination rule-out.jsonl)" != null ] || fail "remove: no dpk_contamination"
dpk-decontaminate "${BENCH[@]}" --mode remove --margin 1 --min-piece-chars 30 rule.jsonl > rule-out.jsonl
[ "$(jq -r .text rule-out.jsonl)" = "keep this first part of the text." ] || fail "remove kept a piece under 30 characters"
expect_exit 0 dpk-decontaminate "${BENCH[@]}" --mode remove --margin 1 --max-pieces 1 --keep-dropped rule-d.jsonl rule.jsonl -o rule-k.jsonl
[ "$(count_lines rule-k.jsonl)" = 0 ] && [ "$(count_lines rule-d.jsonl)" = 1 ] || fail "remove kept a document of more than --max-pieces pieces"

# A saved index gives the same decisions; a wrong --ngram or a cut file is refused.
dpk-decontaminate index "${BENCH[@]}" --work bench/
dpk-decontaminate --work bench/ --keep-dropped dropped-ix.jsonl -o kept-ix.jsonl "$FIX/train.jsonl.zst"
cmp kept.jsonl kept-ix.jsonl || fail "the saved index kept other documents"
cmp dropped.jsonl dropped-ix.jsonl || fail "the saved index dropped other documents"
expect_exit 2 dpk-decontaminate --work bench/ --ngram 12 one.jsonl
expect_exit 2 dpk-decontaminate --work bench/ "${BENCH[@]}" one.jsonl
mkdir cut && head -c 100 bench/ngrams.index > cut/ngrams.index
expect_exit 2 dpk-decontaminate --work cut/ one.jsonl
expect_exit 2 dpk-decontaminate index "${BENCH[@]}"

# Bad options: one clear line, exit 2.
expect_exit 2 dpk-decontaminate --benchmark nofile one.jsonl
expect_exit 2 dpk-decontaminate --benchmark "a=$DPK_TMP/missing.jsonl" one.jsonl
expect_exit 2 dpk-decontaminate one.jsonl
printf '{"passage": 3}\n' > bad.jsonl
dpk-decontaminate --benchmark "a=bad.jsonl:passage" one.jsonl 2> err.txt && fail "a bad benchmark line was accepted"
grep -q "bad.jsonl:1" err.txt || fail "the error does not name file and line: $(cat err.txt)"
echo OK
