#!/usr/bin/env python3
"""Builds the dpk-quality conformance set and datatrove's decisions on it.

Writes (into tests/quality/ by default):
  conformance-input.jsonl.zst  the documents: {"id", "text", "lang"}
  reference.jsonl.zst          per document: {"id", "<preset>": null (kept) or
                               datatrove's drop reason named as dpk names it
                               ("gopher_quality:stop_words"), ..., "c4_text":
                               the edited text when c4 keeps the document}

How the set is made (deterministic, seed below), from web/pages.jsonl:
  - every page whole (id = page id);
  - each page cut into runs of 20-60 consecutive lines (lengths drawn at
    random), once from line 0 and once from a random offset inside the first
    run, so the two passes overlap (ids PAGE#aSTART-END / PAGE#bSTART-END).
and from langid/sentences.jsonl (75 languages, labelled): per language, its
sentences in file order assembled into documents of 8-40 sentences, 1-4
sentences a line (ids langid-LANG-K).
`lang` is the sentence label, or for a page a crude stop-word vote (en, de,
fr, es, pl; "und" when unsure): it decides which badwords list applies, the
same for dpk and datatrove, and groups the agreement by language.

datatrove filters use their default thresholds and language "en" (spaCy's
blank English tokenizer + sentencizer). The badwords filter is datatrove's
C4BadWordsFilter fed with the small test lists in tests/quality/badwords/.

Usage: python make_reference.py [--pages PATH] [--sentences PATH] [--out DIR]
Requirements: benchmarks/requirements-quality.txt
"""
import argparse
import json
import os
import random
import re
import sys

import zstandard

SEED = 20261125
STOP = {
    "en": {"the", "and", "of", "to", "is", "that", "with", "for"},
    "de": {"der", "die", "und", "das", "ist", "nicht", "mit", "ein"},
    "fr": {"le", "la", "les", "et", "est", "des", "une", "pour"},
    "es": {"el", "los", "las", "y", "es", "una", "por", "con"},
    "pl": {"i", "w", "nie", "na", "jest", "się", "z", "do"},
}
WORD = re.compile(r"\w+")
# datatrove's drop reasons -> dpk's check names (the reason is "PRESET:CHECK").
REASONS = {
    "gopher_quality": {
        "gopher_short_doc": "too_few_words", "gopher_long_doc": "too_many_words",
        "gopher_below_avg_threshold": "mean_word_length", "gopher_above_avg_threshold": "mean_word_length",
        "gopher_too_many_hashes": "hash_ratio", "gopher_too_many_ellipsis": "ellipsis_ratio",
        "gopher_too_many_bullets": "bullet_lines", "gopher_too_many_end_ellipsis": "ellipsis_lines",
        "gopher_below_alpha_threshold": "alpha_words", "gopher_enough_stop_words": "stop_words",
    },
}


def guess_lang(text):
    words = WORD.findall(text.lower())
    votes = {k: sum(1 for w in words if w in s) for k, s in STOP.items()}
    best = max(votes, key=votes.get)
    return best if votes[best] >= 3 else "und"


def make_documents(pages_path):
    rng = random.Random(SEED)
    docs = []
    for line in open(pages_path, encoding="utf-8"):
        page = json.loads(line)
        pid, text = page["id"], page["text"]
        docs.append({"id": pid, "text": text})
        lines = text.split("\n")
        for tag, start in (("a", 0), ("b", rng.randint(10, 30))):
            i = start
            while i + 20 <= len(lines):
                n = rng.randint(20, 60)
                run = lines[i : i + n]
                docs.append({"id": f"{pid}#{tag}{i}-{i + len(run)}", "text": "\n".join(run)})
                i += n
    for d in docs:
        d["lang"] = guess_lang(d["text"])
    return docs


def make_sentence_documents(sentences_path):
    rng = random.Random(SEED + 1)
    by_lang = {}
    for line in open(sentences_path, encoding="utf-8"):
        s = json.loads(line)
        by_lang.setdefault(s["lang"], []).append(s["text"].strip())
    docs = []
    for lang in sorted(by_lang):
        sents, i, k = by_lang[lang], 0, 0
        while i + 8 <= len(sents):
            run = sents[i : i + rng.randint(8, 40)]
            i += len(run)
            lines, j = [], 0
            while j < len(run):
                n = rng.randint(1, 4)
                lines.append(" ".join(run[j : j + n]))
                j += n
            docs.append({"id": f"langid-{lang}-{k}", "text": "\n".join(lines), "lang": lang})
            k += 1
    return docs


def badwords_filter(words_dir):
    import datatrove.pipeline.filters.c4_filters as c4

    # Serve the test lists instead of downloading LDNOOBW's.
    c4.cached_asset_path_or_download = lambda url, **kw: os.path.join(words_dir, url.rsplit("/", 1)[1] + ".txt")
    langs = [f[:-4] for f in os.listdir(words_dir) if f.endswith(".txt")]
    c4._BADWORDS_LANGS[:] = langs
    return c4.C4BadWordsFilter(fail_on_missing_language=False)


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    root = os.path.normpath(os.path.join(here, "..", ".."))
    ap = argparse.ArgumentParser()
    ap.add_argument("--pages", default=os.path.join(root, "..", "shared", "data", "web", "pages.jsonl"))
    ap.add_argument("--sentences", default=os.path.join(root, "..", "shared", "data", "langid", "sentences.jsonl"))
    ap.add_argument("--out", default=os.path.join(root, "tests", "quality"))
    args = ap.parse_args()

    from datatrove.data import Document
    from datatrove.pipeline.filters import (
        C4QualityFilter,
        FineWebQualityFilter,
        GopherQualityFilter,
        GopherRepetitionFilter,
    )

    filters = {
        "gopher_quality": GopherQualityFilter(),
        "gopher_repetition": GopherRepetitionFilter(),
        "c4": C4QualityFilter(),
        "fineweb": FineWebQualityFilter(),
        "badwords": badwords_filter(os.path.join(args.out, "badwords")),
    }
    docs = make_documents(args.pages) + make_sentence_documents(args.sentences)
    cctx = zstandard.ZstdCompressor(level=19)
    with open(os.path.join(args.out, "conformance-input.jsonl.zst"), "wb") as f:
        f.write(cctx.compress("".join(json.dumps(d, ensure_ascii=False) + "\n" for d in docs).encode()))

    out = []
    for k, d in enumerate(docs):
        rec = {"id": d["id"]}
        for name, flt in filters.items():
            doc = Document(text=d["text"], id=d["id"], metadata={"language": d["lang"]})
            res = flt.filter(doc)
            kept, reason = (res, None) if isinstance(res, bool) else res
            if kept:
                rec[name] = None
            elif name == "badwords":
                rec[name] = "badwords:" + d["lang"]
            else:
                rec[name] = name + ":" + REASONS.get(name, {}).get(reason, reason)
            if name == "c4" and kept:
                rec["c4_text"] = doc.text
        out.append(rec)
        if k % 500 == 0:
            print(f"{k}/{len(docs)}", file=sys.stderr)
    with open(os.path.join(args.out, "reference.jsonl.zst"), "wb") as f:
        f.write(cctx.compress("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in out).encode()))
    for name in filters:
        dropped = sum(1 for r in out if r[name] is not None)
        print(f"{name}: {len(out)} documents, {dropped} dropped", file=sys.stderr)


if __name__ == "__main__":
    main()
