#!/usr/bin/env bash
# Walking input folders: each real folder and file once (a link back up the
# tree is a loop, not 40 more copies), links out of the input folder not
# followed, only dpk's own temporaries (NAME.tmp-PID) and its .dpk records
# left out silently, hidden files skipped with a warning; and every input
# file counted as read, dropped (empty_input) or rejected in --stats.
source "$(dirname "$0")/lib.sh.inc"
for tool in jq zstd; do
  command -v "$tool" > /dev/null || { echo "SKIP: $tool not installed (scripts/install-deps.sh)"; exit 77; }
done

doc() { printf '{"id":"%s","text":"%s"}\n' "$1" "$1 text"; }

# ln -s .. dir/sub/up: 2 documents are read as 2.
mkdir -p loop/sub
doc a > loop/a.jsonl
doc b > loop/sub/b.jsonl
ln -s .. loop/sub/up
dpk-docid --stats loop.json -o loop-out/ loop/ 2> loop.err
check_balanced loop.json
[ "$(jq .counts.documents_in loop.json)" = 2 ] || fail "the loop was followed: $(jq -c .counts loop.json)"
[ "$(jq .input_files.skipped.symlink_loop loop.json)" = 1 ] || fail "the loop is not counted: $(jq -c .input_files loop.json)"
[ "$(jq -c '[.input_files.listed, .input_files.read]' loop.json)" = "[2,2]" ] || fail "input files: $(jq -c .input_files loop.json)"
grep -q 'warning: skipped 1 input (symlink_loop.*loop/sub/up' loop.err || fail "no warning names the loop: $(cat loop.err)"
[ "$(find loop-out -name '*.jsonl' | wc -l)" = 2 ] || fail "outputs: $(find loop-out -name '*.jsonl')"
[ "$(cat loop-out/a.jsonl loop-out/sub/b.jsonl | wc -l)" = 2 ] || fail "documents on disk"

# A folder with every kind of name and link.
mkdir -p d/sub elsewhere blobs
doc x > elsewhere/x.jsonl
doc blob > blobs/b1
doc one > d/one.jsonl
doc draft > d/notes.tmp-draft.jsonl          # not dpk's: read
doc partial > d/two.jsonl.tmp-4242            # dpk's temporary: skipped
doc hidden > d/.hidden.jsonl                  # hidden: skipped, with a warning
mkdir -p d/.dpk && doc record > d/.dpk/done.jsonl   # run records: skipped
: > d/empty.jsonl                             # read, dropped as empty_input
printf '\n\n' > d/blank.jsonl                 # no document either
ln -s ../elsewhere d/far                      # a folder outside: not followed
ln -s ../../blobs/b1 d/sub/linked.jsonl       # a file outside: not read
ln -s ../one.jsonl d/sub/again.jsonl          # one.jsonl again: skipped
ln -s nothing d/gone.jsonl                    # broken
seq 1 200000 | sed 's/.*/{"id":"&","text":"line &"}/' | zstd -q > cut.jsonl.zst
head -c $(( $(stat -c %s cut.jsonl.zst) / 2 )) cut.jsonl.zst > d/cut.jsonl.zst   # truncated: rejected
dpk-docid --on-error skip --stats d.json -o d-out/ d/ 2> d.err
check_balanced d.json
jq -e '.input_files.balanced == true and
       .input_files.listed == .input_files.read + .input_files.resumed + .input_files.rejected + ([.input_files.dropped[]] | add)' \
  d.json > /dev/null || fail "input files do not balance: $(jq -c .input_files d.json)"
want='{"listed":5,"read":2,"rejected":1,"dropped":{"empty_input":2},"skipped":{"broken_link":1,"dpk_records":1,"dpk_temporary":1,"duplicate":1,"hidden":1,"link_outside_input":2}}'
[ "$(jq -c '.input_files | {listed, read, rejected, dropped, skipped}' d.json)" = "$want" ] \
  || fail "input files: $(jq -c .input_files d.json)"
[ "$(jq -r '.inputs[] | select(.path == "d/empty.jsonl") | .outcome' d.json)" = empty_input ] || fail "empty file outcome"
[ "$(jq -r '.inputs[] | select(.path == "d/cut.jsonl.zst") | .outcome' d.json)" = rejected ] || fail "truncated file outcome"
[ "$(jq -r '.inputs[] | select(.path == "d/notes.tmp-draft.jsonl") | .outcome' d.json)" = read ] || fail "a .tmp- name not read"
[ -z "$(jq -r '.inputs[] | select(.path == "d/sub/linked.jsonl") | .outcome' d.json)" ] || fail "a link to a file outside the input was read"
# The documents on disk: one, draft and the intact lines of cut.
[ "$(cat d-out/one.jsonl d-out/notes.tmp-draft.jsonl | wc -l)" = 2 ] || fail "documents on disk"
[ ! -e d-out/sub/linked.jsonl ] || fail "a link to a file outside the input was written"
on_disk=$(find d-out -name '*.jsonl*' ! -path '*/.dpk/*' | while read -r f; do decoded "$f"; done | wc -l)
[ "$(jq .counts.documents_out d.json)" = "$on_disk" ] || fail "documents_out $(jq .counts.documents_out d.json), $on_disk on disk"
[ "$on_disk" -gt 2 ] || fail "no intact line of the truncated file came out"
for w in 'hidden.*d/.hidden.jsonl' 'duplicate.*d/sub/again.jsonl' 'broken_link.*d/gone.jsonl'; do
  grep -q "warning: skipped 1 input ($w" d.err || fail "no warning for $w: $(cat d.err)"
done
grep -q "warning: skipped 2 inputs (link_outside_input: .*d/" d.err || fail "no warning for the links out: $(cat d.err)"
! grep 'warning:' d.err | grep -q 'dpk_temporary\|dpk_records' || fail "dpk's own files need no warning: $(cat d.err)"
# -q: no warnings, the same counts.
dpk-docid -q --on-error skip --stats q.json -o q-out/ d/ 2> q.err
[ ! -s q.err ] || fail "-q printed: $(cat q.err)"
[ "$(jq -c .input_files.skipped q.json)" = "$(jq -c .input_files.skipped d.json)" ] || fail "-q counts differ"

# Sharded, the skipped files are counted once (by shard 0), the inputs by their shard.
for i in 0 1; do dpk-docid -q --on-error skip --shard-index $i --shard-count 2 --stats "s$i.json" d/ > /dev/null; done
[ "$(jq -s '[.[].input_files.listed] | add' s0.json s1.json)" = 5 ] || fail "shards list $(jq -s -c '[.[].input_files.listed]' s0.json s1.json)"
[ "$(jq -s '[.[].input_files.skipped.hidden // 0] | add' s0.json s1.json)" = 1 ] || fail "skipped counted by every shard"

# A resumed run counts the finished files as resumed.
dpk-docid -q --on-error skip --stats r.json -o d-out/ d/
[ "$(jq .input_files.resumed r.json)" = 5 ] && jq -e .input_files.balanced r.json > /dev/null \
  || fail "resumed files: $(jq -c .input_files r.json)"
echo "input_files: ok"
