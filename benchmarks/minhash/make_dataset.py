#!/usr/bin/env python3
"""Builds the MinHash conformance set: real documents with planted near-duplicates.

Base documents: runs of 20-60 consecutive non-empty lines cut from the web pages
of shared/data/web/pages.jsonl (non-overlapping, in page order), and documents
of 10-30 consecutive sentences of one language from shared/data/langid/
sentences.jsonl (75 languages: exercises the word segmentation of scripts
without spaces). Planted copies: a random base document copied with every
word (whitespace-separated token) edited independently with probability p
(p from EDIT_RATES; an edit replaces the word with a random corpus word,
deletes it, or inserts a random word after it). The documents are shuffled;
each line has `id`, `text`, `group` (the base document it comes from) and
`edit_rate` (0 for a base document).

  python3 make_dataset.py --data ../shared/data --out minhash-set.jsonl --seed 7
"""
import argparse
import json
import random
import re

EDIT_RATES = [0.0, 0.01, 0.02, 0.03, 0.05, 0.08, 0.12, 0.2, 0.3]


def page_runs(path, rng):
    out = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            lines = [x for x in json.loads(line)["text"].split("\n") if x.strip()]
            i = 0
            while i + 20 <= len(lines):
                n = rng.randint(20, 60)
                out.append("\n".join(lines[i:i + n]))
                i += n
    return out


def sentence_docs(path, rng):
    by_lang = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            d = json.loads(line)
            by_lang.setdefault(d["lang"], []).append(d["text"])
    out = []
    for lang in sorted(by_lang):
        sents = by_lang[lang]
        i = 0
        while i + 10 <= len(sents):
            n = rng.randint(10, 30)
            out.append(" ".join(sents[i:i + n]))
            i += n
    return out


def edit(text, rate, vocab, rng):
    parts = re.split(r"(\s+)", text)
    out = []
    for tok in parts:
        if not tok or tok.isspace() or rng.random() >= rate:
            out.append(tok)
            continue
        op = rng.randrange(3)
        if op == 0:
            out.append(rng.choice(vocab))
        elif op == 1:
            out.append("")
        else:
            out.append(tok + " " + rng.choice(vocab))
    return "".join(out)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", required=True, help="the shared data folder")
    ap.add_argument("--out", required=True)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--total", type=int, default=12000)
    args = ap.parse_args()
    rng = random.Random(args.seed)
    bases = page_runs(args.data + "/web/pages.jsonl", rng) + sentence_docs(args.data + "/langid/sentences.jsonl", rng)
    vocab = sorted({w for b in bases[::7] for w in b.split()})
    docs = [{"text": t, "group": g, "edit_rate": 0.0} for g, t in enumerate(bases)]
    while len(docs) < args.total:
        g = rng.randrange(len(bases))
        rate = rng.choice(EDIT_RATES)
        docs.append({"text": edit(bases[g], rate, vocab, rng), "group": g, "edit_rate": rate})
    rng.shuffle(docs)
    with open(args.out, "w", encoding="utf-8") as f:
        for i, d in enumerate(docs):
            f.write(json.dumps({"id": i, **d}, ensure_ascii=False) + "\n")
    print(f"{len(docs)} documents ({len(bases)} base) -> {args.out}")


if __name__ == "__main__":
    main()
