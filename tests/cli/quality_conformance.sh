# dpk-quality against datatrove's decisions on 7,859 real documents
# (tests/quality/README.md): per preset, keep/drop must agree on >= 99.5% of
# documents; reason and c4 edited-text agreement are printed (and c4's text
# must agree on >= 99% of the documents both keep).
source "$DPK_SRC/tests/cli/lib.sh.inc"
FIX="$DPK_SRC/tests/quality"
[ -f "$FIX/conformance-input.jsonl.zst" ] && [ -f "$FIX/reference.jsonl.zst" ] || fail "missing fixture in $FIX"
command -v zstd > /dev/null || fail "zstd is needed to read $FIX/reference.jsonl.zst"
zstd -qdc "$FIX/reference.jsonl.zst" > ref.jsonl

check() {  # check KEY OPTIONS...
  local key=$1; shift
  rm -f kept.jsonl dropped.jsonl
  dpk-quality "$@" --threads 2 --keep-dropped dropped.jsonl -o kept.jsonl "$FIX/conformance-input.jsonl.zst"
  { jq -c '{id, r: null, t: .text}' kept.jsonl; [ -f dropped.jsonl ] && jq -c '{id, r: .dpk_drop_reason}' dropped.jsonl; } > got.jsonl
  jq -n --arg k "$key" --slurpfile ref ref.jsonl --slurpfile got got.jsonl '
    ($got | map({key: .id, value: .}) | from_entries) as $g
    | [$ref[] | . as $x | $g[$x.id] as $y
       | {found: ($y != null), same: ((($x[$k]) == null) == ($y.r == null)), reason: ($x[$k] == $y.r),
          both_kept: (($x[$k]) == null and $y.r == null), text: ($x.c4_text == $y.t)}] as $rows
    | ($rows | length) as $n
    | ($rows | map(select(.same)) | length) as $agree
    | ($rows | map(select(.both_kept)) | length) as $kept
    | ($rows | map(select(.both_kept and .text)) | length) as $text
    | {preset: $k, documents: $n, missing: ($rows | map(select(.found | not)) | length),
       agree: $agree, ratio: ($agree / $n), reason: ($rows | map(select(.reason)) | length),
       both_kept: $kept, text_agree: $text}' > "result-$key.json"
  jq -c . "result-$key.json" >&2
  [ "$(json_get "result-$key.json" .missing)" = 0 ] || fail "$key: documents missing from dpk output"
  [ "$(json_get "result-$key.json" '.ratio >= 0.995')" = true ] || fail "$key: keep/drop agreement below 99.5%"
  [ "$(json_get "result-$key.json" '.documents >= 5000')" = true ] || fail "$key: fixture too small"
}

check gopher_quality --preset gopher-quality
check gopher_repetition --preset gopher-repetition
check c4 --preset c4
[ "$(json_get result-c4.json '.text_agree >= 0.99 * .both_kept')" = true ] || fail "c4: edited text agreement below 99%"
check fineweb --preset fineweb
check badwords --preset badwords --words-dir "$FIX/badwords" --lang-key lang
echo OK
