# Every stage subcommand stands on its own: `dpk NAME STAGE --help` is the
# stage's own page (usage, options with the common ones it takes, examples),
# every option it lists is taken, -q, --version and --work DIR work for
# every stage, the spellings of the work directory older releases took still
# work with a warning, and the stage commands written in docs/dedup.md and
# docs/minhash.md give the one-process output.
source "$DPK_SRC/tests/cli/lib.sh.inc"

# The stages of each transform, from its help page ("  dpk-NAME STAGE ...").
stages_of() { dpk help "$1" | sed -n "/^Stages/,/^\$/s/^  dpk-$1 \([a-z-]*\) .*/\1/p"; }
n=0
for tool in $(dpk list | awk '{print $1}'); do
  for stage in $(stages_of "$tool"); do
    n=$((n + 1))
    dpk "$tool" "$stage" --help > help.txt 2> err.txt || fail "dpk $tool $stage --help exited $?"
    [ ! -s err.txt ] || fail "dpk $tool $stage --help wrote to stderr: $(cat err.txt)"
    head -1 help.txt | grep -q "^Usage: dpk-$tool $stage --work DIR" || fail "$tool $stage: usage line: $(head -1 help.txt)"
    for w in "Options of $tool $stage:" "--work DIR" "-q, --quiet" "--version" "Examples:" "dpk-$tool $stage --work"; do
      grep -qF -- "$w" help.txt || fail "dpk $tool $stage --help lacks '$w'"
    done
    grep -q "dpk help $tool'" help.txt && fail "dpk $tool $stage --help only points elsewhere"
    cmp -s help.txt <(dpk-"$tool" "$stage" -h) || fail "dpk $tool $stage --help and dpk-$tool $stage -h differ"
    # Every option the page lists is one the stage takes.
    for opt in $(grep -oE '^ +(-., )?--[a-z-]+' help.txt | grep -oE -- '--[a-z-]+' | sort -u); do
      case $opt in --help | --version) continue ;; esac
      set +e; dpk "$tool" "$stage" "$opt" > /dev/null 2> err.txt < /dev/null; set -e
      grep -q "unknown option" err.txt && fail "dpk $tool $stage does not take $opt, which its help lists"
    done
    dpk "$tool" "$stage" --version > version.txt || fail "dpk $tool $stage --version exited $?"
    head -1 version.txt | grep -q "^dpk-$tool $stage [0-9]" || fail "dpk $tool $stage --version: $(head -1 version.txt)"
    # -q is taken; without --work the stage says so (exit 2).
    expect_exit 2 dpk "$tool" "$stage" -q < /dev/null 2> err.txt
    grep -q -- "--work" err.txt || fail "dpk $tool $stage without --work: $(cat err.txt)"
  done
done
[ "$n" -ge 10 ] || fail "expected the stages of exact-dedup, line-dedup and minhash-dedup, found $n"
for cmd in run slurm; do
  dpk $cmd --version | head -1 | grep -q "^dpk [0-9]" || fail "dpk $cmd --version: $(dpk $cmd --version 2>&1 | head -2)"
done
# A word that is neither a stage nor an input names the stages.
expect_exit 2 dpk minhash-dedup bands --help 2> err.txt
grep -q "unknown stage 'bands'.*buckets" err.txt || fail "unknown stage not explained: $(cat err.txt)"

# Input: two files of real pages with copies (testdata/web/dedup-sample).
mkdir in
zstd -dcq "$TESTDATA/web/dedup-sample.jsonl.zst" > all.jsonl
split -n l/2 -d --additional-suffix=.jsonl all.jsonl in/part-
concat() { for f in "$1"/*.jsonl*; do decoded "$f"; done | jq -cS . | sort | md5sum; }

# The old spellings of the work directory: the same output as --work, a
# warning on stderr, none under -q.
dpk-exact-dedup hashes -q --work new/ in/
dpk-exact-dedup resolve -q --work new/
dpk-exact-dedup filter -q --work new/ in/ -o new-out/
dpk-exact-dedup hashes -o old/ in/ 2> err.txt
grep -q "warning: -o old/ for the work directory is deprecated; use --work old/" err.txt || fail "hashes -o: $(cat err.txt)"
dpk-exact-dedup resolve old/ 2> err.txt
grep -q "deprecated; use --work old/" err.txt || fail "resolve WORK/: $(cat err.txt)"
dpk-exact-dedup filter -q old/ in/ -o old-out/ 2> err.txt
[ ! -s err.txt ] || fail "-q still warns: $(cat err.txt)"
[ "$(concat old-out)" = "$(concat new-out)" ] || fail "old spellings give another output than --work"
dpk-line-dedup count -q --work lold/ in/
dpk-line-dedup merge lold/ 2> err.txt
grep -q "deprecated; use --work lold/" err.txt || fail "line-dedup merge WORK/: $(cat err.txt)"
[ -d lold/frequent ] || fail "line-dedup merge WORK/ did not merge"

# The stage commands as the docs write them (placeholders filled in: 2
# shards, every partition, bands over 3 processes) give the one-process output.
# run_doc_stages FILE TOOL OUT: runs each "TOOL STAGE ..." line of FILE's
# examples, per shard ($I), partition ($P) or band ($B) as it says.
run_doc_stages() {
  local file=$1 tool=$2 out=$3 w="work-$2" lines=0
  while IFS= read -r line; do
    lines=$((lines + 1))
    cmd=$(sed -E 's/ *#.*//; s/\[[^]]*\]//g; s/ (WORK\/|W\/|W)( |$)/ '"$w"'\/\2/g;
                  s/--shard-index \$?I/--shard-index $I/; s/--shard-count N/--shard-count 2/;
                  s/--partition-index \$?P/--partition-index $P/; s/--band-count M/--band-count 3/;
                  s/(INPUT\.\.\.|in\/|data\/)/in\//; s/ -o (OUT\/|out\/)/ -o '"$out"'\//' <<< "$line")
    local is="0" ps="0" bs="0"
    [[ $cmd == *'$I'* ]] && is="0 1"
    [[ $cmd == *'$P'* ]] && ps=$(seq 0 15)
    [[ $cmd == *'$B'* ]] && bs="0 1 2"
    for I in $is; do for P in $ps; do for B in $bs; do
      eval "$cmd -q" || fail "doc command failed: $cmd (I=$I P=$P B=$B)"
    done; done; done
  done < <(sed -nE "s/^ *($tool (hashes|resolve|filter|count|merge|signatures|buckets|clusters) .*)/\1/p" "$file")
  [ "$lines" -ge 3 ] || fail "found $lines stage commands of $tool in $file"
}
for case in "docs/dedup.md exact-dedup" "docs/dedup.md line-dedup" "docs/minhash.md minhash-dedup"; do
  set -- $case
  dpk-$2 -q in/ -o one-$2/
  run_doc_stages "$DPK_SRC/$1" "dpk-$2" staged-$2
  [ "$(concat staged-$2)" = "$(concat one-$2)" ] || fail "$2: the stages of $1 differ from one process"
  [ "$(concat one-$2)" != "$(concat in)" ] || fail "$2 changed nothing: a weak check"
done
echo "stage_help: ok ($n stages)"
