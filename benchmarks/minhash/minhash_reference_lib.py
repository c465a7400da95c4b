"""Shared by make_reference.py and evaluate.py: dpk's shingles, in Python.

normalize() and words() reproduce dpk-minhash-dedup's text normalization and
ICU word segmentation (through PyICU on the system ICU, the library dpk uses),
so that datasketch sees exactly the shingles dpk hashes.
"""
import icu

_SPACE_TYPES = {
    icu.UCharCategory.CONNECTOR_PUNCTUATION, icu.UCharCategory.DASH_PUNCTUATION,
    icu.UCharCategory.START_PUNCTUATION, icu.UCharCategory.END_PUNCTUATION,
    icu.UCharCategory.INITIAL_PUNCTUATION, icu.UCharCategory.FINAL_PUNCTUATION,
    icu.UCharCategory.OTHER_PUNCTUATION, icu.UCharCategory.MATH_SYMBOL,
    icu.UCharCategory.CURRENCY_SYMBOL, icu.UCharCategory.MODIFIER_SYMBOL,
    icu.UCharCategory.OTHER_SYMBOL, icu.UCharCategory.SPACE_SEPARATOR,
    icu.UCharCategory.LINE_SEPARATOR, icu.UCharCategory.PARAGRAPH_SEPARATOR,
    icu.UCharCategory.CONTROL_CHAR,
}
_FORMAT = icu.UCharCategory.FORMAT_CHAR
_breaker = icu.BreakIterator.createWordInstance(icu.Locale.getRoot())


def normalize(text):
    out = []
    pending = False
    for ch in text:
        c = ord(ch)
        if c < 0x80:
            if ch.isalnum():
                if pending:
                    out.append(" ")
                    pending = False
                out.append(ch.lower())
            else:
                pending = bool(out)
            continue
        t = icu.Char.charType(c)
        if t == _FORMAT:
            continue
        if t in _SPACE_TYPES:
            pending = bool(out)
            continue
        if pending:
            out.append(" ")
            pending = False
        out.append(chr(icu.Char.tolower(c)))
    return "".join(out)


def words(norm):
    us = icu.UnicodeString(norm)
    _breaker.setText(us)
    out = []
    begin = _breaker.first()
    for end in _breaker:
        if _breaker.getRuleStatus() != 0:  # UBRK_WORD_NONE
            out.append(str(us[begin:end]))
        begin = end
    return out


def shingles(text, ngram=5, kind="word"):
    norm = normalize(text)
    units = words(norm) if kind == "word" else list(norm)
    sep = " " if kind == "word" else ""
    if not units:
        return []
    if len(units) < ngram:
        return [sep.join(units)]
    return [sep.join(units[i:i + ngram]) for i in range(len(units) - ngram + 1)]


class UnionFind:
    """Union-find whose root is the smallest item (dpk's kept document)."""

    def __init__(self, n):
        self.p = list(range(n))

    def find(self, x):
        while self.p[x] != x:
            self.p[x] = self.p[self.p[x]]
            x = self.p[x]
        return x

    def union(self, a, b):
        a, b = self.find(a), self.find(b)
        if a != b:
            if a < b:
                self.p[b] = a
            else:
                self.p[a] = b


def cluster_ids(n, edges):
    """1-based line of each document's cluster root, 0 for documents in no pair."""
    uf = UnionFind(n)
    member = [False] * n
    for a, b in edges:
        uf.union(a, b)
        member[a] = member[b] = True
    return [uf.find(i) + 1 if member[i] else 0 for i in range(n)]
