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
# Prints wall and CPU seconds for each tool: dpk with one thread (the peers
# are single-threaded) and with every core of the machine, and how closely
# each peer's words match dpk's (documents whose word sequences are
# identical, and the share of words in common). Set PEERS to a subset of
# "pdftotext pypdf pdfminer" (pdfminer.six takes some 15 times dpk's time),
# and BEFORE_BIN to an older build's bin folder to time it beside.
set -euo pipefail
cd "$(dirname "$0")/../.."
BIN=$(cd "${1:-build/bin}" && pwd)
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

# "WALL CPU" seconds of one run of a command line (CPU = user + system of
# all its processes, which a loaded machine changes little), stdout to $2.
secs() {
  /usr/bin/time -f '%e %U %S' -o "$tmp/time" bash -c "$1" > "$2" || echo "exit $? from: $1" >&2
  awk '{printf "%.3f %.3f\n", $1, $2 + $3}' "$tmp/time"
}
cd "$tmp"
results=()
add() { results+=("$1|$2"); }
add "dpk-ingest, 1 thread" "$(secs "$BIN/dpk-ingest --threads 1 --on-error skip -q pdfs" dpk.jsonl)"
add "dpk-ingest, $(nproc) threads" "$(secs "$BIN/dpk-ingest --threads $(nproc) --on-error skip -q pdfs" dpk-n.jsonl)"
cmp -s dpk.jsonl dpk-n.jsonl || { echo "dpk: 1 and $(nproc) threads differ" >&2; exit 1; }
if [ -n "${BEFORE_BIN:-}" ]; then  # an older build, e.g. one that read PDFs in the serial stage
  add "before: $(nproc) threads" "$(secs "$BEFORE_BIN/dpk-ingest --threads $(nproc) --on-error skip -q pdfs" before.jsonl)"
fi
PEERS=${PEERS:-pdftotext pypdf pdfminer}
: > pdftotext.jsonl; : > pypdf.jsonl; : > pdfminer.jsonl
for peer in $PEERS; do
  case $peer in
    pdftotext)
      add "pdftotext (poppler-utils)" "$(secs "for f in pdfs/*.pdf; do pdftotext -q -enc UTF-8 \"\$f\" - || true; done" pdftotext.txt)"
      # one file at a time, as JSONL for the comparison (not timed)
      for f in pdfs/*.pdf; do
        pdftotext -q -enc UTF-8 "$f" - 2> /dev/null | python3 -c 'import json,sys; print(json.dumps({"id": sys.argv[1], "text": sys.stdin.read()}))' "$f" || true
      done > pdftotext.jsonl ;;
    pypdf) add "pypdf" "$(secs "$VENV/bin/python $OLDPWD/benchmarks/ingest/peer_pdf.py pypdf pdfs/*.pdf 2> pypdf.err" pypdf.jsonl)" ;;
    pdfminer) add "pdfminer.six" "$(secs "$VENV/bin/python $OLDPWD/benchmarks/ingest/peer_pdf.py pdfminer pdfs/*.pdf 2> pdfminer.err" pdfminer.jsonl)" ;;
  esac
done
printf '%s\n' "${results[@]}" > results.txt
python3 - <<'PY'
import collections, json
def load(name):
    return {d["id"].split("/")[-1]: d["text"] for d in map(json.loads, open(name))}
dpk = load("dpk.jsonl")
rows = [line.rstrip("\n").split("|") for line in open("results.txt")]
rows = [(name, *map(float, nums.split())) for name, nums in rows]
_, wall1, cpu1 = rows[0]
print(f"dpk documents: {len(dpk)}")
print(f"{'tool':28s} {'wall s':>8s} {'CPU s':>8s}  {'CPU / dpk 1 thread':>18s}  {'wall / dpk 1 thread':>19s}")
for name, wall, cpu in rows:
    print(f"{name:28s} {wall:8.2f} {cpu:8.2f}  {cpu / cpu1:18.2f}  {wall / wall1:19.2f}")
for name, file in [("pdftotext", "pdftotext.jsonl"), ("pypdf", "pypdf.jsonl"), ("pdfminer.six", "pdfminer.jsonl")]:
    peer = load(file)
    if not peer:
        continue
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
