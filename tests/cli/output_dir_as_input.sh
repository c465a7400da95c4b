source "$DPK_SRC/tests/cli/lib.sh.inc"
# Run records live under OUT/.dpk/, so an output directory holds only data
# files and is a clean input for the next tool.
Q="$DPK_SRC/testdata/quickstart"
dpk-select -q --min-words 50 --stats a.json -o a/ "$Q"
check_balanced a.json
check_balanced a/.dpk/metadata.json
[ ! -e a/metadata.json ] || fail "metadata.json among the data files"
data=$(cd a && find . -path ./.dpk -prune -o -type f -print | sed 's|^\./||' | sort | tr '\n' ' ')
[ "$data" = "web-1.jsonl.zst web-2.jsonl.gz web-3.jsonl " ] || fail "a/ holds more than data: $data"
# The next tool reads a/ as it is: every document select kept, nothing rejected.
dpk-docid -q --stats b.json -o b/ a/
check_balanced b.json
[ "$(json_get b.json .counts.documents_in)" = "$(json_get a.json .counts.documents_out)" ] \
  || fail "b read $(json_get b.json .counts.documents_in) of $(json_get a.json .counts.documents_out)"
[ "$(json_get b.json .counts.rejected)" = 0 ] || fail "b rejected records of a/"
[ "$(json_get b.json '.inputs | length')" = 3 ] || fail "b read $(json_get b.json '[.inputs[].path]')"
# Shards each write their summary beside the records too.
dpk-docid -q --shard-index 1 --shard-count 2 -o c/ "$Q"
[ -s c/.dpk/metadata-shard-1.json ] && [ ! -e c/metadata-shard-1.json ] || fail "shard summary: $(find c -name 'metadata*')"
echo OK
