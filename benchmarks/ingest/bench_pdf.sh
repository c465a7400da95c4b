#!/usr/bin/env bash
# PDF to text: dpk-ingest against pdftotext (poppler's own command, the same
# library dpk reads PDFs with: the floor), pypdf and pdfminer.six, on the
# same real PDFs, in the same run.
#   bash benchmarks/ingest/bench_pdf.sh [BIN_DIR] [VENV] [PDF_DIR]
# Defaults: build/bin, /work/venv-ingest (pip install pypdf pdfminer.six),
# and the 269 PDFs (105 MB) of Debian 12's texlive-latex-base-doc (LaTeX
# manuals and package documentation made by many tools), downloaded once
# with apt-get download into ~/.cache/dpk-bench. pdftotext comes from
# poppler-utils.
#
# Prints wall seconds for each tool with one core (dpk --threads 1; the
# peers are single-threaded), dpk with every core of the machine, and how
# closely each peer's words match dpk's (documents whose word sequences are
# identical, and the share of words in common).
set -euo pipefail
cd "$(dirname "$0")/../.."
BIN=${1:-build/bin}
VENV=${2:-/work/venv-ingest}
PDF_DIR=${3:-}
if [ -z "$PDF_DIR" ]; then
  cache=${XDG_CACHE_HOME:-$HOME/.cache}/dpk-bench/texlive-latex-base-doc
  if [ ! -d "$cache/x" ]; then
    mkdir -p "$cache"
    (cd "$cache" && apt-get download texlive-latex-base-doc && dpkg-deb -x texlive-latex-base-doc_*.deb x)
  fi
  PDF_DIR=$cache/x
fi
command -v pdftotext > /dev/null || { echo "pdftotext missing: apt-get install poppler-utils" >&2; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir "$tmp/pdfs"
find "$PDF_DIR" -name '*.pdf' -size -10M | sort | while read -r f; do
  cp "$f" "$tmp/pdfs/$(printf '%s' "${f#"$PDF_DIR"/}" | tr / _)"
done
files=$(find "$tmp/pdfs" -name '*.pdf' | wc -l)
mb=$(du -sm "$tmp/pdfs" | cut -f1)
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
echo "input: $files PDFs, $mb MB ($PDF_DIR)"

now() { date +%s.%N; }
secs() {  # wall seconds of one run of a command line, its stdout to $2
  local t0 t1
  t0=$(now); bash -c "$1" > "$2"; t1=$(now)
  python3 -c "import sys; print(f'{float(sys.argv[1]) - float(sys.argv[2]):.3f}')" "$t1" "$t0"
}
cd "$tmp"
d1=$(secs "$OLDPWD/$BIN/dpk-ingest --threads 1 --on-error skip -q pdfs" dpk.jsonl)
dn=$(secs "$OLDPWD/$BIN/dpk-ingest --threads $(nproc) --on-error skip -q pdfs" dpk-n.jsonl)
cmp -s dpk.jsonl dpk-n.jsonl || { echo "dpk: 1 and $(nproc) threads differ" >&2; exit 1; }
pt=$(secs "for f in pdfs/*.pdf; do pdftotext -q -enc UTF-8 \"\$f\" - || true; done" pdftotext.txt)
# pdftotext, one file at a time, as JSONL for the comparison (not timed).
for f in pdfs/*.pdf; do
  pdftotext -q -enc UTF-8 "$f" - 2> /dev/null | python3 -c 'import json,sys; print(json.dumps({"id": sys.argv[1], "text": sys.stdin.read()}))' "$f" || true
done > pdftotext.jsonl
py=$(secs "$VENV/bin/python $OLDPWD/benchmarks/ingest/peer_pdf.py pypdf pdfs/*.pdf 2> pypdf.err" pypdf.jsonl)
pm=$(secs "$VENV/bin/python $OLDPWD/benchmarks/ingest/peer_pdf.py pdfminer pdfs/*.pdf 2> pdfminer.err" pdfminer.jsonl)
python3 - "$d1" "$dn" "$pt" "$py" "$pm" "$(nproc)" <<'PY'
import collections, json, sys
d1, dn, pt, py, pm = map(float, sys.argv[1:6])
cores = int(sys.argv[6])
def load(name):
    return {d["id"].split("/")[-1]: d["text"] for d in map(json.loads, open(name))}
dpk = load("dpk.jsonl")
print(f"dpk documents: {len(dpk)}")
print(f"{'tool':28s} {'seconds':>8s} {'dpk 1 core faster':>18s}")
for name, s in [("dpk-ingest, 1 thread", d1), (f"dpk-ingest, {cores} threads", dn), ("pdftotext (poppler-utils)", pt),
                ("pypdf", py), ("pdfminer.six", pm)]:
    print(f"{name:28s} {s:8.2f} {s / d1:17.1f}x")
for name, file in [("pdftotext", "pdftotext.jsonl"), ("pypdf", "pypdf.jsonl"), ("pdfminer.six", "pdfminer.jsonl")]:
    peer = load(file)
    same = common = total = 0
    both = sorted(set(dpk) & set(peer))
    for k in both:
        a, b = dpk[k].split(), peer[k].split()
        same += a == b
        ca, cb = collections.Counter(a), collections.Counter(b)
        common += sum((ca & cb).values())
        total += max(sum(ca.values()), sum(cb.values()))
    print(f"vs {name:13s}: {len(peer)} read, {same}/{len(both)} with identical words, "
          f"{common / max(total, 1):.3f} of words in common")
PY
