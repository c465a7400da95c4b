source "$DPK_SRC/tests/cli/lib.sh.inc"
# Every input gets its own output file, and no output of a run names an input
# or another output of the same run (refused before anything is read).
Q="$DPK_SRC/testdata/quickstart"
mkdir -p ca cb
decoded "$Q/web-3.jsonl" | sed -n 1,5p > ca/data.jsonl
decoded "$Q/web-3.jsonl" | sed -n 6,12p > cb/data.jsonl

# Same file name in two folders: both kept, each under its path below the
# inputs' common folder (this used to write out/data.jsonl twice, keeping 7).
dpk-docid -q --stats st1.json -o out1/ ca/data.jsonl cb/data.jsonl
check_balanced st1.json
[ "$(json_get st1.json .counts.documents_out)" = 12 ] || fail "documents_out $(json_get st1.json .counts.documents_out)"
[ "$(count_lines out1/ca/data.jsonl)" = 5 ] && [ "$(count_lines out1/cb/data.jsonl)" = 7 ] \
  || fail "per-input outputs: $(find out1 -type f ! -path '*/.dpk/*' | xargs wc -l)"
# Folders as inputs: the same.
dpk-docid -q -o out2/ ca cb
[ "$(count_lines out2/ca/data.jsonl)" = 5 ] && [ "$(count_lines out2/cb/data.jsonl)" = 7 ] \
  || fail "folder inputs: $(find out2 -type f ! -path '*/.dpk/*')"
# One folder: its tree is mirrored as it always was.
dpk-docid -q -o out3/ ca
[ -f out3/data.jsonl ] || fail "one folder: $(find out3 -type f)"
# The same input twice would write one name twice: refused, naming both.
expect_exit 2 dpk-docid -q -o out4/ ca/data.jsonl ./ca/data.jsonl 2> twice.err
grep -q "ca/data.jsonl" twice.err && grep -q "same file" twice.err || fail "twice: $(cat twice.err)"
[ ! -e out4 ] || fail "a refused run wrote $(find out4)"
# Names that differ only by codec meet under --compression: refused.
cp ca/data.jsonl cc.jsonl && gzip -c ca/data.jsonl > cc.jsonl.gz
expect_exit 2 dpk-docid -q --compression zstd -o out5/ cc.jsonl cc.jsonl.gz 2> codec.err
grep -q "cc.jsonl.gz" codec.err && grep -q "cc.jsonl ->" codec.err || fail "codec clash: $(cat codec.err)"
[ ! -e out5 ] || fail "a refused run wrote $(find out5)"

# An output that is an input (-o f f): refused, the input untouched.
cp ca/data.jsonl f.jsonl
sum=$(md5sum < f.jsonl)
expect_exit 2 dpk-docid -q -o f.jsonl f.jsonl 2> self.err
grep -q "names the input" self.err || fail "-o f f: $(cat self.err)"
[ "$(md5sum < f.jsonl)" = "$sum" ] || fail "-o f f changed the input"
expect_exit 2 dpk-docid -q -o ./x/../f.jsonl f.jsonl 2> self2.err
grep -q "names the input" self2.err || fail "-o ./x/../f f: $(cat self2.err)"
ln -s f.jsonl link.jsonl
expect_exit 2 dpk-docid -q -o link.jsonl f.jsonl 2> link.err
grep -q "names the input" link.err || fail "-o LINK f: $(cat link.err)"
expect_exit 2 dpk-docid -q --keep-dropped f.jsonl -o o.jsonl f.jsonl
expect_exit 2 dpk-docid -q -o ca/ ca/ 2> dir.err  # a folder written onto itself
grep -q "names the input" dir.err || fail "-o DIR DIR: $(cat dir.err)"
[ "$(count_lines ca/data.jsonl)" = 5 ] || fail "-o DIR DIR changed the input"
[ ! -e ca/.dpk ] || fail "-o DIR DIR wrote records"

# Two outputs naming one file: the recipe of the report (a stats step whose
# report is the recipe's output), --stats onto -o, --keep-dropped onto --stats.
cat > r.yaml <<YAML
input: f.jsonl
output: o.jsonl
steps:
  - docid: {}
  - stats: {report: o.jsonl}
YAML
expect_exit 2 dpk run r.yaml 2> recipe.err
grep -q "stats --report o.jsonl" recipe.err && grep -q "same file" recipe.err || fail "recipe: $(cat recipe.err)"
[ ! -e o.jsonl ] || fail "the refused recipe wrote o.jsonl"
expect_exit 2 dpk-docid -q --stats o.jsonl -o o.jsonl f.jsonl
expect_exit 2 dpk-docid -q --stats s.json --keep-dropped ./s.json -o o.jsonl f.jsonl
expect_exit 2 dpk-stats -q --report r.json --html r.json f.jsonl
[ ! -e o.jsonl ] && [ ! -e s.json ] && [ ! -e r.json ] || fail "a refused run wrote a file"
# A side file inside a directory output, on one of its mirrored names.
expect_exit 2 dpk-docid -q --stats out6/data.jsonl -o out6/ ca 2> inside.err
grep -q "same file" inside.err || fail "stats onto a mirrored name: $(cat inside.err)"
# Distinct names still run.
dpk-docid -q --stats s.json --keep-dropped k.jsonl -o o.jsonl f.jsonl
check_balanced s.json
echo OK
