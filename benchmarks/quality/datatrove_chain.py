#!/usr/bin/env python3
"""The datatrove equivalent of recipes/pretrain-web-quality-only.yaml on one
worker: JsonlReader -> GopherRepetition -> GopherQuality -> C4Quality ->
FineWebQuality -> JsonlWriter, with FineWeb's settings (C4 keeps lines
without terminal punctuation), as the recipe. Prints documents read, kept and wall seconds.

Usage: python datatrove_chain.py INPUT_DIR OUTPUT_DIR
"""
import glob
import json
import os
import sys
import time

from datatrove.executor import LocalPipelineExecutor
from datatrove.pipeline.filters import (
    C4QualityFilter,
    FineWebQualityFilter,
    GopherQualityFilter,
    GopherRepetitionFilter,
)
from datatrove.pipeline.readers import JsonlReader
from datatrove.pipeline.writers import JsonlWriter


def main():
    src, dst = sys.argv[1], sys.argv[2]
    pipeline = [
        JsonlReader(src, glob_pattern="*.jsonl"),
        GopherRepetitionFilter(),
        GopherQualityFilter(),
        C4QualityFilter(filter_no_terminal_punct=False),
        FineWebQualityFilter(),
        JsonlWriter(dst, output_filename="kept.jsonl", compression=None),
    ]
    t0 = time.perf_counter()
    LocalPipelineExecutor(pipeline=pipeline, tasks=1, workers=1, logging_dir=os.path.join(dst, "logs")).run()
    wall = time.perf_counter() - t0
    n_in = sum(1 for f in glob.glob(os.path.join(src, "*.jsonl")) for _ in open(f))
    n_out = sum(1 for _ in open(os.path.join(dst, "kept.jsonl")))
    print(json.dumps({"documents": n_in, "kept": n_out, "seconds": wall}))


if __name__ == "__main__":
    main()
