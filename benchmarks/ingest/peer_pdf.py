#!/usr/bin/env python3
"""The Python way of turning PDFs into text documents, for bench_pdf.sh.

    peer_pdf.py pypdf|pdfminer FILE... > docs.jsonl

pypdf: PdfReader(...).pages[i].extract_text(); pdfminer.six:
pdfminer.high_level.extract_text (what unstructured and LangChain's PDF
loaders build on). Pages are joined by a form feed, as dpk and pdftotext do.
A PDF the library cannot read is counted, not fatal.
"""
import json
import sys


def pypdf_text(path):
    from pypdf import PdfReader
    reader = PdfReader(path)
    return "\f".join(page.extract_text() or "" for page in reader.pages), len(reader.pages)


def pdfminer_text(path):
    from pdfminer.high_level import extract_text
    text = extract_text(path)
    return text.rstrip("\f"), text.count("\f")


def main():
    which, paths = sys.argv[1], sys.argv[2:]
    extract = {"pypdf": pypdf_text, "pdfminer": pdfminer_text}[which]
    failed = 0
    out = sys.stdout
    for path in paths:
        try:
            text, pages = extract(path)
        except Exception:  # a peer failing on one file goes on, as dpk does
            failed += 1
            continue
        out.write(json.dumps({"id": path, "pages": pages, "text": text}, ensure_ascii=False) + "\n")
    print(f"{which}: {len(paths) - failed} read, {failed} failed", file=sys.stderr)


if __name__ == "__main__":
    main()
