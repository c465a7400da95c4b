#!/usr/bin/env python3
"""Scores trafilatura and resiliparse on the same pages with the same
segment and token metrics as evaluate.py, for the comparison table in
benchmarks/RESULTS-extract.md.

  PY benchmarks/extract/score_peers.py [--data DIR]   # PY: a Python with requirements-extract.txt
"""
import argparse
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import evaluate  # noqa: E402


def main():
    import trafilatura
    from resiliparse.extract.html2text import extract_plain_text
    from resiliparse.parse.html import HTMLTree

    ap = argparse.ArgumentParser()
    ap.add_argument("--data", default=evaluate.DEFAULT_DATA, help="folder with pages.tar.zst and expected.json")
    data = ap.parse_args().data
    with open(os.path.join(data, "expected.json"), encoding="utf-8") as f:
        expected = json.load(f)
    pages = evaluate.load_pages_of(data)
    names = sorted(n for n in expected if n in pages)
    docs = {n: evaluate.decode_page(pages[n]) for n in names}
    peers = {
        f"trafilatura {trafilatura.__version__}":
            lambda h: trafilatura.extract(h, include_comments=False, include_tables=True),
        "resiliparse": lambda h: extract_plain_text(HTMLTree.parse_from_bytes(h.encode("utf-8"), "utf-8"),
                                                    main_content=True),
    }
    for name, fn in peers.items():
        results = {n: fn(docs[n]) for n in names}
        s = evaluate.score(expected, names, results)
        s.update(evaluate.token_score(expected, names, results))
        print(f"{name:20s} segments: precision {s['precision']:.3f} recall {s['recall']:.3f} F1 {s['f1']:.3f}; "
              f"tokens: precision {s['token_precision']:.3f} recall {s['token_recall']:.3f} "
              f"F1 {s['token_f1']:.3f} (pages {s['token_f1_pages']:.3f})")


if __name__ == "__main__":
    main()
