#!/usr/bin/env bash
# dpk-ingest's code measures against the StarCoder / The Stack definitions as
# Python computes them (str.splitlines, str.isalnum), on real source files:
# tests/ingest/code-sample.expected.jsonl was made from code-sample.tar.gz by
# benchmarks/ingest/code_measures_reference.py.
source "$(dirname "$0")/lib.sh.inc"
D="$DPK_SRC/tests/ingest"
dpk-ingest --stats s.json "$D/code-sample.tar.gz" > got.jsonl
check_balanced s.json
jq -c 'select(.file_type == "code") | {path: (.path | sub("^[^!]*!"; "")), line_count, max_line_length, avg_line_length, alphanum_fraction}' \
  got.jsonl | jq -s 'sort_by(.path)' > got.json
jq -s 'sort_by(.path)' "$D/code-sample.expected.jsonl" > want.json
# Every file with a code extension is code (.gitignore is plain text).
[ "$(jq length got.json)" = 11 ] || fail "expected 11 code files, got $(jq -c 'map(.path)' got.json)"
jq -n --slurpfile g got.json --slurpfile w want.json '
  ($w[0] | map({key: .path, value: .}) | from_entries) as $want
  | [$g[0][] | . as $d | $want[$d.path] as $r
     | select($r == null or $d.line_count != $r.line_count or $d.max_line_length != $r.max_line_length
              or (($d.avg_line_length - $r.avg_line_length) | fabs) > 1e-9
              or (($d.alphanum_fraction - $r.alphanum_fraction) | fabs) > 1e-9)
     | {path: $d.path, dpk: $d, reference: $r}]' > diff.json
[ "$(jq length diff.json)" = 0 ] || fail "code measures differ from the reference: $(jq -c '.[0]' diff.json)"
echo "ingest_code_reference: ok"
