#!/usr/bin/env python3
"""spaCy's word and sentence counts for the dpk-quality conformance documents.

For every document of INPUT (JSONL, .zst allowed: {"id", "text", "lang"?})
writes one line {"id", "words", "sentences"} with the counts datatrove's
SpaCyTokenizer gives under spaCy's English rules (what the presets use by
default): words = non-blank tokens, sentences = non-blank sentencizer
sentences. A document whose "lang" is another language with exported rules
(scripts/export_spacy_tokenizer_rules.py) also gets "lang_words" and
"lang_sentences" under that language's rules.

Checked by dpk's unit test QualitySpacyTokenizer.CountsMatchSpacy.

Usage: python make_spacy_token_reference.py INPUT.jsonl.zst OUTPUT.jsonl.zst
Requirements: benchmarks/requirements-quality.txt
"""
import io
import json
import os
import sys

import zstandard

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "..", "scripts"))
from export_spacy_tokenizer_rules import LANGUAGES  # noqa: E402

from datatrove.utils.word_tokenizers import SpaCyTokenizer  # noqa: E402


def read_jsonl(path):
    raw = open(path, "rb").read()
    if path.endswith(".zst"):
        raw = zstandard.ZstdDecompressor().stream_reader(io.BytesIO(raw)).read()
    for line in raw.decode("utf-8").split("\n"):
        if line.strip():
            yield json.loads(line)


def main():
    src, dst = sys.argv[1], sys.argv[2]
    tokenizers = {}

    def tok(lang):
        if lang not in tokenizers:
            tokenizers[lang] = SpaCyTokenizer(lang)
        return tokenizers[lang]

    out = []
    for d in read_jsonl(src):
        text = d["text"]
        rec = {"id": d["id"], "words": len(tok("en").word_tokenize(text)),
               "sentences": len(tok("en").sent_tokenize(text))}
        lang = d.get("lang")
        if lang and lang != "en" and lang in LANGUAGES:
            rec["lang_words"] = len(tok(lang).word_tokenize(text))
            rec["lang_sentences"] = len(tok(lang).sent_tokenize(text))
        out.append(json.dumps(rec, ensure_ascii=False))
    data = ("\n".join(out) + "\n").encode("utf-8")
    with open(dst, "wb") as f:
        f.write(zstandard.ZstdCompressor(level=19).compress(data))
    print(f"{len(out)} documents -> {dst}", file=sys.stderr)


if __name__ == "__main__":
    main()
