#!/usr/bin/env bash
# Option values are checked against their declared type and range, on the
# command line and in recipes: exit 2, one message naming the option and the
# allowed range, no output file. --compression-level takes 1 to 22 for zstd
# and 1 to 9 for gzip (0 and negative levels are refused, not read as
# "default" or "fast"); a recipe list where one value is expected is an error.
source "$(dirname "$0")/lib.sh.inc"
IN="$DPK_SRC/testdata/quickstart/web-3.jsonl"

# usage_error PATTERN CMD... : exit 2, stderr matches PATTERN, no out.* file made
usage_error() {
  local pattern=$1; shift
  set +e
  "$@" > stdout.txt 2> err.txt
  local rc=$?
  set -e
  [ "$rc" = 2 ] || fail "'$*' exited $rc, expected 2: $(cat err.txt)"
  grep -qF -- "$pattern" err.txt || fail "'$*': expected '$pattern' in: $(cat err.txt)"
  [ "$(wc -l < err.txt)" -le 1 ] || fail "'$*': more than one line on stderr: $(cat err.txt)"
  ! ls out.* out/ > /dev/null 2>&1 || fail "'$*' wrote output"
}

for level in 99 0 -5 23; do
  usage_error "option 'compression-level': $level is out of range (expected an integer from 1 to 22)" \
    dpk-docid --compression-level "$level" -o out.jsonl.zst "$IN"
  usage_error "option 'compression-level': $level is out of range" \
    dpk-docid --compression-level "$level" -o out.jsonl.gz "$IN"
done
for level in 10 22; do
  usage_error "option 'compression-level': $level is out of range for gzip (expected an integer from 1 to 9)" \
    dpk-docid --compression-level "$level" -o out.jsonl.gz "$IN"
  usage_error "out of range for gzip" dpk-docid --compression gzip --compression-level "$level" -o out/ "$IN"
done
# The edges are fine, and the output is what the level says it is.
dpk-docid --compression-level 22 --stats st-zstd.json -o out-zstd.jsonl.zst "$IN"
dpk-docid --compression-level 9 --stats st-gzip.json -o out-gzip.jsonl.gz "$IN"
dpk-docid --compression-level 1 --stats st-gzip1.json -o out-gzip1.jsonl.gz "$IN"
n_in=$(grep -c '' "$IN")
for f in zstd gzip gzip1; do
  check_balanced "st-$f.json"
  [ "$(json_get "st-$f.json" .counts.documents_out)" = "$n_in" ] || fail "$f: wrong count"
done
[ "$(decoded out-zstd.jsonl.zst | wc -l)" = "$n_in" ] || fail "zstd output has the wrong line count"
[ "$(decoded out-gzip.jsonl.gz | wc -l)" = "$n_in" ] || fail "gzip output has the wrong line count"
rm -f out-*

# Ranges of transform options, on the command line.
usage_error "option 'fraction': 1.5 is out of range (expected a number from 0 to 1)" dpk-sample --fraction 1.5 -o out.jsonl "$IN"
usage_error "option 'min-words': -1 is out of range (expected an integer, 0 or more)" dpk-select --min-words -1 -o out.jsonl "$IN"
usage_error "option 'chunk-chars': 0 is out of range (expected an integer, 1 or more)" dpk-chunk --chunk-chars 0 -o out.jsonl "$IN"
usage_error "option 'threshold': 2 is out of range (expected a number from 0 to 1)" dpk-minhash-dedup --threshold 2 -o out.jsonl "$IN"
usage_error "option 'threads': -2 is out of range (expected an integer, 0 or more)" dpk-docid --threads -2 -o out.jsonl "$IN"

# In recipes: the same ranges, and the YAML shape must fit the option's type.
recipe() { printf 'input: %s\noutput: out.jsonl\n%s\n' "$IN" "$1" > r.yaml; }
recipe $'steps:\n  - select: {min-words: [1, 2]}'
usage_error "r.yaml:4: option 'min-words': got a list (expected an integer, 0 or more)" dpk run r.yaml
recipe $'steps:\n  - select: {min-words: -3}'
usage_error "option 'min-words': -3 is out of range (expected an integer, 0 or more)" dpk run r.yaml
recipe $'compression-level: 99\nsteps:\n  - docid: {}'
usage_error "option 'compression-level': 99 is out of range (expected an integer from 1 to 22)" dpk run r.yaml
recipe $'steps:\n  - sample: {fraction: {a: 1}}'
usage_error "option 'fraction': got a mapping (expected a number from 0 to 1)" dpk run r.yaml
recipe $'steps:\n  - select:\n      min-words:'
usage_error "option 'min-words': no value (expected an integer, 0 or more)" dpk run r.yaml
# A list option takes a list; a right recipe runs.
recipe $'stats: st.json\nsteps:\n  - select: {min-words: 1}\n  - pii: {types: [EMAIL, PHONE]}'
dpk run r.yaml
check_balanced st.json
[ -s out.jsonl ] || fail "the valid recipe wrote nothing"
echo "option ranges and recipe types checked"
