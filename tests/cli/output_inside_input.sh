#!/usr/bin/env bash
# An output folder inside an input folder is refused before anything is read
# (a rerun, or the next tool given the input folder, would read the output
# back in); so is a side file (--stats, --keep-dropped, a step's report) among
# the output folder's data files, which the next tool would read as input.
# Below OUT/.dpk/, with the run's own records, a side file is allowed.
source "$DPK_SRC/tests/cli/lib.sh.inc"
Q="$DPK_SRC/testdata/quickstart"
mkdir in && decoded "$Q/web-3.jsonl" | sed -n 1,5p > in/a.jsonl
sum=$(find in -type f | sort | xargs md5sum)

expect_exit 2 dpk-docid -q in/ -o in/out/ 2> nested.err
grep -q "output folder in/out/ is inside the input folder in/" nested.err || fail "nested: $(cat nested.err)"
[ ! -e in/out ] || fail "a refused run wrote $(find in/out)"
# Deeper, spelled another way, and through a recipe: the same.
expect_exit 2 dpk-docid -q ./in -o in/x/../y/z/ 2> deep.err
grep -q "is inside the input folder ./in" deep.err || fail "deep: $(cat deep.err)"
ln -s in link
expect_exit 2 dpk-docid -q link/ -o in/out/ 2> link.err
grep -q "inside the input folder link/" link.err || fail "through a link: $(cat link.err)"
cat > r.yaml <<'YAML'
input: in/
output: in/out/
steps:
  - docid: {}
YAML
expect_exit 2 dpk run r.yaml 2> recipe.err
grep -q "inside the input folder in/" recipe.err || fail "recipe: $(cat recipe.err)"
[ "$(find in -type f | sort | xargs md5sum)" = "$sum" ] || fail "a refused run changed in/"
# A sibling folder is fine, and so is an input file whose folder holds the output.
dpk-docid -q in/ -o out1/
dpk-docid -q in/a.jsonl -o in-out/ && [ -s in-out/a.jsonl ] || fail "sibling output not written"

# --stats among the data files: refused, naming the option and the folder.
expect_exit 2 dpk-docid -q --stats out2/stats.json -o out2/ in/ 2> stats.err
grep -q -- "--stats out2/stats.json is inside the output folder out2/" stats.err || fail "stats: $(cat stats.err)"
[ ! -e out2 ] || fail "a refused run wrote $(find out2)"
expect_exit 2 dpk-docid -q --keep-dropped out2/sub/d.jsonl -o out2/ in/ 2> kd.err
grep -q -- "--keep-dropped out2/sub/d.jsonl is inside the output folder" kd.err || fail "keep-dropped: $(cat kd.err)"
cat > r2.yaml <<'YAML'
input: in/
output: out3/
steps:
  - stats: {report: out3/profile.json}
YAML
expect_exit 2 dpk run r2.yaml 2> report.err
grep -q "stats --report out3/profile.json is inside the output folder" report.err || fail "report: $(cat report.err)"
# Below OUT/.dpk/ it is a record, not data: written, and the folder stays clean input.
dpk-docid -q --stats out4/.dpk/stats.json -o out4/ in/
check_balanced out4/.dpk/stats.json
dpk-docid -q --stats s5.json -o out5/ out4/
[ "$(json_get s5.json .counts.rejected)" = 0 ] && [ "$(json_get s5.json '.inputs | length')" = 1 ] \
  || fail "out4/ read back: $(jq -c '[.inputs[].path]' s5.json)"
echo OK
