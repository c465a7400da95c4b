#!/usr/bin/env python3
"""Signature speed of the Python peers on one core: datasketch (legacy and its
default affine32 scheme, update_batch, and legacy with one update() per
shingle as its README shows) and rensa (RMinHash, CMinHash), 112 permutations;
then "from-text:" rows that also time the peer's tokenization.

CPU time (process_time), so a loaded machine does not skew it. The peers get their shingles ready-made (word 5-grams of text.lower().split(),
not timed), so their time is MinHash work only; dpk's time (bench.sh) covers
everything from JSONL to signatures. Prints "name docs/s" lines.
"""
import json
import sys
import time

import rensa
from datasketch import MinHash


def main():
    path, limit = sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 10**9
    texts = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            if len(texts) >= limit:
                break
            texts.append(json.loads(line)["text"])

    def shingle(text):
        w = text.lower().split()
        return [" ".join(w[i:i + 5]) for i in range(max(1, len(w) - 4))]

    sets = [shingle(t) for t in texts]
    enc = [[s.encode("utf-8") for s in ss] for ss in sets]

    def run(name, fn, data):
        t0 = time.process_time()
        for ss in data:
            fn(ss)
        dt = time.process_time() - t0
        print(f"{name} {len(data) / dt:.1f}", flush=True)

    for scheme in ("legacy", "affine32"):
        base = MinHash(num_perm=112, seed=1, scheme=scheme)

        def ds(ss, base=base, scheme=scheme):
            m = MinHash(num_perm=112, seed=1, scheme=scheme, permutations=base.permutations)
            m.update_batch(ss)
            return m.hashvalues
        run(f"datasketch-{scheme}", ds, enc)
    legacy = MinHash(num_perm=112, seed=1, scheme="legacy")

    def ds_loop(ss):
        # datasketch's documented usage: one update() per shingle.
        m = MinHash(num_perm=112, seed=1, scheme="legacy", permutations=legacy.permutations)
        for x in ss:
            m.update(x)
        return m.hashvalues
    run("datasketch-legacy-update-loop", ds_loop, enc[: max(1, len(enc) // 4)])
    run("rensa-RMinHash", lambda ss: rensa.RMinHash(112, 1).update(ss), sets)
    run("rensa-CMinHash", lambda ss: rensa.CMinHash(112, 1).update(ss), sets)
    # From text: the peer's tokenization (Python) timed too, as dpk's is.
    run("from-text:rensa-RMinHash", lambda t: rensa.RMinHash(112, 1).update(shingle(t)), texts)

    def ds_text(t):
        m = MinHash(num_perm=112, seed=1, scheme="legacy", permutations=legacy.permutations)
        m.update_batch([x.encode("utf-8") for x in shingle(t)])
        return m.hashvalues
    run("from-text:datasketch-legacy", ds_text, texts)


if __name__ == "__main__":
    main()
