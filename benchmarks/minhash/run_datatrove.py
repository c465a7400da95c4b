#!/usr/bin/env python3
"""datatrove's MinHash dedup (4 stages, local executor) on a conformance set;
writes {document line (0-based): cluster root line} for evaluate.py.
Same parameters as dpk's defaults: 5-grams, 14 buckets x 8 hashes, seed 1.

  python3 run_datatrove.py --set set.jsonl --work /tmp/dt --out clusters.json
"""
import argparse
import json
import os
import shutil
import struct
import time
from collections import defaultdict

from datatrove.executor import LocalPipelineExecutor
from datatrove.pipeline.dedup.minhash import (MinhashConfig, MinhashDedupBuckets, MinhashDedupCluster,
                                              MinhashDedupFilter, MinhashDedupSignature)
from datatrove.pipeline.readers import JsonlReader
from datatrove.pipeline.writers import JsonlWriter


def run(args):
    shutil.rmtree(args.work, ignore_errors=True)
    os.makedirs(args.work + "/in")
    shutil.copy(args.set, args.work + "/in/set.jsonl")
    cfg = MinhashConfig(n_grams=5, num_buckets=14, hashes_per_bucket=8, seed=1)
    reader = lambda: JsonlReader(args.work + "/in", text_key="text", id_key="id")
    w = args.work
    t0 = time.time()
    LocalPipelineExecutor([reader(), MinhashDedupSignature(output_folder=w + "/sigs", config=cfg)],
                          tasks=1, logging_dir=w + "/logs1").run()
    LocalPipelineExecutor([MinhashDedupBuckets(input_folder=w + "/sigs", output_folder=w + "/buckets", config=cfg)],
                          tasks=cfg.num_buckets, logging_dir=w + "/logs2").run()
    LocalPipelineExecutor([MinhashDedupCluster(input_folder=w + "/buckets", output_folder=w + "/remove",
                                               config=cfg, save_cluster_id=True)],
                          tasks=1, logging_dir=w + "/logs3").run()
    LocalPipelineExecutor([reader(), MinhashDedupFilter(input_folder=w + "/remove", load_cluster_ids=True,
                                                        exclusion_writer=JsonlWriter(w + "/removed")),
                           JsonlWriter(w + "/kept")], tasks=1, logging_dir=w + "/logs4").run()
    print(f"datatrove: {time.time() - t0:.1f}s")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--set", required=True)
    ap.add_argument("--work", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--reuse", action="store_true", help="only read the results of an earlier run in --work")
    args = ap.parse_args()
    if not args.reuse:
        run(args)
    w = args.work
    # remove/000000.clusters: (document index in the input, cluster id) for
    # every clustered document, as little-endian uint32 pairs.
    clusters = defaultdict(list)
    with open(w + "/remove/000000.clusters", "rb") as f:
        raw = f.read()
    for idx, cid in struct.iter_unpack("<2I", raw):
        clusters[cid].append(idx)
    roots = {}
    for members in clusters.values():
        if len(members) > 1:
            r = min(members)
            for m in members:
                roots[m] = r
    with open(args.out, "w") as f:
        json.dump(roots, f)


if __name__ == "__main__":
    main()
