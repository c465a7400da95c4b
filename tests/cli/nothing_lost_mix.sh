source "$DPK_SRC/tests/cli/lib.sh.inc"
# Property: random mixes of inputs (the same names in different folders, plain
# and compressed, cut-short compressed files, empty files, a link loop, a link
# out of the input) through a directory output. Every complete input line ends
# in exactly one of the output, --keep-dropped or --quarantine, and the run's
# counts balance. tests/cli/nothing_lost_mix.py makes the inputs and checks.
MIX="$DPK_SRC/tests/cli/nothing_lost_mix.py"
for seed in $(seq 1 ${DPK_MIX_SEEDS:-25}); do
  d=mix-$seed
  python3 "$MIX" make "$seed" "$d"
  set +e
  dpk-select --min-words 3 --on-error quarantine --quarantine "$d/quarantine.jsonl" \
    --keep-dropped "$d/kept-dropped.jsonl" --threads 2 --stats "$d/stats.json" -o "$d/out/" "$d/in" 2> "$d/err"
  rc=$?
  set -e
  [ "$rc" = 0 ] || fail "seed $seed: exit $rc: $(cat "$d/err")"
  check_balanced "$d/stats.json"
  jq -e '.input_files.balanced == true and .input_files.skipped.symlink_loop == 1 and .input_files.skipped.link_outside_input == 1' \
    "$d/stats.json" > /dev/null || fail "seed $seed: input files: $(jq -c .input_files "$d/stats.json")"
  python3 "$MIX" check "$d" || fail "seed $seed: lines lost or duplicated (inputs in $DPK_TMP/$d)"
done
echo "nothing_lost_mix: ${DPK_MIX_SEEDS:-25} mixes checked"
