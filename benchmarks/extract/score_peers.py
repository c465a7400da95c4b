#!/usr/bin/env python3
"""Scores trafilatura and resiliparse on the same pages with the same
segment metric as evaluate.py, for the comparison table in
benchmarks/RESULTS-extract.md.

  /work/venv-ingest/bin/python benchmarks/extract/score_peers.py
"""
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import evaluate  # noqa: E402


def main():
    import trafilatura
    from resiliparse.extract.html2text import extract_plain_text
    from resiliparse.parse.html import HTMLTree

    data = evaluate.DEFAULT_DATA
    with open(os.path.join(data, "expected.json"), encoding="utf-8") as f:
        expected = json.load(f)
    pages = evaluate.load_pages(os.path.join(data, "pages.tar.zst"))
    names = sorted(n for n in expected if n in pages)
    docs = {n: evaluate.decode_page(pages[n]) for n in names}
    peers = {
        f"trafilatura {trafilatura.__version__}":
            lambda h: trafilatura.extract(h, include_comments=False, include_tables=True),
        "resiliparse": lambda h: extract_plain_text(HTMLTree.parse(h), main_content=True),
    }
    for name, fn in peers.items():
        results = {n: fn(docs[n]) for n in names}
        s = evaluate.score(expected, names, results)
        print(f"{name:20s} precision {s['precision']:.3f} recall {s['recall']:.3f} F1 {s['f1']:.3f}")


if __name__ == "__main__":
    main()
