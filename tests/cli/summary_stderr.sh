#!/usr/bin/env bash
# Without -q, the one-line summary (in, out, dropped by step and reason,
# rejected by reason) and every warning go to stderr when it is a file, as in
# a batch log; only the progress line needs a terminal. A run that drops
# every document, or reads none from non-empty input, warns; with
# --fail-on-empty it exits 1 (after writing what it wrote). -q silences all.
source "$DPK_SRC/tests/cli/lib.sh.inc"
decoded "$DPK_SRC/testdata/quickstart/web-3.jsonl" > in.jsonl

# A run that keeps some: the summary line, no warning.
dpk-select --min-words 100 --stats s.json in.jsonl > out.jsonl 2> err.txt
n=$(json_get s.json .counts.documents_in)
kept=$(json_get s.json .counts.documents_out)
dropped=$(json_get s.json .counts.dropped)
[ "$kept" -gt 0 ] && [ "$dropped" -gt 0 ] || fail "the sample must keep some and drop some: $(jq -c .counts s.json)"
[ "$(wc -l < err.txt)" = 1 ] || fail "expected one summary line on stderr, got: $(cat err.txt)"
grep -qE "^dpk-select: $n in, $kept out, $dropped dropped \(select: [a-z_]+=$dropped\), 0 rejected in [0-9.]+s" err.txt ||
  fail "summary line: $(cat err.txt)"
grep -q $'\r' err.txt && fail "a progress line went to a file"

# Every document dropped: the summary and a warning; exit 0.
dpk-select --min-words 100000 in.jsonl -o none.jsonl 2> err.txt
grep -q "^dpk-select: $n in, 0 out, $n dropped (select: " err.txt || fail "no summary of the empty run: $(cat err.txt)"
grep -q "^dpk-select: warning: empty output: all $n documents were dropped ($n) or rejected (0)" err.txt ||
  fail "no warning for an empty output: $(cat err.txt)"
[ "$(count_lines none.jsonl)" = 0 ] || fail "none.jsonl is not empty"
# The example of a language that is never found: the same.
dpk-langid --langs EN in.jsonl > /dev/null 2> err.txt
grep -q "^dpk-langid: warning: empty output" err.txt || fail "langid --langs EN dropped all without a warning: $(cat err.txt)"
# --fail-on-empty: exit 1 with an error naming why; the summary still comes first.
expect_exit 1 dpk-select --fail-on-empty --min-words 100000 --stats f.json in.jsonl -o none2.jsonl 2> err.txt
grep -q "^dpk-select: error: empty output: all $n documents were dropped" err.txt || fail "--fail-on-empty: $(cat err.txt)"
grep -q "(--fail-on-empty)" err.txt || fail "--fail-on-empty not named: $(cat err.txt)"
check_balanced f.json
[ "$(json_get f.json .counts.dropped)" = "$n" ] || fail "--fail-on-empty: the summary does not count the drops"
# A recipe takes it too.
printf 'input: in.jsonl\noutput: r-out/\nfail-on-empty: true\nsteps:\n  - select: {min-words: 100000}\n' > r.yaml
expect_exit 1 dpk run r.yaml 2> err.txt
grep -q "empty output" err.txt || fail "recipe --fail-on-empty: $(cat err.txt)"
# With documents out, --fail-on-empty changes nothing.
dpk-select --fail-on-empty --min-words 100 in.jsonl > /dev/null 2> /dev/null || fail "--fail-on-empty failed a run with output"

# Every document rejected (--on-error skip): the warnings, then the empty-output warning.
printf '{"id":1,"text":"a"\nnot json\n' > bad.jsonl
dpk-docid --on-error skip bad.jsonl > /dev/null 2> err.txt
[ "$(grep -c '^dpk-docid: warning: bad.jsonl:[12]:' err.txt)" = 2 ] || fail "rejected lines not warned: $(cat err.txt)"
grep -q "^dpk-docid: 2 in, 0 out, 0 dropped, 2 rejected (" err.txt || fail "summary of rejections: $(cat err.txt)"
grep -q "warning: empty output: all 2 documents were dropped (0) or rejected (2)" err.txt || fail "$(cat err.txt)"
expect_exit 1 dpk-docid --on-error skip --fail-on-empty bad.jsonl > /dev/null 2> err.txt

# Non-empty input with no documents (blank lines only): warned; an empty file is not.
printf '\n  \n\n' > blank.jsonl
dpk-docid blank.jsonl > /dev/null 2> err.txt
grep -q "^dpk-docid: warning: empty output: 5 bytes of input held no documents" err.txt ||
  fail "no warning for input without documents: $(cat err.txt)"
expect_exit 1 dpk-docid --fail-on-empty blank.jsonl > /dev/null 2> /dev/null
: > empty.jsonl
dpk-docid --fail-on-empty empty.jsonl > /dev/null 2> err.txt || fail "an empty input failed --fail-on-empty"
grep -q warning err.txt && fail "an empty input was warned about: $(cat err.txt)"
# A rerun that resumes every input read nothing new: no warning.
dpk-docid -o dir/ in.jsonl 2> /dev/null
dpk-docid --fail-on-empty -o dir/ in.jsonl 2> err.txt || fail "a resumed run failed --fail-on-empty: $(cat err.txt)"
grep -q warning err.txt && fail "a resumed run was warned about: $(cat err.txt)"

# -q: nothing on stderr, even for an empty output; the exit code still follows --fail-on-empty.
dpk-select -q --min-words 100000 in.jsonl > /dev/null 2> err.txt
[ ! -s err.txt ] || fail "-q printed: $(cat err.txt)"
set +e
dpk-select -q --fail-on-empty --min-words 100000 in.jsonl > /dev/null 2> err.txt
rc=$?
set -e
[ "$rc" = 1 ] || fail "-q --fail-on-empty exited $rc"
[ "$(wc -l < err.txt)" = 1 ] && grep -q "error: empty output" err.txt || fail "-q --fail-on-empty: $(cat err.txt)"
echo "summary_stderr: OK"
