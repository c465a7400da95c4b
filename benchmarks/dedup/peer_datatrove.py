#!/usr/bin/env python3
"""dpk exact-dedup and line-dedup against datatrove on the same input, one run:
agreement of the outputs and CPU seconds per tool (one core each).

 exact: datatrove ExactDedupSignature -> ExactFindDedups -> ExactDedupFilter
        (xxhash64 of the text; one task, so its doc order is the input order
        and the first copy is kept, as dpk keeps the smallest position)
        vs `dpk-exact-dedup --threads 1`. Agreement: the kept ids.
 line:  datatrove SentenceDedup* with split_sentences=False, n_sentences=1
        (each line a unit; min_doc_words=0, min_num_sentences=0 so no
        document is dropped for being short afterwards) vs `dpk-line-dedup
        --normalize lower,whitespace,punctuation --threads 1`. Agreement: the
        share of lines both keep or both remove, and of documents whose
        output text is identical.

Inputs are built here from shared/data (deterministic):
 - exact: --docs documents of 1-3 sentences of one language from
   langid/sentences.jsonl, 20% of them exact copies of an earlier document;
 - line:  --pages documents, each a run of 5-40 consecutive lines of a page
   of web/pages.jsonl (pages repeat their menus and footers, and runs of one
   page overlap), with ASCII-only line breaks.

  /work/venv-datatrove/bin/python benchmarks/dedup/peer_datatrove.py --dpk build/bin --data ../shared/data
"""
import argparse
import json
import os
import random
import resource
import shutil
import subprocess
import tempfile
import time

from datatrove.executor import LocalPipelineExecutor
from datatrove.pipeline.dedup.exact_dedup import (ExactDedupConfig, ExactDedupFilter, ExactDedupSignature,
                                                  ExactFindDedups)
from datatrove.pipeline.dedup.sentence_dedup import (SentDedupConfig, SentenceDedupFilter,
                                                     SentenceDedupSignature, SentenceFindDedups)
from datatrove.pipeline.readers import JsonlReader
from datatrove.pipeline.writers import JsonlWriter
from datatrove.utils.logging import logger
from datatrove.utils.text import TextNormConfig

logger.remove()  # its per-stage reports would bury the comparison


def make_exact_input(data, path, n, seed=5):
    rng = random.Random(seed)
    by_lang = {}
    with open(os.path.join(data, "langid", "sentences.jsonl"), encoding="utf-8") as f:
        for line in f:
            d = json.loads(line)
            by_lang.setdefault(d.get("lang", "x"), []).append(d["text"])
    langs = sorted(by_lang)
    texts = []
    with open(path, "w", encoding="utf-8") as out:
        for i in range(n):
            if i > 10 and rng.random() < 0.2:
                t = texts[rng.randrange(len(texts))]
            else:
                pool = by_lang[rng.choice(langs)]
                t = " ".join(rng.choice(pool) for _ in range(rng.randint(1, 3)))
            texts.append(t)
            out.write(json.dumps({"id": f"d{i}", "text": t}, ensure_ascii=False) + "\n")


def make_line_input(data, path, n, seed=6):
    rng = random.Random(seed)
    pages = []
    with open(os.path.join(data, "web", "pages.jsonl"), encoding="utf-8") as f:
        for line in f:
            # Only '\n' breaks lines: datatrove's splitlines() also splits at \r, \x0b, \x1c..., dpk at '\n'.
            t = json.loads(line)["text"]
            for c in "\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029":
                t = t.replace(c, " ")
            lines = t.split("\n")
            if len(lines) >= 5:
                pages.append(lines)
    with open(path, "w", encoding="utf-8") as out:
        for i in range(n):
            p = rng.choice(pages)
            k = rng.randint(5, 40)
            s = rng.randrange(max(1, len(p) - k))
            out.write(json.dumps({"id": f"p{i}", "text": "\n".join(p[s:s + k])}, ensure_ascii=False) + "\n")


def child_cpu():
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def run_dpk(cmd):
    c0, w0 = child_cpu(), time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
    return child_cpu() - c0, time.perf_counter() - w0


def all_cpu():
    return sum(getattr(resource.getrusage(w), f) for w in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)
               for f in ("ru_utime", "ru_stime"))


def run_datatrove(pipelines, logs):
    # One task, one worker: each stage runs in this process, one core.
    t0, w0 = all_cpu(), time.perf_counter()
    for i, p in enumerate(pipelines):
        LocalPipelineExecutor(pipeline=p, tasks=1, workers=1, logging_dir=f"{logs}/{i}").run()
    return all_cpu() - t0, time.perf_counter() - w0


def read_jsonl_dir(d):
    docs = []
    for name in sorted(os.listdir(d)):
        if ".jsonl" in name:
            import gzip
            opener = gzip.open if name.endswith(".gz") else open
            with opener(os.path.join(d, name), "rt", encoding="utf-8") as f:
                docs += [json.loads(line) for line in f]
    return docs


def read_jsonl(path):
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--dpk", required=True, help="folder of the dpk binaries")
    ap.add_argument("--data", required=True)
    ap.add_argument("--docs", type=int, default=200000)
    ap.add_argument("--pages", type=int, default=20000)
    args = ap.parse_args()
    tmp = tempfile.mkdtemp()
    try:
        print(f"machine: {os.cpu_count()} cores, load {os.getloadavg()[0]:.1f}; CPU seconds = user + sys")
        # ---- exact ----
        os.makedirs(f"{tmp}/ein")
        make_exact_input(args.data, f"{tmp}/ein/docs.jsonl", args.docs)
        cfg = ExactDedupConfig(content_getter=lambda doc: doc.text)
        dt_cpu, dt_wall = run_datatrove([
            [JsonlReader(f"{tmp}/ein"), ExactDedupSignature(output_folder=f"{tmp}/esig", config=cfg)],
            [ExactFindDedups(data_folder=f"{tmp}/esig", output_folder=f"{tmp}/edups", config=cfg)],
            [JsonlReader(f"{tmp}/ein"), ExactDedupFilter(data_folder=f"{tmp}/edups", config=cfg),
             JsonlWriter(f"{tmp}/eout-dt", compression=None)],
        ], f"{tmp}/elogs")
        dpk_cpu, dpk_wall = run_dpk([f"{args.dpk}/dpk-exact-dedup", "--threads", "1", "-q", "--temp-dir", tmp,
                                     "-o", f"{tmp}/eout-dpk.jsonl", f"{tmp}/ein/docs.jsonl"])
        kept_dt = {d["id"] for d in read_jsonl_dir(f"{tmp}/eout-dt")}
        kept_dpk = {d["id"] for d in read_jsonl(f"{tmp}/eout-dpk.jsonl")}
        all_ids = {d["id"] for d in read_jsonl(f"{tmp}/ein/docs.jsonl")}
        same = sum(1 for i in all_ids if (i in kept_dt) == (i in kept_dpk))
        print(f"\n== exact dedup, {len(all_ids)} documents ({os.path.getsize(f'{tmp}/ein/docs.jsonl') >> 20} MB)")
        print(f"kept: datatrove {len(kept_dt)}, dpk {len(kept_dpk)}; same keep/drop on {same / len(all_ids):.4%}"
              f" of documents; identical kept sets: {kept_dt == kept_dpk}")
        print(f"datatrove: {dt_cpu:.2f} CPU s ({dt_wall:.2f} s wall); dpk --threads 1: {dpk_cpu:.2f} CPU s "
              f"({dpk_wall:.2f} s wall); ratio per core {dt_cpu / dpk_cpu:.1f}x")
        # ---- line ----
        os.makedirs(f"{tmp}/lin")
        make_line_input(args.data, f"{tmp}/lin/docs.jsonl", args.pages)
        scfg = SentDedupConfig(n_sentences=1, split_sentences=False, min_doc_words=0, min_num_sentences=0,
                               norm_config=TextNormConfig(lowercase=True, norm_whitespace=True,
                                                          remove_punctuation=True, norm_unicode_diacritics=False,
                                                          norm_numbers=False))
        dt_cpu, dt_wall = run_datatrove([
            [JsonlReader(f"{tmp}/lin"), SentenceDedupSignature(output_folder=f"{tmp}/lsig", config=scfg)],
            [SentenceFindDedups(data_folder=f"{tmp}/lsig", output_folder=f"{tmp}/ldups", config=scfg)],
            [JsonlReader(f"{tmp}/lin"), SentenceDedupFilter(data_folder=f"{tmp}/ldups", config=scfg),
             JsonlWriter(f"{tmp}/lout-dt", compression=None)],
        ], f"{tmp}/llogs")
        dpk_cpu, dpk_wall = run_dpk([f"{args.dpk}/dpk-line-dedup", "--threads", "1", "-q", "--temp-dir", tmp,
                                     "--normalize", "lower,whitespace,punctuation",
                                     "-o", f"{tmp}/lout-dpk.jsonl", f"{tmp}/lin/docs.jsonl"])
        src = read_jsonl(f"{tmp}/lin/docs.jsonl")
        out_dt = {d["id"]: d["text"] for d in read_jsonl_dir(f"{tmp}/lout-dt")}
        out_dpk = {d["id"]: d["text"] for d in read_jsonl(f"{tmp}/lout-dpk.jsonl")}
        lines = agree = docs_same = 0
        for d in src:
            orig = d["text"].split("\n")

            def kept_lines(text):
                # Greedy alignment of the output's lines to the original's (the output is a subsequence).
                if text is None:
                    return [False] * len(orig)
                out, k, res = text.split("\n"), 0, []
                for line in orig:
                    if k < len(out) and out[k] == line:
                        res.append(True)
                        k += 1
                    else:
                        res.append(False)
                return res
            a, b = kept_lines(out_dt.get(d["id"])), kept_lines(out_dpk.get(d["id"]))
            # Blank lines: dpk keeps them, datatrove keeps them too (never hashed); leading ones it strips.
            for x, y, line in zip(a, b, orig):
                if line.strip():
                    lines += 1
                    agree += x == y
            docs_same += [line for x, line in zip(a, orig) if x and line.strip()] == \
                         [line for y, line in zip(b, orig) if y and line.strip()]
        print(f"\n== line dedup (datatrove: sentence dedup over lines), {len(src)} documents, {lines} non-blank lines")
        print(f"same keep/remove on {agree / lines:.4%} of non-blank lines; same non-blank lines kept in "
              f"{docs_same / len(src):.4%} of documents; documents out: datatrove {len(out_dt)}, dpk {len(out_dpk)}")
        print(f"datatrove: {dt_cpu:.2f} CPU s ({dt_wall:.2f} s wall); dpk --threads 1: {dpk_cpu:.2f} CPU s "
              f"({dpk_wall:.2f} s wall); ratio per core {dt_cpu / dpk_cpu:.1f}x")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
