# dpk-url-filter: on the URLs dpk-warc writes, drops by category with
# balanced counts; annotate mode keeps all and names list and category; allow
# lists win; a recipe step does the same; usage errors exit 2.
source "$DPK_SRC/tests/cli/lib.sh.inc"
LISTS="$TESTDATA/url-filter/blocklist"
dpk-warc "$TESTDATA/warc/resiliparse-warcfile.warc.gz" > pages.jsonl
n=$(count_lines pages.jsonl)
[ "$n" -gt 5 ] || fail "too few pages from the WARC fixture: $n"
# Every host of the fixture's pages, blocked: each page goes, by category.
jq -r '.url' pages.jsonl | awk -F/ '{print $3}' | sort -u > hosts.txt
dpk-url-filter --block-domains hosts.txt --keep-dropped dropped.jsonl --stats s.json pages.jsonl > out.jsonl
check_balanced s.json
[ "$(count_lines out.jsonl)" = 0 ] || fail "blocked hosts kept: $(head -c 300 out.jsonl)"
[ "$(count_lines dropped.jsonl)" = "$n" ] || fail "dropped $(count_lines dropped.jsonl) of $n"
reasons=$(jq -r '.steps[0].dropped | keys | join(",")' s.json)
case "$reasons" in *hosts*) ;; *) fail "drop reasons do not name the category: $reasons" ;; esac
# An allow list wins over the block list.
head -1 hosts.txt > allow.txt
dpk-url-filter --block-domains hosts.txt --allow-domains allow.txt pages.jsonl > out2.jsonl
[ "$(count_lines out2.jsonl)" -ge 1 ] || fail "allowed host dropped"
jq -r '.url' out2.jsonl | grep -qF "$(cat allow.txt)" || fail "kept a page not on the allow list"
# Annotate: nothing dropped, the matched rule, list and category written.
dpk-url-filter --block-domains hosts.txt --mode annotate pages.jsonl > ann.jsonl
[ "$(count_lines ann.jsonl)" = "$n" ] || fail "annotate dropped documents"
[ "$(jq -r 'select(.url_filter_category == "hosts") | .url_filter_list' ann.jsonl | sort -u)" = "hosts.txt" ] ||
  fail "annotations: $(head -c 400 ann.jsonl)"
# The UT1-layout fixture folder; documents without a URL are dropped as no_url.
printf '%s\n' '{"id":"a","text":"x","url":"https://news.example.org/"}' '{"id":"b","text":"y"}' \
  '{"id":"c","text":"z","link":"https://news.example.org/"}' > small.jsonl
dpk-url-filter --blocklist-dir "$LISTS" --stats s2.json small.jsonl > o3.jsonl
check_balanced s2.json
[ "$(json_get s2.json '.steps[0].dropped.banned_word')" = 1 ] || fail "banned word: $(jq -c .steps s2.json)"
[ "$(json_get s2.json '.steps[0].dropped.no_url')" = 2 ] || fail "no_url: $(jq -c .steps s2.json)"
[ "$(dpk-url-filter --blocklist-dir "$LISTS" --missing-url keep --url-key link small.jsonl | jq -r .id | tr -d '\n')" = "ab" ] ||
  fail "--url-key/--missing-url keep"
# As a recipe step.
cat > r.yaml <<YAML
input: pages.jsonl
output: rout/
steps:
  - url-filter: {block-domains: [hosts.txt]}
YAML
dpk run -q r.yaml
[ "$(cat rout/*.jsonl 2>/dev/null | wc -l)" = 0 ] || fail "recipe step kept blocked pages"
expect_exit 2 dpk-url-filter pages.jsonl
expect_exit 2 dpk-url-filter --blocklist-dir no-such-dir pages.jsonl
expect_exit 2 dpk-url-filter --blocklist-dir "$LISTS" --categories sports pages.jsonl
expect_exit 2 dpk-url-filter --block-domains no-such-file.txt pages.jsonl
echo ok
