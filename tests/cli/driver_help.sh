source "$DPK_SRC/tests/cli/lib.sh.inc"
# The driver's own commands have whole help pages: `dpk help run|slurm|recipes`,
# `dpk run --help`, `dpk slurm --help`; each exits 0 and names what it covers.
# has_words CMD -- WORD... : CMD exits 0, writes nothing to stderr, and its stdout holds every WORD.
has_words() {
  local cmd=()
  while [ "$1" != -- ]; do cmd+=("$1"); shift; done
  shift
  "${cmd[@]}" > out.txt 2> err.txt || fail "'${cmd[*]}' exited $?: $(cat err.txt)"
  [ ! -s err.txt ] || fail "'${cmd[*]}' wrote to stderr: $(cat err.txt)"
  for w in "$@"; do grep -qF -- "$w" out.txt || fail "'${cmd[*]}' does not mention '$w'"; done
}
run_words=(--explain RECIPE.yaml "dpk help recipes" mpirun --threads --on-error --keep-dropped --stats
           "Exit codes" .dpk/ Examples)
has_words dpk help run -- "${run_words[@]}"
has_words dpk run --help -- "${run_words[@]}"
cmp <(dpk help run) <(dpk run -h) || fail "dpk help run and dpk run -h differ"
slurm_words=(--tasks --partition --time --work --sbatch --submit submit.sh afterok array "Exit codes" Examples)
has_words dpk help slurm -- "${slurm_words[@]}"
has_words dpk slurm --help -- "${slurm_words[@]}"
has_words dpk slurm -h -- "${slurm_words[@]}"
has_words dpk help recipes -- input: output: steps: name: description: "common option" "source step" \
  ingest warc "first step" "--explain" "min-words" "process:"
has_words dpk --help -- "help recipes" "run [--explain]" slurm
# Every option of run and slurm that the help lists is one the command takes.
for opt in $(dpk help slurm | grep -oE '^  (-., )?--[a-z-]+' | grep -oE -- '--[a-z-]+'); do
  [ "$opt" = --help ] || [ "$opt" = --version ] && continue
  set +e; dpk slurm "$opt" > /dev/null 2> err.txt; set -e
  grep -q "unknown option" err.txt && fail "dpk slurm does not take $opt, which its help lists"
done
# The recipe in `dpk help recipes` runs (its paths swapped for the quickstart data).
dpk help recipes | sed -n '/^  name: web-clean/,/^    - stats/p' | sed 's/  *#.*//' \
  | sed "s|data/crawl/|$DPK_SRC/testdata/quickstart/|; s|out/|$DPK_TMP/out/|g; s|\"\\*.jsonl.zst\"|\"web-*\"|" \
  | sed 's/backend: fasttext/backend: cld2/' > example.yaml
dpk run --explain example.yaml > explain.txt || fail "the recipe of 'dpk help recipes' does not load: $(cat example.yaml)"
grep -q "langid" explain.txt || fail "explain lacks langid"
echo OK
