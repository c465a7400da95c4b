source "$DPK_SRC/tests/cli/lib.sh.inc"
# --keep-dropped and --quarantine write the codec their name says (or
# --compression says), atomically like the main output.
IN="$DPK_SRC/testdata/quickstart/web-1.jsonl.zst"
BAD="$DPK_SRC/testdata/errors/bad-lines.jsonl"

# Plain side files: the reference.
dpk-select --min-words 200 --keep-dropped dropped.jsonl --stats plain.json "$IN" > kept.jsonl
n_dropped=$(json_get plain.json .counts.dropped)
[ "$n_dropped" -gt 0 ] || fail "the reference run dropped nothing"
[ "$(count_lines dropped.jsonl)" = "$n_dropped" ] || fail "plain keep-dropped holds $(count_lines dropped.jsonl), want $n_dropped"

for ext in zst gz; do
  dpk-select --min-words 200 --keep-dropped out-$ext/dropped.jsonl.$ext --stats s.json "$IN" > kept-$ext.jsonl
  case $ext in
    zst) zstd -t -q out-$ext/dropped.jsonl.$ext || fail "dropped.jsonl.zst is not zstd" ;;
    gz) gzip -t out-$ext/dropped.jsonl.$ext || fail "dropped.jsonl.gz is not gzip" ;;
  esac
  decoded out-$ext/dropped.jsonl.$ext > back.jsonl
  cmp back.jsonl dropped.jsonl || fail "keep-dropped .$ext decodes to other documents"
  jq -e 'has("dpk_drop_reason")' back.jsonl > /dev/null || fail ".$ext: no dpk_drop_reason"
  cmp kept-$ext.jsonl kept.jsonl || fail ".$ext: kept documents changed"
  [ -z "$(ls -A out-$ext | grep 'tmp-')" ] || fail ".$ext: temporary file left: $(ls -A out-$ext)"
done

# Quarantine .zst and .gz: the rejected lines, unchanged, compressed.
dpk-docid --on-error quarantine --quarantine q.jsonl "$BAD" > /dev/null 2>&1
[ -s q.jsonl ] || fail "no plain quarantine"
for ext in zst gz; do
  dpk-docid --on-error quarantine --quarantine q.jsonl.$ext --stats q.json "$BAD" > /dev/null 2>&1
  case $ext in
    zst) zstd -t -q q.jsonl.$ext || fail "quarantine .zst is not zstd" ;;
    gz) gzip -t q.jsonl.$ext || fail "quarantine .gz is not gzip" ;;
  esac
  decoded q.jsonl.$ext | cmp - q.jsonl || fail "quarantine .$ext decodes to other lines"
  [ "$(decoded q.jsonl.$ext | wc -l)" = "$(json_get q.json .counts.rejected)" ] || fail "quarantine .$ext count"
done
# A quarantine that gets nothing is still a valid (empty) compressed file.
dpk-docid --on-error quarantine --quarantine empty-q.zst "$DPK_SRC/testdata/quickstart/web-3.jsonl" > /dev/null 2>&1
[ "$(zstd -dcq empty-q.zst | wc -c)" = 0 ] || fail "empty quarantine is not an empty zstd stream"

# --compression decides for a name without a codec, as for the main output.
dpk-select --min-words 200 --compression gzip --keep-dropped by-option.jsonl -o kept.jsonl.gz "$IN"
gzip -t by-option.jsonl || fail "--compression gzip: keep-dropped is not gzip"
gzip -dc by-option.jsonl | cmp - dropped.jsonl || fail "--compression gzip: other documents"

# Atomic: a run that fails leaves no side file under its final name, nor a temporary.
mkdir failed
expect_exit 1 dpk-select --min-words 200 --keep-dropped failed/d.jsonl.zst "$IN" "$BAD" > /dev/null 2>&1
[ -z "$(ls -A failed)" ] || fail "a failed run left side files: $(ls -A failed)"

# dpk reads .bz2 and .xz but writes neither: a side file so named is a usage error.
expect_exit 2 dpk-select --min-words 200 --keep-dropped d.jsonl.xz "$IN" > /dev/null 2> xz.err
grep -q -- "--keep-dropped d.jsonl.xz" xz.err || fail "xz side file: $(cat xz.err)"
echo OK
