#!/usr/bin/env python3
"""Makes the url-filter conformance fixture: real URLs, a block list in the
UT1 layout drawn from them, and datatrove's URLFilter decision for each URL.

    python3 testdata/url-filter/make_reference.py SOURCE

SOURCE is the real data folder (testdata/README.md): the URLs are the
WARC-Target-URI of every record in SOURCE/warc/*, the page URLs of
SOURCE/html-extraction/expected.json, the URLs written in the page texts of
SOURCE/web/pages.jsonl and the absolute links of the pages in
SOURCE/html-extraction/pages.tar.zst (a fixed, sorted sample of these).

Needs datatrove==0.10.1 and tldextract (benchmarks/requirements-url-filter.txt)
and the Debian `publicsuffix` package: the reference reads the same Public
Suffix List dpk reads, so both sides split hosts alike.
"""
import gzip
import io
import json
import os
import re
import subprocess
import sys
import tarfile

from datatrove.data import Document
from datatrove.pipeline.filters.url_filter import URLFilter
from tldextract import TLDExtract

HERE = os.path.dirname(os.path.abspath(__file__))
PSL = "/usr/share/publicsuffix/public_suffix_list.dat"
URL_IN_TEXT = re.compile(r"https?://[^\s\"'<>\\]+")
HREF = re.compile(rb"""href\s*=\s*["'](https?://[^"'\s<>]+)["']""", re.I)

# Words chosen for this fixture (not taken from any shipped list): common
# enough in real URLs that every rule fires on some of them.
BANNED_WORDS = ["news", "shop", "Login", "blog-post", "# a comment line"]
BANNED_SUBWORDS = ["cookie", "wiki", "2019", "faq"]
SOFT_BANNED_WORDS = ["www", "de", "html", "index", "en", "org", "php", "article"]


def warc_urls(folder):
    for name in sorted(os.listdir(folder)):
        with open(os.path.join(folder, name), "rb") as f:
            raw = f.read()
        try:
            raw = gzip.decompress(raw)
        except (OSError, EOFError):
            pass
        for line in raw.split(b"\n"):
            if line.startswith(b"WARC-Target-URI:"):
                yield line.split(b":", 1)[1].strip().decode("utf-8", "replace")


def collect_urls(source):
    urls = set(warc_urls(os.path.join(source, "warc")))
    with open(os.path.join(source, "html-extraction", "expected.json")) as f:
        urls.update(v["url"] for v in json.load(f).values() if v.get("url"))
    with open(os.path.join(source, "web", "pages.jsonl")) as f:
        for line in f:
            urls.update(URL_IN_TEXT.findall(json.loads(line)["text"]))
    tar_bytes = subprocess.run(["zstd", "-dc", os.path.join(source, "html-extraction", "pages.tar.zst")],
                               check=True, capture_output=True).stdout
    links = set()
    with tarfile.open(fileobj=io.BytesIO(tar_bytes)) as tar:
        for member in tar:
            if member.isfile():
                for m in HREF.findall(tar.extractfile(member).read()):
                    links.add(m.decode("utf-8", "replace").replace("&amp;", "&"))
    links = sorted(u for u in links if "\t" not in u and "\n" not in u)
    urls.update(links[:: max(1, len(links) // 3000)])
    return sorted(u for u in urls if u and "\t" not in u and "\n" not in u)


def write_list(path, items):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as f:
        f.write("# made by testdata/url-filter/make_reference.py\n")
        for x in items:
            f.write(x + "\n")


def main():
    source = sys.argv[1]
    urls = collect_urls(source)
    extract = TLDExtract(suffix_list_urls=("file://" + PSL,), cache_dir=None, fallback_to_snapshot=False)
    registered = sorted({extract(u).registered_domain for u in urls} - {""})
    hosts = sorted({extract(u).fqdn for u in urls} - {""} - set(registered))
    # The UT1 layout: one folder per category with `domains` and `urls`.
    blocklist = os.path.join(HERE, "blocklist")
    categories = {
        "adult": (registered[::9], urls[::97]),
        "gambling": (hosts[::7], []),
        "phishing": (registered[4::13], urls[3::89]),
    }
    for cat, (domains, cat_urls) in categories.items():
        write_list(os.path.join(blocklist, cat, "domains"), domains)
        if cat_urls:
            write_list(os.path.join(blocklist, cat, "urls"), cat_urls)
    write_list(os.path.join(blocklist, "banned_words.txt"), BANNED_WORDS)
    write_list(os.path.join(blocklist, "banned_subwords.txt"), BANNED_SUBWORDS)
    write_list(os.path.join(blocklist, "soft_banned_words.txt"), SOFT_BANNED_WORDS)

    def lines(path):
        with open(path) as f:
            return [x for x in f if x.strip()]

    all_domains = [x for cat in categories for x in lines(os.path.join(blocklist, cat, "domains"))]
    all_urls = [x for cat in categories if categories[cat][1] for x in lines(os.path.join(blocklist, cat, "urls"))]
    reference = URLFilter(
        extra_domains=all_domains,
        extra_urls=all_urls,
        banned_words=lines(os.path.join(blocklist, "banned_words.txt")),
        banned_subwords=lines(os.path.join(blocklist, "banned_subwords.txt")),
        soft_banned_words=lines(os.path.join(blocklist, "soft_banned_words.txt")),
        use_integrated_lists=False,
    )
    reference.tldextractor = extract
    out = os.path.join(HERE, "datatrove-decisions.tsv.gz")
    with gzip.GzipFile(out, "wb", mtime=0) as gz:
        for u in urls:
            verdict = reference.filter(Document(text="", id="0", metadata={"url": u}))
            reason = "keep" if verdict is True else verdict[1]
            gz.write(f"{reason}\t{u}\n".encode("utf-8"))
    print(f"{len(urls)} URLs -> {out}")


if __name__ == "__main__":
    main()
