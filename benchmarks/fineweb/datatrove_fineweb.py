#!/usr/bin/env python3
"""FineWeb's pipeline in datatrove 0.10.1, as examples/fineweb.py configures
it, up to its JSONL writer (MinHash dedup, a later stage there, is left out):

  WarcReader -> URLFilter -> Trafilatura(favour_precision=True) ->
  LanguageFilter(en, 0.65) -> GopherRepetitionFilter -> GopherQualityFilter ->
  C4QualityFilter(filter_no_terminal_punct=False) -> FineWebQualityFilter ->
  JsonlWriter

Local substitutions: fastText's model is the MODEL file given (the
lid.176.ftz dpk uses, instead of downloading lid.176.bin); URLFilter's
public-suffix list is tldextract's bundled copy (the machine may be offline);
and trafilatura's time limit per page is 60 s instead of 1 s, since on a
shared machine a 1 s limit skips pages by load rather than by page (FineWeb's
1 s was meant for a dedicated core, where few pages reach it). fineweb.py calls LanguageFilter() when its
default was English; datatrove 0.10.1's default keeps all languages, so
English is given.

Subcommands:
  pipeline MODEL WARC_DIR WORK   the whole pipeline, one task in this process;
                                 kept documents in WORK/out/, datatrove's
                                 per-step stats in WORK/logs/stats.json
  extract WARC_DIR OUT.jsonl     WarcReader -> Trafilatura only: the text
                                 datatrove's filters see (id = the URL), and
                                 in url_filter what URLFilter would say
  filter MODEL IN.jsonl OUT.jsonl   the filters alone on given text; one line per
                                 document: id, kept, reason (FILTER:REASON),
                                 language, language_score, text (as C4 left it)
Each prints one JSON line of counts.
"""
import json
import os
import sys

import datatrove.utils.lid as lid
from datatrove.data import Document
from datatrove.executor import LocalPipelineExecutor
from datatrove.pipeline.extractors import Trafilatura
from datatrove.pipeline.filters import (
    C4QualityFilter,
    FineWebQualityFilter,
    GopherQualityFilter,
    GopherRepetitionFilter,
    LanguageFilter,
    URLFilter,
)
from datatrove.pipeline.readers import WarcReader
from datatrove.pipeline.writers import JsonlWriter


# Seconds trafilatura may spend on a page (see above).
EXTRACT_TIMEOUT = 60


def use_model(model):
    lid.cached_asset_path_or_download = lambda *args, **kwargs: model


def url_filter():
    from tldextract import TLDExtract

    f = URLFilter()
    f.tldextractor = TLDExtract(suffix_list_urls=())  # the bundled snapshot, no download
    return f


def filters():
    """FineWeb's filters after extraction, in its order, with its settings."""
    return [
        LanguageFilter(languages=["en"], language_threshold=0.65),
        GopherRepetitionFilter(),
        GopherQualityFilter(),
        C4QualityFilter(filter_no_terminal_punct=False),
        FineWebQualityFilter(),
    ]


def warc_reader(warc_dir):
    return WarcReader(warc_dir, glob_pattern="*.warc.gz")


def count_lines(folder):
    n = 0
    for name in os.listdir(folder):
        with open(os.path.join(folder, name), encoding="utf-8") as f:
            n += sum(1 for _ in f)
    return n


def pipeline(model, warc_dir, work):
    use_model(model)
    out = os.path.join(work, "out")
    steps = [warc_reader(warc_dir), url_filter(), Trafilatura(favour_precision=True, timeout=EXTRACT_TIMEOUT), *filters(),
             JsonlWriter(out, output_filename="kept.jsonl", compression=None)]
    LocalPipelineExecutor(pipeline=steps, tasks=1, workers=1, logging_dir=os.path.join(work, "logs")).run()
    print(json.dumps({"kept": count_lines(out)}))


def extract(warc_dir, out_path):
    reader = warc_reader(warc_dir)
    urls, extractor = url_filter(), Trafilatura(favour_precision=True, timeout=EXTRACT_TIMEOUT)
    kept = 0
    with open(out_path, "w", encoding="utf-8") as out:
        for doc in extractor.run(reader.run()):
            result = urls.filter(doc)
            ok, why = result if isinstance(result, tuple) else (result, "")
            kept += 1
            out.write(json.dumps({"id": doc.metadata["url"], "text": doc.text,
                                  "url_filter": None if ok else f"URLFilter:{why}"}, ensure_ascii=False) + "\n")
    print(json.dumps({"extracted": kept}))


def filter_texts(model, in_path, out_path):
    use_model(model)
    steps = filters()
    kept = total = 0
    with open(in_path, encoding="utf-8") as src, open(out_path, "w", encoding="utf-8") as out:
        for line in src:
            d = json.loads(line)
            doc = Document(text=d["text"], id=d["id"])
            reason = None
            for step in steps:
                result = step.filter(doc)
                ok, why = result if isinstance(result, tuple) else (result, "")
                if not ok:
                    reason = f"{type(step).__name__}:{why}"
                    break
            total += 1
            kept += reason is None
            out.write(json.dumps({"id": d["id"], "kept": reason is None, "reason": reason,
                                  "language": doc.metadata.get("language"),
                                  "language_score": doc.metadata.get("language_score"), "text": doc.text},
                                 ensure_ascii=False) + "\n")
    print(json.dumps({"documents": total, "kept": kept}))


def main():
    cmd, args = sys.argv[1], sys.argv[2:]
    {"pipeline": pipeline, "extract": extract, "filter": filter_texts}[cmd](*args)


if __name__ == "__main__":
    main()
