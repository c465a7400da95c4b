#!/usr/bin/env python3
"""datasketch's answer on a MinHash conformance set, as a small fixture.

For every document: dpk's shingles (minhash_reference_lib), a datasketch
MinHash (scheme "legacy", the scheme dpk's --hash-scheme datasketch
reproduces), a MinHashLSH with the same bands x rows, and clusters by
union-find over the pairs LSH returns (kept document = first in file order).

Writes into --out:
  clusters.tsv     id <TAB> cluster (1-based line of the cluster's first document; 0 = none)
  pairs.tsv        id_a <TAB> id_b <TAB> datasketch estimated Jaccard <TAB> exact Jaccard,
                   for up to 300 sampled pairs of one planted group
  signatures.jsonl the first 25 documents with their datasketch signature (hex, 32-bit values)

  python3 make_reference.py --set ../../tests/minhash/conformance-set.jsonl.zst --out ../../tests/minhash/
"""
import argparse
import io
import json
import random
import sys
import time

import zstandard
from datasketch import MinHash, MinHashLSH

from minhash_reference_lib import cluster_ids, shingles


def read_set(path):
    with open(path, "rb") as f:
        raw = f.read()
    if path.endswith(".zst"):
        raw = zstandard.ZstdDecompressor().decompressobj().decompress(raw)
    return [json.loads(l) for l in io.StringIO(raw.decode("utf-8")) if l.strip()]


def datasketch_signatures(sets, num_perm, seed):
    base = MinHash(num_perm=num_perm, seed=seed, scheme="legacy")
    out = []
    for s in sets:
        m = MinHash(num_perm=num_perm, seed=seed, scheme="legacy", permutations=base.permutations)
        if s:
            m.update_batch([x.encode("utf-8") for x in s])
        out.append(m)
    return out


def lsh_edges(mhs, nonempty, num_perm, bands, rows):
    lsh = MinHashLSH(num_perm=num_perm, params=(bands, rows))
    for i, m in enumerate(mhs):
        if nonempty[i]:
            lsh.insert(i, m)
    edges = []
    for i, m in enumerate(mhs):
        if nonempty[i]:
            edges.extend((j, i) for j in lsh.query(m) if j < i)
    return edges


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--set", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--num-perm", type=int, default=112)
    ap.add_argument("--bands", type=int, default=14)
    ap.add_argument("--rows", type=int, default=8)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    docs = read_set(args.set)
    t0 = time.time()
    sets = [shingles(d["text"]) for d in docs]
    mhs = datasketch_signatures(sets, args.num_perm, args.seed)
    nonempty = [bool(s) for s in sets]
    edges = lsh_edges(mhs, nonempty, args.num_perm, args.bands, args.rows)
    clusters = cluster_ids(len(docs), edges)
    with open(args.out + "/clusters.tsv", "w") as f:
        for d, c in zip(docs, clusters):
            f.write(f"{d['id']}\t{c}\n")
    rng = random.Random(11)
    groups = {}
    for i, d in enumerate(docs):
        groups.setdefault(d["group"], []).append(i)
    pairs = [(g[0], g[1]) for g in groups.values() if len(g) >= 2]
    rng.shuffle(pairs)
    with open(args.out + "/pairs.tsv", "w") as f:
        for a, b in sorted(pairs[:300]):
            sa, sb = set(sets[a]), set(sets[b])
            exact = len(sa & sb) / len(sa | sb) if sa | sb else 0.0
            f.write(f"{docs[a]['id']}\t{docs[b]['id']}\t{mhs[a].jaccard(mhs[b]):.6f}\t{exact:.6f}\n")
    with open(args.out + "/signatures.jsonl", "w") as f:
        for d, m in list(zip(docs, mhs))[:25]:
            sig = "".join(f"{int(v):08x}" for v in m.hashvalues)
            f.write(json.dumps({"id": d["id"], "text": d["text"], "sig": sig}, ensure_ascii=False) + "\n")
    print(f"{len(docs)} documents, {len(edges)} LSH pairs, {sum(1 for c in clusters if c)} clustered, "
          f"{time.time() - t0:.1f}s", file=sys.stderr)


if __name__ == "__main__":
    main()
