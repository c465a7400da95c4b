# Renamed options (docs/cli-conventions.md): every former spelling still works,
# on the command line and in recipes, exactly as the new one, with one warning
# naming both; help shows only the new name. Abbreviations stay refused, in
# recipes too.
source "$(dirname "$0")/lib.sh.inc"

Q="$TESTDATA/quickstart/web-3.jsonl"
[ -f "$Q" ] || fail "test data not found: $Q"
head -n 40 "$Q" > in.jsonl
W="$TESTDATA/warc/warcio-example-resource.warc.gz"
[ -f "$W" ] || fail "test data not found: $W"
mkdir -p files && printf 'A short text file, read whole.\n' > files/a.txt && head -c 5000 "$Q" > files/big.txt

# The errors a run printed (its summary line has a time in it, which differs).
errors() { grep -v "^dpk[^:]*: [0-9]* in, " "$1" | grep -v "deprecated; use" || true; }

# cli TOOL OLD NEW VALUE ARGS... : `--OLD VALUE` and `--NEW VALUE` give the same
# exit code, output and errors; only the former prints the warning, once.
cli() {
  local tool=$1 old=$2 new=$3 value=$4 rc_old rc_new
  shift 4
  set +e
  dpk $tool "--$old" "$value" "$@" > old.out 2> old.err
  rc_old=$?
  dpk $tool "--$new" "$value" "$@" > new.out 2> new.err
  rc_new=$?
  set -e
  [ "$rc_old" = "$rc_new" ] || fail "$tool --$old exited $rc_old, --$new $rc_new: $(cat old.err new.err)"
  cmp -s old.out new.out || fail "$tool --$old and --$new wrote different documents"
  [ "$(errors old.err)" = "$(errors new.err)" ] || fail "$tool --$old and --$new: other errors: $(cat old.err new.err)"
  [ "$(grep -c "warning: option --$old is deprecated; use --$new\$" old.err)" = 1 ] \
    || fail "$tool --$old: expected one warning naming --$new, got: $(cat old.err)"
  grep -q "deprecated" new.err && fail "$tool --$new warned: $(cat new.err)"
  echo "ok: $tool --$old -> --$new (exit $rc_old)"
}

# recipe STEP OLD NEW VALUE [INPUT] : the same for a recipe step's option.
recipe() {
  local step=$1 old=$2 new=$3 value=$4 input=${5:-in.jsonl} rc_old rc_new
  printf 'input: %s\nsteps:\n  - %s: {%s: %s}\n' "$input" "$step" "$old" "$value" > old.yaml
  printf 'input: %s\nsteps:\n  - %s: {%s: %s}\n' "$input" "$step" "$new" "$value" > new.yaml
  set +e
  dpk run old.yaml -o old.out 2> old.err
  rc_old=$?
  dpk run new.yaml -o new.out 2> new.err
  rc_new=$?
  set -e
  [ "$rc_old" = "$rc_new" ] || fail "recipe $step $old: exit $rc_old, $new: $rc_new: $(cat old.err new.err)"
  if [ -e new.out ]; then cmp -s old.out new.out || fail "recipe $step: $old and $new wrote different documents"; fi
  [ "$(grep -c "warning: old.yaml:3: option '$old' of step $step is deprecated; use '$new'\$" old.err)" = 1 ] \
    || fail "recipe $step $old: expected one warning naming $new, got: $(cat old.err)"
  grep -q "deprecated" new.err && fail "recipe $step $new warned: $(cat new.err)"
  rm -f old.out new.out
  echo "ok: recipe $step $old -> $new (exit $rc_old)"
}

cli langid keep langs en in.jsonl
recipe langid keep langs "[en]"
cli langid max-chars prefix-chars 20 in.jsonl
recipe langid max-chars prefix-chars 20
cli chunk max-chars chunk-chars 200 in.jsonl
recipe chunk max-chars chunk-chars 200
cli chunk max-tokens chunk-tokens 0 in.jsonl
recipe chunk max-tokens chunk-tokens 0
cli chunk model model-dir no-such-model --chunk-tokens 64 in.jsonl
recipe chunk model model-dir no-such-model
cli embed model model-dir no-such-model in.jsonl
recipe embed model model-dir no-such-model
cli embed max-length truncate-tokens 1 in.jsonl
recipe embed max-length truncate-tokens 1
cli line-dedup min-chars short-unit-chars 30 in.jsonl
recipe line-dedup min-chars short-unit-chars 30
cli quality language lang de --preset fineweb in.jsonl
recipe quality language lang "de, preset: fineweb"
cli warc types record-types resource "$W"
recipe warc types record-types "[resource]" "$W"
cli warc max-body max-body-bytes 1K "$W"
recipe warc max-body max-body-bytes 1K "$W"
cli ingest max-size max-input-bytes 1K files/
recipe ingest max-size max-input-bytes 1K files/
cli convert max-file-docs part-docs 7 -o parts-old/ in.jsonl
cli convert max-file-bytes part-bytes 4K -o parts-new/ in.jsonl
cmp <(cat parts-old/part-*) in.jsonl || fail "convert --max-file-docs parts"
recipe convert max-file-docs part-docs 7
cli pii secret-min-length secret-min-chars 20 in.jsonl
recipe pii secret-min-length secret-min-chars 20

# Stages: the work directories they write are the same.
dpk exact-dedup hashes --partitions 3 --work old-work/ in.jsonl 2> old.err
dpk exact-dedup hashes --partition-count 3 --work new-work/ in.jsonl 2> new.err
[ "$(ls old-work/hashes)" = "$(ls new-work/hashes)" ] && [ "$(ls old-work/hashes | wc -l)" = 3 ] \
  || fail "exact-dedup hashes --partitions: $(ls old-work/hashes) vs $(ls new-work/hashes)"
grep -q "warning: option --partitions is deprecated; use --partition-count" old.err || fail "no warning: $(cat old.err)"
cli "exact-dedup resolve" partition partition-index 1 --work new-work/
cli "exact-dedup resolve" partition partition-index 7 --work new-work/
# A former option name takes its value also where the work directory is given
# the old way (positional): the value is not mistaken for the work directory.
dpk exact-dedup resolve --partition 0 new-work/ 2> both-old.err || fail "resolve --partition 0 WORK/: $(cat both-old.err)"
grep -q "option --partition is deprecated; use --partition-index" both-old.err || fail "no warning: $(cat both-old.err)"
dpk line-dedup count --partitions 2 --work lold/ in.jsonl 2> old.err
dpk line-dedup count --partition-count 2 --work lnew/ in.jsonl 2> new.err
[ "$(ls lold/units)" = "$(ls lnew/units)" ] && [ "$(ls lnew/units | wc -l)" = 2 ] || fail "line-dedup count --partitions"
grep -q "warning: option --partitions is deprecated; use --partition-count" old.err || fail "no warning: $(cat old.err)"
cli "line-dedup merge" partition partition-index 1 --work lnew/

# One warning per run, however often the former name is used.
printf 'input: in.jsonl\nsteps:\n  - langid: {keep: [en]}\n  - langid: {keep: [en]}\n' > twice.yaml
dpk run twice.yaml -o /dev/null 2> err.txt
[ "$(grep -c "deprecated" err.txt)" = 1 ] || fail "two uses, not one warning: $(cat err.txt)"
# -q silences it, as every warning.
dpk langid -q --keep en in.jsonl > /dev/null 2> err.txt
[ ! -s err.txt ] || fail "-q: $(cat err.txt)"
# Both spellings at once: a usage error naming both.
expect_exit 2 dpk langid --keep en --langs de in.jsonl 2> err.txt
grep -q "'--keep' is the former name of '--langs'" err.txt || fail "both spellings: $(cat err.txt)"
printf 'input: in.jsonl\nsteps:\n  - langid: {langs: [en], keep: [de]}\n' > both.yaml
expect_exit 2 dpk run both.yaml 2> err.txt
grep -q "both.yaml:3: option 'keep' is the former name of 'langs'" err.txt || fail "both in a recipe: $(cat err.txt)"
printf 'input: in.jsonl\nsteps:\n  - langid: {keep: [de], langs: [en]}\n' > both-reversed.yaml
expect_exit 2 dpk run both-reversed.yaml 2> err.txt
grep -q "both-reversed.yaml:3: option 'keep' is the former name of 'langs'" err.txt || fail "both in a recipe, former first: $(cat err.txt)"

# Help and man pages: the new name, with the former one noted, never as an option line.
dpk help langid > help.txt
grep -q -- "--langs LANGS" help.txt || fail "help lacks --langs"
grep -q "Formerly --keep\." help.txt || fail "help does not note the former name"
grep -q -- "^ *--keep " help.txt && fail "help lists --keep as an option"
dpk man chunk > man.txt
grep -q 'Formerly \\-\\-model\.' man.txt || fail "man page does not note --model"
# The inventory of every option names the former spelling.
dpk help --options-json > inventory.jsonl
jq -s -e 'any(.[]; .tool == "langid" and .name == "langs" and .formerly == "keep")' inventory.jsonl > /dev/null \
  || fail "inventory: langid --langs: $(grep langs inventory.jsonl)"
# A misspelt former name is suggested by its new name.
expect_exit 2 dpk langid --kep en in.jsonl 2> err.txt
grep -q "did you mean --langs?" err.txt || fail "--kep: $(cat err.txt)"

# No abbreviations, on the command line or in a recipe (options and common keys).
expect_exit 2 dpk langid --lang en in.jsonl 2> err.txt
grep -q "unknown option '--lang'" err.txt || fail "--lang taken: $(cat err.txt)"
printf 'input: in.jsonl\nsteps:\n  - select: {min-wor: 5}\n' > abbrev.yaml
expect_exit 2 dpk run abbrev.yaml 2> err.txt
grep -q "abbrev.yaml:3: select: unknown option 'min-wor' (did you mean min-words?)" err.txt || fail "recipe abbreviation: $(cat err.txt)"
printf 'input: in.jsonl\nthread: 2\nsteps:\n  - docid:\n' > abbrev2.yaml
expect_exit 2 dpk run abbrev2.yaml 2> err.txt
grep -q "abbrev2.yaml:2: unknown recipe key 'thread'" err.txt || fail "recipe key abbreviation: $(cat err.txt)"
echo OK
