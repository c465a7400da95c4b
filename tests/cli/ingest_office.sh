#!/usr/bin/env bash
# dpk-ingest on office and e-book files: the committed fixtures
# (tests/ingest/office/, written by benchmarks/ingest/make_office_fixtures.py
# from real text) give the same words, in the same order, as the Python
# peers (python-docx, python-pptx, openpyxl, odfpy, ebooklib: peer_text.jsonl),
# and the same page counts; broken, encrypted, text-less, legacy and
# zip-bomb files are rejected or dropped with their reason, and the run's
# counts balance.
source "$(dirname "$0")/lib.sh.inc"
for tool in bsdtar python3 jq; do
  command -v "$tool" > /dev/null || { echo "SKIP: $tool not installed (scripts/install-deps.sh)"; exit 77; }
done
FIX="$DPK_SRC/tests/ingest/office"
[ -f "$FIX/peer_text.jsonl" ] || fail "fixtures missing: $FIX"

mkdir docs
cp "$FIX"/*.docx "$FIX"/*.pptx "$FIX"/*.xlsx "$FIX"/*.odt "$FIX"/*.odp "$FIX"/*.ods "$FIX"/*.epub docs/
fixtures=$(ls docs | wc -l)
[ "$fixtures" = 7 ] || fail "expected 7 fixtures, found $fixtures"
printf 'PK\003\004 a zip cut short' > docs/broken.docx
# An encrypted Office file is an OLE compound file; so is a legacy .doc (unsupported).
{ printf '\320\317\021\340\241\261\032\341'; head -c 504 /dev/zero; } > docs/locked.xlsx
cp docs/locked.xlsx docs/legacy.doc
python3 - <<'PY'
import zipfile
W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
with zipfile.ZipFile("docs/blank.docx", "w", zipfile.ZIP_DEFLATED) as z:
    z.writestr("word/document.xml", f"<w:document {W}><w:body><w:p/><w:p><w:r><w:t> </w:t></w:r></w:p></w:body></w:document>")
# 65 MiB of XML in a zip of some 64 KB: past the 64 MiB cap on one part.
with zipfile.ZipFile("docs/bomb.docx", "w", zipfile.ZIP_DEFLATED) as z:
    z.writestr("word/document.xml", f"<w:document {W}><w:body>" + " " * (65 << 20) + "</w:body></w:document>")
PY
[ "$(wc -c < docs/bomb.docx)" -lt 1000000 ] || fail "the zip bomb is not small"

# 12 files: 7 documents, 3 dropped (no text, legacy type, zip bomb), 2 rejected.
dpk-ingest --on-error skip --stats s.json --keep-dropped dropped.jsonl docs/ > out.jsonl 2> err.txt
check_balanced s.json
jq -e '.counts.documents_in == 12 and .counts.documents_out == 7 and .counts.rejected == 2' s.json > /dev/null \
  || fail "counts: $(jq -c .counts s.json)"
jq -e '.steps[0].dropped == {"ingest:no_text": 1, "ingest:unsupported_type": 1, "ingest:oversized": 1}' s.json > /dev/null \
  || fail "drops: $(jq -c .steps[0].dropped s.json)"
grep -q 'corrupt DOCX: docs/broken.docx' err.txt || fail "the broken docx is not named: $(cat err.txt)"
grep -q 'corrupt XLSX: docs/locked.xlsx: encrypted' err.txt || fail "the encrypted xlsx is not named so: $(cat err.txt)"
doc() { jq -c --arg p "$1" 'select(.path == $p)' "${2:-out.jsonl}"; }
doc docs/bomb.docx dropped.jsonl | jq -e '.ingest_problem | test("decompresses past 64 MiB")' > /dev/null \
  || fail "the zip bomb's reason: $(doc docs/bomb.docx dropped.jsonl)"
doc docs/legacy.doc dropped.jsonl | jq -e '.mime == "application/msword"' > /dev/null || fail "legacy .doc"
! grep -q document_base64 out.jsonl dropped.jsonl || fail "document bytes left in the output"

# Types and MIME types users select on.
want_types='book.epub epub application/epub+zip
budget.xlsx xlsx application/vnd.openxmlformats-officedocument.spreadsheetml.sheet
deck.pptx pptx application/vnd.openxmlformats-officedocument.presentationml.presentation
notes.odt odt application/vnd.oasis.opendocument.text
report.docx docx application/vnd.openxmlformats-officedocument.wordprocessingml.document
table.ods ods application/vnd.oasis.opendocument.spreadsheet
talk.odp odp application/vnd.oasis.opendocument.presentation'
got_types=$(jq -r '"\(.path | ltrimstr("docs/")) \(.file_type) \(.mime)"' out.jsonl | sort)
[ "$got_types" = "$want_types" ] || fail "types: $got_types"
[ "$(dpk-select --where 'file_type == "pptx"' out.jsonl | jq -r .path)" = docs/deck.pptx ] || fail "select on file_type"

# The peers' words, in their order, and their page counts (pages: slides,
# sheets, chapters; none for docx and odt).
jq -c --slurpfile peer "$FIX/peer_text.jsonl" '
  def words: [splits("\\s+")] | map(select(length > 0));
  (.path | ltrimstr("docs/")) as $name
  | ($peer | map(select(.path == $name)) | first) as $p
  | {name: $name, same_words: ((.text | words) == ($p.text | words)), pages: (.pages // 0), peer_pages: $p.pages,
     dpk_words: (.text | words | length), peer_words: ($p.text | words | length)}' out.jsonl > compare.jsonl
jq -e -s 'length == 7 and all(.[]; .same_words and .pages == .peer_pages and .dpk_words > 50)' compare.jsonl > /dev/null \
  || fail "differs from the peers: $(jq -c 'select(.same_words == false or .pages != .peer_pages)' compare.jsonl)"
# Text with structure: rows are tab-separated, slides split by the separator.
doc docs/budget.xlsx | jq -e '.text | startswith("Name\tCount\tShare\tNote\n")' > /dev/null || fail "xlsx rows"
doc docs/book.epub | jq -e '.text | (contains("not text") or contains("margin")) | not' > /dev/null \
  || fail "epub script or style text"
dpk-ingest --page-separator '\n\n===\n\n' docs/deck.pptx | jq -e '.text | [splits("\n\n===\n\n")] | length == 4' > /dev/null \
  || fail "--page-separator between slides"
jq -s -e 'all(.[]; .text | test("\n\n\n") | not)' out.jsonl > /dev/null || fail "more than one blank line in a row"

# The same files inside an archive, and on 1 or 4 threads: the same documents.
(cd docs && bsdtar -czf ../docs.tar.gz report.docx deck.pptx budget.xlsx notes.odt talk.odp table.ods book.epub)
dpk-ingest --threads 1 -q docs.tar.gz > a1.jsonl
dpk-ingest --threads 4 -q docs.tar.gz > a4.jsonl
cmp a1.jsonl a4.jsonl || fail "1 and 4 threads differ"
diff <(jq -r '"\(.path | ltrimstr("docs/"))\t\(.text)"' out.jsonl | sort) \
     <(jq -r '"\(.path | ltrimstr("docs.tar.gz!"))\t\(.text)"' a1.jsonl | sort) > /dev/null \
  || fail "archive entries read differently from files"
echo "ingest_office: ok"
