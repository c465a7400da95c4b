source "$DPK_SRC/tests/cli/lib.sh.inc"
# --version names the version, the commit, the build type and the compiled
# features, the same from every entry point.
# check_version CMD... : exits 0, prints "PROG VERSION", commit, build type, features.
check_version() {
  "$@" --version > v.txt 2> e.txt || fail "$* --version failed: $(cat e.txt)"
  [ ! -s e.txt ] || fail "$* --version wrote to stderr: $(cat e.txt)"
  grep -Eq '^dpk[a-z -]* [0-9]+\.[0-9]+\.[0-9]+$' v.txt || fail "$*: no version line: $(cat v.txt)"
  grep -Eq '^commit: ([0-9a-f]{7,40}|unknown)$' v.txt || fail "$*: no commit line: $(cat v.txt)"
  grep -Eq '^build type: [A-Za-z]+' v.txt || fail "$*: no build type: $(cat v.txt)"
  for f in CUDA MPI Hyperscan oneDNN fastText; do
    grep -Eq "^features: .*[+-]$f( |$)" v.txt || fail "$*: features lack $f: $(cat v.txt)"
  done
}
check_version dpk
check_version dpk-select
check_version dpk select
check_version dpk run
check_version dpk slurm
grep -q '^dpk-select 0' <(dpk-select --version) || fail "dpk-select --version does not name dpk-select"
# The commit is the source tree's, when it is a git checkout.
if commit=$(git -C "$DPK_SRC" rev-parse --short=12 HEAD 2> /dev/null); then
  dpk --version | grep -q "^commit: " || fail "no commit line"
  # Configured from an earlier commit of the same history is fine; an unrelated one is not.
  got=$(dpk --version | sed -n 's/^commit: //p')
  [ "$got" = unknown ] || git -C "$DPK_SRC" cat-file -e "$got^{commit}" 2> /dev/null ||
    fail "commit $got is not in the source tree's history (HEAD $commit)"
fi
echo OK
