# `cpack -G DEB` on the build: the dpk package's control fields (its Depends
# computed by dpkg-shlibdeps), and its files, unpacked with `dpkg-deb -x` into
# a folder (nothing installed, no root rights): the dpk-NAME links, man
# pages, completions and shipped recipes are there, and the unpacked dpk
# (libdpk found through its RUNPATH) runs `dpk run quickstart` on the
# sample data it carries and writes what the build tree's dpk writes.
source "$DPK_SRC/tests/cli/lib.sh.inc"
if ! command -v dpkg-deb > /dev/null; then
  echo "SKIP: dpkg-deb not installed (Debian's dpkg; scripts/install-deps.sh)"
  exit 77
fi
build="$(cd "$DPK_BIN/.." && pwd)"
cpack -G DEB --config "$build/CPackConfig.cmake" -B "$DPK_TMP/pkg" > cpack.log 2>&1 ||
  fail "cpack -G DEB failed: $(tail -5 cpack.log)"
version=$(dpk --version | head -1 | awk '{print $2}')
deb=pkg/dpk_${version}_$(dpkg --print-architecture).deb
[ -s "$deb" ] || fail "no $deb: $(ls pkg)"

# Control fields.
field() { dpkg-deb -f "$deb" "$1"; }
[ "$(field Package)" = dpk ] || fail "Package: $(field Package)"
[ "$(field Version)" = "$version" ] || fail "Version $(field Version), dpk --version says $version"
[ "$(field Architecture)" = "$(dpkg --print-architecture)" ] || fail "Architecture: $(field Architecture)"
[ -n "$(field Maintainer)" ] && [ -n "$(field Description)" ] || fail "no Maintainer or Description"
# Depends: from dpkg-shlibdeps, so it names the packages of the libraries libdpk links.
depends=$(field Depends)
for lib in libc6 libstdc++6 libsimdjson libyaml-cpp libzstd1 libicu; do
  grep -q "\\b$lib" <<< "$depends" || fail "Depends lacks $lib: $depends"
done
for other in pkg/dpk-cuda_*.deb; do
  [ -e "$other" ] || continue
  [ "$(dpkg-deb -f "$other" Depends)" = "dpk (= $version)" ] || fail "dpk-cuda Depends: $(dpkg-deb -f "$other" Depends)"
  dpkg-deb -c "$other" | grep -q '/usr/lib/libdpk_cuda.so$' || fail "dpk-cuda lacks libdpk_cuda.so"
done

# Files, unpacked into a folder of their own.
dpkg-deb -x "$deb" root
R="$DPK_TMP/root/usr"
[ -x "$R/bin/dpk" ] || fail "no usr/bin/dpk in the package"
for tool in "$DPK_BIN"/dpk-*; do
  name=$(basename "$tool")
  [ "$(readlink "$R/bin/$name")" = dpk ] || fail "usr/bin/$name is not a link to dpk"
  [ -s "$R/share/man/man1/$name.1" ] || fail "no man page $name.1"
  [ -e "$R/share/bash-completion/completions/$name" ] || fail "no bash completion for $name"
  [ -e "$R/share/fish/vendor_completions.d/$name.fish" ] || fail "no fish completion for $name"
done
[ -s "$R/share/man/man1/dpk.1" ] || fail "no man page dpk.1"
cmp -s "$R/share/bash-completion/completions/dpk" <(dpk completion bash) || fail "packaged bash completion differs"
cmp -s "$R/share/zsh/vendor-completions/_dpk" <(dpk completion zsh) || fail "packaged zsh completion differs"
[ -s "$R/share/fish/vendor_completions.d/dpk.fish" ] || fail "no fish completion"
[ -s "$R/share/dpk/recipes/quickstart.yaml" ] && [ -d "$R/share/dpk/testdata/quickstart" ] ||
  fail "no shipped quickstart recipe and sample"
ldd "$R/bin/dpk" | grep -q "=> $R/bin/../lib/libdpk" || fail "unpacked dpk does not load its own libdpk: $(ldd "$R/bin/dpk" | grep dpk)"
"$R/bin/dpk" --version | head -1 | grep -qx "dpk $version" || fail "unpacked dpk --version: $("$R/bin/dpk" --version | head -1)"

# The quickstart recipe by name, from the unpacked tree, in a folder of its
# own with only that tree ahead of the system on PATH; the build tree's dpk
# (build/share/dpk links to the sources) writes the same.
mkdir run ref
(cd run && PATH="$R/bin:/usr/bin:/bin" dpk run -q quickstart)
check_balanced run/out/quickstart/.dpk/metadata.json
counts() { jq -c '[.counts.documents_in, .counts.documents_out, .counts.dropped, .counts.rejected]' "$1"; }
[ "$(json_get run/out/quickstart/.dpk/metadata.json .counts.documents_in)" = 297 ] ||
  fail "the packaged quickstart read $(counts run/out/quickstart/.dpk/metadata.json), expected 297 documents"
[ -s run/out/quickstart-profile.json ] && [ -s run/out/quickstart-report.html ] || fail "the recipe's stats report is missing"
(cd ref && dpk run -q quickstart)
[ "$(counts run/out/quickstart/.dpk/metadata.json)" = "$(counts ref/out/quickstart/.dpk/metadata.json)" ] ||
  fail "counts differ: packaged $(counts run/out/quickstart/.dpk/metadata.json), build $(counts ref/out/quickstart/.dpk/metadata.json)"
n=0
for f in ref/out/quickstart/*.jsonl*; do
  cmp -s "$f" "run/out/quickstart/$(basename "$f")" || fail "packaged dpk wrote other bytes: $(basename "$f")"
  n=$((n + 1))
done
[ "$n" -ge 3 ] || fail "expected the quickstart's output files, found $n"
echo "deb_package: ok ($deb, $(dpkg-deb -c "$deb" | wc -l) entries)"
