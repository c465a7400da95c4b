#!/usr/bin/env python3
"""What changes between two builds of dpk-pii on the same text: every
detection one build makes and the other does not, with its type, value and
the line around it, and the counts per type. Used to read what a change of
rules costs and gains on text without labels (real pages, Debian's
documentation outside the labelled sample).

The input is a JSONL file (`id`, `text`), or with --debian-docs the files
changelog*, NEWS*, README*, TODO* and copyright of /usr/share/doc/*/ that
decode as UTF-8, leaving out the packages listed in EXCLUDE (the sample's
tech_sample_packages.txt: what is left was not used to write the rules).
--same-kinds keeps only the kinds of file the sample holds
(changelog.Debian.gz, copyright, NEWS*).

Usage: compare_builds.py (INPUT.jsonl | --debian-docs EXCLUDE.txt [--same-kinds]) BEFORE_BIN_DIR AFTER_BIN_DIR [--types EMAIL,IP_ADDRESS]"""
import argparse
import collections
import glob
import gzip
import json
import os
import subprocess

KINDS = ("changelog", "NEWS", "README", "TODO", "copyright")


def debian_docs(exclude_path, same_kinds):
    exclude = {l.split()[0] for l in open(exclude_path) if l.strip() and not l.startswith("#")}
    docs = []
    for d in sorted(glob.glob("/usr/share/doc/*/")):
        pkg = os.path.basename(d.rstrip("/"))
        if pkg in exclude:
            continue
        for path in sorted(glob.glob(d + "*")):
            name = os.path.basename(path)
            if not name.startswith(KINDS) or not os.path.isfile(path):
                continue
            if same_kinds and not (name in ("changelog.Debian.gz", "copyright") or name.startswith("NEWS")):
                continue
            try:
                raw = gzip.open(path).read() if path.endswith(".gz") else open(path, "rb").read()
                docs.append({"id": f"{pkg}/{name}", "text": raw.decode("utf-8")})
            except (OSError, UnicodeDecodeError, EOFError):
                continue
    return docs


def detections(docs, bin_dir):
    inp = "".join(json.dumps(d, ensure_ascii=False) + "\n" for d in docs).encode()
    res = subprocess.run([f"{bin_dir}/dpk-pii", "--mode", "annotate", "--threads", "1", "-q"], input=inp,
                         capture_output=True, check=True)
    out = set()
    for line in res.stdout.decode().split("\n"):
        if line:
            o = json.loads(line)
            out.update((o["id"], p["type"], p["start"], p["end"]) for p in o.get("pii", []))
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("input", nargs="?")
    ap.add_argument("before")
    ap.add_argument("after")
    ap.add_argument("--debian-docs", metavar="EXCLUDE")
    ap.add_argument("--same-kinds", action="store_true")
    ap.add_argument("--types", default="EMAIL,IP_ADDRESS,PHONE")
    a = ap.parse_args()
    if a.debian_docs:
        docs = debian_docs(a.debian_docs, a.same_kinds)
    else:
        docs = [json.loads(l) for l in open(a.input, encoding="utf-8") if l.strip()]
    text = {d["id"]: d["text"] for d in docs}
    types = set(a.types.split(","))
    mb = sum(len(t.encode("utf-8")) for t in text.values()) / 1e6
    before, after = detections(docs, a.before), detections(docs, a.after)
    print(f"{len(docs)} documents, {mb:.1f} MB of text\n")
    print("| type | before | after | lost | new |")
    print("|---|---|---|---|---|")
    for t in sorted(types):
        n = lambda s: sum(1 for x in s if x[1] == t)
        print(f"| {t} | {n(before)} | {n(after)} | {n(before - after)} | {n(after - before)} |")
    for tag, s in (("lost", before - after), ("new", after - before)):
        for doc, t, b, e in sorted(s):
            if t in types:
                ctx = text[doc][max(0, b - 50):e + 30].replace("\n", " ")
                print(f"{tag}\t{t}\t{doc}\t{text[doc][b:e]}\t{ctx}")


if __name__ == "__main__":
    main()
