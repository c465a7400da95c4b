#!/usr/bin/env bash
# A source step (ingest, warc: it turns input files into documents) anywhere
# but first in a recipe is a usage error naming the step and its line, for
# `dpk run` and `dpk run --explain` alike, and nothing is written. First, it
# runs as before.
source "$DPK_SRC/tests/cli/lib.sh.inc"
mkdir -p docs
printf '# Pumps\n\nA pump moves water from one place to another.\n' > docs/a.md

# rejected STEP LINE RECIPE : dpk run and dpk run --explain exit 2 naming STEP at LINE; no output.
rejected() {
  local step=$1 line=$2 recipe=$3 mode
  for mode in "" --explain; do
    rm -rf out
    set +e
    dpk run $mode "$recipe" > stdout.txt 2> err.txt
    local rc=$?
    set -e
    [ "$rc" = 2 ] || fail "dpk run $mode $recipe exited $rc, expected 2: $(cat err.txt)"
    grep -qF "$recipe:$line: $step" err.txt || fail "dpk run $mode $recipe: the message does not name $step at line $line: $(cat err.txt)"
    grep -q "only be the first step" err.txt || fail "dpk run $mode $recipe: the message does not say why: $(cat err.txt)"
    [ ! -e out ] || fail "dpk run $mode $recipe wrote $(find out)"
    [ ! -s stdout.txt ] || fail "dpk run $mode $recipe printed a plan: $(cat stdout.txt)"
  done
}

cat > later-ingest.yaml <<'YAML'
input: docs/
output: out/
steps:
  - normalize: {}
  - ingest: {format: markdown}
YAML
rejected ingest 5 later-ingest.yaml
cat > later-warc.yaml <<'YAML'
input: docs/
output: out/
steps:
  - docid: {mode: hash}
  - select: {min-words: 1}
  - warc: {extract: true}
YAML
rejected warc 6 later-warc.yaml

# First, a source step runs, and --explain shows it reading the files.
cat > first.yaml <<'YAML'
input: docs/
output: out/
steps:
  - ingest: {format: markdown}
  - normalize: {}
YAML
dpk run --explain first.yaml > plan.txt
grep -q "ingest" plan.txt || fail "the plan does not show ingest: $(cat plan.txt)"
dpk run -q first.yaml --stats s.json
check_balanced s.json
[ "$(json_get s.json .counts.documents_out)" = 1 ] || fail "ingest as the first step: $(jq -c .counts s.json)"
echo "recipe_source_step: OK"
