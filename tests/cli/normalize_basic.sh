# dpk-normalize: unchanged documents come out byte for byte; changed ones get
# the normalized text; flags switch steps on and off.
source "$DPK_SRC/tests/cli/lib.sh.inc"
printf '%s\n' \
  '{ "id" : 1, "text" : "already clean caf\u00e9", "x" : [1, 2] }' \
  '{"id":2,"text":"cafe\u0301\r\nzero\u200bwidth"}' \
  '{"id":3,"text":"\u201cquoted\u201d   text  \n\n\n\nend"}' \
  '{"id":4,"text":"\u00c9COLE \ufb01ne"}' > in.jsonl
dpk-normalize in.jsonl > out.jsonl
[ "$(sed -n 1p out.jsonl)" = "$(sed -n 1p in.jsonl)" ] || fail "unchanged document was rewritten: $(sed -n 1p out.jsonl)"
[ "$(jq -r 'select(.id==2) | .text' out.jsonl)" = "$(printf 'caf\xc3\xa9\nzerowidth')" ] || fail "defaults: $(sed -n 2p out.jsonl)"
[ "$(sed -n 3p out.jsonl)" = "$(sed -n 3p in.jsonl)" ] || fail "defaults touched punctuation or spaces"
dpk-normalize --punctuation --whitespace --max-blank-lines 0 in.jsonl > out2.jsonl
[ "$(jq -r 'select(.id==3) | .text' out2.jsonl)" = "$(printf '"quoted" text\nend')" ] || fail "punct+ws: $(sed -n 3p out2.jsonl)"
dpk-normalize --form none --line-endings keep --controls keep in.jsonl > out3.jsonl
cmp -s out3.jsonl in.jsonl || fail "with every step off the output must equal the input"
[ "$(dpk-normalize --lowercase --form nfkc in.jsonl | jq -r 'select(.id==4) | .text')" = "$(printf '\xc3\xa9cole fine')" ] || fail "lowercase + nfkc"
expect_exit 2 dpk-normalize --form nfd in.jsonl
echo ok
