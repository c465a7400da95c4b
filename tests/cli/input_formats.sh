source "$DPK_SRC/tests/cli/lib.sh.inc"
# Inputs are told apart by their first bytes: bzip2 and xz are read like gzip
# and zstd; Parquet and object store URLs are refused by name (exit 2), not
# taken for malformed JSON or a missing file.
decoded "$DPK_SRC/testdata/quickstart/web-1.jsonl.zst" > all.jsonl
n=$(count_lines all.jsonl)
[ "$n" -gt 10 ] || fail "sample too small"
dpk-docid all.jsonl > ref.jsonl  # docid adds the missing ids: the reference output

mkdir in
bzip2 -c all.jsonl > in/a.jsonl.bz2
xz -c all.jsonl > in/b.jsonl.xz
# Detected by content, not by name.
xz -c all.jsonl > in/c-named-plain.jsonl
for f in in/a.jsonl.bz2 in/b.jsonl.xz in/c-named-plain.jsonl; do
  expect_exit 0 dpk-docid --stats s.json "$f" > out.jsonl
  check_balanced s.json
  [ "$(json_get s.json .counts.documents_out)" = "$n" ] || fail "$f: documents_out $(json_get s.json .counts.documents_out), want $n"
  cmp out.jsonl ref.jsonl || fail "$f: documents differ from the input"
done

# A directory output: dpk writes no bzip2 or xz, so those inputs come out as .zst.
expect_exit 0 dpk-docid --stats d.json -o out/ in/
check_balanced d.json
[ "$(json_get d.json .counts.documents_out)" = $(( 3 * n )) ] || fail "directory: documents_out"
zstd -dcq out/a.jsonl.zst | cmp - ref.jsonl || fail "directory: out/a.jsonl.zst"
zstd -dcq out/b.jsonl.zst | cmp - ref.jsonl || fail "directory: out/b.jsonl.zst"
[ ! -e out/a.jsonl.bz2 ] && [ ! -e out/b.jsonl.xz ] || fail "plain data written under a .bz2/.xz name: $(ls out)"

# A truncated .bz2 and .xz: bad input under --on-error (one rejected record, named), not a crash.
for ext in bz2 xz; do
  case $ext in bz2) bzip2 -c all.jsonl > full.$ext ;; xz) xz -c all.jsonl > full.$ext ;; esac
  head -c $(( $(stat -c %s full.$ext) * 2 / 3 )) full.$ext > cut.jsonl.$ext
  expect_exit 1 dpk-docid cut.jsonl.$ext > /dev/null 2> cut.err
  grep -q "cut.jsonl.$ext: truncated or corrupt" cut.err || fail "truncated .$ext: $(cat cut.err)"
  expect_exit 0 dpk-docid --on-error skip --stats c.json cut.jsonl.$ext > cut-out.jsonl 2> /dev/null
  check_balanced c.json
  [ "$(json_get c.json .counts.rejected)" = 1 ] || fail "truncated .$ext: rejected $(json_get c.json .counts.rejected)"
  head -n "$(count_lines cut-out.jsonl)" ref.jsonl | cmp - cut-out.jsonl || fail "truncated .$ext: kept lines differ"
done

# Parquet, by its magic, whatever the name: exit 2 naming the file.
printf 'PAR1\x15\x04\x15\x10\x15\x14L\x15\x02\x15\x00\x00\x00PAR1' > data.parquet
cp data.parquet misnamed.jsonl
for f in data.parquet misnamed.jsonl; do
  expect_exit 2 dpk-docid "$f" > /dev/null 2> pq.err
  grep -q "$f: Parquet input is not supported yet" pq.err || fail "parquet: $(cat pq.err)"
  grep -qi "malformed" pq.err && fail "parquet reported as malformed JSON: $(cat pq.err)"
done

# dpk-ingest reads any bytes: there a Parquet file is one more file it counts, not a refused run.
expect_exit 0 dpk-ingest --stats ing.json data.parquet > /dev/null
check_balanced ing.json
[ "$(json_get ing.json .counts.documents_in)" = 1 ] || fail "ingest of a Parquet file: $(jq -c .counts ing.json)"

# Object store and web URLs: exit 2, said as such (not "no such file").
for url in s3://bucket/corpus/part-0.jsonl.zst gs://bucket/x.jsonl https://example.org/x.jsonl; do
  expect_exit 2 dpk-docid "$url" > /dev/null 2> url.err
  grep -q "$url: object store URLs are not supported yet" url.err || fail "$url: $(cat url.err)"
done
echo OK
