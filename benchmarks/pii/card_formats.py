#!/usr/bin/env python3
"""dpk-pii's card recall on the presidio-evaluator set with every planted
card rewritten plain, in groups separated by spaces, and by dashes (4-4-4-4,
4-4-4-4-3 for 19 digits, 4-6-5 for 15, 4-6-4 for 14), per length.

Usage: card_formats.py DPK_BIN_DIR [LD_LIBRARY_PATH]"""
import os, sys, json, re, collections, subprocess
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from evaluate import load, overlaps
docs = load(os.path.join(HERE, "presidio_evaluator_set.jsonl.zst"))
def groups(d):
    n = len(d)
    if n == 15: return [4, 6, 5]
    if n == 14: return [4, 6, 4]
    return [4] * (n // 4) + ([n % 4] if n % 4 else [])
def fmt(d, sep):
    out, i = [], 0
    for g in groups(d): out.append(d[i:i+g]); i += g
    return sep.join(out)
for sep in ["", " ", "-"]:
    items = []
    for doc in docs:
        for l in doc["labels"]:
            if l["type"] != "CREDIT_CARD": continue
            v = doc["text"][l["start"]:l["end"]]
            nv = fmt(re.sub(r"\D", "", v), sep)
            text = doc["text"][:l["start"]] + nv + doc["text"][l["end"]:]
            items.append((text, l["start"], l["start"] + len(nv), re.sub(r"\D", "", v)))
    inp = "".join(json.dumps({"id": str(i), "text": t}) + "\n" for i, (t, _, _, _) in enumerate(items))
    res = subprocess.run([sys.argv[1] + "/dpk-pii", "--mode", "annotate", "-q", "--types", "CREDIT_CARD"], input=inp.encode(), capture_output=True, check=True, env={"LD_LIBRARY_PATH": sys.argv[2] if len(sys.argv) > 2 else ""})
    outs = [json.loads(x) for x in res.stdout.decode().split("\n") if x]
    miss = collections.Counter(); tot = collections.Counter()
    for (t, s, e, d), o in zip(items, outs):
        k = (len(d), fmt("9" * len(d), sep) if sep else "plain")
        tot[k] += 1
        if not any(p["type"] == "CREDIT_CARD" and overlaps((p["start"], p["end"]), (s, e)) for p in o.get("pii", [])):
            miss[k] += 1
    print(f"sep={sep!r}: found {sum(tot.values()) - sum(miss.values())}/{sum(tot.values())}", dict((k, f"{tot[k]-miss[k]}/{tot[k]}") for k in sorted(tot)))
