#!/usr/bin/env bash
# Every recipe in recipes/ as a `dpk slurm` job chain on a one-node Slurm
# cluster started here: each chain runs and writes the files one `dpk run`
# of the same recipe writes, byte for byte (decoded), on small inputs this
# test makes or the repository holds. Recipes that need a model skip the
# step that needs it when it is not installed (named in the output): without
# the fastText model langid uses CLD2; without the embedding model the RAG
# recipes run without embed, chunking by characters.
source "$DPK_SRC/tests/cli/lib.sh.inc"
source "$DPK_SRC/tests/cli/mpi_lib.sh.inc"
source "$DPK_SRC/tests/cli/slurm_lib.sh.inc"
slurm_start_or_skip

# Inputs: the dedup sample cut into files, HTML pages and WARC files made
# from the quickstart pages (with exact copies), a few of the repository's
# docs, and its own samples.
ln -s "$DPK_SRC/testdata" testdata
make_sharded_input in
mkdir -p html warc ft
for f in in/part-0[0-2].jsonl; do
  jq -c '{id, html: ("<html><head><title>" + .id + "</title></head><body><nav><a href=\"/\">Home</a></nav><article><p>"
          + (.text | gsub("&"; "&amp;") | gsub("<"; "&lt;") | gsub("\n\n"; "</p><p>")) + "</p></article></body></html>")}' \
    "$f" > "html/$(basename "$f")"
done
decoded testdata/quickstart/web-1.jsonl.zst > q1.jsonl
decoded testdata/quickstart/web-2.jsonl.gz > q2.jsonl
python3 - q1.jsonl q2.jsonl <<'PY'
import json, sys
# warc/N.warc: one WARC response record per web page, the first five twice.
for n, path in enumerate(sys.argv[1:]):
    docs = [json.loads(l) for l in open(path, encoding="utf-8")]
    docs += docs[:5]
    with open(f"warc/{n}.warc", "wb") as out:
        for i, d in enumerate(docs):
            body = ("<html><head><title>%s</title></head><body><article><p>%s</p></article></body></html>"
                    % (d.get("url", "page %d" % i), d["text"].replace("&", "&amp;").replace("<", "&lt;").replace("\n\n", "</p><p>"))).encode()
            http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: %d\r\n\r\n" % len(body) + body
            head = ("WARC/1.0\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:00000000-0000-0000-0000-%012d>\r\n"
                    "WARC-Date: 2024-01-01T00:00:00Z\r\nWARC-Target-URI: http://example.com/%d/%d\r\n"
                    "Content-Type: application/http; msgtype=response\r\nContent-Length: %d\r\n\r\n"
                    % (n * 1000 + i, n, i, len(http))).encode()
            out.write(head + http + b"\r\n\r\n")
PY
gzip warc/1.warc
# Few documents for the RAG recipes: embedding on a CPU is the slow part.
mkdir -p mdocs rag-in && cp "$DPK_SRC/docs/dedup.md" "$DPK_SRC/docs/pii.md" mdocs/
head -n 5 in/part-00.jsonl > rag-in/a.jsonl
head -n 5 in/part-01.jsonl > rag-in/b.jsonl
zstd -dcq testdata/finetune/pii-sample.jsonl.zst > ft.all
split -n l/3 -d --additional-suffix=.jsonl ft.all ft/part-
rm ft.all

have_fasttext=1
probe=$(dpk-langid --backend fasttext < /dev/null 2>&1) || have_fasttext=0
have_embed=1
printf '{"id":"1","text":"x"}\n' | dpk-embed > /dev/null 2>&1 || have_embed=0

# RECIPE NAME INPUT... : the recipe as run here (the RAG ones without embed when there is no model).
declare -A inputs=(
  [dedup]="in/" [extract-html]="html/" [finetune-clean]="ft/" [pretrain-web-quality-only]="in/"
  [pretrain-web]="" [pretrain-web-warc]="warc/" [quickstart]="" [rag]="rag-in/" [rag-from-files]="mdocs/"
  [warc-extract]="warc/")
ran=() skipped=()
declare -A outs
for r in "$DPK_SRC"/recipes/*.yaml; do
  name=$(basename "$r" .yaml)
  [ -n "${inputs[$name]+set}" ] || fail "recipes/$name.yaml is new: give it an input in this test"
  recipe=$r
  if grep -q "backend: fasttext" "$r" && [ $have_fasttext = 0 ]; then
    # The same recipe (name, steps, dedup) with the built-in CLD2 identifier.
    sed -e 's/backend: fasttext, //' "$r" > "$name.yaml"
    recipe=$name.yaml
    skipped+=("fastText in $name (no model; CLD2 instead)")
  fi
  if grep -q "^  - embed:" "$r" && [ $have_embed = 0 ]; then
    # chunk's token budget needs the model's tokenizer too: chunks by characters.
    sed -e '/^  - embed:/d' -e 's/chunk-tokens: 200, overlap: 20/chunk-chars: 300, overlap: 40/' "$r" > "$name.yaml"
    recipe=$name.yaml
    skipped+=("embed step of $name (no embedding model; chunks by characters)")
  fi
  # The recipe's kind of output: a directory, or a file (gathered by the chain's last task).
  out=$(sed -n 's/^output: *//p' "$r")
  suffix=/
  [[ $out == */ ]] || suffix=".${out#*.}"
  outs[$name]=$suffix
  # shellcheck disable=SC2086
  dpk run "$recipe" -q -o "ref-$name$suffix" ${inputs[$name]} || fail "dpk run $name failed"
  kept=0
  docs='*.jsonl*'
  [ "$suffix" = / ] || docs=''
  for f in ref-$name$suffix$docs; do kept=$((kept + $(decoded "$f" | wc -l))); done
  [ "$kept" -gt 0 ] || fail "dpk run $name kept no documents: the comparison would prove little"
  if [ "$name" = quickstart ]; then
    # Its stats step writes its report beside the recipe's output folder (out/quickstart-*).
    mv out/quickstart-profile.json ref-profile.json
    mv out/quickstart-report.html ref-report.html
  fi
  # shellcheck disable=SC2086
  dpk slurm "$recipe" --tasks 2 -o "chain-$name$suffix" --work "work-$name" ${inputs[$name]} > "scripts-$name.txt" ||
    fail "dpk slurm $name failed"
  timeout 30 bash "work-$name/slurm/submit.sh" > "submit-$name.txt" || fail "submit.sh of $name failed: $(cat submit-$name.txt)"
  ran+=("$name")
done
[ "${#ran[@]}" = "$(ls "$DPK_SRC"/recipes/*.yaml | wc -l)" ] || fail "only ${#ran[@]} recipes ran: ${ran[*]}"
slurm_wait_idle 240

files=0
for name in "${ran[@]}"; do
  suffix=${outs[$name]}
  docs='*.jsonl*'
  [ "$suffix" = / ] || docs=''
  # shellcheck disable=SC2086
  if [ -z "$(ls chain-$name$suffix$docs 2> /dev/null)" ]; then
    tail -n 3 work-$name/slurm/logs/*.log >&2 || true
    fail "the job chain of $name wrote no output"
  fi
  if [ "$suffix" = / ]; then
    same_outputs "ref-$name" "chain-$name"
  else
    cmp -s <(decoded "ref-$name$suffix") <(decoded "chain-$name$suffix") || fail "$name: chain-$name$suffix differs from one process"
    files=$((files + 1))
  fi
done
[ "$files" -ge 1 ] || fail "no recipe with an output file was run as a chain"
cmp ref-profile.json out/quickstart-profile.json || fail "quickstart: the chain's profile differs from one process"
cmp ref-report.html out/quickstart-report.html || fail "quickstart: the chain's HTML report differs from one process"
echo "slurm_recipes: OK (${#ran[@]} job chains equal one process: ${ran[*]}${skipped:+; adapted: ${skipped[*]}})"
