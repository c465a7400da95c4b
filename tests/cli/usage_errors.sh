source "$DPK_SRC/tests/cli/lib.sh.inc"
# Usage errors: exit 2, one line naming the option or path, nothing written.
Q="$DPK_SRC/testdata/quickstart"
mkdir -p work && cd work

# usage_case WORD ARGS... : dpk-docid ARGS exits 2, prints one line containing WORD, writes nothing.
usage_case() {
  local word=$1; shift
  set +e
  dpk-docid "$@" > ../stdout.txt 2> ../stderr.txt
  local rc=$?
  set -e
  [ "$rc" = 2 ] || fail "dpk-docid $* exited $rc, expected 2 ($(cat ../stderr.txt))"
  [ "$(wc -l < ../stderr.txt)" = 1 ] || fail "dpk-docid $*: expected one line, got: $(cat ../stderr.txt)"
  grep -qF -- "$word" ../stderr.txt || fail "dpk-docid $*: message does not name '$word': $(cat ../stderr.txt)"
  [ ! -s ../stdout.txt ] || fail "dpk-docid $*: wrote to stdout"
  [ -z "$(ls -A)" ] || fail "dpk-docid $*: wrote files: $(ls -A)"
}

usage_case "--bogus" --bogus -o out/ "$Q"
usage_case "threads" --threads abc -o out/ "$Q"
usage_case "threads" --threads -2 -o out/ "$Q"
usage_case "no-such.jsonl" -o out/ "$Q/web-3.jsonl" no-such.jsonl
usage_case "no-such-dir" -o out/ no-such-dir/
usage_case "mode" --mode random -o out/ "$Q"
usage_case "on-error" --on-error ignore -o out/ "$Q"
usage_case "quarantine" --on-error quarantine -o out/ "$Q"
usage_case "compression" --compression lz4 -o out/ "$Q"
usage_case "block-size" --block-size lots -o out/ "$Q"
usage_case "shard" --shard-index 3 --shard-count 2 -o out/ "$Q"
usage_case "--output" -o out/ "$Q" --output

# Through the driver too, and for the driver's own commands.
set +e
dpk docid --bogus "$Q" > ../o.txt 2> ../e.txt; rc=$?
set -e
[ "$rc" = 2 ] && grep -q -- "--bogus" ../e.txt || fail "dpk docid --bogus: rc $rc, $(cat ../e.txt)"
expect_exit 2 dpk nosuchcommand 2> ../e.txt
grep -q "nosuchcommand" ../e.txt || fail "dpk nosuchcommand: $(cat ../e.txt)"
expect_exit 2 dpk help nosuchtransform 2> ../e.txt
grep -q "nosuchtransform" ../e.txt || fail "dpk help nosuchtransform: $(cat ../e.txt)"
expect_exit 2 dpk run 2> /dev/null
expect_exit 2 dpk run no-such-recipe.yaml 2> ../e.txt
grep -q "no-such-recipe.yaml" ../e.txt || fail "dpk run missing recipe: $(cat ../e.txt)"
[ -z "$(ls -A)" ] || fail "the driver wrote files: $(ls -A)"
echo OK
