#!/usr/bin/env bash
# Speed per core of dpk-extract against trafilatura and resiliparse on the
# html-extraction pages, in one run (ratios printed at the end).
#   benchmarks/extract/bench.sh [BUILD_DIR] [PYTHON]
# PYTHON: a Python with trafilatura and resiliparse installed, e.g.
#   python3 -m venv /work/venv-ingest && /work/venv-ingest/bin/pip install trafilatura lxml_html_clean resiliparse
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
build="${1:-$here/../../build}"
python="${2:-/work/venv-ingest/bin/python}"
exec "$python" "$here/bench_peers.py" --dpk "$build/bin/dpk-extract"
