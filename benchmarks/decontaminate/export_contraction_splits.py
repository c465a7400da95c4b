#!/usr/bin/env python3
"""Writes transforms/decontaminate/contraction_splits.inc: the special cases of
spaCy's English tokenizer whose key is lowercase ASCII letters and which it
splits into several tokens ("dont" -> "do" "nt"). After datatrove's text
simplification (no apostrophes, digits turned into 0) these are the only
special cases a word can still hit.

    python3 benchmarks/decontaminate/export_contraction_splits.py   # needs spaCy 3
"""
import os

import spacy

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
nlp = spacy.blank("en")
rows = []
for key in nlp.tokenizer.rules:
    if key.isalpha() and key == key.lower() and key.isascii():
        parts = [t.text for t in nlp(key)]
        if len(parts) > 1:
            rows.append((key, parts))
with open(os.path.join(ROOT, "transforms/decontaminate/contraction_splits.inc"), "w") as f:
    f.write('// Made by benchmarks/decontaminate/export_contraction_splits.py from spaCy 3 (blank "en").\n')
    for key, parts in sorted(rows):
        f.write('    {"%s", {%s}},\n' % (key, ", ".join('"%s"' % p for p in parts)))
