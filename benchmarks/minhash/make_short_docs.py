#!/usr/bin/env python3
"""A large set of short documents for the MinHash scale benchmark: each is
1-3 random sentences of one language from shared/data/langid/sentences.jsonl
(about 150 bytes); 10% are copies of an earlier document with 5% of the words
edited.

  python3 make_short_docs.py --data ../shared/data --out short.jsonl --count 1000000
"""
import argparse
import json
import random


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--count", type=int, default=1000000)
    ap.add_argument("--seed", type=int, default=3)
    args = ap.parse_args()
    rng = random.Random(args.seed)
    by_lang = {}
    with open(args.data + "/langid/sentences.jsonl", encoding="utf-8") as f:
        for line in f:
            d = json.loads(line)
            by_lang.setdefault(d["lang"], []).append(d["text"])
    langs = sorted(by_lang)
    recent = []
    with open(args.out, "w", encoding="utf-8") as out:
        for i in range(args.count):
            if recent and rng.random() < 0.1:
                words = rng.choice(recent).split(" ")
                text = " ".join(w if rng.random() >= 0.05 else rng.choice(words) for w in words)
            else:
                sents = by_lang[rng.choice(langs)]
                text = " ".join(rng.choice(sents) for _ in range(rng.randint(1, 3)))
                recent.append(text)
                if len(recent) > 5000:
                    recent.pop(rng.randrange(len(recent)))
            out.write(json.dumps({"id": i, "text": text}, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
