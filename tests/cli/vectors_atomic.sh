source "$DPK_SRC/tests/cli/lib.sh.inc"
# dpk-embed --vectors FILE appears under its name only when the run has
# succeeded, with a header that matches its rows: a killed run leaves no
# FILE (it used to leave one whose header claimed (0, 384)), and the next run
# removes the killed run's temporaries. Needs the embedding model
# (scripts/install-models.sh); skips (77) without it.
decoded "$DPK_SRC/testdata/quickstart/web-3.jsonl" | sed -n 1,5p > five.jsonl
set +e
err=$(dpk-embed five.jsonl 2>&1 > /dev/null)
code=$?
set -e
if [ "$code" = 2 ] && grep -q "no embedding model found" <<<"$err"; then
  echo "SKIP: embedding model not installed (scripts/install-models.sh)"
  exit 77
fi

mkfifo slow.jsonl
dpk-embed -q --device cpu --vectors v.npy slow.jsonl > /dev/null &
pid=$!
for _ in $(seq 1 600); do [ -e "v.npy.tmp-$pid" ] && break; sleep 0.05; done
[ -e "v.npy.tmp-$pid" ] && [ -e "v.npy.ids.jsonl.tmp-$pid" ] || fail "no temporaries while embedding: $(ls)"
[ ! -e v.npy ] || fail "v.npy exists before the run finished"
kill -9 $pid; wait $pid 2> /dev/null || true
[ ! -e v.npy ] && [ ! -e v.npy.ids.jsonl ] || fail "a killed run left a vectors file under its final name"

dpk-embed --device cpu --vectors v.npy five.jsonl > /dev/null 2> rerun.err
[ ! -e "v.npy.tmp-$pid" ] && [ ! -e "v.npy.ids.jsonl.tmp-$pid" ] || fail "the killed run's temporaries are left: $(ls)"
grep -q "removed 2 temporary" rerun.err || fail "removal not reported: $(cat rerun.err)"
head -c 128 v.npy | grep -aq "'shape': (5, 384)" || fail "header: $(head -c 128 v.npy | tail -c 118)"
[ "$(stat -c %s v.npy)" = $((128 + 5 * 384 * 4)) ] || fail "v.npy holds $(stat -c %s v.npy) bytes"
[ "$(count_lines v.npy.ids.jsonl)" = 5 ] || fail "ids"
# A run that fails (bad input under --on-error fail) leaves no vectors file either.
printf '{"id":"x","text":"ok"}\nnot json\n' > bad.jsonl
expect_exit 1 dpk-embed -q --device cpu --vectors w.npy bad.jsonl > /dev/null
[ ! -e w.npy ] && [ -z "$(ls | grep '^w\.npy')" ] || fail "a failed run left $(ls | grep '^w\.npy')"
echo OK
