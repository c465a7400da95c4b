# Every recipe under recipes/ parses and plans (dpk run --explain); and
# recipes/pretrain-web.yaml runs end to end on the bundled sample: counts
# balance, every kept document is English with a score of at least 0.65 and
# passed all steps, and no two kept documents share a text; and
# recipes/pretrain-web-warc.yaml runs on the WARC files of testdata/warc (counts balance,
# outputs named INPUT.jsonl[.gz]).
# The end-to-end part skips (77) when no fastText model is installed.
source "$DPK_SRC/tests/cli/lib.sh.inc"
n=0
for r in "$DPK_SRC"/recipes/*.yaml; do
  dpk run --explain "$r" > explain.txt 2> err.txt || fail "dpk run --explain $r: $(cat err.txt)"
  [ -s explain.txt ] || fail "empty plan for $r"
  n=$((n + 1))
done
[ "$n" -ge 5 ] || fail "expected the bundled recipes, found $n"

require_fasttext_model

cd "$DPK_SRC"
dpk run recipes/pretrain-web.yaml --threads 2 -o "$DPK_TMP/out/" > /dev/null
cd "$DPK_TMP"
check_balanced out/.dpk/metadata.json
for f in out/*.jsonl*; do decoded "$f"; done > kept.jsonl
kept=$(count_lines kept.jsonl)
[ "$kept" -gt 0 ] || fail "the recipe kept nothing"
[ "$kept" = "$(jq -r .counts.documents_out out/.dpk/metadata.json)" ] || fail "kept $kept, metadata says otherwise"
jq -e 'select(.lang != "en" or .lang_score < 0.65)' kept.jsonl > bad.jsonl && fail "non-English document kept: $(head -c 300 bad.jsonl)"
[ "$(jq -c .text kept.jsonl | sort | uniq -d | wc -l)" = 0 ] || fail "duplicate texts kept"
# Each step saw what the previous one let through.
jq -e '[.steps[] | [.documents_in, .documents_out]] as $s
       | all(range(1; $s | length); $s[.][0] == $s[. - 1][1])' out/.dpk/metadata.json > /dev/null \
  || fail "step counts do not chain: $(jq -c '[.steps[] | [.name, .documents_in, .documents_out]]' out/.dpk/metadata.json)"
W="$TESTDATA/warc"
[ -d "$W" ] || fail "test data not found: $W (see testdata/README.md)"
(cd "$DPK_SRC" && dpk run recipes/pretrain-web-warc.yaml -q -o "$DPK_TMP/warc-out/")
check_balanced warc-out/.dpk/metadata.json
[ "$(jq -r '.steps[0].documents_out' warc-out/.dpk/metadata.json)" -gt 10 ] || fail "few WARC records read: $(jq -c .steps[0] warc-out/.dpk/metadata.json)"
odd=$(find warc-out -type f ! -path 'warc-out/.dpk/*' ! -name '*.jsonl' ! -name '*.jsonl.gz' ! -name '*.jsonl.zst')
[ -z "$odd" ] || fail "WARC outputs not named .jsonl: $odd"
echo OK
