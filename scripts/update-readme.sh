#!/usr/bin/env bash
# Regenerates the parts of README.md that come from the built tools:
# the common options table (from `dpk help docid`) and the list of tools
# (from `dpk list`), between their <!-- BEGIN ... --> / <!-- END ... --> marks.
#   bash scripts/update-readme.sh [BIN_DIR]     (default: build/bin)
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${1:-build/bin}
"$BIN/dpk" help docid > /tmp/dpk-help.$$
"$BIN/dpk" list > /tmp/dpk-list.$$
python3 - README.md /tmp/dpk-help.$$ /tmp/dpk-list.$$ <<'PY'
import re, sys
readme, help_file, list_file = sys.argv[1:4]
lines = open(help_file).read().split("\n")
start = lines.index("Common options:") + 1
rows = []
for line in lines[start:]:
    if not line.strip():
        break
    if line[:30].strip():
        # A signature longer than the column stands on a line of its own.
        sig, _, text = line.strip().partition("  ")
        rows.append([sig, text.strip()])
    else:
        rows[-1][1] = (rows[-1][1] + " " + line.strip()).strip()
def cell(s):
    return s.replace("|", "\\|")
table = ["| Option | Meaning |", "|---|---|"]
for sig, text in rows:
    table.append(f"| `{cell(sig)}` | {cell(text)} |")
tools = ["| Tool | Kind | What it does |", "|---|---|---|"]
for line in open(list_file).read().splitlines():
    parts = line.split(None, 2)
    if len(parts) == 3:
        tools.append(f"| `dpk-{parts[0]}` | {parts[1]} | {cell(parts[2])} |")
text = open(readme).read()
def put(text, mark, body):
    pat = re.compile(rf"(<!-- BEGIN {mark} -->\n).*?(<!-- END {mark} -->)", re.S)
    if not pat.search(text):
        sys.exit(f"update-readme: no '{mark}' marks in README.md")
    return pat.sub(lambda m: m.group(1) + "\n".join(body) + "\n" + m.group(2), text)
text = put(text, "common-options", table)
text = put(text, "tools", tools)
open(readme, "w").write(text)
PY
rm -f /tmp/dpk-help.$$ /tmp/dpk-list.$$
echo "README.md updated from $BIN/dpk"
