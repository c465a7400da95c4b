source "$DPK_SRC/tests/cli/lib.sh.inc"
# Every output line is valid JSON that carries every original field byte for
# byte; docid only splices in the id where there was none.
Q="$DPK_SRC/testdata/quickstart"

for f in web-1.jsonl.zst web-2.jsonl.gz web-3.jsonl; do
  decoded "$Q/$f" > "in-$f.jsonl"
  # The plain sample ends without a newline; dpk writes one after every line.
  [ -n "$(tail -c1 "in-$f.jsonl")" ] && echo >> "in-$f.jsonl"
  dpk-docid --stats "stats-$f.json" "$Q/$f" > "out-$f.jsonl"
  check_balanced "stats-$f.json"
  in_n=$(count_lines "in-$f.jsonl")
  [ "$(count_lines "out-$f.jsonl")" = "$in_n" ] || fail "$f: $in_n lines in, $(count_lines "out-$f.jsonl") out"
  [ "$(json_get "stats-$f.json" .counts.documents_out)" = "$in_n" ] || fail "$f: documents_out in --stats"

  # Valid JSON, every line an object with a string or number id.
  jq -e 'type == "object" and (.id | type == "string" or type == "number")' "out-$f.jsonl" > /dev/null \
    || fail "$f: an output line is not a JSON object with an id"

  # Same fields and values (jq view), whatever id was added.
  diff <(jq -c 'del(.id)' "in-$f.jsonl") <(jq -c 'del(.id)' "out-$f.jsonl") > /dev/null \
    || fail "$f: fields changed"
  # Ids that were there are kept; the missing ones are the xxh128 of the text (32 hex digits).
  paste -d '\n' <(jq -c '.id' "in-$f.jsonl") <(jq -c '.id' "out-$f.jsonl") | \
    awk 'NR % 2 == 1 { want = $0; next }
         want != "null" && $0 != want { print "id changed: " want " -> " $0; bad = 1 }
         want == "null" && ($0 !~ /^"[0-9a-f]+"$/ || length($0) != 34) { print "bad new id: " $0; bad = 1 }
         END { exit bad }' || fail "$f: ids"

  # Byte for byte: the output line minus the spliced id field is the input line.
  no_id=$(jq -c 'select(has("id") | not)' "in-$f.jsonl" | wc -l)
  [ "$no_id" -gt 0 ] || fail "$f: test data has no document without an id"
  spliced=$(grep -cE ',"id":"[0-9a-f]{32}"\}$' "out-$f.jsonl" || true)
  [ "$spliced" = "$no_id" ] || fail "$f: $spliced ids spliced at the end, $no_id documents lacked one"
  sed -E 's/,"id":"[0-9a-f]{32}"\}$/}/' "out-$f.jsonl" | cmp - "in-$f.jsonl" \
    || fail "$f: output minus the spliced id differs from the input bytes"
done

# The same text gives the same hash id, in any file.
cat out-*.jsonl | jq -r 'select(.id | tostring | test("^[0-9a-f]{32}$")) | [.id, .text] | @json' | sort -u | \
  jq -r '.[0]' | sort | uniq -d | head -1 | grep -q . && fail "one hash id for two different texts"

# Replacing ids in place keeps everything else byte for byte.
dpk-docid --mode seq --overwrite-id --prefix 'p/' "$Q/web-3.jsonl" > seq.jsonl
jq -r '.id' seq.jsonl | awk '$0 != "p/s0-" NR-1 { print "line " NR ": " $0; bad = 1 } END { exit bad }' \
  || fail "--mode seq ids are not p/s0-0, p/s0-1, ..."
diff <(jq -c 'del(.id)' in-web-3.jsonl.jsonl) <(jq -c 'del(.id)' seq.jsonl) > /dev/null || fail "--overwrite-id changed other fields"
# Where the input had a string id first, only the id's value changed.
paste -d '\n' in-web-3.jsonl.jsonl seq.jsonl | awk '
  NR % 2 == 1 { want = $0; next }
  want ~ /^\{"id": ?"[^"]*"/ {
    a = want; b = $0
    sub(/^\{"id": ?"[^"]*"/, "", a); sub(/^\{"id": ?"[^"]*"/, "", b)
    n++; if (a != b) { print "line " NR/2 " differs outside the id"; bad = 1 }
  }
  END { if (n < 5) { print "too few lines checked: " n; bad = 1 } exit bad }' || fail "--overwrite-id touched bytes outside the id"

# Field names of the input other than id/text pass through: url, lang_hint, nested meta.
for k in url lang_hint meta; do
  [ "$(cat out-*.jsonl | jq -c "select(has(\"$k\"))" | wc -l)" -gt 0 ] || fail "no document with $k"
done
jq -s -e 'map(select(.meta.cut != null) | .meta.cut.lines | numbers) | length > 10' out-web-1.jsonl.zst.jsonl > /dev/null || fail "nested meta lost"
echo OK
