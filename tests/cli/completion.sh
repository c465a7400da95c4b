# `dpk completion bash|zsh|fish`: the bash script, sourced in a bash
# subprocess and driven through COMP_WORDS/COMP_CWORD like bash does,
# completes tool names, options, choice values, stages, files and
# directories, and the names of the shipped recipes for run and slurm; every option of every transform, stage and of run/slurm (as
# their --help pages list them) is offered; the zsh and fish scripts pass
# their shell's syntax check (when installed: scripts/install-deps.sh) and
# fish, asked with `complete -C`, offers them too; the build's files equal
# the command's output.
source "$DPK_SRC/tests/cli/lib.sh.inc"
build="$(cd "$DPK_BIN/.." && pwd)"
dpk completion bash > dpk.bash
dpk completion zsh > _dpk
dpk completion fish > dpk.fish
cmp -s dpk.bash "$build/completions/bash/dpk" || fail "build/completions/bash/dpk is not 'dpk completion bash'"
cmp -s _dpk "$build/completions/zsh/_dpk" || fail "build/completions/zsh/_dpk is not 'dpk completion zsh'"
cmp -s dpk.fish "$build/completions/fish/dpk.fish" || fail "build/completions/fish/dpk.fish is not 'dpk completion fish'"
expect_exit 2 dpk completion tcsh 2> err.txt
grep -q "bash, zsh or fish" err.txt || fail "unknown shell not explained: $(cat err.txt)"

# complete WORD... : what the bash function offers for the last word.
complete_bash() {
  bash --norc --noprofile -c 'source ./dpk.bash
    COMP_WORDS=("$@"); COMP_CWORD=$((${#COMP_WORDS[@]} - 1)); _dpk
    [ ${#COMPREPLY[@]} -eq 0 ] || printf "%s\n" "${COMPREPLY[@]}"' _ "$@"
}
# offers WANT WORD... : WANT is among the completions of WORD...
offers() {
  local want=$1; shift
  complete_bash "$@" > got.txt
  grep -qxF -- "$want" got.txt || fail "bash: '$*' does not offer '$want': $(tr '\n' ' ' < got.txt)"
}
mkdir -p some-dir && touch some-file.jsonl
offers exact-dedup dpk exact-
offers completion dpk compl
offers --min-words dpk-select --min-w
offers --min-words dpk select --min-w
offers seq dpk-docid --mode s
offers quarantine dpk docid --on-error q
offers zstd dpk-docid --compression = z
offers buckets dpk minhash-dedup b
offers resolve dpk-exact-dedup r
offers --work dpk exact-dedup hashes --w
offers --band-count dpk-minhash-dedup buckets --band-c
offers --explain dpk run --exp
offers --submit dpk slurm --sub
offers recipes dpk help rec
offers quickstart dpk run quick
offers dedup dpk slurm ded
offers zsh dpk completion z
offers some-file.jsonl dpk-docid --stats some-f
offers some-dir dpk-docid --temp-dir some
offers some-file.jsonl dpk-docid some-
complete_bash dpk-docid --temp-dir some > got.txt
grep -qx some-file.jsonl got.txt && fail "bash: a DIR value offers files"
complete_bash dpk-docid --threads "" > got.txt
[ ! -s got.txt ] || fail "bash: a number value offers $(head -3 got.txt)"

# Every option each help page lists, for every transform, stage, run and slurm.
options_of() { grep -oE '^ {1,8}(-., )?--[a-z-]+' | grep -oE -- '-(-[a-z-]+|[a-zA-Z])' | sort -u; }
commands=("run" "slurm")
for tool in $(dpk list | awk '{print $1}'); do
  commands+=("$tool")
  for stage in $(dpk help "$tool" | sed -n "/^Stages/,/^\$/s/^  dpk-$tool \([a-z-]*\) .*/\1/p"); do
    commands+=("$tool $stage")
  done
done
checked=0
for c in "${commands[@]}"; do
  read -r -a words <<< "$c"
  dpk "${words[@]}" --help | options_of > want.txt
  complete_bash dpk "${words[@]}" - | sort -u > got.txt
  missing=$(comm -23 want.txt got.txt | tr '\n' ' ')
  [ -z "$missing" ] || fail "bash: 'dpk $c' does not complete $missing"
  checked=$((checked + $(wc -l < want.txt)))
  # zsh: the command's function names every option its help lists.
  fn="_dpk_cmd_${words[0]//-/_}${words[1]:+__${words[1]}}"
  fn=${fn//-/_}
  sed -n "/^$fn() {/,/^}/p" _dpk > fn.txt
  [ -s fn.txt ] || fail "zsh: no function $fn for 'dpk $c'"
  for o in $(grep -- '^--' want.txt); do
    grep -qE -- "(\\{-.,$o\\}|'\\*?$o\\[)" fn.txt || fail "zsh: $fn lacks $o"
  done
done
[ "$checked" -gt 300 ] || fail "only $checked options checked"
for tool in $(dpk list | awk '{print $1}'); do
  head -1 _dpk | grep -q " dpk-$tool\\b" || fail "zsh: #compdef does not name dpk-$tool"
done

if command -v zsh > /dev/null; then
  zsh -n _dpk || fail "zsh -n rejects the zsh script"
  # The dispatch, with zsh's completion builtins replaced by ones that print
  # what they are given: dpk-NAME STAGE reaches the stage's function, and the
  # word after a transform with stages offers them.
  cat > dispatch.zsh <<'ZSH'
_arguments() { print -rl -- "$@" }
_describe() { print -r -- "describe ${(P)4}" }
compadd() { if [[ $1 == -a ]]; then print -rl -- ${(P)2}; else print -r -- "compadd $*"; fi }
_files() { print -r -- "_files $*" }
service=dpk-docid words=(dpk-docid --mo) CURRENT=2
source ./_dpk
service=dpk-exact-dedup words=(dpk-exact-dedup hashes --w) CURRENT=3
_dpk
service=dpk-minhash-dedup words=(dpk-minhash-dedup "") CURRENT=2 PREFIX=""
_dpk
_dpk_recipes
ZSH
  zsh -f dispatch.zsh > zsh-out.txt 2>&1 || fail "zsh dispatch failed: $(tail -3 zsh-out.txt)"
  grep -q -- "^--mode\[.*\]:mode:(hash seq)$" zsh-out.txt || fail "zsh: dpk-docid does not offer --mode and its values"
  grep -q "\]::" _dpk && fail "zsh: an option's value has no message, which makes the value optional"
  grep -q -- "^--work\[" zsh-out.txt || fail "zsh: dpk-exact-dedup hashes does not offer --work"
  grep -q -- "^--partition-count\[" zsh-out.txt || fail "zsh: dpk-exact-dedup hashes does not offer --partition-count"
  grep -q "^describe .*buckets:" zsh-out.txt || fail "zsh: dpk-minhash-dedup does not offer its stages"
  grep -qx "quickstart" zsh-out.txt || fail "zsh: the shipped recipes are not offered"
else
  echo "note: zsh not installed, syntax not checked (scripts/install-deps.sh installs it)"
fi
if command -v fish > /dev/null; then
  fish --no-execute dpk.fish || fail "fish --no-execute rejects the fish script"
  fish_offers() {
    local want=$1 line=$2
    fish --no-config -c "source ./dpk.fish; complete -C '$line'" | cut -f1 > got.txt
    grep -qxF -- "$want" got.txt || fail "fish: '$line' does not offer '$want': $(tr '\n' ' ' < got.txt | head -c 300)"
  }
  fish_offers exact-dedup "dpk exact-"
  fish_offers --min-words "dpk-select --min-w"
  fish_offers --min-words "dpk select --min-w"
  fish_offers seq "dpk-docid --mode "
  fish_offers buckets "dpk minhash-dedup b"
  fish_offers --band-count "dpk-minhash-dedup buckets --band-c"
  fish_offers --explain "dpk run --exp"
  fish_offers quickstart "dpk run quick"
  fish --no-config -c "source ./dpk.fish; complete -C 'dpk minhash-dedup --band-c'" > got.txt
  [ ! -s got.txt ] || fail "fish: a stage's option offered outside the stage: $(cat got.txt)"
  # Every long option of every transform.
  for tool in $(dpk list | awk '{print $1}'); do
    dpk help "$tool" | options_of | grep -- '^--' > want.txt
    fish --no-config -c "source ./dpk.fish; complete -C 'dpk-$tool --'" | cut -f1 | sort -u > got.txt
    missing=$(comm -23 want.txt got.txt | tr '\n' ' ')
    [ -z "$missing" ] || fail "fish: dpk-$tool does not complete $missing"
  done
else
  echo "note: fish not installed, its script not checked (scripts/install-deps.sh installs it)"
fi
echo "completion: ok ($checked options of ${#commands[@]} commands)"
