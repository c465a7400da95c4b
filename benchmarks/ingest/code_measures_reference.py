#!/usr/bin/env python3
"""The code measures of the StarCoder / The Stack filters (bigcode's
preprocessing, also IBM Data Prep Kit's code quality transform), computed
with Python's own string methods, for every regular file of an archive:

    line_lengths = [len(line) for line in content.splitlines()]
    avg_line_length = mean(line_lengths); max_line_length = max(line_lengths)
    alphanum_fraction = mean([c.isalnum() for c in content])

    code_measures_reference.py ARCHIVE.tar.gz > expected.jsonl

Writes one JSON line per file, sorted by path: path (inside the archive),
line_count, max_line_length, avg_line_length, alphanum_fraction. The
fixture tests/ingest/code-sample.expected.jsonl was made with it from
tests/ingest/code-sample.tar.gz; tests/cli/ingest_code_reference.sh compares
dpk-ingest's fields with it.
"""
import json
import sys
import tarfile


def measures(content: str):
    lines = content.splitlines()
    lengths = [len(line) for line in lines]
    return {
        "line_count": len(lines),
        "max_line_length": max(lengths) if lengths else 0,
        "avg_line_length": sum(lengths) / len(lengths) if lengths else 0.0,
        "alphanum_fraction": sum(c.isalnum() for c in content) / len(content) if content else 0.0,
    }


def main():
    rows = []
    with tarfile.open(sys.argv[1]) as tar:
        for member in tar:
            if not member.isfile():
                continue
            content = tar.extractfile(member).read().decode("utf-8")
            path = member.name[2:] if member.name.startswith("./") else member.name
            rows.append({"path": path, **measures(content)})
    for row in sorted(rows, key=lambda r: r["path"]):
        print(json.dumps(row, ensure_ascii=False))


if __name__ == "__main__":
    main()
