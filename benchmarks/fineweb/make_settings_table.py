#!/usr/bin/env python3
"""Derive, from datatrove's own objects, the settings FineWeb's pipeline runs
with, as the dpk recipe step options that mean the same; write them as the
table tests/fineweb/fineweb-settings.tsv that tests/cli/fineweb_recipe.sh
holds recipes/pretrain-web-warc.yaml to.

The pipeline is the one of datatrove's examples/fineweb.py (the code that made
FineWeb): WarcReader -> URLFilter -> Trafilatura(favour_precision=True) ->
LanguageFilter -> GopherRepetitionFilter -> GopherQualityFilter ->
C4QualityFilter(filter_no_terminal_punct=False) -> FineWebQualityFilter ->
JsonlWriter, then MinHash dedup with MinhashConfig(num_buckets=14,
hashes_per_bucket=8, n_grams=5). The filters are built here exactly so and
their attributes read back, so a default that moves in datatrove moves the
table. One exception: fineweb.py calls LanguageFilter() when its default was
English only; datatrove 0.10.1's default keeps every language, so English is
given explicitly.

Settings dpk cannot express make this script fail (rather than be left out
silently): C4's sentence-split mode, a FineWeb stop-character set other than
datatrove's terminal punctuation, trafilatura options other than FineWeb's.
URLFilter and trafilatura's own heuristics have no dpk step; docs/recipes.md
says so.

Usage: make_settings_table.py OUT.tsv   (datatrove 0.10.1: benchmarks/requirements-fineweb.txt)
Columns: dpk step (quality steps as quality:PRESET), option, value (lists
sorted and joined by commas; booleans true/false), FineWeb's setting.
"""
import sys
from importlib.metadata import version

from datatrove.pipeline.dedup.minhash import MinhashConfig
from datatrove.pipeline.extractors import Trafilatura
from datatrove.pipeline.filters import (
    C4QualityFilter,
    FineWebQualityFilter,
    GopherQualityFilter,
    GopherRepetitionFilter,
    LanguageFilter,
)
from datatrove.pipeline.filters.gopher_quality_filter import STOP_WORDS
from datatrove.utils.text import TERMINAL_PUNCTUATION


def value(v):
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, (list, tuple, set)):
        return ",".join(sorted(value(x) for x in v))
    return str(v)


def pairs(ngrams):
    return [f"{n}:{x!r}" for n, x in ngrams]


def require(ok, what):
    if not ok:
        sys.exit(f"make_settings_table.py: FineWeb's {what} has no dpk setting")


def locale(language):
    """datatrove names the filters' language by ISO 639-3 code; dpk's --lang is a locale."""
    require(language == "eng", f"filter language {language}")
    return "en"


def rows():
    extractor = Trafilatura(favour_precision=True)
    require(extractor.favour_precision and extractor.deduplicate and not extractor.kwargs,
            "trafilatura configuration")
    yield "warc", "record-types", ["response"], "WarcReader: response records"
    yield "warc", "extract", True, "Trafilatura(favour_precision=True): main text, comments left out"
    yield "warc", "format", "text", "Trafilatura: plain text output"

    lid = LanguageFilter(languages=["en"])
    require(lid.backend == "ft176", "language ID backend")
    yield "langid", "backend", "fasttext", "LanguageFilter(backend='ft176'): fastText lid.176"
    yield "langid", "langs", lid.languages, "LanguageFilter(languages=['en'])"
    yield "langid", "min-score", lid.language_threshold, "LanguageFilter(language_threshold)"
    yield "langid", "prefix-chars", 0, "FT176LID: the whole text, newlines as spaces"

    rep = GopherRepetitionFilter()
    step = "quality:gopher-repetition"
    yield step, "lang", locale(rep.language), "GopherRepetitionFilter(language='eng')"
    for attr in ("dup_line_frac", "dup_para_frac", "dup_line_char_frac", "dup_para_char_frac"):
        yield step, attr.replace("_", "-"), getattr(rep, attr), f"GopherRepetitionFilter({attr})"
    yield step, "top-n-grams", pairs(rep.top_n_grams), "GopherRepetitionFilter(top_n_grams)"
    yield step, "dup-n-grams", pairs(rep.dup_n_grams), "GopherRepetitionFilter(dup_n_grams)"

    q = GopherQualityFilter()
    step = "quality:gopher-quality"
    yield step, "lang", locale(q.language), "GopherQualityFilter(language='eng')"
    for attr in ("min_doc_words", "max_doc_words", "min_avg_word_length", "max_avg_word_length",
                 "max_symbol_word_ratio", "max_bullet_lines_ratio", "max_ellipsis_lines_ratio", "min_stop_words"):
        yield step, attr.replace("_", "-"), getattr(q, attr), f"GopherQualityFilter({attr})"
    # datatrove's name for the least share of words with a letter.
    yield step, "min-alpha-words-ratio", q.max_non_alpha_words_ratio, "GopherQualityFilter(max_non_alpha_words_ratio)"
    require(q.stop_words == set(STOP_WORDS), "stop word list")
    yield step, "stop-words", q.stop_words, "GopherQualityFilter(stop_words): STOP_WORDS"

    c4 = C4QualityFilter(filter_no_terminal_punct=False)
    require(c4.split_paragraph, "C4 sentence-split mode")
    step = "quality:c4"
    yield step, "lang", locale(c4.language), "C4QualityFilter(language='eng')"
    yield step, "allow-no-terminal-punct", not c4.filter_no_terminal_punct, "C4QualityFilter(filter_no_terminal_punct=False)"
    yield step, "keep-citations", not c4.remove_citations, "C4QualityFilter(remove_citations)"
    yield step, "min-sentences", c4.min_num_sentences, "C4QualityFilter(min_num_sentences)"
    yield step, "min-words-per-line", c4.min_words_per_line, "C4QualityFilter(min_words_per_line)"
    yield step, "max-word-length", c4.max_word_length, "C4QualityFilter(max_word_length)"
    for check in ("lorem_ipsum", "javascript", "curly_bracket", "policy"):
        yield (step, "allow-" + check.replace("_", "-"), not getattr(c4, "filter_" + check),
               f"C4QualityFilter(filter_{check})")

    fw = FineWebQualityFilter()
    require(set(fw.stop_chars) == set(TERMINAL_PUNCTUATION), "line-end character set")
    step = "quality:fineweb"
    yield step, "lang", locale(fw.language), "FineWebQualityFilter(language='eng')"
    yield step, "line-punct-thr", fw.line_punct_thr, "FineWebQualityFilter(line_punct_thr)"
    yield step, "line-punct-exclude-zero", fw.line_punct_exclude_zero, "FineWebQualityFilter(line_punct_exclude_zero)"
    yield step, "short-line-thr", fw.short_line_threshold, "FineWebQualityFilter(short_line_thr)"
    yield step, "short-line-length", fw.short_line_length, "FineWebQualityFilter(short_line_length)"
    yield step, "char-duplicates-ratio", fw.char_duplicates_ratio, "FineWebQualityFilter(char_duplicates_ratio)"
    yield step, "new-line-ratio", fw.new_line_ratio, "FineWebQualityFilter(new_line_ratio)"

    mh = MinhashConfig(num_buckets=14, hashes_per_bucket=8, n_grams=5)
    step = "minhash-dedup"
    yield step, "shingle", "word", "MinhashDedupSignature: word n-grams"
    yield step, "ngram", mh.n_grams, "MinhashConfig(n_grams=5)"
    yield step, "bands", mh.num_buckets, "MinhashConfig(num_buckets=14)"
    yield step, "rows", mh.hashes_per_bucket, "MinhashConfig(hashes_per_bucket=8)"


def main():
    if version("datatrove") != "0.10.1":
        sys.exit(f"make_settings_table.py: datatrove 0.10.1 expected, found {version('datatrove')}")
    with open(sys.argv[1], "w", encoding="utf-8") as out:
        out.write("# FineWeb's settings (datatrove 0.10.1, examples/fineweb.py) as dpk step options.\n")
        out.write("# Made by benchmarks/fineweb/make_settings_table.py; checked by tests/cli/fineweb_recipe.sh.\n")
        out.write("# step\toption\tvalue\tFineWeb\n")
        for step, option, v, source in rows():
            out.write(f"{step}\t{option}\t{value(v)}\t{source}\n")


if __name__ == "__main__":
    main()
