#!/usr/bin/env bash
# dpk-chunk on one 4 MB document, every strategy, under a 600 MB address-space
# limit: chunking is linear in the document (it once copied the whole parent
# into every chunk: 4 MB x 4,000 chunks). Each run must end in time, exit 0,
# balance its counts, and give chunks that are the parent's text between
# their offsets, in order, covering every non-blank byte.
source "$(dirname "$0")/lib.sh.inc"
python3 "$DPK_SRC/scripts/make_big_document.py" 4M big.jsonl
# A tiny WordPiece model for the token strategies (unknown words are [UNK]).
mkdir -p model
printf '%s\n' '[PAD]' '[UNK]' '[CLS]' '[SEP]' '[MASK]' the cat sat on a mat while dogs ran far away from home \
  quickly cafe naive uber resume donnees . '#' part ab '##b' > model/vocab.txt
echo '{"max_position_embeddings": 512, "hidden_size": 8}' > model/config.json

run_strategy() {
  local name=$1; shift
  set +e
  ($AS_LIMIT 600000; timeout 120 dpk-chunk --threads 2 --stats "st-$name.json" "$@" big.jsonl > "chunks-$name.jsonl" 2> "err-$name.txt")
  local rc=$?
  set -e
  [ "$rc" = 0 ] || fail "$name: exit $rc (124: over 120 s) $(head -c 300 "err-$name.txt")"
  check_balanced "st-$name.json"
  local out
  out=$(json_get "st-$name.json" .counts.documents_out)
  [ "$out" = "$(count_lines "chunks-$name.jsonl")" ] || fail "$name: summary says $out out, file has $(count_lines "chunks-$name.jsonl")"
  [ "$out" -gt 1000 ] || fail "$name: only $out chunks"
  python3 - big.jsonl "chunks-$name.jsonl" <<'PY' || fail "$name: chunks do not cover the text"
import json, sys
text = json.loads(open(sys.argv[1], encoding="utf-8").readline())["text"].encode("utf-8")
pos = 0
for i, line in enumerate(open(sys.argv[2], encoding="utf-8")):
    c = json.loads(line)
    assert c["chunk_index"] == i and c["id"] == f"big#{i}", c["id"]
    s, e = c["start"], c["end"]
    assert text[s:e].decode("utf-8") == c["text"], c["id"]
    assert s >= pos, f"{c['id']} overlaps the previous chunk"
    assert not text[pos:s].strip(), f"non-blank text lost before {c['id']}"
    pos = e
assert not text[pos:].strip(), "non-blank text lost at the end"
PY
}

run_strategy sentences --strategy sentences
run_strategy paragraphs --strategy paragraphs
run_strategy markdown --strategy markdown
run_strategy tokens --strategy tokens --model-dir model --chunk-tokens 128
run_strategy sentence-tokens --strategy sentences --model-dir model --chunk-tokens 128
echo "every strategy chunked a 4 MB document under 600 MB"
