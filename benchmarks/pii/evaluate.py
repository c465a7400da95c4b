#!/usr/bin/env python3
"""Precision and recall per type on the labelled PII set, for dpk-pii and for
presidio's pattern recognizers (no NER), on the same documents.

A detection of type T counts as a true positive when it overlaps a planted
value labelled T, as a false positive when it overlaps a planted near miss or
a value of another type; detections elsewhere in the page text (which holds
real contact data of its own) are counted apart as `unplanted`. Recall is the
share of planted values of type T that some detection of T overlaps.

Usage: evaluate.py LABELLED.jsonl[.zst] DPK_BIN_DIR [--json OUT.json] [--dpk-arg=--regions=US,...]"""
import argparse
import collections
import io
import json
import logging
import subprocess
import sys

TYPES = ["EMAIL", "PHONE", "IP_ADDRESS", "CREDIT_CARD", "IBAN", "US_SSN", "URL_CREDENTIALS", "SECRET", "MAC_ADDRESS"]


def load(path):
    data = subprocess.run(["zstd", "-dcq", path], capture_output=True, check=True).stdout if path.endswith(".zst") \
        else open(path, "rb").read()
    return [json.loads(l) for l in io.StringIO(data.decode("utf-8"))]


def overlaps(a, b):
    return a[0] < b[1] and b[0] < a[1]


def score(docs, detections):
    """detections: per doc, list of (type, start, end) in code points."""
    c = {t: collections.Counter() for t in TYPES}
    for doc, dets in zip(docs, detections):
        # Near misses (`decoys`) and entities of types outside TYPES
        # (`others`, in the presidio-evaluator set) are negatives.
        planted = [(l["type"], l["start"], l["end"], True) for l in doc["labels"]] + \
                  [(l["type"], l["start"], l["end"], False) for l in doc.get("decoys", []) + doc.get("others", [])]
        for t, s, e, valid in planted:
            if valid:
                c[t]["labels"] += 1
                if any(dt == t and overlaps((s, e), (ds, de)) for dt, ds, de in dets):
                    c[t]["found"] += 1
        for dt, ds, de in dets:
            if dt not in c:
                continue
            hits = [p for p in planted if overlaps((p[1], p[2]), (ds, de))]
            if not hits:
                c[dt]["unplanted"] += 1
            elif any(p[0] == dt and p[3] for p in hits):
                c[dt]["tp"] += 1
            else:
                c[dt]["fp"] += 1
    out = {}
    for t in TYPES:
        k = c[t]
        out[t] = {"labels": k["labels"], "recall": k["found"] / k["labels"] if k["labels"] else None,
                  "precision": k["tp"] / (k["tp"] + k["fp"]) if k["tp"] + k["fp"] else None,
                  "tp": k["tp"], "fp": k["fp"], "unplanted": k["unplanted"]}
    return out


def run_dpk(docs, bin_dir, extra_args=()):
    inp = "".join(json.dumps({"id": d["id"], "text": d["text"]}, ensure_ascii=False) + "\n" for d in docs)
    res = subprocess.run([f"{bin_dir}/dpk-pii", "--mode", "annotate", "-q", *extra_args], input=inp.encode(), capture_output=True, check=True)
    # split on "\n" only: str.splitlines() also splits inside strings at U+2028 and kin.
    out = [json.loads(l) for l in res.stdout.decode().split("\n") if l]
    return [[(p["type"], p["start"], p["end"]) for p in o.get("pii", [])] for o in out]


def run_presidio(docs):
    logging.disable(logging.CRITICAL)
    from presidio_patterns import TYPE_MAP, make_analyzer
    analyzer = make_analyzer()
    dets = []
    for d in docs:
        rs = analyzer.analyze(d["text"], language="en")
        dets.append([(TYPE_MAP[r.entity_type], r.start, r.end) for r in rs if r.entity_type in TYPE_MAP])
    return dets


def fmt(x):
    return "-" if x is None else f"{x:.3f}"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("labelled")
    ap.add_argument("bin_dir")
    ap.add_argument("--json")
    ap.add_argument("--dpk-arg", action="append", default=[], help="extra dpk-pii argument (repeatable)")
    a = ap.parse_args()
    docs = load(a.labelled)
    dpk = score(docs, run_dpk(docs, a.bin_dir, a.dpk_arg))
    pre = score(docs, run_presidio(docs))
    print(f"{len(docs)} documents, {sum(len(d['labels']) for d in docs)} planted values, "
          f"{sum(len(d.get('decoys', [])) for d in docs)} planted near misses, "
          f"{sum(len(d.get('others', [])) for d in docs)} entities of other types\n")
    print("| type | planted | dpk precision | dpk recall | presidio precision | presidio recall | dpk / presidio unplanted |")
    print("|---|---|---|---|---|---|---|")
    from presidio_patterns import TYPE_MAP
    covered = set(TYPE_MAP.values())
    for t in TYPES:
        d, p = dpk[t], pre[t]
        pp, pr = (fmt(p["precision"]), fmt(p["recall"])) if t in covered else ("n/a", "n/a")
        print(f"| {t} | {d['labels']} | {fmt(d['precision'])} | {fmt(d['recall'])} | {pp} | {pr} | "
              f"{d['unplanted']} / {p['unplanted'] if t in covered else 'n/a'} |")
    if a.json:
        json.dump({"dpk": dpk, "presidio": pre}, open(a.json, "w"), indent=1)
    worse = [t for t in covered if (dpk[t]["precision"] or 0) < (pre[t]["precision"] or 0) - 1e-9
             or (dpk[t]["recall"] or 0) < (pre[t]["recall"] or 0) - 1e-9]
    if worse:
        print("\ndpk below presidio on: " + ", ".join(sorted(worse)), file=sys.stderr)


if __name__ == "__main__":
    main()
