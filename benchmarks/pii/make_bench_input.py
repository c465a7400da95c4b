#!/usr/bin/env python3
"""Web-like benchmark input without repeated numbers: K copies of the real
pages, copy k with every digit d replaced by (d + k) % 10, so numbers keep
their shapes (dates, prices, phones) but no copy repeats another's values.

Usage: make_bench_input.py PAGES.jsonl OUT.jsonl [K]"""
import json
import sys

pages, out = sys.argv[1], sys.argv[2]
k_copies = int(sys.argv[3]) if len(sys.argv) > 3 else 8
docs = [json.loads(l) for l in open(pages, encoding="utf-8")]
with open(out, "w", encoding="utf-8") as f:
    for k in range(k_copies):
        table = str.maketrans("0123456789", "".join(str((d + k) % 10) for d in range(10)))
        for i, d in enumerate(docs):
            f.write(json.dumps({"id": f"{k}-{i}", "text": d["text"].translate(table)}, ensure_ascii=False) + "\n")
