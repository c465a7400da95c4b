source "$DPK_SRC/tests/cli/lib.sh.inc"
# The run record (docs/run-summary.md) of a two-step recipe: schema version,
# build, host, threads, wall/CPU seconds, peak RSS, every step's resolved
# options (defaults included), its time, input files with their sizes, and
# a fastText model's SHA-256 when one is installed.
IN="$TESTDATA/quickstart/web-2.jsonl.gz"
[ -f "$IN" ] || fail "test data not found: $IN"
cat > rec.yaml <<YAML
input: $IN
output: $DPK_TMP/out/
threads: 2
steps:
  - select: {min-words: 20}
  - langid: {langs: [en]}
YAML
dpk run -q rec.yaml --stats stats.json
TEXT_READ=$(decoded "$IN" | jq -n '[inputs.text | utf8bytelength] | add')
TEXT_WRITTEN=$(for f in $(jq -r '.outputs[]' stats.json); do decoded "$f"; done | jq -n '[inputs.text | utf8bytelength] | add // 0')
for r in stats.json out/.dpk/metadata.json; do
  check_balanced "$r"
  jq -e '.schema_version == 1' "$r" > /dev/null || fail "$r: schema_version is not 1"
  jq -e '(.version | length > 0) and (.commit | length > 0) and (.build_type | length > 0)' "$r" > /dev/null \
    || fail "$r: version, commit, build_type: $(jq -c '[.version, .commit, .build_type]' "$r")"
  jq -e '(.host | type == "string" and length > 0) and .threads == 2 and .common_options.threads == 2' "$r" > /dev/null \
    || fail "$r: host, threads: $(jq -c '[.host, .threads, .common_options.threads]' "$r")"
  jq -e '.wall_seconds >= 0 and .cpu_seconds >= 0 and .peak_rss_bytes > 0' "$r" > /dev/null \
    || fail "$r: wall, cpu, rss: $(jq -c '[.wall_seconds, .cpu_seconds, .peak_rss_bytes]' "$r")"
  # Common options resolved: defaults of options the recipe did not name.
  jq -e '.common_options["on-error"] == "fail" and .common_options["text-key"] == "text" and .common_options.overwrite == false' \
    "$r" > /dev/null || fail "$r: common_options: $(jq -c .common_options "$r")"
  # Each step's options: what the recipe gave, and every default it did not.
  jq -e '.steps[0].name == "select" and .steps[0].options["min-words"] == 20 and .steps[0].options.invert == false
         and (.steps[0].options | has("max-words"))' "$r" > /dev/null \
    || fail "$r: select options: $(jq -c '.steps[0].options' "$r")"
  jq -e '.steps[1].name == "langid" and .steps[1].options.langs == ["en"] and .steps[1].options.backend == "cld2"
         and .steps[1].options["prefix-chars"] == 10000 and .steps[1].models == []' "$r" > /dev/null \
    || fail "$r: langid options: $(jq -c '.steps[1]' "$r")"
  jq -e 'all(.steps[]; (.seconds | type == "number") and .seconds >= 0
                        and .documents_in == .documents_out + ([.dropped[]] | add // 0) + (.rejected // 0))' "$r" > /dev/null \
    || fail "$r: step seconds or counts: $(jq -c .steps "$r")"
  # Text bytes per step: the input's texts, what each step passed to the next, what was written.
  jq -e --argjson read "$TEXT_READ" --argjson written "$TEXT_WRITTEN" \
    '.steps[0].text_bytes_in == $read and .steps[0].text_bytes_out == .steps[1].text_bytes_in
     and .steps[1].text_bytes_out == $written and .steps[0].text_bytes_out < $read' "$r" > /dev/null \
    || fail "$r: text bytes (read $TEXT_READ, written $TEXT_WRITTEN): $(jq -c '[.steps[] | [.text_bytes_in, .text_bytes_out]]' "$r")"
  # Input files: the size on disk (compressed) beside the decoded bytes read.
  size=$(stat -c %s "$IN")
  jq -e --argjson size "$size" '.inputs[0].file_bytes == $size and .inputs[0].bytes > $size' "$r" > /dev/null \
    || fail "$r: inputs: $(jq -c .inputs "$r") (file is $size bytes)"
done
# Text bytes over many blocks and files: the quickstart recipe's last step
# passed on the text its own profile measured.
mkdir q && cd q
dpk run -q "$DPK_SRC/recipes/quickstart.yaml" -o qs/ "$TESTDATA/quickstart/" --threads 2
jq -e --argjson profiled "$(jq .lengths.bytes.sum out/quickstart-profile.json)" \
  '.steps[-1].name == "stats" and .steps[-1].text_bytes_out == $profiled and .steps[-1].text_bytes_in == $profiled' \
  qs/.dpk/metadata.json > /dev/null \
  || fail "quickstart text bytes $(jq -c '.steps[-1]|[.text_bytes_in, .text_bytes_out]' qs/.dpk/metadata.json), profiled $(jq .lengths.bytes.sum out/quickstart-profile.json)"
# dpk-stats on that output folder: its record's steps head the funnel, then this run's stats.
dpk-stats -q --report /dev/null --html again.html qs/
[ "$(grep -o '<tr class="step">' again.html | wc -l)" = 4 ] || fail "the funnel of stats on qs/ should have 4 steps"
grep -q "<tr class=\"read\"><td class=\"l\">read</td><td></td><td>$(jq .counts.documents_in qs/.dpk/metadata.json)</td>" again.html \
  || fail "the funnel of stats on qs/ does not start from the recipe's documents read"
cd ..
# The recipe's `parameters` keep what was written, as before.
jq -e '.parameters.steps[0].options == {"min-words": "20"}' stats.json > /dev/null || fail "parameters changed: $(jq -c .parameters stats.json)"

# A single tool records the same.
dpk-select -q --min-words 20 "$IN" --stats tool.json > /dev/null
jq -e '.schema_version == 1 and .steps[0].options["min-words"] == 20 and .steps[0].options.invert == false
       and .common_options.output == "-"' tool.json > /dev/null || fail "dpk-select record: $(jq -c . tool.json)"

# Models a step loads: each file's path, size and SHA-256 (the same as
# sha256sum's). Each part runs where its model is installed
# (scripts/install-models.sh), and says so where it is not.
check_models() {  # RECORD COUNT_AT_LEAST
  local n i model sha
  n=$(jq '.steps[0].models | length' "$1")
  [ "$n" -ge "$2" ] || fail "$1: $n model files, expected $2 or more: $(jq -c .steps[0].models "$1")"
  for ((i = 0; i < n; i++)); do
    model=$(jq -r ".steps[0].models[$i].path" "$1")
    [ -f "$model" ] || fail "$1: model path is not a file: $model"
    jq -e --argjson size "$(stat -c %s "$model")" ".steps[0].models[$i].bytes == \$size" "$1" > /dev/null \
      || fail "$1: model bytes: $(jq -c ".steps[0].models[$i]" "$1")"
    sha=$(jq -r ".steps[0].models[$i].sha256" "$1")
    [[ "$sha" =~ ^[0-9a-f]{64}$ ]] || fail "$1: model sha256 is not 64 hex digits: $sha"
    [ "$sha" = "$(sha256sum "$model" | cut -d' ' -f1)" ] || fail "$1: sha256 of $model: $sha differs from sha256sum's"
  done
}
head -n 3 "$(testdata_pages)" > few.jsonl
set +e
err=$(dpk-langid -q --backend fasttext few.jsonl --stats ft.json 2>&1 > /dev/null)
rc=$?
set -e
if [ "$rc" = 2 ] && grep -q "needs a model" <<<"$err"; then
  echo "SKIP (langid model part): no fastText model installed (run scripts/install-models.sh or set DPK_LANGID_MODEL)"
else
  [ "$rc" = 0 ] || fail "dpk-langid --backend fasttext failed: $err"
  check_models ft.json 1
fi
set +e
err=$(dpk-embed -q --threads 1 few.jsonl --stats embed.json 2>&1 > /dev/null)
rc=$?
set -e
if [ "$rc" = 2 ] && grep -q "no embedding model found" <<<"$err"; then
  echo "SKIP (embed model part): no embedding model installed (run scripts/install-models.sh or set DPK_EMBED_MODEL)"
else
  [ "$rc" = 0 ] || fail "dpk-embed failed: $err"
  check_models embed.json 3  # config.json, vocab.txt, model.safetensors at least
  jq -e 'any(.steps[0].models[]; .path | endswith("/model.safetensors"))' embed.json > /dev/null \
    || fail "embed models lack model.safetensors: $(jq -c .steps[0].models embed.json)"
fi
