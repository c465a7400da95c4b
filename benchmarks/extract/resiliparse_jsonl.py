#!/usr/bin/env python3
"""resiliparse as a whole process, the peer of `dpk-extract --threads 1` in
bench_peers.py's process mode: reads a JSONL file of pages ({"id", "html"}),
writes {"id", "text"} lines with the main content (resiliparse's fastest
path: UTF-8 bytes into HTMLTree.parse_from_bytes, then
extract_plain_text(main_content=True)).

  resiliparse_jsonl.py PAGES.jsonl OUT.jsonl
"""
import json
import sys

from resiliparse.extract.html2text import extract_plain_text
from resiliparse.parse.html import HTMLTree


def main():
    src, dst = sys.argv[1], sys.argv[2]
    with open(src, "rb") as f, open(dst, "w", encoding="utf-8") as out:
        for line in f:
            doc = json.loads(line)
            tree = HTMLTree.parse_from_bytes(doc["html"].encode("utf-8"), "utf-8")
            text = extract_plain_text(tree, main_content=True)
            out.write(json.dumps({"id": doc["id"], "text": text}, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
