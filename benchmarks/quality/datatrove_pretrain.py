#!/usr/bin/env python3
"""The datatrove equivalent of recipes/pretrain-web.yaml without its
normalize step, on one worker: language filter (English, fastText lid.176),
Gopher repetition, Gopher quality, C4 and FineWeb filters with FineWeb's
settings (C4QualityFilter(filter_no_terminal_punct=False)), exact dedup, then
MinHash dedup (5-grams, 14 bands x 8 rows). datatrove runs dedup as separate
stages over intermediate files, so this runs six pipelines one after the
other; the time printed covers all of them.

The fastText model is the lid.176.ftz that scripts/install-models.sh puts in
the repository's .venv (the one dpk-langid --backend fasttext picks up), so
both sides use the same model and no download is needed.

Usage: python datatrove_pretrain.py MODEL INPUT_DIR WORK_DIR
Prints one JSON line: documents read, kept, seconds.
"""
import glob
import json
import os
import sys
import time

import datatrove.utils.lid as lid
from datatrove.executor import LocalPipelineExecutor
from datatrove.pipeline.dedup.exact_dedup import (
    ExactDedupConfig,
    ExactDedupFilter,
    ExactDedupSignature,
    ExactFindDedups,
)
from datatrove.pipeline.dedup.minhash import (
    MinhashConfig,
    MinhashDedupBuckets,
    MinhashDedupCluster,
    MinhashDedupFilter,
    MinhashDedupSignature,
)
from datatrove.pipeline.filters import (
    C4QualityFilter,
    FineWebQualityFilter,
    GopherQualityFilter,
    GopherRepetitionFilter,
    LanguageFilter,
)
from datatrove.pipeline.readers import JsonlReader
from datatrove.pipeline.writers import JsonlWriter


def text_of(doc) -> bytes:
    return doc.text.encode("utf-8")


def run(work, name, pipeline, tasks=1):
    LocalPipelineExecutor(pipeline=pipeline, tasks=tasks, workers=1,
                          logging_dir=os.path.join(work, "logs", name)).run()


def main():
    model, src, work = sys.argv[1], sys.argv[2], sys.argv[3]
    # Use the local model instead of downloading lid.176.bin.
    lid.cached_asset_path_or_download = lambda *args, **kwargs: model
    d = lambda name: os.path.join(work, name)
    exact = ExactDedupConfig(content_getter=text_of)
    minhash = MinhashConfig(n_grams=5, num_buckets=14, hashes_per_bucket=8)

    t0 = time.perf_counter()
    run(work, "filter", [
        JsonlReader(src, glob_pattern="*.jsonl"),
        # The recipe's `langid: {backend: fasttext, langs: [en], min-score: 0.65, prefix-chars: 0}`.
        LanguageFilter(languages=["en"], language_threshold=0.65),
        GopherRepetitionFilter(),
        GopherQualityFilter(),
        C4QualityFilter(filter_no_terminal_punct=False),
        FineWebQualityFilter(),
        JsonlWriter(d("filtered"), output_filename="part.jsonl", compression=None),
        ExactDedupSignature(output_folder=d("exact-sigs"), config=exact),
    ])
    run(work, "exact-find", [
        ExactFindDedups(data_folder=d("exact-sigs"), output_folder=d("exact-dups"), config=exact),
    ])
    run(work, "exact-filter", [
        JsonlReader(d("filtered"), glob_pattern="*.jsonl"),
        ExactDedupFilter(data_folder=d("exact-dups"), config=exact),
        JsonlWriter(d("unique"), output_filename="part.jsonl", compression=None),
        MinhashDedupSignature(output_folder=d("mh-sigs"), config=minhash),
    ])
    run(work, "mh-buckets", [
        MinhashDedupBuckets(input_folder=d("mh-sigs"), output_folder=d("mh-buckets"), config=minhash),
    ], tasks=minhash.num_buckets)  # one task per band, run one after the other
    run(work, "mh-cluster", [
        MinhashDedupCluster(input_folder=d("mh-buckets"), output_folder=d("mh-clusters"), config=minhash),
    ])
    run(work, "mh-filter", [
        JsonlReader(d("unique"), glob_pattern="*.jsonl"),
        MinhashDedupFilter(input_folder=d("mh-clusters")),
        JsonlWriter(d("out"), output_filename="kept.jsonl", compression=None),
    ])
    wall = time.perf_counter() - t0

    n_in = sum(1 for f in glob.glob(os.path.join(src, "*.jsonl")) for _ in open(f))
    n_out = sum(1 for f in glob.glob(os.path.join(d("out"), "*.jsonl")) for _ in open(f))
    print(json.dumps({"documents": n_in, "kept": n_out, "seconds": wall}))


if __name__ == "__main__":
    main()
