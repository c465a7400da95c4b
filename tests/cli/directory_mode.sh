source "$DPK_SRC/tests/cli/lib.sh.inc"
# -o DIR/ mirrors the input tree (paths and codecs), writes DIR/.dpk/metadata.json,
# skips completed files on a rerun and redoes them with --overwrite.
Q="$DPK_SRC/testdata/quickstart"
mkdir -p in/sub/deeper
cp "$Q"/* in/
decoded "$Q/web-3.jsonl" | sed -n 1,20p | zstd -qc > in/sub/more.jsonl.zst
decoded "$Q/web-3.jsonl" | sed -n "21,\$p" | gzip -c > in/sub/deeper/rest.jsonl.gz
printf '{"text":"hidden"}\n' > in/.hidden.jsonl
(cd in && find . -type f ! -name '.*' | sed 's|^\./||' | sort) > want-files.txt

dpk-docid -o out/ in/
(cd out && find . -path ./.dpk -prune -o -type f -print | sed 's|^\./||' | sort) > got-files.txt
diff want-files.txt got-files.txt || fail "output tree does not mirror the input"
[ ! -e out/.hidden.jsonl ] || fail "hidden input file was read"
ls -A out | grep -q 'tmp-' && fail "temporary files left: $(ls -A out)"
zstd -tq out/web-1.jsonl.zst && zstd -tq out/sub/more.jsonl.zst || fail ".zst outputs are not zstd"
gzip -t out/web-2.jsonl.gz && gzip -t out/sub/deeper/rest.jsonl.gz || fail ".gz outputs are not gzip"
[ "$(head -c1 out/web-3.jsonl)" = "{" ] || fail "plain output is not plain"
for f in $(cat want-files.txt); do
  [ "$(decoded "in/$f" | jq -c 'del(.id)')" = "$(decoded "out/$f" | jq -c 'del(.id)')" ] || fail "$f: documents differ"
done
check_balanced out/.dpk/metadata.json
[ "$(json_get out/.dpk/metadata.json '.inputs | length')" = "$(wc -l < want-files.txt)" ] || fail "metadata inputs"
[ "$(json_get out/.dpk/metadata.json '[.inputs[] | select(.resumed == true)] | length')" = 0 ] || fail "first run resumed"
in_docs=$(json_get out/.dpk/metadata.json .counts.documents_in)
want_docs=$(for f in $(cat want-files.txt); do decoded "in/$f"; echo; done | grep -c .)
[ "$in_docs" = "$want_docs" ] || fail "documents_in $in_docs, expected $want_docs"
[ "$(json_get out/.dpk/metadata.json '[.inputs[].documents] | add')" = "$in_docs" ] || fail "per-input documents"
# Completion records, one per output.
[ "$(find out/.dpk/done -type f | wc -l)" = "$(wc -l < want-files.txt)" ] || fail "completion records"
(cd out && find . -path ./.dpk -prune -o -type f -print | sort | xargs md5sum) > sums1.txt

# A rerun skips every completed file and leaves the outputs as they are.
touch -d '2000-01-01' out/web-3.jsonl
dpk-docid -o out/ in/
check_balanced out/.dpk/metadata.json
[ "$(json_get out/.dpk/metadata.json '[.inputs[] | select(.resumed == true)] | length')" = "$(wc -l < want-files.txt)" ] \
  || fail "rerun did not resume every input: $(jq -c '[.inputs[] | {path, resumed}]' out/.dpk/metadata.json)"
# The summary of a resumed run still describes the whole output.
[ "$(json_get out/.dpk/metadata.json .counts.documents_in)" = "$in_docs" ] || fail "resumed summary lost the counts"
(cd out && md5sum -c --quiet ../sums1.txt) || fail "rerun changed outputs"
[ "$(stat -c %Y out/web-3.jsonl)" = "$(date -d 2000-01-01 +%s)" ] || fail "rerun rewrote a completed file"

# A lost output (or a lost completion record) is redone, and only that one.
rm out/sub/more.jsonl.zst
rm out/.dpk/done/web-2.jsonl.gz.json
dpk-docid -o out/ in/
check_balanced out/.dpk/metadata.json
json_get out/.dpk/metadata.json '[.inputs[] | select(.resumed != true) | .path] | sort | join(" ")' > redone.txt
[ "$(cat redone.txt)" = "in/sub/more.jsonl.zst in/web-2.jsonl.gz" ] || fail "redone: $(cat redone.txt)"
(cd out && md5sum -c --quiet ../sums1.txt) || fail "redone outputs differ"

# --overwrite redoes everything, with the same bytes.
dpk-docid --overwrite -o out/ in/
check_balanced out/.dpk/metadata.json
[ "$(json_get out/.dpk/metadata.json '[.inputs[] | select(.resumed == true)] | length')" = 0 ] || fail "--overwrite resumed"
[ "$(json_get out/.dpk/metadata.json .counts.documents_in)" = "$in_docs" ] || fail "--overwrite documents_in"
[ "$(stat -c %Y out/web-3.jsonl)" != "$(date -d 2000-01-01 +%s)" ] || fail "--overwrite did not rewrite"
(cd out && md5sum -c --quiet ../sums1.txt) || fail "--overwrite output differs"

# --glob picks files from the directory.
dpk-docid --glob '*.gz' -o globbed/ in/
(cd globbed && find . -path ./.dpk -prune -o -type f -print | sed 's|^\./||' | sort | tr '\n' ' ') > g.txt
[ "$(cat g.txt)" = "sub/deeper/rest.jsonl.gz web-2.jsonl.gz " ] || fail "--glob: $(cat g.txt)"
check_balanced globbed/.dpk/metadata.json

# --compression zstd in directory mode: every output becomes .zst.
dpk-docid --compression zstd -o z/ in/
[ -f z/web-3.jsonl.zst ] && [ -f z/web-2.jsonl.zst ] && [ -f z/sub/more.jsonl.zst ] || fail "--compression zstd names: $(find z -type f)"
zstd -dcq z/web-2.jsonl.zst | cmp - <(gzip -dc out/web-2.jsonl.gz) || fail "--compression zstd content"
# --stats beside .dpk/metadata.json gives the same summary.
dpk-docid --overwrite --stats st.json -o out/ in/
check_balanced st.json
[ "$(jq -c .counts st.json)" = "$(jq -c .counts out/.dpk/metadata.json)" ] || fail "--stats and metadata.json disagree"
echo OK
