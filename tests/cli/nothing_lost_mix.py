#!/usr/bin/env python3
"""Random mixes of inputs for the nothing-lost property test.

  nothing_lost_mix.py make SEED DIR   writes DIR/in (the inputs), DIR/outside
                                      (a file only a link points to) and
                                      DIR/expect.json
  nothing_lost_mix.py check DIR       reads DIR/out/, DIR/kept-dropped.jsonl
                                      and DIR/quarantine.jsonl and checks that
                                      every complete input line is in exactly
                                      one of them, in the right one

Every line carries a unique token (tokNNNNNN), so a line is found wherever it
went, whatever was added to it. A line is 'long' (kept by select --min-words 3),
'short' (dropped) or 'bad' (malformed: rejected and quarantined). Inputs:
the same file names in several folders, plain, .gz and .zst files, compressed
files cut short, empty files, a symlink loop and a link to a file outside the
input folder (neither is read)."""
import gzip, json, os, random, re, subprocess, sys

TOKEN = re.compile(rb"tok\d{6}")
WORDS = "river stone apple quiet seven letter window garden orbit paper".split()


def line(rng, tok, kind):
    if kind == "long":
        words = " ".join(rng.choice(WORDS) for _ in range(rng.randint(3, 30)))
        return json.dumps({"id": tok, "text": f"{words} {tok}"}, ensure_ascii=False).encode() + b"\n"
    if kind == "short":
        return json.dumps({"id": tok, "text": tok}).encode() + b"\n"
    return rng.choice([b'{"id": "%s", "text": ' % tok.encode(),
                       b'{"id": "%s", "text": "bad \xff\xfe utf8"}' % tok.encode(),
                       b'not json %s' % tok.encode()]) + b"\n"


def decoded(path):
    """The bytes a decoder recovers from a file, complete or cut short."""
    data = open(path, "rb").read()
    if data[:4] == b"\x28\xb5\x2f\xfd":
        return subprocess.run(["zstd", "-dcq"], input=data, capture_output=True).stdout
    if data[:2] == b"\x1f\x8b":
        return subprocess.run(["gzip", "-dc"], input=data, capture_output=True).stdout
    return data


def make(seed, root):
    rng = random.Random(seed)
    counter = [seed * 10000]
    expect = {"long": [], "short": [], "bad": [], "partial": [], "forbidden": []}

    def new_lines(n):
        out = []
        for _ in range(n):
            counter[0] += 1
            tok = "tok%06d" % counter[0]
            kind = rng.choices(["long", "short", "bad"], [8, 2, 1])[0]
            out.append((tok, kind, line(rng, tok, kind)))
        return out

    folders = ["", "a", "b", "a/x", "b/x/deep"]
    names = ["data.jsonl", "data.jsonl.gz", "data.jsonl.zst", "part.jsonl", "notes.tmp-1.jsonl"]
    inp = os.path.join(root, "in")
    os.makedirs(inp)
    for folder in folders:
        os.makedirs(os.path.join(inp, folder), exist_ok=True)
    used = set()
    for _ in range(rng.randint(4, 12)):
        rel = os.path.join(rng.choice(folders), rng.choice(names))
        if rel in used:
            continue
        used.add(rel)
        path = os.path.join(inp, rel)
        lines = new_lines(rng.choice([0, 1, 5, 40, 300]))
        raw = b"".join(l for _, _, l in lines)
        if rng.random() < 0.2 and raw:
            raw = raw[:-1]  # last line without its newline: still a complete line
        if path.endswith(".gz"):
            data = gzip.compress(raw)
        elif path.endswith(".zst"):
            data = subprocess.run(["zstd", "-qc", "-19"], input=raw, capture_output=True, check=True).stdout
        else:
            data = raw
        cut = (path.endswith((".gz", ".zst")) and len(data) > 40 and rng.random() < 0.4)
        if cut:
            data = data[:rng.randint(20, len(data) - 10)]
        with open(path, "wb") as f:
            f.write(data)
        if not cut:
            for tok, kind, _ in lines:
                expect[kind].append(tok)
            continue
        # Cut short: the lines wholly inside the decodable prefix are complete;
        # the line the cut tears is partial (it may come out once, as a rejection).
        got = decoded(path)
        whole = got[:got.rfind(b"\n") + 1]
        for tok, kind, l in lines:
            if l in whole and whole.index(l) + len(l) <= len(whole):
                expect[kind].append(tok)
            elif tok.encode() in got:
                expect["partial"].append(tok)
    # Empty inputs of each kind, a link loop, a link to a file outside the input.
    open(os.path.join(inp, "a", "empty.jsonl"), "wb").close()
    open(os.path.join(inp, "b", "empty.jsonl.zst"), "wb").close()
    os.symlink("..", os.path.join(inp, "a", "x", "up"))
    outside = os.path.join(root, "outside.jsonl")
    with open(outside, "wb") as f:
        for tok, _, l in new_lines(3):
            f.write(l)
            expect["forbidden"].append(tok)
    os.symlink(os.path.abspath(outside), os.path.join(inp, "b", "linked.jsonl"))
    json.dump(expect, open(os.path.join(root, "expect.json"), "w"))


def tokens_in(path, counts, where):
    """Each line's token once (a long line holds it as id and in its text)."""
    for record in decoded(path).split(b"\n"):
        for t in set(TOKEN.findall(record)):
            counts.setdefault(t.decode(), []).append(where)


def check(root):
    expect = json.load(open(os.path.join(root, "expect.json")))
    seen = {}
    outdir = os.path.join(root, "out")
    for dirpath, dirnames, files in os.walk(outdir):
        dirnames[:] = [d for d in dirnames if d != ".dpk"]
        for name in files:
            tokens_in(os.path.join(dirpath, name), seen, "out")
    for name, where in (("kept-dropped.jsonl", "dropped"), ("quarantine.jsonl", "quarantine")):
        p = os.path.join(root, name)
        if os.path.exists(p):
            tokens_in(p, seen, where)
    problems = []
    want = {"long": "out", "short": "dropped", "bad": "quarantine"}
    for kind, place in want.items():
        for tok in expect[kind]:
            got = seen.get(tok, [])
            if got != [place]:
                problems.append(f"{kind} line {tok}: expected once in {place}, found in {got or 'nothing'}")
    for tok in expect["partial"]:
        if len(seen.get(tok, [])) > 1:
            problems.append(f"torn line {tok} found {len(seen[tok])} times")
    for tok in expect["forbidden"]:
        if tok in seen:
            problems.append(f"line {tok} of a file outside the input was read")
    known = set(sum(expect.values(), []))
    for tok in seen:
        if tok not in known:
            problems.append(f"unknown token {tok} in output")
    for p in problems[:20]:
        print(p, file=sys.stderr)
    n = sum(len(expect[k]) for k in want)
    print(f"{n} complete lines, {len(expect['partial'])} torn, {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    if sys.argv[1] == "make":
        make(int(sys.argv[2]), sys.argv[3])
    else:
        sys.exit(check(sys.argv[2]))
