#!/usr/bin/env python3
"""The figures of benchmarks/fineweb/bench.sh, from its scratch folder.

Times: CPU seconds (user + system of the process and its children) and wall
seconds per side. Per step, each side's own measure: dpk's run summary
(steps[].seconds, wall time inside the step; reading, parsing and writing are
outside every step) and datatrove's stats.json (time_stats.total, wall time
per step). Both are wall clocks, inflated alike when the machine is busy, so
each step is also given as its share of the side's CPU seconds.

Agreement is by URL over the distinct pages (copy 0 of the WARC): Jaccard of
the kept sets as run, then with both filter chains given the same text.

Usage: report.py SCRATCH WARC_BYTES
"""
import glob
import gzip
import json
import os
import sys


def read_time(path):
    wall, user, sys_ = (float(x) for x in open(path).read().split())
    return wall, user + sys_


def jsonl(path):
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rt", encoding="utf-8") as f:
        for line in f:
            yield json.loads(line)


def key(url):
    """warcio's reader writes a space in a WARC-Target-URI as %20; dpk keeps the header as it is."""
    return url.replace(" ", "%20")


def distinct(url):
    return "#copy-" not in url


def jaccard(a, b):
    return len(a & b) / len(a | b) if a | b else 1.0


def steps_table(title, rows, cpu):
    total = sum(s for _, s in rows)
    print(f"{title}")
    print(f"  {'step':34} {'seconds':>9} {'share':>7} {'~CPU s':>8}")
    for name, s in rows:
        share = s / total if total else 0
        print(f"  {name:34} {s:9.2f} {share:7.1%} {share * cpu:8.2f}")


def dpk_steps(meta):
    rows, seen = [], 0.0
    for s in meta["steps"]:
        name = s["name"] + (":" + s["options"]["preset"] if s["name"] == "quality" else "")
        rows.append((name, s["seconds"]))
        seen += s["seconds"]
    # The rest of the run: reading, inflating and parsing WARC records, writing.
    rows.append(("(read, parse, write)", max(meta["wall_seconds"] - seen, 0.0)))
    return rows


def same_text(scratch, src):
    dpk_kept = set()
    for f in glob.glob(os.path.join(scratch, f"same-{src}-dpk", "*.jsonl*")):
        dpk_kept.update(key(d["id"]) for d in jsonl(f))
    dpk_why = {key(d["id"]): d["dpk_drop_reason"] for d in jsonl(os.path.join(scratch, f"same-{src}-dpk-dropped.jsonl"))}
    dt = {key(d["id"]): d for d in jsonl(os.path.join(scratch, f"same-{src}-dt.jsonl"))}
    dt_kept = {i for i, d in dt.items() if d["kept"]}
    differ = sorted((dpk_kept ^ dt_kept))
    print(f"same text ({src}'s extraction), {len(dt)} pages: dpk kept {len(dpk_kept)}, datatrove {len(dt_kept)}, "
          f"same decision on {len(dt) - len(differ)} ({(len(dt) - len(differ)) / max(len(dt), 1):.1%}), "
          f"Jaccard {jaccard(dpk_kept, dt_kept):.3f}")
    decisions = {}
    for i in set(dt) | dpk_kept | set(dpk_why):
        decisions[i] = ("kept" if i in dpk_kept else dpk_why.get(i, "absent"),
                        "kept" if i in dt_kept else (dt[i]["reason"] if i in dt else "absent"))
    for i in differ:
        print(f"  {i}: dpk {decisions[i][0]}, datatrove {decisions[i][1]}")
    return decisions


def main():
    scratch, warc_bytes = sys.argv[1], int(sys.argv[2])
    meta = json.load(open(os.path.join(scratch, "dpk", ".dpk", "metadata.json")))
    dpk_wall, dpk_cpu = read_time(os.path.join(scratch, "dpk.time"))
    dt_wall, dt_cpu = read_time(os.path.join(scratch, "dt.time"))
    dpk_kept = set()
    for f in glob.glob(os.path.join(scratch, "dpk", "*.jsonl*")):
        dpk_kept.update(key(d["url"]) for d in jsonl(f))
    dt_kept = {key(d["metadata"]["url"]) for d in jsonl(os.path.join(scratch, "dt", "out", "kept.jsonl"))}
    stats = json.load(open(os.path.join(scratch, "dt", "logs", "stats.json")))

    n = meta["counts"]["documents_in"]
    if n == 0:
        sys.exit("report.py: dpk read no WARC records (see dpk.stderr in the scratch folder)")
    print(f"input: {n} WARC response records, {warc_bytes / 1e6:.0f} MB gzipped")
    print(f"{'':26} {'CPU s':>8} {'wall s':>8} {'kept':>6}")
    print(f"{'dpk (1 thread)':26} {dpk_cpu:8.2f} {dpk_wall:8.2f} {len(dpk_kept):6d}")
    print(f"{'datatrove (1 process)':26} {dt_cpu:8.2f} {dt_wall:8.2f} {len(dt_kept):6d}")
    print(f"dpk faster by {dt_cpu / dpk_cpu:.1f}x CPU, {dt_wall / dpk_wall:.1f}x wall")
    steps_table("dpk steps (run summary)", dpk_steps(meta), dpk_cpu)
    steps_table("datatrove steps (stats.json)", [(s["name"].split(": ", 1)[-1], s["time_stats"]["total"])
                                                  for s in stats], dt_cpu)

    a = {u for u in dpk_kept if distinct(u)}
    b = {u for u in dt_kept if distinct(u)}
    print(f"as run, distinct pages: dpk kept {len(a)}, datatrove {len(b)}, both {len(a & b)}, "
          f"Jaccard {jaccard(a, b):.3f}")
    blocked = {key(d["id"]) for d in jsonl(os.path.join(scratch, "text-trafilatura.jsonl")) if d.get("url_filter")}
    print(f"  URLFilter dropped {len(blocked)} (dpk has no URL block list); "
          f"Jaccard without them {jaccard(a - blocked, b - blocked):.3f}")
    same = {src: same_text(scratch, src) for src in ("trafilatura", "dpk")}
    print("as run, the pages kept by one side only, and each side's filters on each text:")
    for u in sorted(a ^ b):
        on = {src: same[src].get(u, ("absent", "absent")) for src in same}
        print(f"  {u}: kept by {'dpk' if u in a else 'datatrove'}; on trafilatura's text dpk {on['trafilatura'][0]}, "
              f"datatrove {on['trafilatura'][1]}; on dpk's text dpk {on['dpk'][0]}, datatrove {on['dpk'][1]}")


if __name__ == "__main__":
    main()
