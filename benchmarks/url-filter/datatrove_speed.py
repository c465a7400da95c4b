#!/usr/bin/env python3
"""URLs per CPU second of datatrove's URLFilter, for the ratio in
benchmarks/RESULTS-url-filter.md.

    python3 benchmarks/url-filter/datatrove_speed.py URLS LISTS_DIR [PASSES]

URLS: "reason<TAB>url" lines (.gz) or one URL a line. LISTS_DIR: the
datatrove layout (domains, urls, banned_words.txt, banned_subwords.txt,
soft_banned_words.txt), as given to url_filter_bench.
"""
import gzip
import os
import sys
import time

from datatrove.data import Document
from datatrove.pipeline.filters.url_filter import URLFilter
from tldextract import TLDExtract


def lines(path):
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rt", encoding="utf-8") as f:
        return [x.rstrip("\n") for x in f if x.strip()]


def main():
    urls_path, lists, passes = sys.argv[1], sys.argv[2], int(sys.argv[3]) if len(sys.argv) > 3 else 5
    urls = [x.split("\t", 1)[-1] for x in lines(urls_path)]

    def opt(name):
        p = os.path.join(lists, name)
        return lines(p) if os.path.exists(p) else None

    t = time.process_time()
    f = URLFilter(extra_domains=opt("domains"), extra_urls=opt("urls"), banned_words=opt("banned_words.txt"),
                  banned_subwords=opt("banned_subwords.txt"), soft_banned_words=opt("soft_banned_words.txt"),
                  use_integrated_lists=False)
    f.tldextractor = TLDExtract(suffix_list_urls=("file:///usr/share/publicsuffix/public_suffix_list.dat",),
                                cache_dir=None, fallback_to_snapshot=False)
    print(f"datatrove load: {time.process_time() - t:.3f} s CPU")
    docs = [Document(text="", id=str(i), metadata={"url": u}) for i, u in enumerate(urls)]
    for d in docs:
        f.filter(d)  # warm up
    t = time.process_time()
    for _ in range(passes):
        for d in docs:
            f.filter(d)
    s = time.process_time() - t
    print(f"datatrove decide: {len(urls)} URLs x {passes} passes in {s:.3f} s CPU: "
          f"{len(urls) * passes / s / 1e6:.3f} M URLs per CPU second")


if __name__ == "__main__":
    main()
