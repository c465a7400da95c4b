#!/usr/bin/env bash
# dpk-ingest over files compressed one by one (page.html.gz, notes.md.zst,
# table.csv.bz2, book.md.xz) inside archives and folders: each is read as
# what it holds; what stays unsupported (an archive in an archive, a RAR) is
# dropped with its counted reason; a corrupt one is rejected, named; and a
# 0-byte archive or one with no files is counted as empty, not lost.
source "$(dirname "$0")/lib.sh.inc"
for tool in bsdtar jq zstd gzip bzip2 xz; do
  command -v "$tool" > /dev/null || { echo "SKIP: $tool not installed (scripts/install-deps.sh)"; exit 77; }
done

mkdir -p site/guide
cat > site/page.html <<'HTML'
<!doctype html><html lang="en"><head><title>Compressed page</title></head><body>
<article><h1>Compressed page</h1>
<p>This page was stored gzip-compressed inside an archive, as crawls and site dumps often are.</p>
<p>Its main content must come out as text, like any other page the ingest step reads.</p></article>
</body></html>
HTML
printf '# Guide\n\nRead me first.\n' > site/guide/intro.md
printf 'a,b\n1,2\n' > site/table.csv
printf '# Book\n\nChapter one.\n' > site/book.md
printf 'plain notes\n' > site/notes.txt
gzip site/page.html
zstd -q --rm site/guide/intro.md
bzip2 site/table.csv
xz site/book.md
mkdir -p nested && (cd site && bsdtar -czf ../nested/inner.tar.gz notes.txt)   # for the archives only
printf 'Rar!\x1a\x07\x00 not really' > site/old.rar
printf 'broken' | gzip | head -c 12 > site/broken.txt.gz
ls site site/guide > /dev/null

want_docs() {  # FILE: the documents an ingest of site/ must give
  jq -e -s 'length == 5' "$1" > /dev/null || fail "$1: $(jq -c '[.path, .file_type]' "$1")"
  jq -e -s 'map(select(.path | endswith("page.html.gz"))) | .[0] | .file_type == "html" and .title == "Compressed page" and (.text | test("main content must come out"))' \
    "$1" > /dev/null || fail "$1: page.html.gz not read as HTML"
  jq -e -s 'map(select(.path | endswith("guide/intro.md.zst"))) | .[0] | .file_type == "markdown" and .text == "# Guide\n\nRead me first.\n"' \
    "$1" > /dev/null || fail "$1: intro.md.zst"
  jq -e -s 'map(select(.path | endswith("table.csv.bz2"))) | .[0] | .mime == "text/csv" and .text == "a,b\n1,2\n"' "$1" > /dev/null \
    || fail "$1: table.csv.bz2"
  jq -e -s 'map(select(.path | endswith("book.md.xz"))) | .[0] | .file_type == "markdown"' "$1" > /dev/null || fail "$1: book.md.xz"
}

# In the archives, inner.tar.gz is an archive in an archive: not read. In a
# folder, a truncated .gz is cut short like any input (truncated_input).
(cd site && bsdtar -cf ../site.tar . -C ../nested inner.tar.gz && bsdtar --format zip -cf ../site.zip . -C ../nested inner.tar.gz)
for input in site site.tar site.zip; do
  dpk-ingest --on-error skip --stats "$input.json" --keep-dropped "$input.dropped.jsonl" "$input" > "$input.jsonl" 2> "$input.err"
  check_balanced "$input.json"
  want_docs "$input.jsonl"
  unsupported=2 why=corrupt_compressed_file
  [ "$input" = site ] && unsupported=1 why=truncated_input
  [ "$(jq -c '.steps[0].dropped' "$input.json")" = "{\"ingest:unsupported_type\":$unsupported}" ] \
    || fail "$input: drops $(jq -c .steps[0].dropped "$input.json")"
  [ "$(jq -c '.rejected_by_reason' "$input.json")" = "{\"$why\":1}" ] || fail "$input: $(jq -c .rejected_by_reason "$input.json")"
  grep -q 'broken.txt.gz' "$input.err" || fail "$input: the corrupt file is not named: $(cat "$input.err")"
  [ "$(jq -r 'select(.path | endswith("old.rar")) | .mime' "$input.dropped.jsonl")" = application/vnd.rar ] || fail "$input: old.rar"
done

# Empty inputs are counted: a 0-byte archive, an archive with only a folder,
# a 0-byte file.
: > zero.zip
: > zero.tar.gz
mkdir -p only-folder/sub && (cd only-folder && bsdtar -cf ../nofiles.tar sub)
: > zero.txt
dpk-ingest --stats empty.json zero.zip zero.tar.gz nofiles.tar zero.txt > empty.jsonl
check_balanced empty.json
[ "$(jq -c '[.counts.documents_in, .steps[0].dropped]' empty.json)" = '[4,{"ingest:empty":4}]' ] \
  || fail "empty inputs: $(jq -c '[.counts, .steps[0].dropped]' empty.json)"
[ "$(jq -c '[.input_files.listed, .input_files.read]' empty.json)" = '[4,4]' ] || fail "input files: $(jq -c .input_files empty.json)"

# A gzip bomb in an archive stops at --max-input-bytes.
head -c 64M /dev/zero | tr '\0' 'a' | gzip -1 > bomb.txt.gz
bsdtar -cf bomb.tar bomb.txt.gz
dpk-ingest --max-input-bytes 1M --stats bomb.json bomb.tar > bomb.jsonl
[ "$(jq -c .steps[0].dropped bomb.json)" = '{"ingest:oversized":1}' ] || fail "bomb: $(jq -c .steps bomb.json)"
echo "ingest_compressed: ok"
