#!/usr/bin/env python3
"""Scores dpk-extract on the html-extraction evaluation set (stdlib only).

For every page, expected.json lists text segments the main content must
contain ("with") and boilerplate segments it must not ("without"). As in
trafilatura's published evaluation: a "with" segment found in the output is
a true positive, else a false negative; a "without" segment found is a false
positive, else a true negative; a page with no output counts all its "with"
segments as false negatives. Precision, recall and F1 are computed over the
totals of all pages.

Token F1 (bag of tokens, as in the article extraction benchmarks): the
output and the reference are cut into lower-cased word tokens (\w+) and
compared as multisets. Where a page's entry holds the whole article text
("text"), precision is the share of output tokens found in it and recall the
share of its tokens found in the output. Where it holds only segments (this
evaluation set), the reference is the "with" segments: recall is the share
of their tokens found in the output, and an output token is a false
positive when it matches a token of the "without" segments that the "with"
segments do not account for. Totals over all pages (micro), and the mean of
the pages' F1 (macro).

  benchmarks/extract/evaluate.py --dpk build/bin/dpk-extract --data DIR
  benchmarks/extract/evaluate.py --dpk build/bin/dpk-extract --data testdata/html-extraction --min-f1 0.85
  benchmarks/extract/evaluate.py --dpk build/bin/dpk-extract --data DIR --every 2 --start 1   # odd half

DIR holds expected.json and the pages (pages.tar.zst, or a pages/ folder of
HTML files): the full evaluation set (495 pages; testdata/README.md says
where it comes from), the 99 pages of testdata/html-extraction, or the
written pages of testdata/html-extraction-kinds (one per known failure
kind).

The pages are fed as one JSONL file ({"id": file name, "html": page}),
decoded to UTF-8 here (UTF-8, else the charset the page declares, else
windows-1252), the way a crawler hands pages to dpk-extract.
"""
import argparse
import collections
import io
import json
import os
import re
import subprocess
import sys
import tarfile
import tempfile


DEFAULT_DATA = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "..", "shared", "data",
                            "html-extraction")
TOKEN = re.compile(r"\w+")
CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)


def decode_page(raw):
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        pass
    m = CHARSET.search(raw[:4096])
    if m:
        try:
            return raw.decode(m.group(1).decode("ascii"), errors="replace")
        except LookupError:
            pass
    return raw.decode("cp1252", errors="replace")


def load_pages(tar_zst):
    data = subprocess.run(["zstd", "-dcq", tar_zst], check=True, capture_output=True).stdout
    pages = {}
    with tarfile.open(fileobj=io.BytesIO(data)) as tar:
        for member in tar:
            if member.isfile():
                pages[os.path.basename(member.name)] = tar.extractfile(member).read()
    return pages


def load_pages_of(data):
    """The pages of an evaluation folder: pages.tar.zst, else a pages/ folder of files."""
    tar_zst = os.path.join(data, "pages.tar.zst")
    if os.path.isfile(tar_zst):
        return load_pages(tar_zst)
    folder = os.path.join(data, "pages")
    pages = {}
    for name in sorted(os.listdir(folder)) if os.path.isdir(folder) else []:
        with open(os.path.join(folder, name), "rb") as f:
            pages[name] = f.read()
    return pages


def write_jsonl(pages, names, path):
    with open(path, "w", encoding="utf-8") as f:
        for name in names:
            f.write(json.dumps({"id": name, "html": decode_page(pages[name])}, ensure_ascii=False))
            f.write("\n")


def run_dpk(dpk, jsonl, extra):
    out = subprocess.run([dpk, "--min-chars", "0", "--on-error", "skip", *extra, jsonl],
                         check=True, capture_output=True).stdout
    results = {}
    for line in out.decode("utf-8").split("\n"):
        if not line:
            continue
        doc = json.loads(line)
        results[doc["id"]] = doc.get("text")
    return results


def score(expected, names, results, report=None):
    tp = fn = fp = tn = 0
    for name in names:
        item = expected[name]
        text = results.get(name)
        if not isinstance(text, str):
            fn += len(item["with"])
            tn += len(item["without"])
            continue
        for seg in item["with"]:
            if seg in text:
                tp += 1
            else:
                fn += 1
                if report is not None:
                    report.append(f"{name}\tmissed\t{seg}")
        for seg in item["without"]:
            if seg in text:
                fp += 1
                if report is not None:
                    report.append(f"{name}\tkept\t{seg}")
            else:
                tn += 1
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    accuracy = (tp + tn) / (tp + tn + fp + fn) if tp + tn + fp + fn else 0.0
    return dict(pages=len(names), tp=tp, fn=fn, fp=fp, tn=tn, precision=precision, recall=recall,
                f1=f1, accuracy=accuracy)


def bag(text):
    return collections.Counter(TOKEN.findall(text.lower()))


def token_score(expected, names, results):
    """Bag-of-tokens precision, recall and F1 (see the module's doc)."""
    tp = fp = fn = 0
    page_f1 = []
    for name in names:
        item = expected[name]
        text = results.get(name)
        out = bag(text) if isinstance(text, str) else collections.Counter()
        if isinstance(item.get("text"), str):
            gold = bag(item["text"])
            p_tp = sum((out & gold).values())
            p_fp = sum(out.values()) - p_tp
        else:
            gold = bag(" ".join(item["with"]))
            p_tp = sum((out & gold).values())
            p_fp = sum(((out - gold) & bag(" ".join(item["without"]))).values())
        p_fn = sum(gold.values()) - p_tp
        tp, fp, fn = tp + p_tp, fp + p_fp, fn + p_fn
        pp = p_tp / (p_tp + p_fp) if p_tp + p_fp else 0.0
        pr = p_tp / (p_tp + p_fn) if p_tp + p_fn else 0.0
        page_f1.append(2 * pp * pr / (pp + pr) if pp + pr else 0.0)
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    macro = sum(page_f1) / len(page_f1) if page_f1 else 0.0
    return dict(token_precision=precision, token_recall=recall, token_f1=f1, token_f1_pages=macro)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--dpk", required=True, help="path to dpk-extract")
    ap.add_argument("--data", required=True, help="folder with pages.tar.zst and expected.json")
    ap.add_argument("--every", type=int, default=1, help="score every Nth page (sorted by name)")
    ap.add_argument("--start", type=int, default=0, help="with --every: start at this page (--every 2 --start 1: the odd half)")
    ap.add_argument("--min-f1", type=float, default=None, help="exit 1 when F1 is below this")
    ap.add_argument("--errors", help="write missed/kept segments to this file")
    ap.add_argument("--json", action="store_true", help="print the scores as JSON")
    ap.add_argument("extra", nargs="*", help="more dpk-extract options (after --)")
    args = ap.parse_args()

    exp_path = os.path.join(args.data, "expected.json")
    pages = load_pages_of(args.data) if os.path.isfile(exp_path) else {}
    if not pages:
        sys.exit(f"evaluate.py: evaluation data not found in {args.data} (expected.json, and pages.tar.zst or pages/)")
    with open(exp_path, encoding="utf-8") as f:
        expected = json.load(f)
    names = sorted(n for n in expected if n in pages)[args.start:: max(1, args.every)]
    with tempfile.TemporaryDirectory() as tmp:
        jsonl = os.path.join(tmp, "pages.jsonl")
        write_jsonl(pages, names, jsonl)
        results = run_dpk(args.dpk, jsonl, args.extra)
    report = [] if args.errors else None
    s = score(expected, names, results, report)
    s.update(token_score(expected, names, results))
    if args.errors:
        with open(args.errors, "w", encoding="utf-8") as f:
            f.write("\n".join(report) + "\n")
    if args.json:
        print(json.dumps(s))
    else:
        print(f"pages {s['pages']}  tp {s['tp']} fn {s['fn']} fp {s['fp']} tn {s['tn']}")
        print(f"precision {s['precision']:.3f}  recall {s['recall']:.3f}  "
              f"accuracy {s['accuracy']:.3f}  F1 {s['f1']:.3f}")
        print(f"tokens: precision {s['token_precision']:.3f}  recall {s['token_recall']:.3f}  "
              f"F1 {s['token_f1']:.3f}  (mean of pages {s['token_f1_pages']:.3f})")
    if args.min_f1 is not None and s["f1"] < args.min_f1:
        print(f"evaluate.py: F1 {s['f1']:.3f} is below the floor {args.min_f1}", file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()
