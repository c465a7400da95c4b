source "$DPK_SRC/tests/cli/lib.sh.inc"
# The committed man pages (man/dpk-*.1) must match what the build generates
# from the transforms' option declarations. man/dpk.1 is written by hand.

dpk man --all "$DPK_TMP/man" || fail "dpk man --all failed"
status=0
for f in "$DPK_TMP"/man/dpk-*.1; do
  name=$(basename "$f")
  if [ ! -f "$DPK_SRC/man/$name" ]; then
    echo "missing: man/$name" >&2
    status=1
  elif ! diff -u "$DPK_SRC/man/$name" "$f" >&2; then
    status=1
  fi
done
for f in "$DPK_SRC"/man/dpk-*.1; do
  [ -e "$f" ] || continue
  name=$(basename "$f")
  [ -f "$DPK_TMP/man/$name" ] || { echo "stale: man/$name (no such transform)" >&2; status=1; }
done
[ "$status" = 0 ] || fail "man/ is out of date: run 'build/bin/dpk man --all man/' (after 'rm man/dpk-*.1' if a transform went away) and commit man/"
echo "man pages up to date"
