# cmake --install into a temporary prefix: the driver with its dpk-NAME links,
# the shared library (found through the installed RUNPATH), the man pages, and
# the recipes with the quickstart sample under share/dpk/, the shell
# completions. The installed dpk
# runs the quickstart recipe from another working directory and writes what
# the build tree's dpk writes; a DESTDIR install stages the same tree.
source "$DPK_SRC/tests/cli/lib.sh.inc"
build="$(cd "$DPK_BIN/.." && pwd)"
P="$DPK_TMP/prefix"
cmake --install "$build" --prefix "$P" > install.log 2>&1 || fail "cmake --install failed: $(tail -5 install.log)"

[ -x "$P/bin/dpk" ] || fail "no $P/bin/dpk"
n=0
for tool in "$DPK_BIN"/dpk-*; do
  name=$(basename "$tool")
  [ -L "$P/bin/$name" ] && [ "$(readlink "$P/bin/$name")" = dpk ] || fail "$P/bin/$name is not a link to dpk"
  n=$((n + 1))
done
[ "$n" -ge 10 ] || fail "expected the dpk-NAME links, found $n in $DPK_BIN"
ls "$P"/lib/libdpk.so* > /dev/null 2>&1 || fail "no libdpk.so under $P/lib"
ldd "$P/bin/dpk" > ldd.txt; grep -q "=> $P/bin/../lib/libdpk" ldd.txt || fail "installed dpk does not load $P/lib/libdpk: $(ldd "$P/bin/dpk" | grep dpk)"
for page in "$build"/man/*.1; do
  [ -s "$P/share/man/man1/$(basename "$page")" ] || fail "man page $(basename "$page") not installed"
done
[ -s "$P/share/dpk/recipes/quickstart.yaml" ] || fail "recipes not installed under share/dpk"
[ -d "$P/share/dpk/testdata/quickstart" ] || fail "quickstart sample not installed under share/dpk"
"$P/bin/dpk-docid" --help > help.txt || fail "installed dpk-docid --help failed"
grep -q docid help.txt || fail "installed dpk-docid --help: $(head -3 help.txt)"

# The quickstart recipe from the installed paths, in a folder of its own,
# with only the prefix on PATH ahead of the system.
mkdir run ref
(cd run && PATH="$P/bin:/usr/bin:/bin" dpk run -q "$P/share/dpk/recipes/quickstart.yaml" -o qs/ "$P/share/dpk/testdata/quickstart/")
check_balanced run/qs/.dpk/metadata.json
[ "$(json_get run/qs/.dpk/metadata.json .counts.documents_in)" = 297 ] || fail "installed run read $(jq -c .counts run/qs/.dpk/metadata.json)"
[ -s run/out/quickstart-profile.json ] && [ -s run/out/quickstart-report.html ] || fail "the recipe's stats report is missing"
(cd ref && "$DPK_BIN/dpk" run -q "$DPK_SRC/recipes/quickstart.yaml" -o qs/ "$DPK_SRC/testdata/quickstart/")
for f in ref/qs/*.jsonl*; do
  cmp -s "$f" "run/qs/$(basename "$f")" || fail "installed dpk wrote other bytes than the build tree's: $(basename "$f")"
done

# The shipped recipe by name: its input from PREFIX/share/dpk/, its output here.
mkdir byname
(cd byname && PATH="$P/bin:/usr/bin:/bin" dpk run -q quickstart)
for f in ref/qs/*.jsonl*; do
  cmp -s "$f" "byname/out/quickstart/$(basename "$f")" || fail "'dpk run quickstart' wrote other bytes: $(basename "$f")"
done
# dpk slurm takes the name too: its jobs read the shipped sample.
(cd byname && PATH="$P/bin:/usr/bin:/bin" dpk slurm quickstart --tasks 2 -o jobs/ > /dev/null)
grep -qF -- "$P/share/dpk/testdata/quickstart" byname/jobs.work/slurm/segment-1.yaml ||
  fail "dpk slurm quickstart: the jobs do not read the shipped sample: $(cat byname/jobs.work/slurm/segment-1.yaml)"
expect_exit 2 "$P/bin/dpk" run quickstrat 2> err.txt
grep -q "quickstart" err.txt || fail "a mistyped recipe name does not name the shipped ones: $(cat err.txt)"
# Completions where bash-completion, zsh and fish look for them.
[ -s "$P/share/bash-completion/completions/dpk" ] && [ -L "$P/share/bash-completion/completions/dpk-docid" ] ||
  fail "bash completions not installed"
[ -s "$P/share/zsh/vendor-completions/_dpk" ] || fail "zsh completion not installed"
[ -s "$P/share/fish/vendor_completions.d/dpk.fish" ] && [ -L "$P/share/fish/vendor_completions.d/dpk-docid.fish" ] ||
  fail "fish completions not installed"
[ -s "$P/share/man/man1/dpk.1" ] || fail "dpk.1 not installed"

# DESTDIR: the same tree staged under another root.
DESTDIR="$DPK_TMP/stage" cmake --install "$build" --prefix /usr/local > stage.log 2>&1 || fail "DESTDIR install failed: $(tail -5 stage.log)"
[ -x stage/usr/local/bin/dpk ] && [ -L stage/usr/local/bin/dpk-docid ] || fail "DESTDIR install misses dpk or its links"
echo "install_prefix: ok ($n links)"
