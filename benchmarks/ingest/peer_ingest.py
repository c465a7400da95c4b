#!/usr/bin/env python3
"""The Python way to do what dpk-ingest does, for benchmarks/ingest/bench_ingest.sh:
read a tar archive from stdin entry by entry and write one JSON line per file.

    peer_ingest.py html < pages.tar   # HTML pages -> main text (trafilatura)
    peer_ingest.py code < src.tar     # source files -> StarCoder code measures

Needs trafilatura for `html` (pip install trafilatura into a venv).
"""
import json
import os
import sys
import tarfile

# The StarCoder measures, as the reference fixture computes them.
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from code_measures_reference import measures as code_fields  # noqa: E402


def main():
    mode = sys.argv[1]
    if mode == "html":
        import trafilatura
    out = sys.stdout
    with tarfile.open(fileobj=sys.stdin.buffer, mode="r|*") as tar:
        for member in tar:
            if not member.isfile():
                continue
            data = tar.extractfile(member).read()
            doc = {"id": member.name, "path": member.name, "size": len(data)}
            if b"\0" in data[:8000]:
                continue
            if mode == "html":
                doc["text"] = trafilatura.extract(data) or ""
            else:
                text = data.decode("utf-8", errors="replace")
                doc["text"] = text
                doc.update(code_fields(text))
            out.write(json.dumps(doc, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
