#!/usr/bin/env bash
# dpk-warc on hostile records the test writes: a gzip Content-Encoding bomb
# (300 MB of zeros) stops inflating at --max-body-bytes, and a 100 MB body is
# passed over unread, both in little memory; broken
# chunked transfer encoding drops the record (warc:bad_chunking) and never
# leaks chunk-size lines into `html`; a gzip body that breaks is dropped
# (warc:bad_content_encoding), never read as text; a body stored decoded
# under a chunked or gzip header is kept as stored.
source "$(dirname "$0")/lib.sh.inc"
for tool in python3 jq; do
  command -v "$tool" > /dev/null || { echo "SKIP: $tool not installed (scripts/install-deps.sh)"; exit 77; }
done
[ -x /usr/bin/time ] || { echo "SKIP: /usr/bin/time not installed (GNU time, for the memory check)"; exit 77; }

python3 - <<'PY'
import zlib

def record(n, http):
    head = (f"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: http://example.com/{n}\r\n"
            f"WARC-Date: 2024-01-01T00:00:00Z\r\nWARC-Record-ID: <urn:uuid:0000000{n}>\r\n"
            f"Content-Type: application/http; msgtype=response\r\nContent-Length: {len(http)}\r\n\r\n")
    return head.encode() + http + b"\r\n\r\n"

page = b"<!doctype html><html><body><p>A page of its own, kept whole.</p></body></html>"
# 300 MB of zeros, gzip-compressed (about 300 KB).
z = zlib.compressobj(9, zlib.DEFLATED, 31)
zeros = bytes(1 << 20)
bomb = b"".join(z.compress(zeros) for _ in range(300)) + z.flush()
records = [
    record(1, b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: gzip\r\n\r\n" + bomb),
    record(2, b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nTransfer-Encoding: chunked\r\n\r\n"
              b"FFFFFFFF\r\n<html><body>short</body></html>"),
    record(3, b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nTransfer-Encoding: chunked\r\n\r\n"
              b"10\r\n<html><body>the \r\nZZZ\r\nrest</body></html>\r\n0\r\n\r\n"),
    record(4, b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n" + page),
    record(5, b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nTransfer-Encoding: chunked\r\n\r\n" + page),
    record(6, b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: gzip\r\n\r\n\x1f\x8b\x08\x00garbage"),
    record(7, b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: gzip\r\n\r\n" + page),
    # 100 MB of plain body: passed over, never held whole.
    record(8, b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<html><body><p>" + b"a" * (100 << 20)),
]
open("hostile.warc", "wb").write(b"".join(records))
PY

/usr/bin/time -v dpk-warc --max-body-bytes 10M --stats s.json --keep-dropped dropped.jsonl hostile.warc > out.jsonl 2> time.err \
  || fail "dpk-warc failed: $(tail -5 time.err)"
check_balanced s.json
rss_kb=$(awk -F': ' '/Maximum resident set size/ { print $2 }' time.err)
[ -n "$rss_kb" ] || fail "no RSS from /usr/bin/time: $(tail -5 time.err)"
# Inflating the whole body took 552 MB with --max-body-bytes 10M (2.1 GB without).
# (About 45 MB here, 28 MB of it for any run.)
[ "$rss_kb" -lt 120000 ] || fail "the bomb took $rss_kb KB of memory"
[ "$(jq -c .steps[0].dropped s.json)" = '{"warc:bad_chunking":2,"warc:bad_content_encoding":1,"warc:too_large":2}' ] \
  || fail "drops: $(jq -c .steps s.json)"
[ "$(jq -r .url out.jsonl | tr '\n' ' ')" = "http://example.com/4 http://example.com/5 http://example.com/7 " ] \
  || fail "documents: $(jq -c .url out.jsonl)"
! grep -q 'FFFFFFFF\|ZZZ\|garbage' out.jsonl || fail "chunk-size lines or compressed bytes leaked into the output"
jq -e -s 'all(.html == "<!doctype html><html><body><p>A page of its own, kept whole.</p></body></html>")' out.jsonl > /dev/null \
  || fail "pages: $(jq -c .html out.jsonl)"
jq -e -s 'map(select(.warc_problem == "bad_chunking")) | length == 2 and all(.warc_problem_detail | test("body byte [0-9]+"))' \
  dropped.jsonl > /dev/null || fail "the broken chunking is not described: $(jq -c 'del(.text)' dropped.jsonl)"
echo "warc_hostile: ok"
