# The repository is self-contained, so a clone in any folder passes its tests:
# tests, test sources, fuzz targets, CMake files, CI and recipes name no data
# beside the checkout (the real samples they need are cut into testdata/), and
# testdata/README.md says where every fixture comes from. (.ci/run proves the
# whole property by running the test suite in a fresh clone.)
source "$DPK_SRC/tests/cli/lib.sh.inc"
cd "$DPK_SRC"

outside='\.\./shared|SHARED_DATA'
hits=$(grep -rnE "$outside" tests transforms fuzz/CMakeLists.txt fuzz/*.cpp fuzz/*.py CMakeLists.txt cmake .ci recipes \
  scripts/*.sh scripts/*.py 2> /dev/null | grep -v '^tests/cli/self_contained.sh:' || true)
[ -z "$hits" ] || fail "data read from outside the repository:
$hits"

n=0
while IFS= read -r f; do
  grep -qF "$(basename "$f")" "$TESTDATA/README.md" || fail "testdata/README.md does not say where $f comes from"
  n=$((n + 1))
done < <(cd "$TESTDATA" && find . -type f ! -name README.md | sed 's|^\./||' | sort)
[ "$n" -ge 20 ] || fail "expected the test fixtures under testdata/, found $n files"
echo "self_contained: ok ($n fixtures)"
