#!/usr/bin/env bash
# dpk-ingest on a real archive: the 99 HTML pages of
# testdata/html-extraction/pages.tar.zst (every 5th page of the evaluation
# set). Every entry is counted, every page is HTML, and for the pages stored as
# UTF-8 the text is exactly what dpk-extract makes of the same page (ingest's
# HTML path is the extractor).
source "$(dirname "$0")/lib.sh.inc"
A="$TESTDATA/html-extraction/pages.tar.zst"
[ -f "$A" ] || fail "test data not found: $A (see testdata/README.md)"
command -v python3 > /dev/null || { echo "SKIP: python3 not installed"; exit 77; }

dpk-ingest --stats s.json "$A" > got.jsonl
check_balanced s.json
[ "$(jq .counts.documents_in s.json)" = 99 ] || fail "expected 99 entries: $(jq -c .counts s.json)"
[ "$(jq -r 'select(.file_type != "html") | .path' got.jsonl | wc -l)" = 0 ] || fail "entries not read as HTML"
[ "$(jq -r 'select(.mime != "text/html") | .path' got.jsonl | wc -l)" = 0 ] || fail "entries without text/html"
jq -e --arg a "$A" '.path | startswith($a + "!pages/")' got.jsonl > /dev/null || fail "entry paths: $(head -c 300 got.jsonl)"

# The UTF-8 pages as JSONL with an html field, through dpk-extract.
zstd -dcq "$A" | python3 -c '
import json, sys, tarfile
with tarfile.open(fileobj=sys.stdin.buffer, mode="r|") as tar:
    for m in tar:
        if not m.isfile():
            continue
        b = tar.extractfile(m).read()
        try:
            html = b.decode("utf-8")
        except UnicodeDecodeError:
            continue
        if html.startswith("\ufeff"):
            html = html[1:]
        print(json.dumps({"id": m.name, "html": html}))
' > pages.jsonl
dpk-extract --on-error skip pages.jsonl > extracted.jsonl
n=$(count_lines extracted.jsonl)
# 98 of the 99 pages are UTF-8 and all 98 are extracted (483 of 495 on the
# full set, where the floor was 300).
[ "$n" -ge 97 ] || fail "only $n UTF-8 pages extracted"
jq -r '[.id, .text] | @json' extracted.jsonl | sort > want.txt
jq -r '[(.path | sub("^[^!]*!"; "")), .text] | @json' got.jsonl | sort > all.txt
python3 - <<'PY' || fail "ingest's HTML text differs from dpk-extract's"
import json
want = {json.loads(l)[0]: json.loads(l)[1] for l in open("want.txt")}
got = {json.loads(l)[0]: json.loads(l)[1] for l in open("all.txt")}
bad = [k for k in want if got.get(k) != want[k]]
print(f"{len(want) - len(bad)} of {len(want)} UTF-8 pages identical")
assert not bad, bad[:3]
PY
echo "ingest_real_pages: ok"
