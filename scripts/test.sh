#!/usr/bin/env bash
# Installs dependencies, builds dpk into build/ and runs every test (unit and
# CLI) with ctest. Exits non-zero when anything fails.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/install-deps.sh
bash scripts/build.sh
ctest --test-dir build --output-on-failure -j"$(nproc)"
