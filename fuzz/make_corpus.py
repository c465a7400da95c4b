#!/usr/bin/env python3
"""Writes the seed corpus of the fuzz targets (fuzz/corpus/NAME/), stdlib only.

Seeds are small on purpose (libFuzzer derives its input length from them):
  warc_reader      small real WARC files of testdata/warc (warcio and
                   resiliparse test data, Apache-2.0) and records built here:
                   per-record gzip members, one gzip for the file, zstd,
                   chunked and gzip HTTP bodies, odd charsets, truncated
                   records, bad and missing headers, WARC/0.x.
  charset_decoder  first byte = index of the declared label (see the target),
                   then page bytes in many encodings.
  html_extractor   first byte = option set (text/markdown, comments, tables),
                   then a tiny page of one kind (article with boilerplate,
                   lists, tables, comments, broken markup, deep nesting).
  document_parser  JSONL lines: testdata/errors/bad-lines.jsonl line by line
                   and edge cases (escapes, duplicate keys, numbers, nesting).
  office_text      first byte = kind (docx pptx xlsx odt odp ods epub), then
                   the kind's XML parts joined by 0x1E (see the target): the
                   parts of tests/ingest/office/*, an EPUB laid out here, and
                   a DTD with entities (which must be refused).
  line_reader      byte 0 = codec (bits 0-1: plain, gzip, zstd) and cut
                   (bit 2), bytes 1-2 = line limit, byte 3 = where to cut (of
                   256), then the text: JSONL with short, long and
                   unterminated lines, blank lines and CRLF.
Regression inputs found by fuzzing are added by hand as corpus/NAME/regress-*.

  python3 fuzz/make_corpus.py            # rewrites every generated seed
"""
import gzip
import os
import shutil
import subprocess

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
WARC_DATA = os.path.join(ROOT, "testdata", "warc")
CORPUS = os.path.join(HERE, "corpus")


def put(target, name, data):
    d = os.path.join(CORPUS, target)
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, name), "wb") as f:
        f.write(data)


def warc_record(rtype, uri, block, content_type, version=b"WARC/1.0", extra=b""):
    head = (version + b"\r\nWARC-Type: " + rtype + b"\r\nWARC-Target-URI: <" + uri + b">\r\n"
            b"WARC-Date: 2024-01-02T03:04:05Z\r\nWARC-Record-ID: <urn:uuid:12345678-1234-1234-1234-123456789abc>\r\n"
            b"Content-Type: " + content_type + b"\r\n" + extra +
            b"Content-Length: " + str(len(block)).encode() + b"\r\n\r\n")
    return head + block + b"\r\n\r\n"


def http(body, headers=b"Content-Type: text/html; charset=utf-8\r\n", status=b"200 OK"):
    return b"HTTP/1.1 " + status + b"\r\n" + headers + b"\r\n" + body


def chunked(body, size=7):
    out = b""
    for i in range(0, len(body), size):
        part = body[i:i + size]
        out += b"%x\r\n" % len(part) + part + b"\r\n"
    return out + b"0\r\n\r\n"


PAGE = ("<html lang=en><head><title>Caf\u00e9 notes</title></head><body><nav><a href=/>Home</a></nav>"
        "<article><h1>Caf\u00e9 notes</h1><p>Espresso is brewed by forcing hot water through finely ground "
        "coffee, which gives a thick, concentrated drink.</p></article><footer>\u00a9 2024</footer></body></html>")
RESP = b"application/http; msgtype=response"


def warc_seeds():
    for name in ["warcio-example.warc", "warcio-example.warc.gz", "warcio-example-iana.org-chunked.warc",
                 "warcio-example-trunc.warc", "warcio-example-resource.warc.gz",
                 "warcio-example-wrong-chunks.warc.gz", "warcio-example-bad-non-chunked.warc.gz",
                 "warcio-post-test.warc.gz"]:
        src = os.path.join(WARC_DATA, name)
        if not os.path.exists(src):
            raise SystemExit(f"make_corpus: {src} not found (see testdata/README.md)")
        shutil.copy(src, os.path.join(CORPUS, "warc_reader", name))
    # The start of a real ClueWeb record (EUC-JP, quirky headers), cut: a truncated record.
    with open(os.path.join(WARC_DATA, "resiliparse-clueweb-quirk.warc.gz"), "rb") as f:
        quirk = gzip.decompress(f.read())
    put("warc_reader", "clueweb-quirk-cut.warc", quirk[:3000])

    page = PAGE.encode("utf-8")
    recs = [
        warc_record(b"warcinfo", b"", b"software: dpk\r\n", b"application/warc-fields"),
        warc_record(b"response", b"http://example.com/utf8", http(page), RESP),
        warc_record(b"response", b"http://example.com/gzip",
                    http(gzip.compress(page), b"Content-Type: text/html\r\nContent-Encoding: gzip\r\n"), RESP),
        warc_record(b"response", b"http://example.com/chunked",
                    http(chunked(page), b"Content-Type: text/html\r\nTransfer-Encoding: chunked\r\n"), RESP),
        warc_record(b"response", b"http://example.com/latin1",
                    http(PAGE.encode("latin-1"), b"Content-Type: text/html; charset=\"ISO-8859-1\"\r\n"), RESP),
        warc_record(b"response", b"http://example.com/sjis",
                    http(("<meta charset=shift_jis><p>\u65e5\u672c\u8a9e\u306e\u30da\u30fc\u30b8</p>").encode("shift_jis"),
                         b"Content-Type: text/html\r\n"), RESP),
        warc_record(b"resource", b"file:///notes.txt", b"plain text resource\n", b"text/plain"),
        warc_record(b"response", b"http://example.com/image", http(b"\x89PNG\r\n\x1a\n", b"Content-Type: image/png\r\n"),
                    RESP),
        warc_record(b"request", b"http://example.com/", b"GET / HTTP/1.1\r\nHost: example.com\r\n\r\n",
                    b"application/http; msgtype=request"),
    ]
    plain = b"".join(recs)
    put("warc_reader", "built-plain.warc", plain)
    put("warc_reader", "built-per-record-gzip.warc.gz", b"".join(gzip.compress(r) for r in recs[:5]))
    put("warc_reader", "built-one-gzip.warc.gz", gzip.compress(plain))
    zst = subprocess.run(["zstd", "-q", "-c", "-3"], input=plain, capture_output=True, check=True).stdout
    put("warc_reader", "built.warc.zst", zst)
    put("warc_reader", "truncated-block.warc", plain[:len(recs[0]) + len(recs[1]) // 2])
    put("warc_reader", "truncated-header.warc", recs[1][:60])
    put("warc_reader", "truncated-gzip.warc.gz", gzip.compress(plain)[:300])
    put("warc_reader", "no-content-length.warc",
        recs[1].replace(b"Content-Length", b"Content-Lenght") + recs[2])
    put("warc_reader", "bad-content-length.warc", recs[1].replace(b"Content-Length: ", b"Content-Length: -") +
        recs[1].replace(b"Content-Length: ", b"Content-Length: 99999999999999999999") + recs[2])
    put("warc_reader", "garbage-between.warc", recs[1] + b"garbage line\r\nmore\r\n" + recs[2])
    put("warc_reader", "old-version.warc", warc_record(b"response", b"http://example.com/old", http(page), RESP,
                                                       version=b"WARC/0.17"))
    put("warc_reader", "lf-only.warc", recs[1].replace(b"\r\n", b"\n"))
    put("warc_reader", "utf16-body.warc",
        warc_record(b"response", b"http://example.com/u16",
                    http(PAGE.encode("utf-16"), b"Content-Type: text/html; charset=utf-16\r\n"), RESP))
    put("warc_reader", "bad-chunks-gzip.warc",
        warc_record(b"response", b"http://example.com/bad",
                    http(b"zz\r\n" + gzip.compress(page)[:40],
                         b"Content-Type: text/html\r\nTransfer-Encoding: chunked\r\nContent-Encoding: gzip\r\n"), RESP))
    # Chunking that breaks once begun (a size past the end, a size line that
    # is not one) and a small gzip bomb (64 KiB of zeros) for the max_body cap.
    put("warc_reader", "broken-chunks.warc",
        warc_record(b"response", b"http://example.com/ff",
                    http(b"FFFFFFFF\r\n" + page, b"Content-Type: text/html\r\nTransfer-Encoding: chunked\r\n"), RESP) +
        warc_record(b"response", b"http://example.com/zz",
                    http(b"4\r\n<p>a\r\nzz\r\n" + page, b"Content-Type: text/html\r\nTransfer-Encoding: chunked\r\n"), RESP))
    put("warc_reader", "gzip-bomb-small.warc",
        warc_record(b"response", b"http://example.com/bomb",
                    http(gzip.compress(bytes(1 << 16), mtime=0), b"Content-Type: text/html\r\nContent-Encoding: gzip\r\n"), RESP))


def charset_seeds():
    # Indexes into kLabels of charset_decoder_fuzz.cpp.
    labels = ["", "utf-8", "UTF-8", "iso-8859-1", "windows-1252", "shift_jis", "euc-jp", "gb18030", "big5",
              "euc-kr", "koi8-r", "utf-16", "utf-16le", "utf-32be", "iso-2022-jp", "utf-7", "cesu-8", "scsu",
              "bocu-1", "x-no-such-charset", "hz-gb-2312"]
    text = "<p>\u65e5\u672c\u8a9e \u4e2d\u6587 \ud55c\uad6d\uc5b4 \u0440\u0443\u0441\u0441\u043a\u0438\u0439 caf\u00e9 \u20ac</p>"
    for i, label in enumerate(labels):
        codec = {"": "utf-8", "x-no-such-charset": "utf-8", "scsu": "utf-8", "bocu-1": "utf-8",
                 "iso-8859-1": "latin-1", "windows-1252": "cp1252", "koi8-r": "koi8-r"}.get(label, label.lower())
        try:
            body = text.encode(codec, errors="replace" if codec not in ("utf-7",) else "strict")
        except (LookupError, UnicodeEncodeError):
            body = text.encode("utf-8")
        put("charset_decoder", f"{i:02d}-{label or 'none'}", bytes([i]) + body)
    put("charset_decoder", "meta-sniff", bytes([0]) + b'<head><meta http-equiv="Content-Type" content="text/html; '
        b'charset=windows-1251"></head><p>\xcf\xf0\xe8\xe2\xe5\xf2</p>')
    put("charset_decoder", "meta-unknown", bytes([0]) + b"<meta charset='bogus-9'><p>caf\xe9</p>")
    put("charset_decoder", "invalid-utf8", bytes([1]) + b"abc\xff\xfe\xc3\x28\xe2\x82\xed\xa0\x80")
    put("charset_decoder", "detect-latin1", bytes([0]) + "Gr\u00fc\u00dfe aus K\u00f6ln, sch\u00f6ne Stra\u00dfe".encode("latin-1"))
    put("charset_decoder", "utf16-odd-length", bytes([11]) + b"\xff\xfeA\x00\x00\xd8")


HTML = {
    "article": PAGE,
    "lists": "<body><div class=content><h2>Steps</h2><ol><li>Grind the beans.</li><li>Heat the water, not boiling."
             "</li></ol><ul><li><a href=a>Related</a></li><li><a href=b>More</a></li></ul></div></body>",
    "table": "<table><tr><th>Year</th><th>Yield</th></tr><tr><td>2023</td><td>12.5 t, a record</td></tr>"
             "<tr><td colspan=2>Source: the survey</td></tr></table>",
    "comments": "<main><p>A long enough paragraph of text, with commas, that should be the main content.</p>"
                "</main><section id=comments><div class=comment><p>First!</p></div></section>",
    "broken": "<html><body><p>Unclosed <b>bold <i>and italic<p>next &amp; &lt;tag&gt; &#x1F600; &#0; &bogus;"
              "<div><span>text</div></span></table></td><![CDATA[x]]><!-- open comment",
    "deep": "<div>" * 300 + "<p>deep text, deep text, deep text</p>" + "</div>" * 300,
    "hidden": "<body><div hidden><p>hidden text</p></div><div style='display:none'>also hidden</div>"
              "<div aria-hidden=true>x</div><p role=navigation>nav</p><p>Visible paragraph, long enough.</p></body>",
    "markdown": "<h1>Title</h1><h3>Sub</h3><p>Some <em>emphasis</em>, <strong>strong</strong>, <code>code</code> and "
                "<a href='http://x'>a link</a>.</p><pre>line 1\n  line 2</pre><blockquote>quoted</blockquote><hr>",
    "scripts": "<head><script>var s='</p><p>';</script><style>p{color:red}</style></head><body><noscript>"
               "enable js</noscript><svg><text>svg</text></svg><template><p>tpl</p></template><p>Body text.</p>",
    "meta-lang": "<html><head><meta http-equiv=Content-Language content=de><title>T\u00e4st</title></head>"
                 "<body><p>Ein Absatz mit Text, Kommas, und mehr.</p></body></html>",
    "empty": "",
    "text-only": "just text without any tags, but with, commas",
    "frames": "<frameset><frame src=a><noframes><p>no frames</p></noframes></frameset>",
    "entities-title": "<title>" + "&amp;" * 50 + "\u00e9" * 20 + "</title><h1>x</h1>",
}


def html_seeds():
    for i, (name, page) in enumerate(sorted(HTML.items())):
        put("html_extractor", name, bytes([i % 8]) + page.encode("utf-8"))


JSONL = [
    b'{"id":1,"text":"hello"}',
    b'{"text":"a\\u00e9\\ud83d\\ude00\\n\\"q\\"\\\\","id":"x","meta":{"a":[1,2,{"b":null}]},"url":"u"}',
    b'  {"text":"", "n": -1.5e-3, "t": true, "f": false, "z": null}  ',
    b'{"text":"dup","text":"second","id":1,"id":2}',
    b'{"te\\u0078t":"escaped key","meta":[]}',
    b'{"text":"x","big":123456789012345678901234567890,"e":1E400}',
    b'{"text":1}',
    b'[1,2,3]',
    b'{"text":"unterminated}',
    b'{"text":"ok"} trailing',
    b'{"text":"a\xff\xfe"}',
    b'{}',
    b'{"id":"no text"}',
    b'{"text":"x",}',
    b'{"text":"x","meta":{"deep":' + b'[' * 100 + b']' * 100 + b'}}',
]


def jsonl_seeds():
    with open(os.path.join(ROOT, "testdata", "errors", "bad-lines.jsonl"), "rb") as f:
        lines = [l for l in f.read().split(b"\n") if l]
    for i, line in enumerate(lines):
        put("document_parser", f"bad-lines-{i:02d}.jsonl", line[:2000])
    for i, line in enumerate(JSONL):
        put("document_parser", f"edge-{i:02d}.jsonl", line)


def office_seeds():
    import re
    import zipfile
    office = os.path.join(ROOT, "tests", "ingest", "office")
    layouts = [("report.docx", ["word/document.xml"]),
               ("deck.pptx", ["ppt/slides/slide1.xml", "ppt/slides/slide2.xml"]),
               ("budget.xlsx", ["xl/sharedStrings.xml", "xl/worksheets/sheet1.xml"]),
               ("notes.odt", ["content.xml", "META-INF/manifest.xml"]),
               ("talk.odp", ["content.xml"]),
               ("table.ods", ["content.xml"])]
    for kind, (name, parts) in enumerate(layouts):
        with zipfile.ZipFile(os.path.join(office, name)) as z:
            have = set(z.namelist())
            data = [z.read(p) if p in have else b"" for p in parts]
        put("office_text", name.replace(".", "-"), bytes([kind]) + b"\x1e".join(data))
    # The EPUB of the fixtures, re-laid to the target's part names.
    with zipfile.ZipFile(os.path.join(office, "book.epub")) as z:
        chapter = z.read("EPUB/text/chap_1.xhtml")
    container = (b'<?xml version="1.0"?><container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">'
                 b'<rootfiles><rootfile full-path="content.opf" media-type="application/oebps-package+xml"/></rootfiles></container>')
    opf = (b'<?xml version="1.0"?><package xmlns="http://www.idpf.org/2007/opf" version="3.0"><manifest>'
           b'<item id="c1" href="chapter1.xhtml" media-type="application/xhtml+xml"/></manifest>'
           b'<spine><itemref idref="c1"/></spine></package>')
    put("office_text", "book-epub", bytes([6]) + b"\x1e".join([container, opf, chapter]))
    # Entities must stay unexpanded and the DTD refused, in every kind.
    bomb = (b'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;">'
            b'<!ENTITY x SYSTEM "file:///etc/passwd">]><d>&b;&x;</d>')
    put("office_text", "dtd-docx", bytes([0]) + bomb)
    put("office_text", "dtd-ods", bytes([5]) + bomb)
    # Small hand-made parts: the elements each walker acts on.
    put("office_text", "docx-small", bytes([0]) + re.sub(rb"\s+", b" ", b"""<w:document
        xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>a</w:t><w:tab/>
        <w:t xml:space="preserve"> b </w:t><w:br/><w:t>c</w:t></w:r></w:p><w:tbl><w:tr><w:tc><w:p><w:r><w:t>d</w:t></w:r>
        </w:p></w:tc></w:tr></w:tbl></w:body></w:document>"""))


def line_reader_seeds():
    docs = b"".join(b'{"id":"d%d","text":"%s"}\n' % (i, b"word " * (i % 40)) for i in range(60))
    mixed = b"short\n" + b"x" * 3000 + b"\n\n" + b"crlf\r\n" + b"y" * 9000 + b"\nend"
    # (name, codec 0-2, cut, limit bytes, cut point, text)
    for name, codec, cut, limit, at, text in [
            ("plain", 0, False, (40, 0), 0, docs),
            ("plain-limit", 0, False, (1, 200), 0, mixed),
            ("plain-cut", 0, True, (2, 0), 150, mixed),
            ("gzip", 1, False, (20, 0), 0, docs),
            ("gzip-cut", 1, True, (20, 0), 128, docs),
            ("zstd-limit", 2, False, (0, 100), 0, mixed),
            ("zstd-cut", 2, True, (3, 0), 90, docs),
            ("zstd-cut-long", 2, True, (0, 50), 200, mixed)]:
        put("line_reader", name, bytes([codec | (4 if cut else 0), limit[0], limit[1], at]) + text)


def main():
    for t in ["warc_reader", "charset_decoder", "html_extractor", "document_parser", "office_text", "line_reader"]:
        d = os.path.join(CORPUS, t)
        if os.path.isdir(d):
            for name in os.listdir(d):
                if not name.startswith("regress-"):
                    os.remove(os.path.join(d, name))
        os.makedirs(d, exist_ok=True)
    warc_seeds()
    charset_seeds()
    html_seeds()
    jsonl_seeds()
    office_seeds()
    line_reader_seeds()


if __name__ == "__main__":
    main()
