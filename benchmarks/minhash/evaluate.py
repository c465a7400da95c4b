#!/usr/bin/env python3
"""Precision and recall of near-duplicate clusters against the planted truth,
for dpk (outputs of `dpk-minhash-dedup --annotate`), datasketch MinHashLSH and,
when given, datatrove; and how often dpk's clusters agree with datasketch's.

Truth: pairs of documents whose shingle sets (dpk's shingles) have an exact
Jaccard similarity >= --threshold, found through an inverted index of shingles.
Predicted pairs: all pairs inside a predicted cluster.

  python3 evaluate.py --set set.jsonl --dpk xxh3=out1.jsonl --dpk datasketch=out2.jsonl
"""
import argparse
import json
import sys
from collections import defaultdict
from itertools import combinations

from make_reference import datasketch_signatures, lsh_edges, read_set
from minhash_reference_lib import cluster_ids, shingles


def truth_pairs(sets, threshold):
    index = defaultdict(list)
    hashed = [set(hash(s) for s in ss) for ss in sets]
    for i, hs in enumerate(hashed):
        for h in hs:
            index[h].append(i)
    shared = defaultdict(int)
    for docs in index.values():
        if len(docs) > 300:  # boilerplate shingles; true pairs share many rarer ones too
            continue
        for a, b in combinations(docs, 2):
            shared[(a, b)] += 1
    out = set()
    for (a, b), n in shared.items():
        if n >= threshold * min(len(hashed[a]), len(hashed[b])) * 0.5:
            j = len(hashed[a] & hashed[b]) / len(hashed[a] | hashed[b])
            if j >= threshold:
                out.add((a, b))
    return out


def pairs_of(clusters):
    groups = defaultdict(list)
    for i, c in enumerate(clusters):
        if c:
            groups[c].append(i)
    return {p for g in groups.values() for p in combinations(sorted(g), 2)}


def dropped(clusters):
    return [bool(c) and c != i + 1 for i, c in enumerate(clusters)]


def scores(pred, truth):
    tp = len(pred & truth)
    p = tp / len(pred) if pred else 1.0
    r = tp / len(truth) if truth else 1.0
    return p, r


def read_dpk(path, n):
    by_line = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            by_line.append(json.loads(line).get("dup_cluster", 0))
    assert len(by_line) == n, f"{path}: {len(by_line)} documents, expected {n}"
    return by_line


def read_datatrove(path, n):
    # id -> cluster root id (ids are the 0-based lines of the set)
    roots = json.load(open(path))
    out = [0] * n
    for i, r in roots.items():
        out[int(i)] = int(r) + 1
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--set", required=True)
    ap.add_argument("--dpk", action="append", default=[], help="NAME=annotated output")
    ap.add_argument("--datatrove", help="JSON {doc line: cluster root line} from run_datatrove.py")
    ap.add_argument("--threshold", type=float, default=0.8)
    args = ap.parse_args()
    docs = read_set(args.set)
    n = len(docs)
    sets = [shingles(d["text"]) for d in docs]
    truth = truth_pairs(sets, args.threshold)
    mhs = datasketch_signatures(sets, 112, 1)
    ds = cluster_ids(n, lsh_edges(mhs, [bool(s) for s in sets], 112, 14, 8))
    rows = [("datasketch MinHashLSH (legacy, 14x8)", ds)]
    # The noise floor: datasketch against itself with another seed.
    ds2 = cluster_ids(n, lsh_edges(datasketch_signatures(sets, 112, 2), [bool(s) for s in sets], 112, 14, 8))
    rows.append(("datasketch MinHashLSH, seed 2", ds2))
    for spec in args.dpk:
        name, path = spec.split("=", 1)
        rows.append((f"dpk --hash-scheme {name}", read_dpk(path, n)))
    if args.datatrove:
        rows.append(("datatrove MinhashDedup (14x8, 5-gram)", read_datatrove(args.datatrove, n)))
    rates = sorted({d["edit_rate"] for d in docs})
    print(f"{n} documents, {len(truth)} true pairs (exact Jaccard >= {args.threshold})\n")
    print("| tool | pairs found | precision | recall | documents dropped | same clusters as datasketch | same keep/drop as datasketch |")
    print("|---|---|---|---|---|---|---|")
    ds_drop = dropped(ds)
    for name, cl in rows:
        pred = pairs_of(cl)
        p, r = scores(pred, truth)
        same = sum(1 for a, b in zip(cl, ds) if a == b) / n
        same_drop = sum(1 for a, b in zip(dropped(cl), ds_drop) if a == b) / n
        print(f"| {name} | {len(pred)} | {p:.4f} | {r:.4f} | {sum(dropped(cl))} | {same:.2%} | {same_drop:.2%} |")
    print("\nKeep/drop agreement with datasketch by planted edit rate:\n")
    print("| edit rate | documents | " + " | ".join(name for name, _ in rows[1:]) + " |")
    print("|---" * (len(rows) + 1) + "|")
    for rate in rates:
        idx = [i for i, d in enumerate(docs) if d["edit_rate"] == rate]
        cells = []
        for _, cl in rows[1:]:
            dr = dropped(cl)
            cells.append(f"{sum(1 for i in idx if dr[i] == ds_drop[i]) / len(idx):.2%}")
        print(f"| {rate} | {len(idx)} | " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main()
