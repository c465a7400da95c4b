#!/usr/bin/env bash
# dpk-chunk and dpk-embed end to end: chunk offsets and ids checked against
# the parents by an independent script, counts balance, embeddings are unit
# vectors of the model's width, --vectors writes a matching .npy, and the RAG
# recipe runs. The embedding parts need the model (scripts/install-models.sh)
# and are skipped, saying so, without it.
source "$(dirname "$0")/lib.sh.inc"
IN="$DPK_SRC/testdata/quickstart/web-3.jsonl"

# Checks that every chunk in $2 is its parent's (from $1) text between its
# offsets, in bytes and in code points, with ids PARENT#INDEX in order.
check_chunks() {
  python3 - "$1" "$2" <<'PY' || fail "chunk check failed for $2"
import json, sys
parents = {}
for line in open(sys.argv[1], encoding="utf-8"):
    d = json.loads(line)
    parents[str(d["id"])] = d["text"]
seen = {}
n = 0
for line in open(sys.argv[2], encoding="utf-8"):
    c = json.loads(line)
    p = parents[c["parent_id"]]
    b = p.encode("utf-8")
    assert b[c["start"]:c["end"]].decode("utf-8") == c["text"], c["id"]
    assert p[c["char_start"]:c["char_end"]] == c["text"], c["id"]
    assert c["id"] == f'{c["parent_id"]}#{c["chunk_index"]}', c["id"]
    assert c["chunk_index"] == seen.get(c["parent_id"], -1) + 1, c["id"]
    seen[c["parent_id"]] = c["chunk_index"]
    n += 1
assert n > len(parents), "expected more chunks than documents"
print(f"{n} chunks of {len(seen)} documents checked")
PY
}

dpk-docid "$IN" > docs.jsonl
for s in sentences paragraphs markdown; do
  dpk-chunk --strategy "$s" --chunk-chars 300 --overlap 60 --stats "stats-$s.json" docs.jsonl > "chunks-$s.jsonl"
  check_balanced "stats-$s.json"
  check_chunks docs.jsonl "chunks-$s.jsonl"
  python3 -c "
import json,sys
for l in open('chunks-$s.jsonl'):
    c=json.loads(l)
    assert c['char_end']-c['char_start']<=300 or ' ' not in c['text'].strip(), c['id']
" || fail "$s: a chunk over 300 chars"
done
expect_exit 2 dpk-chunk --overlap 400 --chunk-chars 300 docs.jsonl

if ! dpk-embed --help > /dev/null 2>&1; then fail "dpk-embed --help failed"; fi
head -n 1 docs.jsonl > one.jsonl
set +e
err=$(dpk-embed one.jsonl 2>&1 > /dev/null)
code=$?
set -e
if [ "$code" = 2 ] && grep -q "no embedding model found" <<<"$err"; then
  echo "SKIP: embedding parts: model not installed (scripts/install-models.sh)"
  exit 0
fi

dpk-chunk --strategy tokens --chunk-tokens 64 --overlap 8 docs.jsonl > chunks-tokens.jsonl
check_chunks docs.jsonl chunks-tokens.jsonl

head -n 40 chunks-sentences.jsonl > some.jsonl
dpk-embed --stats embed-stats.json some.jsonl > embedded.jsonl
check_balanced embed-stats.json
[ "$(count_lines embedded.jsonl)" = 40 ] || fail "embed changed the document count"
python3 - <<'PY' || fail "embeddings are not unit vectors of width 384"
import json, math
for line in open("embedded.jsonl"):
    d = json.loads(line)
    e = d["embedding"]
    assert len(e) == 384
    assert abs(math.sqrt(sum(x * x for x in e)) - 1) < 1e-4
PY

dpk-embed --vectors vecs.npy some.jsonl > passthrough.jsonl
cmp -s some.jsonl passthrough.jsonl || fail "--vectors changed the documents"
python3 - <<'PY' || fail ".npy output does not match the embedding field"
import json, struct, ast
raw = open("vecs.npy", "rb").read()
assert raw[:6] == b"\x93NUMPY"
hlen = struct.unpack("<H", raw[8:10])[0]
head = ast.literal_eval(raw[10:10 + hlen].decode("latin1"))
rows, dim = head["shape"]
assert (rows, dim) == (40, 384) and head["descr"] == "<f4"
data = struct.unpack(f"<{rows * dim}f", raw[10 + hlen:])
ids = [json.loads(l)["id"] for l in open("vecs.npy.ids.jsonl")]
by_id = {json.loads(l)["id"]: json.loads(l)["embedding"] for l in open("embedded.jsonl")}
for r, i in enumerate(ids):
    assert max(abs(a - b) for a, b in zip(data[r * dim:(r + 1) * dim], by_id[i])) < 1e-5
PY

# Both CPU precisions agree (bf16 only where the CPU has AVX512-BF16). With
# oneDNN capped below AVX512-BF16 (DNNL_MAX_CPU_ISA), auto falls back to fp32
# and --precision bf16 is a usage error.
# vectors_close A.npy B.npy TOLERANCE: same ids, no component further apart.
vectors_close() {
  python3 - "$@" <<'PY'
import ast, struct, sys
def load(path):
    raw = open(path, "rb").read()
    hlen = struct.unpack("<H", raw[8:10])[0]
    rows, dim = ast.literal_eval(raw[10:10 + hlen].decode("latin1"))["shape"]
    data = struct.unpack(f"<{rows * dim}f", raw[10 + hlen:])
    ids = [l for l in open(path + ".ids.jsonl")]
    return {ids[r]: data[r * dim:(r + 1) * dim] for r in range(rows)}
a, b = load(sys.argv[1]), load(sys.argv[2])
assert a.keys() == b.keys() and len(a) == 40
worst = max(abs(x - y) for k in a for x, y in zip(a[k], b[k]))
assert worst <= float(sys.argv[3]), worst
PY
}
dpk-embed --device cpu --precision fp32 --vectors v32.npy some.jsonl > /dev/null
if dpk-embed --device cpu --precision bf16 --vectors v16.npy some.jsonl > /dev/null 2>bf16.err; then
  vectors_close v32.npy v16.npy 0.01 || fail "bf16 and fp32 vectors disagree"
  # and they are not the same arithmetic
  if vectors_close v32.npy v16.npy 1e-6 2>/dev/null; then fail "bf16 gave the fp32 vectors"; fi
else
  grep -q "AVX512-BF16" bf16.err || fail "--precision bf16 failed: $(cat bf16.err)"
fi
DNNL_MAX_CPU_ISA=AVX2 expect_exit 2 dpk-embed --device cpu --precision bf16 some.jsonl
dpk-embed --device cpu --precision fp16 some.jsonl > /dev/null 2> fp16.err && fail "--precision fp16 ran on the CPU"
grep -q "GPU only" fp16.err || fail "--precision fp16 on the CPU: $(cat fp16.err)"
DNNL_MAX_CPU_ISA=AVX2 dpk-embed --device cpu --precision auto --vectors vauto.npy some.jsonl > /dev/null
vectors_close v32.npy vauto.npy 1e-5 || fail "auto without AVX512-BF16 is not fp32"

# --device cuda without a GPU (or without CUDA in the build) is a usage error.
if ! command -v nvidia-smi > /dev/null 2>&1; then
  expect_exit 2 dpk-embed --device cuda some.jsonl
fi

# The RAG recipe, on a few documents (the whole quickstart set takes minutes).
head -n 6 "$IN" > small.jsonl
(cd "$DPK_SRC" && dpk run --explain recipes/rag.yaml > "$DPK_TMP/explain.txt") || fail "rag recipe --explain failed"
grep -q "chunk" explain.txt && grep -q "embed" explain.txt || fail "explain lacks the chunk or embed step"
(cd "$DPK_SRC" && dpk run recipes/rag.yaml -o "$DPK_TMP/rag-out/" "$DPK_TMP/small.jsonl" > /dev/null) || fail "rag recipe failed"
check_balanced rag-out/.dpk/metadata.json
n=$(decoded rag-out/small.jsonl | jq -s 'map(select(.embedding | length == 384)) | length')
[ "$n" -gt 0 ] || fail "recipe output has no embedded chunks"
echo "rag: ok"
