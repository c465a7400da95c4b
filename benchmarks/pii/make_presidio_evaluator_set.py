#!/usr/bin/env python3
"""Builds an independent labelled PII set with presidio-evaluator's public
data generator (PyPI `presidio-evaluator`: its sentence templates, its
FakeNameGenerator records and its Faker providers), not with dpk's own
generator.

Every entity the generator plants is labelled: the six types dpk and
presidio both cover go to `labels` (dpk type names), every other entity
(names, street addresses, dates, ages, zip codes, driver licences, URLs ...)
goes to `others`, so a detection on one of them is a false positive. Offsets
are code points of `text`.

Usage: make_presidio_evaluator_set.py OUT.jsonl [--sentences N] [--seed S]
Needs: pip install presidio-evaluator==0.3.2 --no-deps; pip install faker pandas python-dotenv tqdm
"""
import argparse
import json
import logging
import warnings

TYPE_MAP = {"EMAIL_ADDRESS": "EMAIL", "PHONE_NUMBER": "PHONE", "IP_ADDRESS": "IP_ADDRESS",
            "CREDIT_CARD": "CREDIT_CARD", "IBAN_CODE": "IBAN", "US_SSN": "US_SSN"}


def unescape_newlines(t):
    """The templates write line breaks as the two characters backslash, n
    (and "\\," for a comma): turn them into a real line break (a comma), so
    that "...fax\\n+41 ..." is not a number glued to the letter n. Returns the
    text and, for each old offset, the new one."""
    out, pos, i = [], [], 0
    while i < len(t):
        pos.append(len(out))
        if t[i] == "\\" and i + 1 < len(t) and t[i + 1] in "n,":
            pos.append(len(out))
            out.append("\n" if t[i + 1] == "n" else ",")
            i += 2
        else:
            out.append(t[i])
            i += 1
    pos.append(len(out))
    return "".join(out), pos


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("--sentences", type=int, default=3000)
    ap.add_argument("--seed", type=int, default=20261125)
    a = ap.parse_args()
    logging.disable(logging.CRITICAL)
    warnings.simplefilter("ignore")
    from presidio_evaluator.data_generator import PresidioSentenceFaker
    faker = PresidioSentenceFaker("en_US", lower_case_ratio=0.0, random_seed=a.seed)
    samples = faker.generate_new_fake_sentences(a.sentences)
    with open(a.out, "w", encoding="utf-8") as out:
        for i, s in enumerate(samples):
            labels, others = [], []
            text, pos = unescape_newlines(s.full_text)
            for sp in s.spans:
                rec = {"start": pos[sp.start_position], "end": pos[sp.end_position]}
                # The generator may lower-case a value in the text but not in the span.
                assert s.full_text[sp.start_position:sp.end_position].lower() == sp.entity_value.lower()
                if sp.entity_type in TYPE_MAP:
                    labels.append({"type": TYPE_MAP[sp.entity_type], **rec})
                else:
                    others.append({"type": sp.entity_type, **rec})
            out.write(json.dumps({"id": f"pe-{i:05d}", "text": text, "labels": labels, "others": others},
                                 ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
