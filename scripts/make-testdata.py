#!/usr/bin/env python3
"""Builds dpk's committed test data (testdata/) from the real data folder.

    python3 scripts/make-testdata.py SOURCE [--out testdata]

SOURCE is the folder of real samples described in testdata/README.md
(web/pages.jsonl, langid/sentences.jsonl, html-extraction/, warc/).
Writes (deterministically: seeded, or fixed cuts in source order):

  testdata/quickstart/web-1.jsonl.zst   two concatenated zstd frames
  testdata/quickstart/web-2.jsonl.gz    two concatenated gzip members
  testdata/quickstart/web-3.jsonl       plain
  testdata/errors/bad-lines.jsonl       valid lines and malformed ones at known line numbers
  testdata/errors/bad-lines.expected.json  which lines are bad, and why
  testdata/errors/truncated.jsonl.zst   a zstd stream cut short
  testdata/web/pages.jsonl.zst          the first 200 web pages       (scripts/testdata_real.py)
  testdata/langid/sentences.jsonl.zst   150 labelled sentences of each language
  testdata/html-extraction/             every 5th evaluation page and its expected segments
  testdata/warc/                        the WARC files, unchanged

Python standard library only, and the `zstd` command. The quickstart and error
files fall back to frames of raw (stored) zstd blocks, written in pure Python,
when `zstd` is not installed; the real-data cuts need it. zstd output is
deterministic for a given zstd version (level 19).
"""

import argparse
import gzip
import json
import os
import random
import shutil
import struct
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import testdata_real  # noqa: E402  (beside this script)

SEED = 20240611
HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)


# --- zstd ------------------------------------------------------------------

def zstd_raw_frame(data: bytes) -> bytes:
    """One zstd frame made of raw blocks (no compression), with content size."""
    out = bytearray(struct.pack("<I", 0xFD2FB528))
    # Frame header descriptor: single segment, 8-byte frame content size.
    out.append(0b11100000)
    out += struct.pack("<Q", len(data))
    max_block = 128 * 1024
    pos = 0
    if not data:
        out += (1 | (0 << 1) | (0 << 3)).to_bytes(3, "little")  # last, raw, size 0
        return bytes(out)
    while pos < len(data):
        chunk = data[pos:pos + max_block]
        pos += len(chunk)
        last = 1 if pos >= len(data) else 0
        out += (last | (0 << 1) | (len(chunk) << 3)).to_bytes(3, "little")
        out += chunk
    return bytes(out)


def zstd_frame(data: bytes) -> bytes:
    exe = shutil.which("zstd")
    if exe:
        return subprocess.run([exe, "-19", "-q", "-c", "--no-progress"], input=data,
                              stdout=subprocess.PIPE, check=True).stdout
    return zstd_raw_frame(data)


def gzip_member(data: bytes) -> bytes:
    return gzip.compress(data, compresslevel=9, mtime=0)


# --- documents -------------------------------------------------------------

STOPWORDS = {
    "de": {"der", "die", "und", "das", "ist", "nicht", "mit", "sich", "auf", "für"},
    "en": {"the", "and", "of", "to", "is", "in", "that", "for", "with", "you"},
    "fr": {"le", "la", "les", "et", "des", "est", "une", "pour", "dans", "du"},
    "es": {"el", "los", "las", "y", "que", "del", "por", "una", "para", "con"},
    "pl": {"się", "nie", "jest", "na", "do", "że", "jak", "od", "po", "oraz"},
}


def lang_hint(text: str) -> str:
    words = text.lower().split()
    best, score = "und", 0
    for lang, sw in sorted(STOPWORDS.items()):
        s = sum(1 for w in words if w in sw)
        if s > score:
            best, score = lang, s
    return best if score >= 3 else "und"


def dumps(obj, style: int) -> str:
    """Serializes in one of several JSON styles, so passthrough is tested on
    more than one spelling of the same data."""
    if style == 0:
        return json.dumps(obj, ensure_ascii=False)
    if style == 1:
        return json.dumps(obj, ensure_ascii=False, separators=(",", ":"))
    if style == 2:
        return json.dumps(obj, ensure_ascii=True)  # \\u escapes, surrogate pairs
    return json.dumps(obj, ensure_ascii=False, separators=(" ,", " : "))


def make_documents(pages, rng):
    docs = []
    n_cut = 270
    for k in range(n_cut):
        page = pages[rng.randrange(len(pages))]
        lines = [ln for ln in page["text"].split("\n")]
        want = rng.randint(20, 60)
        if len(lines) <= want:
            start, want = 0, len(lines)
        else:
            start = rng.randrange(len(lines) - want)
        text = "\n".join(lines[start:start + want])
        doc = {}
        r = rng.random()
        if r < 0.6:
            doc["id"] = f"web-{k:04d}"
        elif r < 0.7:
            doc["id"] = 100000 + k  # numeric id
        # else: no id (docid must add one)
        doc["text"] = text
        if rng.random() < 0.7:
            doc["url"] = "trafilatura-eval:" + page["id"]
        if rng.random() < 0.5:
            doc["lang_hint"] = lang_hint(text)
        if rng.random() < 0.4:
            doc["meta"] = {"page": page["id"], "cut": {"first_line": start + 1, "lines": want},
                           "tags": ["web", "cut"], "score": round(rng.random(), 3), "ok": True,
                           "none": None}
        # Field order varies: text first on some.
        if rng.random() < 0.2 and "id" in doc:
            doc = {"text": doc.pop("text"), **doc}
        docs.append(doc)

    # Junk and edge cases.
    junk = []
    for k in range(8):  # menus only: the first lines of a page (navigation)
        page = pages[rng.randrange(len(pages))]
        junk.append({"id": f"menu-{k}", "text": "\n".join(page["text"].split("\n")[:rng.randint(5, 15)]),
                     "url": "trafilatura-eval:" + page["id"]})
    for k, t in enumerate(["Home", "Click here", "Accept cookies", "404 Not Found", "Login | Register",
                           "© 2019", "ok", "Weiterlesen »", "…", "Menu\nSearch"]):
        junk.append({"id": f"short-{k}", "text": t})
    junk.append({"id": "empty-0", "text": ""})
    junk.append({"text": ""})
    junk.append({"id": "ws-0", "text": "   \n\t  \n"})
    # Duplicated ids (different texts) and duplicated texts (different ids).
    junk.append({"id": "web-0001", "text": docs[5]["text"] + "\nduplicate id, other text"})
    junk.append({"id": "dup-text-a", "text": docs[7]["text"]})
    junk.append({"id": "dup-text-b", "text": docs[7]["text"]})
    # Unicode in many scripts and characters that JSON must escape.
    junk.append({"id": "scripts-0", "lang_hint": "mul",
                 "text": "Ελληνικά κείμενα, русский текст, 日本語の文章, 中文文本, العربية, עברית, "
                         "हिन्दी, 한국어, emoji 😀🎉 and a tab\there, a quote \" and a backslash \\."})
    junk.append({"id": "ctrl-0", "text": "control \u0001 \u001f characters\r\nand a CR"})
    junk.append({"id": "other-id-type", "text": "the id field is null here", "meta": {"id": None}})
    docs.extend(junk)
    rng.shuffle(docs)
    return docs


def lines_for(docs, rng):
    out = []
    for d in docs:
        out.append(dumps(d, rng.choice([0, 0, 0, 1, 1, 2, 3])))
    return out


# --- error files -----------------------------------------------------------

def bad_lines(pages, rng):
    def valid(k):
        page = pages[rng.randrange(len(pages))]
        text = "\n".join(page["text"].split("\n")[:20])
        return json.dumps({"id": f"ok-{k}", "text": text, "url": "trafilatura-eval:" + page["id"]},
                          ensure_ascii=False).encode()

    rows = []  # (bytes, reason or None)
    rows.append((valid(1), None))
    rows.append((valid(2), None))
    rows.append((valid(3), None))
    full = valid(4)
    rows.append((full[: len(full) // 2], "truncated JSON"))
    rows.append((valid(5), None))
    rows.append((valid(6), None))
    rows.append((b'{"id": "bad-utf8", "text": "caf\xe9 au lait \xff\xfe"}', "invalid UTF-8"))
    rows.append((valid(8), None))
    rows.append((b'{"id": "no-text", "body": "the text is under another key"}', "missing text field"))
    rows.append((valid(10), None))
    rows.append((b'{"id": "text-number", "text": 42}', "text not a string"))
    rows.append((valid(12), None))
    rows.append((b'{"id": "garbage", "text": "fine so far"} trailing', "trailing garbage"))
    rows.append((valid(14), None))
    rows.append((b"", "blank line (not a document)"))
    rows.append((valid(16), None))
    rows.append((valid(17) + b"\r", None))  # CRLF line ending
    data = b"".join(r + b"\n" for r, _ in rows)
    bad = [i + 1 for i, (_, why) in enumerate(rows) if why and not why.startswith("blank")]
    expected = {
        "lines": len(rows),
        "documents": len(rows) - 1,
        "blank_lines": [i + 1 for i, (r, _) in enumerate(rows) if not r],
        "bad_lines": bad,
        "why": {str(i + 1): why for i, (_, why) in enumerate(rows) if why},
        "valid_lines": [i + 1 for i, (_, why) in enumerate(rows) if not why],
    }
    return data, expected


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("source", help="the real data folder (web/, langid/, html-extraction/, warc/)")
    ap.add_argument("--out", default=os.path.join(REPO, "testdata"))
    args = ap.parse_args()
    pages_path = os.path.join(args.source, "web", "pages.jsonl")
    if not os.path.exists(pages_path):
        sys.exit(f"make-testdata: {pages_path} not found (is {args.source} the real data folder?)")
    with open(pages_path, encoding="utf-8") as f:
        pages = [json.loads(line) for line in f if line.strip()]
    rng = random.Random(SEED)

    docs = make_documents(pages, rng)
    lines = lines_for(docs, rng)
    n = len(lines)
    parts = [lines[: n * 2 // 5], lines[n * 2 // 5: n * 4 // 5], lines[n * 4 // 5:]]

    def blob(ls):
        return "".join(ln + "\n" for ln in ls).encode("utf-8")

    qs = os.path.join(args.out, "quickstart")
    os.makedirs(qs, exist_ok=True)
    half = len(parts[0]) // 2
    with open(os.path.join(qs, "web-1.jsonl.zst"), "wb") as f:
        f.write(zstd_frame(blob(parts[0][:half])) + zstd_frame(blob(parts[0][half:])))
    half = len(parts[1]) // 2
    with open(os.path.join(qs, "web-2.jsonl.gz"), "wb") as f:
        f.write(gzip_member(blob(parts[1][:half])) + gzip_member(blob(parts[1][half:])))
    # The plain file ends without a final newline.
    with open(os.path.join(qs, "web-3.jsonl"), "wb") as f:
        f.write(blob(parts[2])[:-1])

    errs = os.path.join(args.out, "errors")
    os.makedirs(errs, exist_ok=True)
    data, expected = bad_lines(pages, rng)
    with open(os.path.join(errs, "bad-lines.jsonl"), "wb") as f:
        f.write(data)
    with open(os.path.join(errs, "bad-lines.expected.json"), "w") as f:
        json.dump(expected, f, indent=1)
        f.write("\n")
    trunc_docs = [json.dumps({"id": f"t-{k}", "text": pages[k]["text"]}, ensure_ascii=False)
                  for k in range(40, 52)]
    frame = zstd_frame(blob(trunc_docs))
    with open(os.path.join(errs, "truncated.jsonl.zst"), "wb") as f:
        f.write(frame[: len(frame) * 3 // 5])

    print(f"make-testdata: {n} documents in {qs} "
          f"({len(parts[0])} zst, {len(parts[1])} gz, {len(parts[2])} plain); error files in {errs}")
    print("make-testdata: " + "; ".join(testdata_real.make_all(args.source, args.out)))


if __name__ == "__main__":
    main()
