# dpk-convert (recompress, reshard, fields) and dpk-stats (profile, HTML) on
# real web pages.
source "$DPK_SRC/tests/cli/lib.sh.inc"

DATA=$(testdata_pages)
N=$(count_lines "$DATA")
[ "$N" -gt 100 ] || fail "expected more than 100 lines in $DATA, got $N"
zstd -q -c "$DATA" > in.jsonl.zst

# --shards 3 with zstd: exactly 3 .zst parts whose lines together are the input.
dpk-convert --shards 3 -o parts/ --compression zstd in.jsonl.zst
[ "$(ls parts/*.jsonl.zst | wc -l)" = 3 ] || fail "expected 3 part files, got: $(ls parts/)"
for p in parts/part-0000{0,1,2}.jsonl.zst; do
  zstd -t -q "$p" || fail "$p is not a valid zstd file"
done
zstd -dc parts/*.jsonl.zst > joined.jsonl
[ "$(count_lines joined.jsonl)" = "$N" ] || fail "parts hold $(count_lines joined.jsonl) lines, input $N"
cmp <(sort joined.jsonl) <(sort "$DATA") || fail "part lines differ from input lines"
# Round-robin: part sizes differ by at most one document.
sizes=$(for p in parts/*.zst; do zstd -dc "$p" | wc -l; done | sort -n | tr '\n' ' ')
set -- $sizes
[ $(( $3 - $1 )) -le 1 ] || fail "round-robin parts unbalanced: $sizes"

# --part-docs 100: ceil(N/100) files of at most 100 documents.
dpk-convert --part-docs 100 -o byc/ "$DATA"
want=$(( (N + 99) / 100 ))
[ "$(ls byc/part-*.jsonl | wc -l)" = "$want" ] || fail "expected $want part files, got $(ls byc/)"
for p in byc/part-*.jsonl; do [ "$(count_lines "$p")" -le 100 ] || fail "$p has more than 100 lines"; done
cat byc/part-*.jsonl | cmp - "$DATA" || fail "--part-docs parts do not concatenate to the input"

# --part-bytes: parts past the limit only when one document is larger.
dpk-convert --part-bytes 200K -o byb/ "$DATA"
[ "$(ls byb/part-*.jsonl | wc -l)" -gt 1 ] || fail "--part-bytes 200K made one file"
cat byb/part-*.jsonl | cmp - "$DATA" || fail "--part-bytes parts do not concatenate to the input"

# Resharding needs a directory; a bad field option is a usage error (exit 2).
expect_exit 2 dpk-convert --shards 2 -o single.jsonl "$DATA"
expect_exit 2 dpk-convert --rename text=content "$DATA"
expect_exit 2 dpk-convert --shards 2 --part-docs 5 -o x/ "$DATA"
[ ! -e single.jsonl ] || fail "a usage error wrote output"

# Recompression alone: gzip out, same lines.
dpk-convert --compression gzip -o out.jsonl.gz in.jsonl.zst
gzip -dc out.jsonl.gz | cmp - "$DATA" || fail "gzip recompression changed the documents"

# Fields: keep, drop, rename.
dpk-convert --keep-fields nothing "$DATA" > kept.jsonl
[ "$(jq -c 'keys' kept.jsonl | sort -u)" = '["id","text"]' ] || fail "--keep-fields left other fields"
dpk-convert --drop-fields source,id --rename x=y "$DATA" > dropped.jsonl
[ "$(jq -c 'keys' dropped.jsonl | sort -u)" = '["text"]' ] || fail "--drop-fields left fields"
dpk-convert --rename source=origin "$DATA" > renamed.jsonl
[ "$(jq -r '.origin' renamed.jsonl | sort -u)" = "$(jq -r '.source' "$DATA" | sort -u)" ] || fail "--rename lost values"
[ "$(jq -c 'has("source")' renamed.jsonl | sort -u)" = false ] || fail "--rename kept the old field"
cmp <(jq -c '.text' renamed.jsonl) <(jq -c '.text' "$DATA") || fail "--rename changed the text"

# dpk-stats: the report alone on stdout, and an HTML page.
dpk-stats --fields source --html report.html "$DATA" > profile.json
[ "$(json_get profile.json .documents)" = "$N" ] || fail "stats counted $(json_get profile.json .documents), input $N"
[ "$(json_get profile.json '.fields.source.top[0].count')" = "$N" ] || fail "top source count"
[ "$(json_get profile.json .ids.duplicates)" = 0 ] || fail "duplicate ids in unique data"
[ "$(json_get profile.json '.lengths.chars.p50 > 0 and .lengths.chars.p50 <= .lengths.chars.max')" = true ] \
  || fail "bad char quantiles"
[ -s report.html ] || fail "no HTML report"
grep -q '<svg' report.html || fail "HTML report has no <svg"
! grep -qiE '<script|<link|src="http' report.html || fail "HTML report is not self-contained"

# Duplicate ids are found; -o passes documents through unchanged.
cat "$DATA" "$DATA" > twice.jsonl
dpk-stats --report twice.json -o through.jsonl twice.jsonl
[ "$(json_get twice.json .ids.duplicates)" = "$N" ] || fail "expected $N duplicate ids"
cmp through.jsonl twice.jsonl || fail "stats -o changed documents"
expect_exit 2 dpk-stats -o - "$DATA"

# In a pipeline.
if dpk select --min-words 5 < /dev/null > /dev/null 2>&1; then
  zstd -dc in.jsonl.zst | dpk docid | dpk select --min-words 5 | dpk stats > piped.json
  [ "$(json_get piped.json .documents)" -le "$N" ] || fail "pipeline: more documents than input"
  [ "$(json_get piped.json .lengths.words.min)" -ge 5 ] || fail "pipeline: select --min-words 5 let short texts through"
else
  # dpk select is still a stub without --min-words; the pipeline without it.
  zstd -dc in.jsonl.zst | dpk docid | dpk stats > piped.json
  [ "$(json_get piped.json .documents)" = "$N" ] || fail "pipeline counted $(json_get piped.json .documents)"
fi
[ "$(json_get piped.json .ids.without_id)" = 0 ] || fail "pipeline: docid left documents without id"
echo "convert_stats: ok"
