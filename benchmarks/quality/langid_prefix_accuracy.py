#!/usr/bin/env python3
"""How much of a document fastText language ID needs: accuracy and decision
agreement against the text's length cut (dpk-langid --prefix-chars N).

Sets (from the quality conformance set, tests/quality/conformance-input.jsonl.zst):
  sentences  the 1,552 documents assembled from labelled sentences (75
             languages): accuracy = predicted label == the label (languages
             lid.176 knows);
  pages      the 6,307 web-page documents: agreement of the label, and of
             the pretrain-web recipe's decision (English with score >= 0.65),
             with what the whole text gives (--prefix-chars 0).
CPU seconds of each dpk-langid run are printed too.

Usage: python langid_prefix_accuracy.py [--dpk build/bin/dpk-langid] [--lengths 100,200,...]
Needs: Python's standard library, the zstd CLI, lid.176.ftz (scripts/install-models.sh).
"""
import argparse
import json
import os
import resource
import subprocess
import tempfile


def zst_lines(path):
    out = subprocess.run(["zstd", "-dc", path], check=True, capture_output=True).stdout
    return [json.loads(l) for l in out.decode().split("\n") if l]


def run_langid(dpk, path, n, tmp):
    out = os.path.join(tmp, f"out-{n}.jsonl")
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run([dpk, "--backend", "fasttext", "--prefix-chars", str(n), "--threads", "1", "-q", "-o", out, path],
                   check=True)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    got = {}
    for line in open(out, encoding="utf-8", newline="\n"):
        d = json.loads(line)
        got[d["id"]] = (d["lang"], d["lang_score"])
    return got, cpu


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    root = os.path.normpath(os.path.join(here, "..", ".."))
    ap = argparse.ArgumentParser()
    ap.add_argument("--dpk", default=os.path.join(root, "build", "bin", "dpk-langid"))
    ap.add_argument("--lengths", default="100,200,300,500,1000,2000,5000,10000,0")
    args = ap.parse_args()
    docs = zst_lines(os.path.join(root, "tests", "quality", "conformance-input.jsonl.zst"))
    sentences = {d["id"]: d for d in docs if d["id"].startswith("langid-")}
    pages = {d["id"]: d for d in docs if not d["id"].startswith("langid-")}
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "in.jsonl")
        with open(path, "w", encoding="utf-8") as f:
            for d in docs:
                f.write(json.dumps({"id": d["id"], "text": d["text"]}, ensure_ascii=False) + "\n")
        runs = {int(n): run_langid(args.dpk, path, int(n), tmp) for n in args.lengths.split(",")}
    full, _ = runs[0]
    known = {l for l, _ in full.values()}
    scored = [i for i, d in sentences.items() if d["lang"] in known]
    keep = lambda r: r[0] == "en" and r[1] >= 0.65  # noqa: E731
    print(f"sentence documents: {len(scored)} of {len(sentences)} in languages lid.176 labels; pages: {len(pages)}")
    print("| max chars | sentences: accuracy | pages: label as whole text | pages: en>=0.65 decision as whole text | CPU s (all 7,859) |")
    print("|---|---|---|---|---|")
    for n, (got, cpu) in sorted(runs.items(), key=lambda kv: kv[0] or 1 << 60):
        acc = sum(got[i][0] == sentences[i]["lang"] for i in scored) / len(scored)
        same = sum(got[i][0] == full[i][0] for i in pages) / len(pages)
        dec = sum(keep(got[i]) == keep(full[i]) for i in pages)
        print(f"| {n or 'all'} | {acc:.4f} | {same:.4f} | {dec}/{len(pages)} | {cpu:.2f} |")


if __name__ == "__main__":
    main()
