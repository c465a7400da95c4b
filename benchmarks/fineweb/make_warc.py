#!/usr/bin/env python3
"""Write real web pages as Common Crawl-style WARC response records.

The pages are the raw HTML of the extraction evaluation set
(DATA/pages.tar.zst, their URLs in DATA/expected.json). Each page becomes one
gzipped `response` record, as in a Common Crawl WARC: WARC-Target-URI,
WARC-Date, WARC-Record-ID, WARC-Identified-Payload-Type text/html, and an
HTTP/1.1 200 header block whose Content-Type carries no charset (the readers
must find it themselves, as they must for many crawled pages). Bodies are the
saved bytes, unchanged.

--copies N writes N files, OUT/pages-000.warc.gz ... : copy k holds every page
again under the URL with `#copy-k` appended (a fragment, so the page is the
same). Copy 0 alone is the set of distinct pages; later copies only add
volume for timing.

--pages NAME,... keeps only the named pages (file names in the archive),
for a small test fixture.

Usage: make_warc.py DATA OUT [--copies N] [--pages NAMES]
Needs warcio (benchmarks/requirements-fineweb.txt).
"""
import argparse
import io
import json
import os
import subprocess
import tarfile
import uuid

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

# A fixed date and record ids derived from the URL: the same input gives the same WARC.
DATE = "2024-04-15T10:00:00Z"


def load_pages(data):
    raw = subprocess.run(["zstd", "-dcq", os.path.join(data, "pages.tar.zst")],
                         check=True, capture_output=True).stdout
    pages = {}
    with tarfile.open(fileobj=io.BytesIO(raw)) as tar:
        for member in tar:
            if member.isfile():
                pages[os.path.basename(member.name)] = tar.extractfile(member).read()
    with open(os.path.join(data, "expected.json"), encoding="utf-8") as f:
        urls = {name: entry["url"] for name, entry in json.load(f).items()}
    return [(name, urls[name], pages[name]) for name in sorted(urls) if name in pages]


def write_copy(path, pages, copy):
    with open(path, "wb") as out:
        writer = WARCWriter(out, gzip=True)
        for _, url, body in pages:
            if copy:
                url = f"{url}#copy-{copy}"
            http = StatusAndHeaders("200 OK", [("Content-Type", "text/html"),
                                               ("Content-Length", str(len(body)))], protocol="HTTP/1.1")
            record_id = f"<urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, url)}>"
            record = writer.create_warc_record(
                url, "response", payload=io.BytesIO(body), http_headers=http,
                warc_headers_dict={"WARC-Date": DATE, "WARC-Record-ID": record_id,
                                   "WARC-Identified-Payload-Type": "text/html"})
            writer.write_record(record)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("data", help="folder with pages.tar.zst and expected.json")
    ap.add_argument("out", help="output folder")
    ap.add_argument("--copies", type=int, default=1)
    ap.add_argument("--pages", default="", help="comma-separated page file names to keep")
    args = ap.parse_args()
    pages = load_pages(args.data)
    if args.pages:
        wanted = set(args.pages.split(","))
        missing = wanted - {name for name, _, _ in pages}
        if missing:
            ap.error(f"--pages: not in the data: {', '.join(sorted(missing))}")
        pages = [p for p in pages if p[0] in wanted]
    os.makedirs(args.out, exist_ok=True)
    for copy in range(args.copies):
        write_copy(os.path.join(args.out, f"pages-{copy:03d}.warc.gz"), pages, copy)
    print(f"{len(pages)} pages x {args.copies} copies -> {args.out}")


if __name__ == "__main__":
    main()
