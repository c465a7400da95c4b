source "$DPK_SRC/tests/cli/lib.sh.inc"
# Typos get a suggestion and exit 2, on the command line and in recipes; an
# abbreviated long option is an unknown option (never silently another one).
Q="$DPK_SRC/testdata/quickstart"
mkdir -p work && cd work

# suggests WANT CMD... : CMD exits 2, writes nothing, and its one-line message contains WANT.
suggests() {
  local want=$1; shift
  set +e
  "$@" < /dev/null > ../stdout.txt 2> ../stderr.txt
  local rc=$?
  set -e
  [ "$rc" = 2 ] || fail "$* exited $rc, expected 2 ($(cat ../stderr.txt))"
  [ "$(wc -l < ../stderr.txt)" = 1 ] || fail "$*: expected one line, got: $(cat ../stderr.txt)"
  grep -qF -- "$want" ../stderr.txt || fail "$*: message lacks '$want': $(cat ../stderr.txt)"
  [ ! -s ../stdout.txt ] || fail "$*: wrote to stdout"
  [ -z "$(ls -A)" ] || fail "$*: wrote files: $(ls -A)"
}

# Options, tools and help topics.
suggests "unknown option '--min-wrods' (did you mean --min-words?)" dpk-select --min-wrods 20 -o out/ "$Q"
suggests "did you mean --min-words?" dpk select --min_words 20 -o out/ "$Q"
suggests "did you mean --threads?" dpk-docid --thread 2 -o out/ "$Q"
suggests "unknown command 'selct' (did you mean select?)" dpk selct --min-words 20 "$Q"
suggests "did you mean select?" dpk help selct
suggests "did you mean select?" dpk man selct
suggests "unknown stage 'resolv' (did you mean resolve?)" dpk exact-dedup resolv --work w
suggests "unknown stage 'singatures' (did you mean signatures?)" dpk-minhash-dedup singatures --work w
suggests "did you mean --explain?" dpk run --explian "$DPK_SRC/recipes/quickstart.yaml"
suggests "did you mean --tasks?" dpk slurm "$DPK_SRC/recipes/quickstart.yaml" --taks 2

# No guessing: an abbreviation is not taken for the one option it begins.
suggests "unknown option '--min' (did you mean --min-score?)" dpk-langid --min 0.5
suggests "unknown option '--min' (did you mean --min-chars, --min-words or --min-bytes?)" dpk-select --min 5
suggests "unknown option '--out'" dpk-docid --out out/ "$Q"
# Nothing close: no suggestion, only the option named.
suggests "unknown option '--bogus'" dpk-docid --bogus "$Q"
grep -q "did you mean" ../stderr.txt && fail "--bogus got a suggestion: $(cat ../stderr.txt)"

# Recipes: a step name, a step's option (Data-Juicer's underscores), a
# top-level key (Data-Juicer's process:, a misspelt common option).
recipe() { mkdir -p ../r && printf '%s\n' "$@" > ../r/recipe.yaml; echo ../r/recipe.yaml; }
suggests "recipe.yaml:2: unknown step 'selct' (did you mean select?)" \
  dpk run "$(recipe 'steps:' '  - selct: {min-words: 20}')" "$Q"
suggests "unknown option 'min_words' (did you mean min-words?)" \
  dpk run "$(recipe 'steps:' '  - select: {min_words: 20}')" "$Q"
grep -qF "recipe.yaml:2" ../stderr.txt || fail "min_words: no file and line: $(cat ../stderr.txt)"
suggests "recipe.yaml:1: unknown recipe key 'process' (did you mean steps:?)" \
  dpk run "$(recipe 'process:' '  - select: {min-words: 20}')" "$Q"
suggests "unknown recipe key 'threds' (did you mean threads:?)" \
  dpk run "$(recipe 'threds: 2' 'steps:' '  - docid:')" "$Q"
suggests "unknown recipe key 'dataset_path' (did you mean input:?)" \
  dpk run "$(recipe 'dataset_path: x.jsonl' 'steps:' '  - docid:')"
# The same recipes through dpk slurm.
suggests "did you mean select?" dpk slurm "$(recipe 'steps:' '  - selct: {min-words: 20}')" --tasks 2 -o out/ "$Q"
echo OK
