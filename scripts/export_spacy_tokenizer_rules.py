#!/usr/bin/env python3
"""Exports spaCy's rule-based tokenizer settings as data for dpk-quality.

dpk's `--words spacy` splitter runs spaCy's tokenizer algorithm over these
rules; nothing of spaCy's code is copied, only its data: for each language,
the prefix, suffix and infix patterns, the token and URL match patterns, the
special-case (exception) table, and the sentencizer's punctuation.

Patterns are re-written from Python `re` syntax into ICU regex syntax by
walking Python's own parse tree (every non-alphanumeric literal becomes
\\x{HEX}, so no character-class operator of ICU can misread them).

Output (stdout or --out, compress with `zstd -19`), one record a line,
fields separated by tabs, fields with tab, newline, CR or % escaped as %HH:
  language  LANG
  prefix    ICU-PATTERN            (empty when the language has none)
  suffix    ICU-PATTERN
  infix     ICU-PATTERN
  suffix_bounded  ICU-PATTERN  N    (the suffix alternatives that match at most N
  suffix_unbounded ICU-PATTERN      characters, and the others: a suffix match
                                    ends at the end, so the bounded ones need
                                    only be tried at the last N positions)
  edges     WHICH ASCII NONASCII   (WHICH: prefix_first, suffix_last or
                                    infix_first; the ASCII characters, as 32
                                    hex digits of a 128-bit set, that a match
                                    can begin, or end, with, and 1 when it
                                    can also be a non-ASCII one: a string
                                    without such a character cannot match;
                                    absent when a match can be empty or the
                                    analysis cannot tell)
  token     ICU-PATTERN            (token_match, anchored at the start)
  url       ICU-PATTERN            (url_match, anchored at the start)
  special   STRING  TOKEN...       (the exception table)
  matcher   STRING  TOKEN...       (special cases spaCy also looks for across
                                    tokens: the tokens the string splits into
                                    without special cases)
  punct     CHAR...                (sentencizer punctuation)
  plain     letters|digits...      (chunks of only letters and marks (Unicode
                                    L and M), or only ASCII digits, that no
                                    prefix, suffix or infix pattern can match:
                                    proved on the parse trees, so such a chunk
                                    is one token unless it is a special case)

Usage: python scripts/export_spacy_tokenizer_rules.py --out FILE [LANG...]
Requirements: spacy (see benchmarks/requirements-quality.txt for the version).
Data licence: spaCy is MIT-licensed (Copyright (C) 2016-2024 ExplosionAI GmbH,
2016 spaCy GmbH, 2015 Matthew Honnibal).
"""
import argparse
import bisect
import re
import sys
import unicodedata

try:
    import re._constants as C
    import re._parser as P
except ImportError:  # Python < 3.11
    import sre_constants as C
    import sre_parse as P

import spacy
from spacy.pipeline import Sentencizer

# The languages datatrove assigns spaCy's rule-based tokenizer to (its
# tokenizer_assignment.csv); ja, zh and vi need outside segmenters and are left out.
LANGUAGES = [
    "en", "af", "am", "ar", "az", "bg", "ca", "cs", "da", "de", "dsb", "el", "es", "et", "eu", "fa",
    "fi", "fo", "fr", "ga", "grc", "he", "hr", "hsb", "hu", "hy", "id", "is", "it", "ky", "la", "lb",
    "lg", "lij", "lt", "lv", "mk", "ms", "nb", "nl", "pl", "pt", "ro", "ru", "sk", "sl", "sq", "sr",
    "sv", "ti", "tl", "tn", "tr", "tt", "uk", "xx", "yo",
]

# Python's str.isspace() characters: what re's \s means for str patterns.
PY_SPACE = "[\\x{9}-\\x{d}\\x{1c}-\\x{20}\\x{85}\\x{a0}\\x{1680}\\x{2000}-\\x{200a}\\x{2028}\\x{2029}\\x{202f}\\x{205f}\\x{3000}]"
CATEGORIES = {
    C.CATEGORY_DIGIT: "\\p{Nd}",
    C.CATEGORY_NOT_DIGIT: "\\P{Nd}",
    C.CATEGORY_SPACE: PY_SPACE,
    C.CATEGORY_NOT_SPACE: "[^" + PY_SPACE[1:],
    C.CATEGORY_WORD: "[\\p{L}\\p{N}_]",
    C.CATEGORY_NOT_WORD: "[^\\p{L}\\p{N}_]",
}
AT = {
    C.AT_BEGINNING: "^", C.AT_BEGINNING_STRING: "\\A", C.AT_END: "$", C.AT_END_STRING: "\\z",
    C.AT_BOUNDARY: "\\b", C.AT_NON_BOUNDARY: "\\B",
}


def lit(c):
    ch = chr(c)
    return ch if ch.isascii() and ch.isalnum() else "\\x{%x}" % c


def emit(tree):
    out = []
    for op, av in tree:
        if op is C.LITERAL:
            out.append(lit(av))
        elif op is C.NOT_LITERAL:
            out.append("[^" + lit(av) + "]")
        elif op is C.ANY:
            out.append(".")
        elif op is C.IN:
            out.append(emit_set(av))
        elif op is C.BRANCH:
            out.append("(?:" + "|".join(emit(alt) for alt in av[1]) + ")")
        elif op is C.SUBPATTERN:
            _group, add, rem, sub = av
            flags = ("i" if add & re.IGNORECASE else "") + ("-i" if rem & re.IGNORECASE else "")
            out.append("(?" + flags + ":" + emit(sub) + ")")
        elif op in (C.MAX_REPEAT, C.MIN_REPEAT, getattr(C, "POSSESSIVE_REPEAT", None)):
            lo, hi, sub = av
            rep = "{%d,}" % lo if hi is C.MAXREPEAT else "{%d,%d}" % (lo, hi)
            rep += "?" if op is C.MIN_REPEAT else ("+" if op is not C.MAX_REPEAT else "")
            out.append("(?:" + emit(sub) + ")" + rep)
        elif op is C.ASSERT:
            direction, sub = av
            out.append(("(?<=" if direction < 0 else "(?=") + emit(sub) + ")")
        elif op is C.ASSERT_NOT:
            direction, sub = av
            out.append(("(?<!" if direction < 0 else "(?!") + emit(sub) + ")")
        elif op is C.AT:
            out.append(AT[av])
        elif op is C.CATEGORY:
            out.append(CATEGORIES[av])
        elif op is getattr(C, "ATOMIC_GROUP", None):
            out.append("(?>" + emit(av) + ")")
        else:
            raise ValueError(f"unsupported regex construct {op}")
    return "".join(out)


def emit_set(items):
    parts, negate = [], False
    for op, av in items:
        if op is C.NEGATE:
            negate = True
        elif op is C.LITERAL:
            parts.append(lit(av))
        elif op is C.RANGE:
            parts.append(lit(av[0]) + "-" + lit(av[1]))
        elif op is C.CATEGORY:
            parts.append(CATEGORIES[av])
        else:
            raise ValueError(f"unsupported set item {op}")
    return "[" + ("^" if negate else "") + "".join(parts) + "]"


def to_icu(pattern):
    """ICU source for a compiled Python pattern (or None)."""
    if pattern is None:
        return ""
    parsed = P.parse(pattern.pattern, pattern.flags)
    head = "(?i)" if pattern.flags & re.IGNORECASE else ""
    return head + emit(parsed)


LETTERS = sorted(c for c in range(sys.maxunicode + 1) if unicodedata.category(chr(c))[0] in "LM")
DIGITS = [ord(c) for c in "0123456789"]
CATEGORY_CLASS = {C.CATEGORY_DIGIT: r"\d", C.CATEGORY_NOT_DIGIT: r"\D", C.CATEGORY_SPACE: r"\s",
                  C.CATEGORY_NOT_SPACE: r"\S", C.CATEGORY_WORD: r"\w", C.CATEGORY_NOT_WORD: r"\W"}


def any_in(chars, lo, hi):
    """Whether the sorted code points `chars` hold one in [lo, hi]."""
    i = bisect.bisect_left(chars, lo)
    return i < len(chars) and chars[i] <= hi


def set_may_hold(items, chars):
    """Whether the parsed character set `items` may hold one of `chars`
    (case-insensitive matching only adds letters, which `chars` then holds or
    not alike, so case is not looked at: letters are all in or all out)."""
    if any(op is C.NEGATE for op, _ in items):
        return True
    for op, av in items:
        if op is C.LITERAL and any_in(chars, av, av):
            return True
        if op is C.RANGE and any_in(chars, av[0], av[1]):
            return True
        if op is C.CATEGORY:
            if chars is DIGITS:
                probe = re.compile("[" + CATEGORY_CLASS[av] + "]")
                if any(probe.match(chr(c)) for c in chars):
                    return True
            elif not (chars is LETTERS and av in (C.CATEGORY_DIGIT, C.CATEGORY_SPACE)):
                return True  # no letter or mark is a digit or a space; otherwise assume a hit
        if op not in (C.LITERAL, C.RANGE, C.CATEGORY):
            return True
    return False


def may_match_only(tree, chars, icase):
    """Whether the pattern might match a string made only of `chars` (False
    is a proof that it cannot; True may be a false alarm)."""
    for op, av in tree:
        if op is C.LITERAL:
            ch = chr(av)
            ok = any_in(chars, av, av) or (icase and any_in(chars, ord(ch.swapcase()[0]), ord(ch.swapcase()[0])))
        elif op is C.NOT_LITERAL or op is C.ANY or op is C.AT or op is C.ASSERT_NOT:
            ok = True
        elif op is C.IN:
            ok = set_may_hold(av, chars)
        elif op is C.CATEGORY:
            ok = set_may_hold([(op, av)], chars)
        elif op is C.BRANCH:
            ok = any(may_match_only(alt, chars, icase) for alt in av[1])
        elif op is C.SUBPATTERN:
            ok = may_match_only(av[3], chars, icase or bool(av[1] & re.IGNORECASE))
        elif op in (C.MAX_REPEAT, C.MIN_REPEAT, getattr(C, "POSSESSIVE_REPEAT", None)):
            ok = av[0] == 0 or may_match_only(av[2], chars, icase)
        elif op is C.ASSERT:
            ok = may_match_only(av[1], chars, icase)
        else:
            ok = True
        if not ok:
            return False
    return True


def plain_classes(tok):
    """Which plain chunk classes no affix pattern of `tok` can split."""
    out = []
    for name, chars in (("letters", LETTERS), ("digits", DIGITS)):
        safe = True
        for fn in (tok.prefix_search, tok.suffix_search, tok.infix_finditer):
            p = pattern_of(fn)
            if p is not None and may_match_only(P.parse(p.pattern, p.flags), chars, bool(p.flags & re.IGNORECASE)):
                safe = False
        if safe:
            out.append(name)
    return out


ASCII = list(range(128))
NONASCII = list(range(128, sys.maxunicode + 1))


class Unknown(Exception):
    pass


def edge_chars(tree, icase, last):
    """(ASCII code points, whether a non-ASCII one is possible, whether the
    match may be empty) for the first (or last) character a match of `tree`
    consumes. Raises Unknown when it cannot tell."""
    asc, non, items = set(), False, list(tree)
    if last:
        items.reverse()
    for op, av in items:
        if op in (C.AT, C.ASSERT, C.ASSERT_NOT):
            continue  # zero width
        if op is C.LITERAL:
            chars = {av} | ({ord(chr(av).swapcase()[0])} if icase else set())
            return asc | {c for c in chars if c < 128}, non or any(c >= 128 for c in chars) or icase, False
        if op is C.NOT_LITERAL or op is C.ANY:
            return set(ASCII), True, False
        if op is C.IN or op is C.CATEGORY:
            its = av if op is C.IN else [(op, av)]
            a = {c for c in ASCII if set_may_hold_exact(its, c, icase)}
            return asc | a, True if (non or set_may_hold(its, NONASCII) or icase) else False, False
        if op is C.BRANCH:
            nullable = False
            for alt in av[1]:
                a, n, e = edge_chars(alt, icase, last)
                asc, non, nullable = asc | a, non or n, nullable or e
            if not nullable:
                return asc, non, False
            continue
        if op is C.SUBPATTERN:
            a, n, e = edge_chars(av[3], icase or bool(av[1] & re.IGNORECASE), last)
            asc, non = asc | a, non or n
            if not e:
                return asc, non, False
            continue
        if op in (C.MAX_REPEAT, C.MIN_REPEAT, getattr(C, "POSSESSIVE_REPEAT", None)):
            a, n, e = edge_chars(av[2], icase, last)
            asc, non = asc | a, non or n
            if av[0] > 0 and not e:
                return asc, non, False
            continue
        raise Unknown(op)
    return asc, non, True


def set_may_hold_exact(items, c, icase):
    """Whether the parsed set `items` holds ASCII code point `c`."""
    ch = chr(c)
    for cand in ({ch, ch.swapcase()} if icase else {ch}):
        negate, hit = False, False
        for op, av in items:
            if op is C.NEGATE:
                negate = True
            elif op is C.LITERAL:
                hit |= av == ord(cand)
            elif op is C.RANGE:
                hit |= av[0] <= ord(cand) <= av[1]
            elif op is C.CATEGORY:
                hit |= re.match("[" + CATEGORY_CLASS[av] + "]", cand) is not None
            else:
                return True
        if hit != negate:
            return True
    return False


def edges_line(name, pattern, last):
    if pattern is None:
        return None
    try:
        asc, non, empty = edge_chars(P.parse(pattern.pattern, pattern.flags), bool(pattern.flags & re.IGNORECASE), last)
    except Unknown:
        return None
    if empty:
        return None
    bits = sum(1 << c for c in asc)
    return f"edges\t{name}\t{bits:032x}\t{int(non)}\n"


def split_suffix(pattern):
    """(bounded alternatives' ICU source, their widest match, the other
    alternatives' ICU source) of a suffix pattern, or None when its top level
    is not an alternation."""
    if pattern is None or pattern.flags & re.IGNORECASE:
        return None
    tree = P.parse(pattern.pattern, pattern.flags)
    if len(tree) != 1 or tree[0][0] is not C.BRANCH:
        return None
    bounded, unbounded, widest = [], [], 0
    for alt in tree[0][1][1]:
        lo, hi = alt.getwidth()
        if hi >= C.MAXREPEAT:
            unbounded.append(emit(alt))
        else:
            bounded.append(emit(alt))
            widest = max(widest, hi)
    return "|".join(bounded), widest, "|".join(unbounded)


def pattern_of(fn):
    return getattr(fn, "__self__", None) if fn is not None else None


def esc(s):
    return "".join("%%%02X" % ord(c) if c in "\t\n\r%" else c for c in s)


def export(lang, out):
    nlp = spacy.blank(lang)
    tok = nlp.tokenizer
    # The same rules without special cases: how spaCy splits a special case's
    # string when it looks for it across tokens.
    bare = spacy.tokenizer.Tokenizer(
        nlp.vocab, rules={}, prefix_search=tok.prefix_search, suffix_search=tok.suffix_search,
        infix_finditer=tok.infix_finditer, token_match=tok.token_match, url_match=tok.url_match)
    out.write(f"language\t{lang}\n")
    out.write("prefix\t" + to_icu(pattern_of(tok.prefix_search)) + "\n")
    out.write("suffix\t" + to_icu(pattern_of(tok.suffix_search)) + "\n")
    out.write("infix\t" + to_icu(pattern_of(tok.infix_finditer)) + "\n")
    for name, fn, last in (("prefix_first", tok.prefix_search, False), ("suffix_last", tok.suffix_search, True),
                           ("infix_first", tok.infix_finditer, False)):
        line = edges_line(name, pattern_of(fn), last)
        if line:
            out.write(line)
    parts = split_suffix(pattern_of(tok.suffix_search))
    if parts is not None:
        out.write(f"suffix_bounded\t{parts[0]}\t{parts[1]}\n")
        out.write(f"suffix_unbounded\t{parts[2]}\n")
    out.write("token\t" + to_icu(pattern_of(tok.token_match)) + "\n")
    out.write("url\t" + to_icu(pattern_of(tok.url_match)) + "\n")
    for string, subs in sorted(tok.rules.items()):
        orths = [s[spacy.attrs.ORTH] if spacy.attrs.ORTH in s else s["ORTH"] for s in subs]
        out.write("\t".join(["special", esc(string)] + [esc(o) for o in orths]) + "\n")
        if tok.find_prefix(string) or tok.find_infix(string) or tok.find_suffix(string) or " " in string:
            pieces = [t.text for t in bare(string)]
            out.write("\t".join(["matcher", esc(string)] + [esc(p) for p in pieces]) + "\n")
    out.write("\t".join(["punct"] + [esc(c) for c in Sentencizer.default_punct_chars]) + "\n")
    out.write("\t".join(["plain"] + plain_classes(tok)) + "\n")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", default="-")
    ap.add_argument("languages", nargs="*", default=LANGUAGES)
    a = ap.parse_args()
    out = sys.stdout if a.out == "-" else open(a.out, "w", encoding="utf-8", newline="\n")
    out.write(f"# spaCy {spacy.__version__} tokenizer rules (MIT licence), made by scripts/export_spacy_tokenizer_rules.py\n")
    for lang in a.languages:
        try:
            export(lang, out)
        except Exception as e:  # a language needing an outside package
            print(f"skipping {lang}: {e}", file=sys.stderr)


if __name__ == "__main__":
    main()
