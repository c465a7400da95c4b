#!/usr/bin/env python3
"""Technical-text sample for the PII false-positive benchmark: Debian's own
package documentation (changelog.Debian.gz, copyright, NEWS*), text full of
dates, versions, times, CVE ids, postal codes and maintainer addresses.

Files are drawn in a fixed order (seed) from /usr/share/doc/*/ until the
sample holds TARGET bytes of text; each file is one document, cut at a line
end after MAX_DOC bytes so no single package dominates; a text seen
before (packages of one source share their changelog) is skipped. The package versions
the files came from are written beside the sample (dpkg-query), so the sample
can be traced to its sources.

Usage: make_tech_sample.py OUT.jsonl PACKAGES.txt [--seed 20261202] [--target 4000000]"""
import argparse
import glob
import gzip
import hashlib
import json
import os
import random
import subprocess

MAX_DOC = 48 * 1024


def read_doc(path):
    raw = gzip.open(path).read() if path.endswith(".gz") else open(path, "rb").read()
    text = raw.decode("utf-8", errors="replace")
    if len(text.encode("utf-8")) > MAX_DOC:
        cut = text.encode("utf-8")[:MAX_DOC].decode("utf-8", errors="ignore")
        text = cut[: cut.rfind("\n") + 1] or cut
    return text


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("packages")
    ap.add_argument("--seed", type=int, default=20261202)
    ap.add_argument("--target", type=int, default=4_000_000)
    ap.add_argument("--root", default="/usr/share/doc")
    a = ap.parse_args()
    paths = []
    for pat in ("*/changelog.Debian.gz", "*/copyright", "*/NEWS*"):
        paths += [p for p in glob.glob(os.path.join(a.root, pat)) if os.path.isfile(p) and not os.path.islink(p)]
    paths = sorted(set(paths))
    random.Random(a.seed).shuffle(paths)
    total, used, seen = 0, [], set()
    with open(a.out, "w", encoding="utf-8") as f:
        for p in paths:
            if total >= a.target:
                break
            text = read_doc(p)
            # Many packages of one source ship the same changelog: keep one.
            digest = hashlib.sha1(text.encode("utf-8")).digest()
            if not text.strip() or digest in seen:
                continue
            seen.add(digest)
            rel = os.path.relpath(p, a.root)
            f.write(json.dumps({"id": rel, "text": text}, ensure_ascii=False) + "\n")
            total += len(text.encode("utf-8"))
            used.append(rel.split("/")[0])
    versions = {}
    for pkg in sorted(set(used)):
        r = subprocess.run(["dpkg-query", "-W", "-f", "${Version}", pkg], capture_output=True, text=True)
        versions[pkg] = r.stdout.strip() if r.returncode == 0 else "(not a package name)"
    with open(a.packages, "w", encoding="utf-8") as f:
        f.write(f"# /usr/share/doc files of these packages, seed {a.seed}, {total} bytes of text\n")
        for pkg, v in versions.items():
            f.write(f"{pkg} {v}\n")


if __name__ == "__main__":
    main()
