#!/usr/bin/env python3
"""Times HTML main-content extraction per core on the same pages: dpk-extract
(--threads 1, including its JSONL reading and writing), trafilatura and
resiliparse (one Python process, pages already decoded in memory).

  /work/venv-ingest/bin/python benchmarks/extract/bench_peers.py --dpk build/bin/dpk-extract
"""
import argparse
import os
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import evaluate  # noqa: E402


def time_dpk(dpk, jsonl, repeat):
    best = None
    for _ in range(repeat):
        t0 = time.perf_counter()
        subprocess.run([dpk, "--threads", "1", "--min-chars", "0", "-o", "/dev/null", jsonl], check=True)
        dt = time.perf_counter() - t0
        best = dt if best is None else min(best, dt)
    return best


def time_python(fn, docs, repeat):
    best = None
    for _ in range(repeat):
        t0 = time.perf_counter()
        for d in docs:
            fn(d)
        dt = time.perf_counter() - t0
        best = dt if best is None else min(best, dt)
    return best


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--dpk", required=True)
    ap.add_argument("--data", default=evaluate.DEFAULT_DATA)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--peer-repeat", type=int, default=1)
    args = ap.parse_args()

    import trafilatura
    from resiliparse.extract.html2text import extract_plain_text
    from resiliparse.parse.html import HTMLTree

    pages = evaluate.load_pages(os.path.join(args.data, "pages.tar.zst"))
    names = sorted(pages)
    docs = [evaluate.decode_page(pages[n]) for n in names]
    mb = sum(len(d.encode("utf-8")) for d in docs) / 1e6
    with tempfile.TemporaryDirectory() as tmp:
        jsonl = os.path.join(tmp, "pages.jsonl")
        evaluate.write_jsonl(pages, names, jsonl)
        t_dpk = time_dpk(args.dpk, jsonl, args.repeat)

    def traf(html):
        return trafilatura.extract(html, include_comments=False, include_tables=True)

    def resi(html):
        return extract_plain_text(HTMLTree.parse(html), main_content=True)

    t_traf = time_python(traf, docs, args.peer_repeat)
    t_resi = time_python(resi, docs, args.repeat)
    n = len(docs)
    print(f"pages {n}, {mb:.1f} MB of HTML, one core each")
    for name, t in (("dpk-extract", t_dpk), (f"trafilatura {trafilatura.__version__}", t_traf),
                    ("resiliparse", t_resi)):
        print(f"  {name:24s} {t:8.2f} s  {n / t:8.1f} pages/s  {mb / t:7.2f} MB/s")
    print(f"dpk-extract vs trafilatura: {t_traf / t_dpk:.1f}x")
    print(f"dpk-extract vs resiliparse: {t_resi / t_dpk:.2f}x")


if __name__ == "__main__":
    main()
