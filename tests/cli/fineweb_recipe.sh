# recipes/pretrain-web-warc.yaml is FineWeb's pipeline setting by setting:
# every step option in tests/fineweb/fineweb-settings.tsv (derived from
# datatrove's FineWeb configuration by benchmarks/fineweb/make_settings_table.py)
# is what the run records for that step, the steps come in FineWeb's order, and
# the quality steps of recipes/pretrain-web.yaml and
# recipes/pretrain-web-quality-only.yaml carry the same settings in the same
# order. The recipe runs on a small WARC of real pages (testdata/fineweb/):
# counts balance, each step sees what the one before let through, every kept
# page is English scoring at least 0.65, and a kept page still has a line
# without terminal punctuation (FineWeb's C4 setting keeps such lines).
# Skips (77) when no fastText model is installed.
source "$DPK_SRC/tests/cli/lib.sh.inc"
TABLE="$DPK_SRC/tests/fineweb/fineweb-settings.tsv"
WARC="$TESTDATA/fineweb/pages.warc.gz"
[ -s "$TABLE" ] || fail "settings table not found: $TABLE"
[ -s "$WARC" ] || fail "test data not found: $WARC (see testdata/README.md)"
require_fasttext_model

# step_settings METADATA : "STEP<TAB>OPTION<TAB>VALUE" for every option of every
# step, quality steps named quality:PRESET, lists sorted and comma-joined.
step_settings() {
  jq -r '.steps[] | (if .name == "quality" then "quality:" + .options.preset else .name end) as $s
         | .options | to_entries[]
         | [$s, .key, (.value | if type == "array" then (map(tostring) | sort | join(",")) else tostring end)]
         | @tsv' "$1"
}
# step_order METADATA : the steps, one a line, in run order
step_order() { jq -r '.steps[] | if .name == "quality" then "quality:" + .options.preset else .name end' "$1"; }
grep -v '^#' "$TABLE" | cut -f1 | uniq > table-order.txt
# check_settings METADATA RECIPE : the run's steps that the table names follow
# its order and hold its values; with "all", the run has exactly the table's steps.
check_settings() {
  local meta=$1 recipe=$2 mode=${3:-}
  step_settings "$meta" | sort > actual.tsv
  step_order "$meta" | grep -Fxf table-order.txt > run-order.txt || true
  if [ "$mode" = all ]; then
    diff table-order.txt <(step_order "$meta") > /dev/null || fail "$recipe: steps $(step_order "$meta" | paste -sd' '), FineWeb's order is $(paste -sd' ' table-order.txt)"
  else
    grep -Fxf run-order.txt table-order.txt | diff - run-order.txt > /dev/null || fail "$recipe: steps out of FineWeb's order: $(paste -sd' ' run-order.txt)"
  fi
  local step option want got bad=""
  while IFS=$'\t' read -r step option want _; do
    grep -Fxq "$step" run-order.txt || continue
    got=$(awk -F'\t' -v s="$step" -v o="$option" '$1 == s && $2 == o { print $3 }' actual.tsv)
    [ "$got" = "$want" ] || bad+=" $step $option=$got (FineWeb: $want);"
  done < <(grep -v '^#' "$TABLE")
  [ -z "$bad" ] || fail "$recipe differs from FineWeb:$bad"
}

cd "$DPK_SRC"
dpk run recipes/pretrain-web-warc.yaml --threads 2 -q -o "$DPK_TMP/warc-out/" "$WARC"
cd "$DPK_TMP"
M=warc-out/.dpk/metadata.json
check_balanced "$M"
check_settings "$M" recipes/pretrain-web-warc.yaml all
jq -e '[.steps[] | [.documents_in, .documents_out]] as $s
       | all(range(1; $s | length); $s[.][0] == $s[. - 1][1])' "$M" > /dev/null \
  || fail "step counts do not chain: $(jq -c '[.steps[] | [.name, .documents_in, .documents_out]]' "$M")"
[ "$(jq -r .counts.documents_in "$M")" = 9 ] || fail "expected the fixture's 9 records: $(jq -c .counts "$M")"
for f in warc-out/*.jsonl*; do decoded "$f"; done > kept.jsonl
[ "$(count_lines kept.jsonl)" -gt 0 ] || fail "the recipe kept nothing"
jq -e 'select(.lang != "en" or .lang_score < 0.65)' kept.jsonl > bad.jsonl && fail "non-English page kept: $(head -c 300 bad.jsonl)"
jq -r .text kept.jsonl > kept-lines.txt
grep -Evq '[.?!"'"'"']$' kept-lines.txt || fail "no kept line lacks terminal punctuation: the c4 step still removes such lines"

# The recipes from text: same filter settings, same order (their own extra
# steps, normalize and exact dedup, are not FineWeb's and not in the table).
jq -c '{id: .url, text}' kept.jsonl > text.jsonl
for r in pretrain-web pretrain-web-quality-only; do
  (cd "$DPK_SRC" && dpk run "recipes/$r.yaml" --threads 2 -q -o "$DPK_TMP/$r/" "$DPK_TMP/text.jsonl")
  check_balanced "$r/.dpk/metadata.json"
  check_settings "$r/.dpk/metadata.json" "recipes/$r.yaml"
done
echo OK
