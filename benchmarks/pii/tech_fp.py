#!/usr/bin/env python3
"""False positives per MB of technical text (Debian changelogs, copyright
files, NEWS), for dpk-pii and for presidio's pattern recognizers, scored
against the reviewed detections in tech_labels.jsonl.zst.

Every detection is matched to a reviewed one of its type and document that
it overlaps: a true value (TP), a value that is not of that type (FP), or
no reviewed detection at all (`unreviewed`: review it and add it to the
labels before reading the FP figure).

Usage: tech_fp.py SAMPLE.jsonl.zst LABELS.jsonl.zst DPK_BIN_DIR [--no-presidio] [--dump OUT.jsonl]"""
import argparse
import collections
import json
import logging
import subprocess

TYPES = ["EMAIL", "PHONE", "IP_ADDRESS", "CREDIT_CARD", "IBAN", "US_SSN", "URL_CREDENTIALS", "SECRET", "MAC_ADDRESS"]


def load(path):
    data = subprocess.run(["zstd", "-dcq", path], capture_output=True, check=True).stdout if path.endswith(".zst") \
        else open(path, "rb").read()
    return [json.loads(l) for l in data.decode("utf-8").split("\n") if l]


def run_dpk(docs, bin_dir):
    inp = "".join(json.dumps({"id": d["id"], "text": d["text"]}, ensure_ascii=False) + "\n" for d in docs)
    res = subprocess.run([f"{bin_dir}/dpk-pii", "--mode", "annotate", "-q"], input=inp.encode(),
                         capture_output=True, check=True)
    out = [json.loads(l) for l in res.stdout.decode().split("\n") if l]
    return [[(p["type"], p["start"], p["end"]) for p in o.get("pii", [])] for o in out]


def run_presidio(docs):
    logging.disable(logging.CRITICAL)
    from presidio_patterns import TYPE_MAP, make_analyzer
    analyzer = make_analyzer()
    return [[(TYPE_MAP[r.entity_type], r.start, r.end) for r in analyzer.analyze(d["text"], language="en")
             if r.entity_type in TYPE_MAP] for d in docs]


def score(docs, detections, labels):
    by_doc = collections.defaultdict(list)
    for l in labels:
        by_doc[l["id"]].append(l)
    c = {t: collections.Counter() for t in TYPES}
    unreviewed = []
    for doc, dets in zip(docs, detections):
        for t, s, e in dets:
            hits = [l for l in by_doc[doc["id"]] if l["type"] == t and l["start"] < e and s < l["end"]]
            if not hits:
                c[t]["unreviewed"] += 1
                unreviewed.append({"id": doc["id"], "type": t, "start": s, "end": e, "value": doc["text"][s:e]})
            elif any(l["true"] for l in hits):
                c[t]["tp"] += 1
            else:
                c[t]["fp"] += 1
    return c, unreviewed


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("sample")
    ap.add_argument("labels")
    ap.add_argument("bin_dir")
    ap.add_argument("--no-presidio", action="store_true")
    ap.add_argument("--dump", help="write the unreviewed detections here")
    a = ap.parse_args()
    docs, labels = load(a.sample), load(a.labels)
    mb = sum(len(d["text"].encode("utf-8")) for d in docs) / 1e6
    tools = {"dpk": run_dpk(docs, a.bin_dir)}
    if not a.no_presidio:
        tools["presidio"] = run_presidio(docs)
    print(f"{len(docs)} documents, {mb:.2f} MB of text, {len(labels)} reviewed detections\n")
    print("| tool | type | detections | true | false | unreviewed | false per MB |")
    print("|---|---|---|---|---|---|---|")
    dumped = []
    for name, dets in tools.items():
        c, unrev = score(docs, dets, labels)
        dumped += [dict(u, tool=name) for u in unrev]
        total = collections.Counter()
        for t in TYPES:
            k = c[t]
            n = k["tp"] + k["fp"] + k["unreviewed"]
            total.update(k)
            if n:
                print(f"| {name} | {t} | {n} | {k['tp']} | {k['fp']} | {k['unreviewed']} | {k['fp'] / mb:.2f} |")
        n = total["tp"] + total["fp"] + total["unreviewed"]
        print(f"| {name} | all | {n} | {total['tp']} | {total['fp']} | {total['unreviewed']} | {total['fp'] / mb:.2f} |")
    if a.dump:
        with open(a.dump, "w", encoding="utf-8") as f:
            for u in dumped:
                f.write(json.dumps(u, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
