#!/usr/bin/env bash
# Office and e-book files to text: dpk-ingest against the Python libraries
# (benchmarks/ingest/peer_office.py: python-docx, python-pptx, openpyxl,
# odfpy, ebooklib + an HTML text walk), on the same files, in the same run.
#   bash benchmarks/ingest/bench_office.sh [BIN_DIR] [VENV] [COPIES]
# Defaults: build/bin, /work/venv-office (pip install python-docx
# python-pptx openpyxl odfpy ebooklib), 40 copies: 40 documents of each of
# the 7 kinds, written from the real text of ../shared/data by
# make_office_fixtures.py --copies (each copy from other pages).
#
# Prints wall seconds (best of 3) for dpk with one thread, dpk with every
# core, and the peers (one Python process), and how many documents have the
# same words in the same order in both.
set -euo pipefail
cd "$(dirname "$0")/../.."
BIN=${1:-build/bin}
VENV=${2:-/work/venv-office}
COPIES=${3:-40}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$VENV/bin/python" benchmarks/ingest/make_office_fixtures.py "$tmp/docs" --copies "$COPIES"
files=$(find "$tmp/docs" -type f | wc -l)
kb=$(du -sk "$tmp/docs" | cut -f1)
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
echo "input: $files files ($COPIES each of docx pptx xlsx odt odp ods epub), $kb KB"

best() {  # best wall seconds of 3 runs of a command line, its stdout to $2
  local best="" t0 t1 s
  for _ in 1 2 3; do
    t0=$(date +%s.%N); bash -c "$1" > "$2"; t1=$(date +%s.%N)
    s=$(python3 -c "import sys; print(f'{float(sys.argv[1]) - float(sys.argv[2]):.3f}')" "$t1" "$t0")
    best=$(python3 -c "import sys; a=sys.argv[1]; print(sys.argv[2] if not a or float(sys.argv[2]) < float(a) else a)" "$best" "$s")
  done
  echo "$best"
}
here=$PWD
cd "$tmp"
d1=$(best "$here/$BIN/dpk-ingest --threads 1 -q docs" dpk.jsonl)
dn=$(best "$here/$BIN/dpk-ingest --threads $(nproc) -q docs" dpk-n.jsonl)
cmp -s dpk.jsonl dpk-n.jsonl || { echo "dpk: 1 and $(nproc) threads differ" >&2; exit 1; }
py=$(best "$VENV/bin/python $here/benchmarks/ingest/peer_office.py docs" peer.jsonl)
python3 - "$d1" "$dn" "$py" "$(nproc)" <<'PY'
import collections, json, sys
d1, dn, py = map(float, sys.argv[1:4])
cores = int(sys.argv[4])
dpk = {d["path"]: d for d in map(json.loads, open("dpk.jsonl"))}
peer = {d["path"]: d for d in map(json.loads, open("peer.jsonl"))}
print(f"{'tool':34s} {'seconds':>8s} {'vs dpk 1 thread':>16s}")
for name, s in [("dpk-ingest, 1 thread", d1), (f"dpk-ingest, {cores} threads", dn),
                ("Python peers (peer_office.py)", py)]:
    print(f"{name:34s} {s:8.3f} {s / d1:15.1f}x")
by_kind = collections.defaultdict(lambda: [0, 0])
for path, p in peer.items():
    kind = path.rsplit(".", 1)[-1]
    d = dpk.get(path)
    by_kind[kind][1] += 1
    if d and d["text"].split() == p["text"].split() and d.get("pages", 0) == p["pages"]:
        by_kind[kind][0] += 1
print("same words and pages as the peer: " + ", ".join(f"{k} {s}/{n}" for k, (s, n) in sorted(by_kind.items())))
PY
