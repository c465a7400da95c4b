#!/usr/bin/env bash
# dpk-ingest against the Python way of doing the same (peer_ingest.py) on the
# same archives, in the same run, one core each (dpk --threads 1):
#   1. HTML pages in a tar.zst -> main text (peer: tarfile + trafilatura);
#   2. source files in a tar.gz -> code measures (peer: tarfile + the
#      StarCoder measures in Python): the *.h files of
#      /usr/include/c++/12 and /usr/include/linux (Debian's libstdc++ and
#      linux-libc-dev).
#   bash benchmarks/ingest/bench_ingest.sh [BIN_DIR] [VENV]
# Defaults: build/bin and /work/venv-ingest (pip install trafilatura).
set -euo pipefail
cd "$(dirname "$0")/../.."
BIN=${1:-build/bin}
VENV=${2:-/work/venv-ingest}
PAGES=../shared/data/html-extraction/pages.tar.zst
[ -f "$PAGES" ] || { echo "missing $PAGES (see ../shared/data/README.md)" >&2; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
zstd -dcq "$PAGES" > "$tmp/pages.tar"
# Real code: the C++ standard library's and Linux's headers of this machine (Debian 12).
# Only *.h: the extensionless standard headers (<vector>) are plain text to dpk.
(cd /usr/include && find c++/12 linux -name '*.h' | sort) > "$tmp/src.list"
tar -cf "$tmp/src.tar" -C /usr/include -T "$tmp/src.list"
gzip -c "$tmp/src.tar" > "$tmp/src.tar.gz"

now() { date +%s.%N; }
# best of 3 wall seconds of a command line
best() {
  local b=""
  for _ in 1 2 3; do
    local t0 t1
    t0=$(now); bash -c "$1" > /dev/null; t1=$(now)
    b=$(python3 -c "import sys; a=float(sys.argv[1])-float(sys.argv[2]); b=sys.argv[3]; print(a if not b or a<float(b) else b)" "$t1" "$t0" "$b")
  done
  echo "$b"
}
row() {  # name files dpk_seconds peer_seconds
  python3 -c "import sys; n,f,d,p=sys.argv[1],int(sys.argv[2]),float(sys.argv[3]),float(sys.argv[4]); print(f'{n:28s} {f:6d} files  dpk {d:7.3f} s  peer {p:7.3f} s  dpk faster x{p/d:6.1f}')" "$@"
}
pages=$(tar -tf "$tmp/pages.tar" | grep -vc '/$')
srcs=$(tar -tf "$tmp/src.tar" | grep -vc '/$')
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
d=$(best "$BIN/dpk-ingest --threads 1 -q $tmp/pages.tar")
p=$(best "$VENV/bin/python benchmarks/ingest/peer_ingest.py html < $tmp/pages.tar")
row "html tar (main text)" "$pages" "$d" "$p"
d=$(best "$BIN/dpk-ingest --threads 1 -q $tmp/src.tar.gz")
p=$(best "gzip -dc $tmp/src.tar.gz | $VENV/bin/python benchmarks/ingest/peer_ingest.py code")
row "code tar.gz (measures)" "$srcs" "$d" "$p"
