#!/usr/bin/env python3
"""Builds testdata/decontaminate/: two benchmarks and a training set with
benchmark text planted in it, and the decisions datatrove's n-gram
decontamination filter makes on that training set.

    python3 benchmarks/decontaminate/make_reference.py   # in a venv with requirements-decontaminate.txt

Everything is cut from testdata/web/pages.jsonl.zst (real web pages, one line
per block element), with a fixed seed:
  - passages.jsonl: 60 passages (the `passage` field; `id` too), lines of
    pages 150-174 with at least 15 words;
  - questions.txt: 60 questions, one per line, made from lines of pages
    175-199 ("Question: LINE Which is true?");
  - train.jsonl.zst: the first 40 lines of pages 0-149, then 250 copies of them with an
    excerpt of a benchmark text planted at a line boundary: 8 to 40 words,
    exact or lightly edited (case, punctuation, white space, digits,
    diacritics, contractions, one word changed), so some must match and some
    must not;
  - reference.jsonl: for every training document, `id` and `benchmark` (the
    task datatrove names, or null when it keeps the document).

datatrove builds its index from lighteval tasks, which need the network; so
this script calls NGramsDecontIndexer.compute_hashes on the benchmark texts
(label only, no query, as a benchmark of plain texts is), writes the hashes as
the indexer does (TASK.index.hashes, uint64), and runs NGramsDecontFilter
itself over the training documents, with n-grams of 13 words and every other
setting at its default (English, spaCy's tokenizer).
"""
import io
import json
import os
import random
import subprocess
import sys
import tempfile

import numpy as np
from datatrove.data import Document
from datatrove.pipeline.decont.n_grams import NGramsDecontConfig, NGramsDecontFilter, NGramsDecontIndexer
from datatrove.utils.hashing import create_hash_func
from datatrove.utils.word_tokenizers import load_word_tokenizer

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
OUT = os.path.join(ROOT, "testdata", "decontaminate")
N = 13


def read_pages():
    raw = subprocess.run(["zstd", "-dc", os.path.join(ROOT, "testdata/web/pages.jsonl.zst")],
                         check=True, capture_output=True).stdout.decode()
    return [json.loads(l) for l in raw.split("\n") if l]


def long_lines(pages, lo, hi, min_words=15):
    out = []
    for p in pages[lo:hi]:
        for line in p["text"].split("\n"):
            if len(line.split()) >= min_words:
                out.append(line.strip())
    return out


EDITS = ["exact", "upper", "title", "punct", "space", "digits", "accents", "contraction", "word", "unit"]


def edit(words, how, rng):
    w = list(words)
    if how == "upper":
        return " ".join(x.upper() for x in w)
    if how == "title":
        return " ".join(x.capitalize() for x in w)
    if how == "punct":
        return " ".join(x + rng.choice([",", ";", " -", "", "", "!", "\u201d"]) for x in w)
    if how == "space":
        return "".join(x + rng.choice([" ", "  ", "\n", "\t", " \n "]) for x in w).strip()
    if how == "digits":
        return " ".join("".join(str((int(c) + 3) % 10) if c.isdigit() else c for c in x) for x in w) + " 12.5 3,000,000"
    if how == "accents":
        return " ".join(x.replace("e", "\u00e9").replace("a", "a\u0301") for x in w)
    if how == "contraction":
        return "I don't think you cannot see it's 5kg at 3pm \u2022 " + " ".join(w) + " wont dont 20\u20ac"
    if how == "word":
        w[len(w) // 2] = "zebra"
        return " ".join(w)
    if how == "unit":
        return " ".join(w) + " 10kg 5km 7 mph \u00a9 \u00bfque?"
    return " ".join(w)


def main():
    rng = random.Random(20261202)
    pages = read_pages()
    os.makedirs(OUT, exist_ok=True)
    passages = rng.sample(long_lines(pages, 150, 175), 60)
    questions = ["Question: " + l + " Which is true?" for l in rng.sample(long_lines(pages, 175, 200), 60)]
    with open(os.path.join(OUT, "passages.jsonl"), "w") as f:
        for i, p in enumerate(passages):
            f.write(json.dumps({"id": f"p{i}", "passage": p}, ensure_ascii=False) + "\n")
    with open(os.path.join(OUT, "questions.txt"), "w") as f:
        f.write("\n".join(questions) + "\n")

    def head(text):
        return "\n".join(text.split("\n")[:40])

    train = [{"id": p["id"], "text": head(p["text"])} for p in pages[:150]]
    for k in range(250):
        host = pages[rng.randrange(150)]
        bench, texts = rng.choice([("passages", passages), ("questions", questions)])
        words = rng.choice(texts).split()
        length = rng.choice([8, 12, 13, 13, 14, 16, 20, 40])
        start = rng.randrange(max(1, len(words) - length + 1))
        how = EDITS[k % len(EDITS)]
        planted = edit(words[start:start + length], how, rng)
        lines = head(host["text"]).split("\n")
        at = rng.randrange(len(lines) + 1)
        lines.insert(at, planted)
        train.append({"id": f"planted-{k}-{bench}-{how}-{length}", "text": "\n".join(lines)})
    body = "".join(json.dumps(d, ensure_ascii=False) + "\n" for d in train).encode()
    with open(os.path.join(OUT, "train.jsonl.zst"), "wb") as f:
        f.write(subprocess.run(["zstd", "-19", "-c"], input=body, check=True, capture_output=True).stdout)

    config = NGramsDecontConfig(n_grams=N, find_query_ngrams=False, find_overlap_ngrams=False)
    with tempfile.TemporaryDirectory() as index_dir:
        # The indexer's constructor insists on lighteval; compute_hashes needs
        # only these three attributes, set as its constructor sets them.
        indexer = object.__new__(NGramsDecontIndexer)
        indexer.config = config
        indexer.tokenizer = load_word_tokenizer("eng")
        indexer.hash_func = create_hash_func(config.hash_config)
        for name, texts in (("passages", passages), ("questions", questions)):
            hashes = set()
            for t in texts:
                hashes.update(indexer.compute_hashes(t))
            np.array(sorted(hashes), dtype=np.uint64).tofile(os.path.join(index_dir, f"{name}.index.hashes"))
        flt = NGramsDecontFilter(index_folder=index_dir, config=config, language="eng")
        with open(os.path.join(OUT, "reference.jsonl"), "w") as f:
            dropped = 0
            for d in train:
                doc = Document(text=d["text"], id=d["id"])
                keep = flt.filter(doc)
                bench = None if keep is True else doc.metadata["contaminated_task"]
                dropped += bench is not None
                f.write(json.dumps({"id": d["id"], "benchmark": bench}) + "\n")
    print(f"{len(train)} documents, {dropped} contaminated", file=sys.stderr)


if __name__ == "__main__":
    main()
