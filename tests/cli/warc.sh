# dpk-warc on the real WARC files of testdata/warc: records to documents, charsets, chunked
# bodies, --extract, and malformed/truncated records counted, never fatal.
source "$(dirname "$0")/lib.sh.inc"
W="$TESTDATA/warc"
[ -d "$W" ] || fail "test data not found: $W (see testdata/README.md)"

dpk-warc --stats s.json --keep-dropped dropped.jsonl "$W"/*.warc* > out.jsonl
check_balanced s.json
# 16 Common Crawl responses + 29 ClueWeb + one response each from 6 warcio captures.
[ "$(count_lines out.jsonl)" = 51 ] || fail "expected 51 documents, got $(count_lines out.jsonl)"
[ "$(jq -r '.steps[0].dropped["warc:truncated_record"]' s.json)" = 1 ] || fail "truncated record not counted: $(jq -c .steps s.json)"
[ "$(jq -r '.steps[0].dropped["warc:malformed_record"]' s.json)" = 1 ] || fail "malformed record not counted"
jq -r 'select(.warc_problem == "truncated") | .warc_problem_detail' dropped.jsonl | grep -q 'offset [0-9]' \
  || fail "the truncated record's offset is not reported"
# The ClueWeb pages are EUC-JP: decoded to UTF-8.
jq -r 'select(.charset == "euc-jp") | .html' out.jsonl > eucjp.html
grep -q 'ヘッドポーター' eucjp.html || fail "EUC-JP page not decoded"
# Chunked body: no chunk-size lines left in the HTML.
jq -r 'select(.url | test("iana.org")) | .html' out.jsonl > iana.html
head -n 1 iana.html | grep -qi '^<!doctype html>' || fail "chunked body not decoded: $(head -c 40 iana.html)"
for f in url date warc_record_id content_type html; do
  [ "$(jq -r "select(has(\"$f\") | not) | .url" out.jsonl | wc -l)" = 0 ] || fail "documents without $f"
done

dpk-warc --extract "$W/warcio-example.warc.gz" > ex.jsonl
[ "$(jq -r .text ex.jsonl)" != "" ] || fail "--extract gave no text"
jq -r .text ex.jsonl | grep -q 'Example Domain' || fail "--extract text: $(jq -r .text ex.jsonl)"
jq -e 'has("html") | not' ex.jsonl > /dev/null || fail "--extract should drop html"

dpk-warc --record-types resource "$W/warcio-example-resource.warc.gz" > res.jsonl
[ "$(count_lines res.jsonl)" -ge 1 ] || fail "--record-types resource gave no documents"
expect_exit 2 dpk-warc --record-types bogus "$W/warcio-example.warc"

# As a recipe's first step over WARC files.
mkdir -p crawl && cp "$W/warcio-example.warc.gz" "$W/resiliparse-warcfile.warc.gz" crawl/
printf 'input: crawl/\noutput: rec-out/\nsteps:\n  - warc: {extract: true}\n' > r.yaml
dpk run r.yaml
check_balanced rec-out/.dpk/metadata.json
[ "$(jq -r .counts.documents_in rec-out/.dpk/metadata.json)" = 17 ] || fail "recipe read $(jq -c .counts rec-out/.dpk/metadata.json)"
dpk run --explain "$DPK_SRC/recipes/warc-extract.yaml" > explain.txt
grep -q 'warc' explain.txt || fail "recipes/warc-extract.yaml does not explain"
