# dpk-select and dpk-sample end to end: exact counts, thread- and
# block-size independence, drop reasons, balanced counts, usage errors.
source "$DPK_SRC/tests/cli/lib.sh.inc"

pages=$(testdata_pages)

# Every step's counts balance in the --stats summary.
balanced() {
  local f=$1
  [ "$(json_get "$f" '.counts.documents_in == .counts.documents_out + .counts.dropped + .counts.rejected')" = true ] ||
    fail "counts do not balance in $f: $(jq -c .counts "$f")"
}

# --- sample --count: exactly K, the same K for any threads / block size ---
dpk-sample --count 50 --threads 1 --stats s1.json "$pages" > s1.jsonl
dpk-sample --count 50 --threads 2 "$pages" > s2.jsonl
dpk-sample --count 50 --threads 2 --block-size 4K "$pages" > s3.jsonl
[ "$(count_lines s1.jsonl)" = 50 ] || fail "--count 50 gave $(count_lines s1.jsonl) lines"
jq -r .id s1.jsonl | sort > ids1
jq -r .id s2.jsonl | sort > ids2
jq -r .id s3.jsonl | sort > ids3
cmp -s ids1 ids2 || fail "--count 50 picks other ids with --threads 2"
cmp -s ids1 ids3 || fail "--count 50 picks other ids with --block-size 4K"
[ "$(sort -u ids1 | wc -l)" = 50 ] || fail "--count 50 repeated a document"
balanced s1.json
[ "$(json_get s1.json '.counts.dropped')" = "$(( $(count_lines "$pages") - 50 ))" ] || fail "wrong drop count"
[ "$(json_get s1.json '.steps[0].dropped.sample')" = "$(( $(count_lines "$pages") - 50 ))" ] ||
  fail "drops not under reason 'sample': $(jq -c .steps s1.json)"
# Another seed, another sample; kept documents are unchanged, in input order.
dpk-sample --count 50 --seed 7 "$pages" | jq -r .id | sort > ids7
cmp -s ids1 ids7 && fail "--seed 7 picked the same documents as the default seed"
grep -Fxf s1.jsonl "$pages" | cmp -s - s1.jsonl || fail "sampled lines are not the input lines in input order"

# --- sample --fraction: reproducible, about F*N ---
dpk-sample --fraction 0.5 --threads 1 "$pages" > f1.jsonl
dpk-sample --fraction 0.5 --threads 2 --block-size 4K "$pages" > f2.jsonl
cmp -s f1.jsonl f2.jsonl || fail "--fraction 0.5 is not reproducible across threads/block sizes"
n=$(count_lines f1.jsonl)
# Within 36%-64% of the input (72-128 of testdata's 200 pages; 91 measured).
total=$(count_lines "$pages")
[ "$n" -gt $(( total * 36 / 100 )) ] && [ "$n" -lt $(( total * 64 / 100 )) ] || fail "--fraction 0.5 of $total kept $n"

# --- select --where on a generated file ---
cat > langs.jsonl <<'JSON'
{"id":"1","text":"hello world","lang":"en","meta":{"score":0.9}}
{"id":"2","text":"hallo welt","lang":"de","meta":{"score":0.8}}
{"id":"3","text":"no language here"}
{"id":"4","text":"good morning to you","lang":"en","meta":{"score":0.2}}
this is not json
{"id":"5","text":"bonjour","lang":"fr"}
JSON
dpk-select --where 'lang == "en"' --on-error skip --stats w.json langs.jsonl > en.jsonl 2> /dev/null
[ "$(jq -r .id en.jsonl | tr '\n' ' ')" = "1 4 " ] || fail "lang == \"en\" kept: $(jq -r .id en.jsonl | tr '\n' ' ')"
balanced w.json
[ "$(json_get w.json '.counts.rejected')" = 1 ] || fail "the bad line was not counted as rejected"
[ "$(json_get w.json '.steps[0].dropped["where:lang == \"en\""]')" = 3 ] ||
  fail "drop reason not 'where:<expr>': $(jq -c .steps w.json)"
# Commas inside `in [...]` survive; dotted paths; word bounds.
dpk-select --where 'lang in ["en", "fr"]' --where 'meta.score > 0.5' --on-error skip langs.jsonl 2> /dev/null > in.jsonl
[ "$(jq -r .id in.jsonl | tr '\n' ' ')" = "1 " ] || fail "in/dotted path kept: $(jq -r .id in.jsonl | tr '\n' ' ')"
dpk-select --min-words 3 --invert --on-error skip langs.jsonl 2> /dev/null > short.jsonl
[ "$(jq -r .id short.jsonl | tr '\n' ' ')" = "1 2 5 " ] || fail "--min-words 3 --invert kept: $(jq -r .id short.jsonl | tr '\n' ' ')"

# --- select over real data: output lines match the summary ---
dpk-select --min-chars 500 --stats sel.json "$pages" > long.jsonl
balanced sel.json
[ "$(count_lines long.jsonl)" = "$(json_get sel.json '.counts.documents_out')" ] || fail "output lines != documents_out"

# --- usage errors exit 2 and write nothing ---
expect_exit 2 dpk-select --where 'lang = "en"' "$pages"
dpk-select --where 'lang = "en"' "$pages" 2> err.txt > out.txt || true
grep -q "position 6" err.txt || fail "bad --where message lacks the position: $(cat err.txt)"
[ ! -s out.txt ] || fail "a usage error wrote documents"
expect_exit 2 dpk-select --where 'lang in ["en"' "$pages"
expect_exit 2 dpk-select --min-chars 10 --max-chars 5 "$pages"
expect_exit 2 dpk-sample "$pages"
expect_exit 2 dpk-sample --count 5 --fraction 0.5 "$pages"
expect_exit 2 dpk-sample --fraction 2 "$pages"
echo ok
