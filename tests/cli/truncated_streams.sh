source "$DPK_SRC/tests/cli/lib.sh.inc"
# A .zst or .gz cut short: every complete line that can be decoded comes out,
# the torn tail is one rejected record whose message names the file and byte
# offsets, and --on-error quarantine writes the decodable tail bytes.
awk 'BEGIN { srand(7); for (i = 1; i <= 20000; i++) { printf "{\"id\":\"d%d\",\"text\":\"", i;
             for (j = 0; j < 20; j++) printf "%x ", int(rand() * 1000000); print "\"}" } }' > all.jsonl

for codec in zst gz; do
  case $codec in
    zst) zstd -q -c all.jsonl > full.$codec; unpack() { zstd -dcq "$1"; } ;;
    gz) gzip -c all.jsonl > full.$codec; unpack() { gzip -dc "$1"; } ;;
  esac
  cut=cut-$codec.jsonl.$codec
  head -c $(( $(stat -c %s full.$codec) / 2 )) full.$codec > $cut
  # What the reference tool decodes before the cut: the complete lines, then the torn tail.
  unpack $cut > decoded.txt 2> /dev/null || true
  complete=$(tr -cd '\n' < decoded.txt | wc -c)
  [ "$complete" -gt 1000 ] && [ "$complete" -lt 20000 ] || fail "$codec: $complete complete lines in the cut file"
  head -n "$complete" decoded.txt > want.jsonl
  tail -c +$(( $(wc -c < want.jsonl) + 1 )) decoded.txt > want-tail.txt
  [ -s want-tail.txt ] || fail "$codec: the cut fell on a line end; the test wants a torn line"

  # skip: all complete lines out, one rejected record.
  expect_exit 0 dpk-docid --on-error skip --stats s.json -o out-$codec.jsonl $cut 2> skip.err
  check_balanced s.json
  [ "$(json_get s.json .counts.documents_out)" = "$complete" ] || fail "$codec: documents_out $(json_get s.json .counts.documents_out), want $complete"
  [ "$(json_get s.json .counts.rejected)" = 1 ] || fail "$codec: rejected $(json_get s.json .counts.rejected), want 1"
  [ "$(json_get s.json .counts.documents_in)" = $(( complete + 1 )) ] || fail "$codec: documents_in"
  [ "$(count_lines out-$codec.jsonl)" = "$complete" ] || fail "$codec: $(count_lines out-$codec.jsonl) lines written, want $complete"
  cmp out-$codec.jsonl want.jsonl || fail "$codec: the documents before the cut differ from the input"
  # The warning names the file, the compressed byte where the stream ends and the torn line's decoded offset.
  grep -q "$cut: truncated .*byte [0-9]" skip.err || fail "$codec: warning does not name file and byte: $(cat skip.err)"
  grep -q "line $(( complete + 1 )) is incomplete ($(wc -c < want-tail.txt) decoded bytes from decoded byte $(wc -c < want.jsonl))" skip.err \
    || fail "$codec: warning does not place the torn line: $(cat skip.err)"

  # quarantine: the same documents, and the decodable tail bytes in the side file.
  expect_exit 0 dpk-docid --on-error quarantine --quarantine q-$codec.jsonl --stats q.json -o qout.jsonl $cut 2> /dev/null
  check_balanced q.json
  [ "$(json_get q.json .counts.rejected)" = 1 ] || fail "$codec: quarantine: rejected"
  cmp qout.jsonl want.jsonl || fail "$codec: quarantine: documents differ"
  { cat want-tail.txt; echo; } > want-q.txt
  cmp q-$codec.jsonl want-q.txt || fail "$codec: quarantine does not hold the torn tail bytes"

  # fail: exit 1, one message naming the file and offsets; no output under its final name.
  expect_exit 1 dpk-docid -o fail.jsonl $cut 2> fail.err
  grep -q "$cut: truncated .*byte [0-9].*line $(( complete + 1 )) is incomplete" fail.err || fail "$codec: fail message: $(cat fail.err)"
  [ ! -e fail.jsonl ] || fail "$codec: a failed run left fail.jsonl"

  # A directory output: the same, through a mirrored output file.
  expect_exit 0 dpk-docid --on-error skip --stats d.json -o dir-$codec/ $cut 2> /dev/null
  check_balanced d.json
  [ "$(decoded dir-$codec/$cut | wc -l)" = "$complete" ] || fail "$codec: directory output lines"
done

echo OK
