#!/usr/bin/env python3
"""Make the fixture of tests/cli/fineweb_same_text.sh: text as FineWeb's
extractor gives it, and FineWeb's filter decisions on that text.

The 495 pages of DATA (make_warc.py, one copy) go through datatrove's
WarcReader and Trafilatura(favour_precision=True); the texts then go through
FineWeb's filters (datatrove_fineweb.py filter: LanguageFilter en 0.65,
Gopher repetition, Gopher quality, C4 with filter_no_terminal_punct=False,
FineWeb quality). Kept for the fixture: every page fastText calls English
(whatever its score), and the NOT_EN shortest of the others.

Writes OUT/trafilatura-text.jsonl.zst (id = URL, text) and
OUT/datatrove-decisions.jsonl.zst (id, kept, reason, and for a kept page
text_sha256: the SHA-256 of its UTF-8 text as C4 left it).

Usage: make_reference.py DATA MODEL OUT [--not-en N]   (benchmarks/requirements-fineweb.txt)
"""
import argparse
import hashlib
import json
import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))


def run(*args):
    subprocess.run([sys.executable, *args], check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def read(path):
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f]


def write_zst(path, rows):
    data = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows).encode("utf-8")
    subprocess.run(["zstd", "-19", "-q", "-f", "-o", path], input=data, check=True)


def decision(d):
    row = {"id": d["id"], "kept": d["kept"], "reason": d["reason"]}
    if d["kept"]:
        row["text_sha256"] = hashlib.sha256(d["text"].encode("utf-8")).hexdigest()
    return row


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("data")
    ap.add_argument("model")
    ap.add_argument("out")
    ap.add_argument("--not-en", type=int, default=10)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        run(os.path.join(HERE, "make_warc.py"), args.data, os.path.join(tmp, "warc"))
        text = os.path.join(tmp, "text.jsonl")
        run(os.path.join(HERE, "datatrove_fineweb.py"), "extract", os.path.join(tmp, "warc"), text)
        decided = os.path.join(tmp, "decided.jsonl")
        run(os.path.join(HERE, "datatrove_fineweb.py"), "filter", args.model, text, decided)
        texts, decisions = read(text), read(decided)
    english = {d["id"] for d in decisions if d["language"] == "en"}
    others = sorted((t for t in texts if t["id"] not in english), key=lambda t: (len(t["text"]), t["id"]))
    chosen = english | {t["id"] for t in others[: args.not_en]}
    os.makedirs(args.out, exist_ok=True)
    write_zst(os.path.join(args.out, "trafilatura-text.jsonl.zst"),
              [{"id": t["id"], "text": t["text"]} for t in texts if t["id"] in chosen])
    write_zst(os.path.join(args.out, "datatrove-decisions.jsonl.zst"),
              [decision(d) for d in decisions if d["id"] in chosen])
    print(f"{len(chosen)} documents ({len(english)} English) -> {args.out}")


if __name__ == "__main__":
    main()
