#!/usr/bin/env bash
# Speed per core of dpk-extract against resiliparse (and trafilatura) on the
# html-extraction pages, in memory and as whole processes (bench_peers.py).
#   benchmarks/extract/bench.sh [BUILD_DIR] [PYTHON] [DATA_DIR] [more bench_peers.py options]
# PYTHON: a Python with the peers installed:
#   python3 -m venv V && V/bin/pip install -r benchmarks/requirements-extract.txt
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
build="${1:-$here/../../build}"
python="${2:-python3}"
data="${3:-$here/../../../shared/data/html-extraction}"
shift $(( $# < 3 ? $# : 3 ))
cmake --build "$build" --target extract_bench dpk >/dev/null
exec "$python" "$here/bench_peers.py" --build "$build" --data "$data" "$@"
