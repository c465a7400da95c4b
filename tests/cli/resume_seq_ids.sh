source "$DPK_SRC/tests/cli/lib.sh.inc"
# --mode seq ids are the position in the shard's input stream, which runs on
# across input files. A rerun that skips files completed earlier must still
# count their lines (taken from their completion records), so the files it
# redoes get the ids of an uninterrupted run.
Q="$DPK_SRC/testdata/quickstart"
mkdir in && cp "$Q"/* in/
dpk-docid --mode seq --overwrite-id -o ref/ in/
cp -r ref out
rm out/web-3.jsonl                   # the last file is lost: the rerun redoes only it
dpk-docid --mode seq --overwrite-id -o out/ in/
[ "$(json_get out/.dpk/metadata.json '[.inputs[] | select(.resumed == true)] | length')" = 2 ] || fail "expected 2 resumed inputs"
first_ref=$(sed -n 1p ref/web-3.jsonl | jq -r .id)
first_out=$(sed -n 1p out/web-3.jsonl | jq -r .id)
cmp -s ref/web-3.jsonl out/web-3.jsonl || fail "after resume, seq ids of web-3.jsonl start at $first_out, not $first_ref as in one run"
echo OK
