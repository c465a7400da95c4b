"""Cuts of the real data set that the tests read (used by make-testdata.py).

The source folder holds the real samples described in testdata/README.md
(web/pages.jsonl, langid/sentences.jsonl, html-extraction/pages.tar.zst and
expected.json, warc/*). Each cut keeps the documents in their source order and
takes a fixed part of them (no randomness), so the same source gives the same
files; the compressed ones also need the same zstd version.
"""

import io
import json
import os
import shutil
import subprocess
import sys
import tarfile

# The first PAGES pages of web/pages.jsonl: enough for the tests that take the
# first 150 (dedup) or 120 (line-dedup), and a mix of sites and languages.
PAGES = 200
# The exact-dedup sample: the first DEDUP_PAGES pages and copies of some.
DEDUP_PAGES = 40
# The first SENTENCES_PER_LANGUAGE sentences of every language: the CLD2
# accuracy test takes 40 of each, the trained fastText models 150 of six.
SENTENCES_PER_LANGUAGE = 150
# Every HTML_EVERY-th evaluation page, sorted by name: the pages the
# extraction quality floor has always been measured on.
HTML_EVERY = 5


def zstd_compress(data: bytes) -> bytes:
    exe = shutil.which("zstd")
    if not exe:
        sys.exit("make-testdata: the zstd command is needed to compress the real-data fixtures")
    return subprocess.run([exe, "-19", "-q", "-c", "--no-progress"], input=data, stdout=subprocess.PIPE,
                          check=True).stdout


def zstd_decompress(path: str) -> bytes:
    return subprocess.run(["zstd", "-dcq", path], stdout=subprocess.PIPE, check=True).stdout


def source_file(src: str, rel: str) -> str:
    p = os.path.join(src, rel)
    if not os.path.exists(p):
        sys.exit(f"make-testdata: {p} not found (is {src} the real data folder?)")
    return p


def write(path: str, data: bytes):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as f:
        f.write(data)


def web_pages(src: str, out: str) -> str:
    with open(source_file(src, "web/pages.jsonl"), "rb") as f:
        lines = [line for line in f.read().split(b"\n") if line]
    kept = [line + b"\n" for line in lines[:PAGES]]
    write(os.path.join(out, "web", "pages.jsonl.zst"), zstd_compress(b"".join(kept)))
    # The exact-dedup sample: 40 pages as {id, text}, then a copy of every 5th.
    texts = [json.loads(line)["text"] for line in lines[:DEDUP_PAGES]]
    docs = [{"id": f"page-{i}", "text": t} for i, t in enumerate(texts, 1)]
    docs += [{"id": f"page-{i}-copy", "text": t} for i, t in enumerate(texts, 1) if i % 5 == 0]
    sample = "".join(json.dumps(d, ensure_ascii=False, separators=(",", ":")) + "\n" for d in docs)
    write(os.path.join(out, "web", "dedup-sample.jsonl.zst"), zstd_compress(sample.encode("utf-8")))
    return f"{len(kept)} pages, {len(docs)} dedup-sample documents"


def sentences(src: str, out: str) -> str:
    taken = {}
    kept = []
    with open(source_file(src, "langid/sentences.jsonl"), "rb") as f:
        for line in f:
            lang = json.loads(line)["lang"]
            taken[lang] = taken.get(lang, 0) + 1
            if taken[lang] <= SENTENCES_PER_LANGUAGE:
                kept.append(line if line.endswith(b"\n") else line + b"\n")
    write(os.path.join(out, "langid", "sentences.jsonl.zst"), zstd_compress(b"".join(kept)))
    return f"{len(kept)} sentences, {len(taken)} languages"


def html_pages(src: str, out: str) -> str:
    with open(source_file(src, "html-extraction/expected.json"), encoding="utf-8") as f:
        expected = json.load(f)
    archive = tarfile.open(fileobj=io.BytesIO(zstd_decompress(source_file(src, "html-extraction/pages.tar.zst"))))
    members = archive.getmembers()
    in_archive = {os.path.basename(m.name) for m in members if m.isfile()}
    chosen = set(sorted(n for n in expected if n in in_archive)[::HTML_EVERY])
    buf = io.BytesIO()
    # The members keep their source headers (names, times, owners), in source order.
    with tarfile.open(fileobj=buf, mode="w", format=tarfile.PAX_FORMAT) as cut:
        for m in members:
            if m.isfile() and os.path.basename(m.name) in chosen:
                cut.addfile(m, archive.extractfile(m))
            elif m.isdir():
                cut.addfile(m)
    folder = os.path.join(out, "html-extraction")
    write(os.path.join(folder, "pages.tar.zst"), zstd_compress(buf.getvalue()))
    subset = {name: expected[name] for name in sorted(chosen)}
    write(os.path.join(folder, "expected.json"),
          (json.dumps(subset, ensure_ascii=False, indent=0) + "\n").encode("utf-8"))
    return f"{len(chosen)} HTML pages"


def warc_files(src: str, out: str) -> str:
    folder = source_file(src, "warc")
    names = sorted(n for n in os.listdir(folder) if ".warc" in n)
    for name in names:
        with open(os.path.join(folder, name), "rb") as f:
            write(os.path.join(out, "warc", name), f.read())
    return f"{len(names)} WARC files"


def make_all(src: str, out: str) -> list:
    return [web_pages(src, out), sentences(src, out), html_pages(src, out), warc_files(src, out)]
