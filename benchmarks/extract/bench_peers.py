#!/usr/bin/env python3
"""Times HTML main-content extraction per core on the same pages, two ways:

  in memory   the pages are decoded and held in memory first (not timed), then
              extracted in a loop, --repeat times, in one thread: dpk through
              build/benchmarks/extract_bench (ContentExtractor, C++), resiliparse
              through its fastest path (UTF-8 bytes, HTMLTree.parse_from_bytes,
              extract_plain_text(main_content=True)), trafilatura (--trafilatura)
              through trafilatura.extract. CPU seconds of the loop alone.
  process     each extractor as a whole process on a JSONL file of the pages
              ({"id", "html"}, the pages --repeat times over), writing a JSONL
              file of texts: dpk-extract --threads 1, and
              resiliparse_jsonl.py (json.loads, encode, parse_from_bytes,
              extract_plain_text, json.dumps). CPU seconds (user + system) of
              the process, start-up, reading and writing included.

  PY=V/bin/python   # a venv with benchmarks/requirements-extract.txt
  $PY benchmarks/extract/bench_peers.py --build build --data ../shared/data/html-extraction [--trafilatura]
"""
import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time

here = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, here)
import evaluate  # noqa: E402


def child_cpu():
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def process_cpu(cmd, rounds):
    """Least CPU seconds of `rounds` runs of cmd (a whole process each)."""
    best = None
    for _ in range(rounds):
        t0 = child_cpu()
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
        dt = child_cpu() - t0
        best = dt if best is None else min(best, dt)
    return best


def loop_cpu(fn, docs, repeat):
    t0 = time.process_time()
    for _ in range(repeat):
        for d in docs:
            fn(d)
    return time.process_time() - t0


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--build", default=os.path.join(here, "..", "..", "build"), help="dpk build folder")
    ap.add_argument("--data", required=True, help="folder with pages.tar.zst (benchmarks read the full set)")
    ap.add_argument("--repeat", type=int, default=3, help="passes over the pages (both modes)")
    ap.add_argument("--rounds", type=int, default=3, help="process mode: best of this many runs")
    ap.add_argument("--trafilatura", action="store_true", help="also time trafilatura in memory (slow)")
    args = ap.parse_args()

    from resiliparse.extract.html2text import extract_plain_text
    from resiliparse.parse.html import HTMLTree
    from importlib.metadata import version

    pages = evaluate.load_pages_of(args.data)
    names = sorted(pages)
    docs = [evaluate.decode_page(pages[n]) for n in names]
    blobs = [d.encode("utf-8") for d in docs]
    mb = sum(len(b) for b in blobs) / 1e6
    n = len(docs) * args.repeat
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        jsonl = os.path.join(tmp, "pages.jsonl")
        with open(jsonl, "w", encoding="utf-8") as f:
            for _ in range(args.repeat):
                for name, d in zip(names, docs):
                    f.write(json.dumps({"id": name, "html": d}, ensure_ascii=False) + "\n")
        one = os.path.join(tmp, "once.jsonl")
        evaluate.write_jsonl(pages, names, one)

        # In memory.
        out = subprocess.run([os.path.join(args.build, "benchmarks", "extract_bench"), one, str(args.repeat)],
                             check=True, capture_output=True, text=True).stdout.split()
        rows.append(("in memory", "dpk ContentExtractor", float(out[2])))

        def resi(b):
            return extract_plain_text(HTMLTree.parse_from_bytes(b, "utf-8"), main_content=True)

        resi(blobs[0])  # warm: module state, first allocations
        rows.append(("in memory", f"resiliparse {version('resiliparse')}", loop_cpu(resi, blobs, args.repeat)))
        if args.trafilatura:
            import trafilatura

            def traf(h):
                return trafilatura.extract(h, include_comments=False, include_tables=True)

            # One pass (it is slow), counted as --repeat passes.
            rows.append(("in memory", f"trafilatura {trafilatura.__version__}", loop_cpu(traf, docs, 1) * args.repeat))

        # Whole process.
        dpk_cmd = [os.path.join(args.build, "bin", "dpk-extract"), "--threads", "1", "--min-chars", "0",
                   "-o", os.path.join(tmp, "dpk-out.jsonl"), jsonl]
        rows.append(("process", "dpk-extract --threads 1", process_cpu(dpk_cmd, args.rounds)))
        resi_cmd = [sys.executable, os.path.join(here, "resiliparse_jsonl.py"), jsonl, os.path.join(tmp, "resi-out.jsonl")]
        rows.append(("process", "resiliparse_jsonl.py", process_cpu(resi_cmd, args.rounds)))

    print(f"{len(docs)} pages x {args.repeat} ({mb:.1f} MB of HTML a pass), one core, CPU seconds")
    print("| mode | extractor | CPU s | pages/s | MB/s |")
    print("|---|---|---|---|---|")
    for mode, name, t in rows:
        print(f"| {mode} | {name} | {t:.2f} | {n / t:.0f} | {mb * args.repeat / t:.1f} |")
    t = {(mode, name.split()[0]): sec for mode, name, sec in rows}
    print(f"in memory: dpk is {t[('in memory', 'resiliparse')] / t[('in memory', 'dpk')]:.2f}x resiliparse")
    print(f"process:   dpk is {t[('process', 'resiliparse_jsonl.py')] / t[('process', 'dpk-extract')]:.2f}x resiliparse")
    if args.trafilatura:
        print(f"in memory: dpk is {t[('in memory', 'trafilatura')] / t[('in memory', 'dpk')]:.1f}x trafilatura")

if __name__ == "__main__":
    main()
