#!/usr/bin/env python3
"""Writes one JSONL document whose text is about SIZE bytes of markdown-like
prose: sentences, paragraphs, ATX headings, a fenced code block, multi-byte
UTF-8 (accents, CJK, an emoji sequence) and now and then a long run with no
space, so every chunk strategy and every refinement level (section,
paragraph, sentence, word, grapheme) is exercised. Deterministic.

  make_big_document.py SIZE OUT.jsonl     # SIZE in bytes, or with K/M suffix
"""
import json
import random
import sys

WORDS = ("the cat sat on a mat while dogs ran far away from home quickly "
         "café naïve über résumé 数据 処理 données").split()


def parse_size(s):
    mult = {"K": 1024, "M": 1024 * 1024}.get(s[-1:].upper(), 1)
    return int(s[:-1] if mult > 1 else s) * mult


def main():
    size, out = parse_size(sys.argv[1]), sys.argv[2]
    rnd = random.Random(14)
    parts, n, i = [], 0, 0
    while n < size:
        if i % 400 == 0:
            p = "\n\n%s Part %d\n\n" % ("#" * (1 + (i // 400) % 3), i)
        elif i % 997 == 0:
            p = "\n\n```\n# not a heading %d\nx = 1\n```\n\n" % i
        elif i % 251 == 0:
            p = " " + "ab\u0301" * 700 + "\U0001F469\u200D\U0001F4BB "  # 1,400 code points, no space
        else:
            p = " ".join(rnd.choice(WORDS) for _ in range(rnd.randint(4, 24))).capitalize() + ". "
            if i % 9 == 8:
                p += "\n\n"
        parts.append(p)
        n += len(p.encode("utf-8"))
        i += 1
    with open(out, "w", encoding="utf-8") as f:
        f.write(json.dumps({"id": "big", "text": "".join(parts), "src": "generated"}, ensure_ascii=False))
        f.write("\n")


if __name__ == "__main__":
    main()
