#!/usr/bin/env python3
"""dpk-decontaminate against datatrove's NGramsDecontFilter: speed on one core
and keep/drop agreement, on the same documents and benchmarks.

    python3 benchmarks/decontaminate/compare.py PAGES.jsonl [--copies 3] [--dpk build/bin/dpk-decontaminate]

PAGES.jsonl: JSONL with `id` and `text` (e.g. the web/pages.jsonl of the real
data folder testdata/README.md names). Benchmarks: the two of
testdata/decontaminate/, and a third, `lines`, of the lines of 15 words or more of
every 10th page of PAGES, so part of the documents is contaminated. The documents are
PAGES repeated --copies times. datatrove runs in this process (its index
built as make_reference.py builds it, not timed); dpk runs with --threads 1.
Needs benchmarks/requirements-decontaminate.txt.
"""
import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time

import numpy as np
from datatrove.data import Document
from datatrove.pipeline.decont.n_grams import NGramsDecontConfig, NGramsDecontFilter, NGramsDecontIndexer
from datatrove.utils.hashing import create_hash_func
from datatrove.utils.word_tokenizers import load_word_tokenizer

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
FIX = os.path.join(ROOT, "testdata", "decontaminate")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("pages")
    ap.add_argument("--copies", type=int, default=3)
    ap.add_argument("--dpk", default=os.path.join(ROOT, "build", "bin", "dpk-decontaminate"))
    ap.add_argument("--ngram", type=int, default=13)
    args = ap.parse_args()

    with open(args.pages) as f:
        pages = [json.loads(l) for l in f.read().split("\n") if l]
    lines = [l.strip() for p in pages[::10] for l in p["text"].split("\n") if len(l.split()) >= 15]
    passages = [json.loads(l)["passage"] for l in open(os.path.join(FIX, "passages.jsonl"))]
    questions = [l for l in open(os.path.join(FIX, "questions.txt")).read().split("\n") if l.strip()]
    benches = [("passages", passages), ("questions", questions), ("lines", lines)]

    with tempfile.TemporaryDirectory() as tmp:
        docs = [{"id": f"{c}-{p['id']}", "text": p["text"]} for c in range(args.copies) for p in pages]
        data = os.path.join(tmp, "docs.jsonl")
        with open(data, "w") as f:
            for d in docs:
                f.write(json.dumps(d, ensure_ascii=False) + "\n")
        with open(os.path.join(tmp, "lines.txt"), "w") as f:
            f.write("\n".join(lines) + "\n")
        mb = os.path.getsize(data) / 1e6

        config = NGramsDecontConfig(n_grams=args.ngram, find_query_ngrams=False, find_overlap_ngrams=False)
        index_dir = os.path.join(tmp, "index")
        os.makedirs(index_dir)
        indexer = object.__new__(NGramsDecontIndexer)
        indexer.config, indexer.tokenizer = config, load_word_tokenizer("eng")
        indexer.hash_func = create_hash_func(config.hash_config)
        for name, texts in benches:
            hashes = set()
            for t in texts:
                hashes.update(indexer.compute_hashes(t))
            np.array(sorted(hashes), dtype=np.uint64).tofile(os.path.join(index_dir, f"{name}.index.hashes"))
        flt = NGramsDecontFilter(index_folder=index_dir, config=config, language="eng")
        flt.filter(Document(text="warm up the tokenizer and load the index", id="w"))
        t0, c0 = time.perf_counter(), time.process_time()
        ref = {}
        for d in docs:
            ref[d["id"]] = flt.filter(Document(text=d["text"], id=d["id"])) is not True
        dt_wall, dt_cpu = time.perf_counter() - t0, time.process_time() - c0

        cmd = [args.dpk, "--threads", "1", "--ngram", str(args.ngram), "-q",
               "--benchmark", f"passages={FIX}/passages.jsonl:passage",
               "--benchmark", f"questions={FIX}/questions.txt", "--benchmark", f"lines={tmp}/lines.txt",
               "--keep-dropped", os.path.join(tmp, "dropped.jsonl"), "-o", os.path.join(tmp, "kept.jsonl"), data]
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        t0 = time.perf_counter()
        subprocess.run(cmd, check=True)
        dpk_wall = time.perf_counter() - t0
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        dpk_cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
        dropped = {json.loads(l)["id"] for l in open(os.path.join(tmp, "dropped.jsonl"))}
        agree = sum((i in dropped) == r for i, r in ref.items())

    print(f"documents: {len(docs)} ({mb:.1f} MB), benchmark texts: {sum(len(t) for _, t in benches)}, "
          f"n={args.ngram}, contaminated (datatrove): {sum(ref.values())}")
    print(f"keep/drop agree: {agree} / {len(docs)} ({100 * agree / len(docs):.2f}%)")
    print(f"datatrove: {dt_wall:.2f} s wall, {dt_cpu:.2f} s CPU ({mb / dt_cpu:.2f} MB/s per core)")
    print(f"dpk:       {dpk_wall:.2f} s wall, {dpk_cpu:.2f} s CPU ({mb / dpk_cpu:.1f} MB/s per core; "
          f"index loading included)")
    print(f"speed-up per core (CPU time): {dt_cpu / dpk_cpu:.1f}x")


if __name__ == "__main__":
    sys.exit(main())
