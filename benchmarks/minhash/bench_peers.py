#!/usr/bin/env python3
"""Signature speed of the Python peers on one core: datasketch (legacy and its
default affine32 scheme) and rensa (RMinHash, CMinHash), 112 permutations.

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
    sets = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            if len(sets) >= limit:
                break
            w = json.loads(line)["text"].lower().split()
            sets.append([" ".join(w[i:i + 5]) for i in range(max(1, len(w) - 4))])
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
    run("rensa-RMinHash", lambda ss: rensa.RMinHash(112, 1).update(ss), sets)
    run("rensa-CMinHash", lambda ss: rensa.CMinHash(112, 1).update(ss), sets)


if __name__ == "__main__":
    main()
