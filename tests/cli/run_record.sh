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
  - langid: {keep: [en]}
YAML
dpk run -q rec.yaml --stats stats.json
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
  jq -e '.steps[1].name == "langid" and .steps[1].options.keep == ["en"] and .steps[1].options.backend == "cld2"
         and .steps[1].options["max-chars"] == 10000 and .steps[1].models == []' "$r" > /dev/null \
    || fail "$r: langid options: $(jq -c '.steps[1]' "$r")"
  jq -e 'all(.steps[]; (.seconds | type == "number") and .seconds >= 0
                        and .documents_in == .documents_out + ([.dropped[]] | add // 0) + (.rejected // 0))' "$r" > /dev/null \
    || fail "$r: step seconds or counts: $(jq -c .steps "$r")"
  # Input files: the size on disk (compressed) beside the decoded bytes read.
  size=$(stat -c %s "$IN")
  jq -e --argjson size "$size" '.inputs[0].file_bytes == $size and .inputs[0].bytes > $size' "$r" > /dev/null \
    || fail "$r: inputs: $(jq -c .inputs "$r") (file is $size bytes)"
done
# The recipe's `parameters` keep what was written, as before.
jq -e '.parameters.steps[0].options == {"min-words": "20"}' stats.json > /dev/null || fail "parameters changed: $(jq -c .parameters stats.json)"

# A single tool records the same.
dpk-select -q --min-words 20 "$IN" --stats tool.json > /dev/null
jq -e '.schema_version == 1 and .steps[0].options["min-words"] == 20 and .steps[0].options.invert == false
       and .common_options.output == "-"' tool.json > /dev/null || fail "dpk-select record: $(jq -c . tool.json)"

# A model a step loads: its path, size and SHA-256.
set +e
probe=$(dpk-langid --backend fasttext < /dev/null 2>&1)
rc=$?
set -e
if [ "$rc" = 2 ] && grep -q "needs a model" <<<"$probe"; then
  echo "SKIP (model part only): no fastText model installed (run scripts/install-models.sh or set DPK_LANGID_MODEL)"
  exit 0
fi
[ "$rc" = 0 ] || fail "dpk-langid --backend fasttext failed: $probe"
dpk-langid -q --backend fasttext "$IN" --stats ft.json > /dev/null
model=$(jq -r '.steps[0].models[0].path' ft.json)
[ -f "$model" ] || fail "model path not a file: $(jq -c .steps[0].models ft.json)"
jq -e '.steps[0].models | length == 1' ft.json > /dev/null || fail "models: $(jq -c .steps[0].models ft.json)"
jq -e --argjson size "$(stat -c %s "$model")" '.steps[0].models[0].bytes == $size' ft.json > /dev/null \
  || fail "model bytes: $(jq -c .steps[0].models ft.json)"
sha=$(jq -r '.steps[0].models[0].sha256' ft.json)
[[ "$sha" =~ ^[0-9a-f]{64}$ ]] || fail "model sha256 is not 64 hex digits: $sha"
[ "$sha" = "$(sha256sum "$model" | cut -d' ' -f1)" ] || fail "model sha256 $sha differs from sha256sum's"
