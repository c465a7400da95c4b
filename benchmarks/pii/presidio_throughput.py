#!/usr/bin/env python3
"""Presidio analyzer (pattern recognizers only, no NER) + anonymizer (replace
with <TYPE>) over the first N documents of a JSONL file, one core.
Prints: documents bytes seconds (CPU time of the loop, after set-up)."""
import json
import logging
import sys
import time

logging.disable(logging.CRITICAL)
from presidio_anonymizer import AnonymizerEngine  # noqa: E402
from presidio_anonymizer.entities import OperatorConfig  # noqa: E402

from presidio_patterns import make_analyzer  # noqa: E402

path, n = sys.argv[1], int(sys.argv[2])
texts = []
with open(path, encoding="utf-8") as f:
    for line in f:
        texts.append(json.loads(line)["text"])
        if len(texts) == n:
            break
analyzer = make_analyzer()
anonymizer = AnonymizerEngine()
analyzer.analyze("warm up a@example.com", language="en")
t0 = time.process_time()
for t in texts:
    results = analyzer.analyze(t, language="en")
    anonymizer.anonymize(t, results, operators={"DEFAULT": OperatorConfig("replace", {"new_value": "<PII>"})})
sec = time.process_time() - t0
print(len(texts), sum(len(t.encode("utf-8")) for t in texts), f"{sec:.3f}")
