#!/usr/bin/env bash
# Runs the HTML extractor (text, and markdown with comments) over every
# evaluation page and the WARC reader, HTTP decoder and charset decoder over
# every WARC file, under ASan and UBSan. (libxml2's own allocations
# live in the extractor's arena, so ASan checks dpk's code, not libxml2's.)
#   scripts/asan-ingest.sh [DATA]
# DATA holds html-extraction/pages.tar.zst and warc/: testdata/ by default (99
# pages), or the full real data folder (testdata/README.md says where it is from).
set -euo pipefail
src="$(cd "$(dirname "$0")/.." && pwd)"
data="${1:-$src/testdata}"
[ -d "$data/html-extraction" ] || { echo "asan-ingest: $data/html-extraction not found" >&2; exit 1; }
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
g++ -std=c++20 -O1 -g -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer \
  -I"$src/transforms/extract" -I"$src/transforms/warc" -I"$src/dpk-core/include" -I/usr/include/libxml2 \
  "$src/tests/sanitize/ingest_driver.cpp" \
  "$src"/transforms/extract/{content_extractor,boilerplate_hints,raw_text_stripper,libxml_arena}.cpp \
  "$src/transforms/warc/charset_decoder.cpp" "$src"/dpk-core/src/{warc_reader,byte_stream,compression}.cpp \
  -o "$work/drv" -lxml2 -lsimdjson -licuuc -licui18n -lz -lzstd
python3 -c "
import sys; sys.path.insert(0, '$src/benchmarks/extract'); import evaluate
p = evaluate.load_pages('$data/html-extraction/pages.tar.zst'); evaluate.write_jsonl(p, sorted(p), '$work/pages.jsonl')"
"$work/drv" "$work/pages.jsonl" "$data"/warc/*
echo "asan-ingest: clean"
