#!/usr/bin/env python3
"""Runs dpk-quality's presets on the conformance set and compares with the
reference decisions (tests/quality/reference.jsonl.zst): keep/drop agreement,
reason agreement, c4 edited-text agreement; lists disagreements with
--show N. Needs only Python's standard library and the zstd CLI.

With --by-language, also the keep/drop agreement per language (the `lang`
field: the sentence label for langid-* documents, a stop-word guess for web
pages) and for the web pages and the sentence documents apart. Extra dpk
options (e.g. --word-splitter icu) follow `--`.

Usage: python compare.py [--dpk build/bin/dpk-quality] [--show 5] [--preset NAME] [--by-language] [-- OPTION...]
"""
import argparse
import json
import os
import subprocess
import tempfile



def zst_lines(path):
    out = subprocess.run(["zstd", "-dc", path], check=True, capture_output=True).stdout
    return [json.loads(l) for l in out.decode().split("\n") if l]


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    root = os.path.normpath(os.path.join(here, "..", ".."))
    ap = argparse.ArgumentParser()
    ap.add_argument("--dpk", default=os.path.join(root, "build", "bin", "dpk-quality"))
    ap.add_argument("--show", type=int, default=0)
    ap.add_argument("--preset", default=None)
    ap.add_argument("--by-language", action="store_true")
    ap.add_argument("extra", nargs="*")
    args = ap.parse_args()
    fixture = os.path.join(root, "tests", "quality")
    inp = os.path.join(fixture, "conformance-input.jsonl.zst")
    ref = {r["id"]: r for r in zst_lines(os.path.join(fixture, "reference.jsonl.zst"))}
    docs = zst_lines(inp)
    texts = {d["id"]: d["text"] for d in docs}
    langs = {d["id"]: d.get("lang", "und") for d in docs}
    presets = {
        "gopher_quality": ["--preset", "gopher-quality"],
        "gopher_repetition": ["--preset", "gopher-repetition"],
        "c4": ["--preset", "c4"],
        "fineweb": ["--preset", "fineweb"],
        "badwords": ["--preset", "badwords", "--words-dir", os.path.join(fixture, "badwords")],
    }
    with tempfile.TemporaryDirectory() as tmp:
        for key, opts in presets.items():
            if args.preset and args.preset != key:
                continue
            kept, dropped = os.path.join(tmp, "k.jsonl"), os.path.join(tmp, "d.jsonl")
            extra = args.extra if key != "badwords" else []
            subprocess.run([args.dpk, *opts, *extra, "--threads", "1", "--keep-dropped", dropped, "-o", kept, inp], check=True)
            got = {}
            for l in open(kept, encoding="utf-8", newline="\n"):
                d = json.loads(l)
                got[d["id"]] = (None, d["text"])
            for l in open(dropped, encoding="utf-8", newline="\n"):
                d = json.loads(l)
                got[d["id"]] = (d["dpk_drop_reason"], None)
            n = agree = reason_agree = text_agree = both_kept = 0
            bad = []
            groups = {}
            for i, r in ref.items():
                want = r[key]
                g, text = got[i]
                n += 1
                same = (g is None) == (want is None)
                for grp in (("lang", langs[i]), ("set", "sentences" if i.startswith("langid-") else "web pages")):
                    t = groups.setdefault(grp, [0, 0])
                    t[0] += same
                    t[1] += 1
                if same:
                    agree += 1
                    reason_agree += g == want
                    if key == "c4" and g is None:
                        both_kept += 1
                        text_agree += text == r["c4_text"]
                else:
                    bad.append((i, want, g))
            line = f"{key}: keep/drop {agree}/{n} = {agree / n:.4f}; reason {reason_agree}/{n}"
            if key == "c4":
                line += f"; edited text {text_agree}/{both_kept}"
            print(line)
            if args.by_language:
                for (kind, name), (a, m) in sorted(groups.items()):
                    print(f"  {kind} {name}: {a}/{m} = {a / m:.4f}")
            for i, want, g in bad[: args.show]:
                print(f"  {i}: reference={want} dpk={g} ({len(texts[i])} chars)")


if __name__ == "__main__":
    main()
