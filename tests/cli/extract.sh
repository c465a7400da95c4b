# dpk-extract: fields, options, drop reasons, and extraction quality on a
# subset of the real evaluation pages (a floor, so regressions fail).
source "$(dirname "$0")/lib.sh.inc"

page='<html lang=\"fr\"><head><title>Le titre</title></head><body><nav><a href=\"/\">Accueil</a></nav><article><h1>Le titre</h1><p>Un premier paragraphe assez long, avec des virgules, pour compter comme du contenu principal.</p><p>Un second paragraphe, lui aussi assez long, pour que la page ait un vrai contenu.</p></article><footer>Mentions légales</footer></body></html>'
printf '{"id":"a","html":"%s","src":1}\n{"id":"b","text":"no html here"}\n{"id":"c","html":"<p></p>"}\n' "$page" > in.jsonl

dpk-extract --stats stats.json in.jsonl > out.jsonl
[ "$(count_lines out.jsonl)" = 1 ] || fail "expected 1 document out, got $(count_lines out.jsonl)"
[ "$(jq -r .title out.jsonl)" = "Le titre" ] || fail "title: $(jq -r .title out.jsonl)"
[ "$(jq -r .html_lang out.jsonl)" = "fr" ] || fail "html_lang: $(jq -r .html_lang out.jsonl)"
[ "$(jq -r .src out.jsonl)" = "1" ] || fail "other fields must pass through"
jq -e 'has("html") | not' out.jsonl > /dev/null || fail "html field should be removed"
jq -r .text out.jsonl > text.txt
grep -q '^Un premier paragraphe' text.txt || fail "main text missing: $(cat text.txt)"
grep -q 'Accueil\|Mentions' text.txt && fail "navigation or footer kept: $(cat text.txt)"
check_balanced stats.json
[ "$(jq -r '.steps[0].dropped["extract:no_html"]' stats.json)" = 1 ] || fail "no_html not counted: $(jq -c .steps stats.json)"
[ "$(jq -r '.steps[0].dropped["extract:no_main_content"]' stats.json)" = 1 ] || fail "no_main_content not counted"

dpk-extract --keep-html --format markdown --html-key html in.jsonl > md.jsonl
jq -e 'has("html")' md.jsonl > /dev/null || fail "--keep-html should keep the field"
jq -r .text md.jsonl > md.txt
grep -q '^# Le titre' md.txt || fail "markdown heading missing: $(cat md.txt)"

# --min-chars counts characters (code points), as select's does, not bytes:
# 'été été' is 7 characters in 10 bytes.
printf '{"id":"e","html":"<html><body><p>été été</p></body></html>"}\n' > short.jsonl
dpk-extract -q --min-chars 7 short.jsonl > seven.jsonl
[ "$(count_lines seven.jsonl)" = 1 ] || fail "--min-chars 7: 7 characters dropped"
dpk-extract -q --min-chars 8 short.jsonl > eight.jsonl
[ "$(count_lines eight.jsonl)" = 0 ] || fail "--min-chars 8: 7 characters (10 bytes) kept"

expect_exit 2 dpk-extract --format html in.jsonl
expect_exit 2 dpk-extract --html-key '' in.jsonl

# Quality floor on the 99 evaluation pages of testdata/html-extraction (every
# 5th page of the full set by name, the pages this floor was set on; F1
# measured 0.922, 0.929 since the rules for split articles, hover cards, press
# releases and post listings; the full set is in benchmarks/RESULTS-extract.md).
data="$TESTDATA/html-extraction"
[ -f "$data/pages.tar.zst" ] || fail "test data not found: $data (see testdata/README.md)"
python3 "$DPK_SRC/benchmarks/extract/evaluate.py" --dpk "$DPK_BIN/dpk-extract" --data "$data" --min-f1 0.90

# One written page per known failure kind (an article in sections between
# figures, a hover card of links in the first paragraph, a press release's
# company profile, a listing of other posts after the article): every
# segment right.
kinds="$TESTDATA/html-extraction-kinds"
[ -f "$kinds/expected.json" ] || fail "test data not found: $kinds"
python3 "$DPK_SRC/benchmarks/extract/evaluate.py" --dpk "$DPK_BIN/dpk-extract" --data "$kinds" --min-f1 1.0

# As a recipe's first step (the input has no text field), and the shipped recipe parses.
printf 'input: in.jsonl\noutput: rec-out/\nsteps:\n  - extract: {format: markdown}\n' > r.yaml
dpk run r.yaml
check_balanced rec-out/.dpk/metadata.json
decoded "$(ls rec-out/*.jsonl* | head -1)" | jq -r .text > rec.txt
grep -q '^# Le titre' rec.txt || fail "recipe output lacks the markdown text"
dpk run --explain "$DPK_SRC/recipes/extract-html.yaml" > explain.txt
grep -q 'extract' explain.txt || fail "recipes/extract-html.yaml does not explain"
