# dpk-langid (cld2) annotates, filters with --keep/--min-score, counts drop
# reasons, and rejects a bad fastText model path with exit 2.
source "$DPK_SRC/tests/cli/lib.sh.inc"
cat > in.jsonl <<'J'
{"id":1,"text":"Die Bundesregierung hat am Mittwoch neue Regeln für den Wohnungsbau beschlossen.","meta":{"k":[1,2]}}
{"id":2,"text":"The government adopted new rules for housing construction on Wednesday, officials said."}
{"id":3,"text":"12345 67890"}
{"id":4,"text":"Le gouvernement a adopté mercredi de nouvelles règles pour la construction de logements."}
J
dpk-langid --keep en,fr --min-score 0.5 --keep-dropped dropped.jsonl --stats stats.json in.jsonl > out.jsonl
[ "$(jq -r .id out.jsonl | tr '\n' ' ')" = "2 4 " ] || fail "kept: $(cat out.jsonl)"
[ "$(jq -r .lang out.jsonl | tr '\n' ' ')" = "en fr " ] || fail "langs: $(cat out.jsonl)"
[ "$(json_get stats.json '.steps[0].dropped.lang')" = 2 ] || fail "drop counts: $(cat stats.json)"
[ "$(json_get stats.json '.counts.balanced')" = true ] || fail "counts do not balance"
# The original bytes of other fields pass through untouched.
grep -q '"meta":{"k":\[1,2\]}' dropped.jsonl || fail "metadata changed: $(cat dropped.jsonl)"
# --min-score alone: the digits-only document has score 0.
dpk-langid --min-score 0.5 --stats s2.json in.jsonl > /dev/null
[ "$(json_get s2.json '.steps[0].dropped["lang:min_score"]')" = 1 ] || fail "min-score: $(cat s2.json)"
# Recipe-style list and --top-k.
[ "$(dpk-langid --top-k 2 in.jsonl | jq -r "select(.id==1) | .lang_scores | has(\"de\")")" = true ] || fail "top-k"
expect_exit 2 dpk-langid --backend fasttext --model /nonexistent/model.ftz in.jsonl
expect_exit 2 dpk-langid --top-k -1 in.jsonl
echo ok
