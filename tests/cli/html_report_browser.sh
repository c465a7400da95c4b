# The HTML report of dpk-stats in a real browser (headless Chromium): the
# quickstart recipe's report with its run funnel, a report with numeric
# fields, and one of no documents. Each must load without a console error
# or a request for anything outside the page, paint (a screenshot that is
# not blank and shows the bars' colour), have charts with bars, one funnel
# row per step, and median labels inside their SVG and clear of bars and
# other labels, as measured by the browser's own layout.
source "$(dirname "$0")/lib.sh.inc"
if [ "${DPK_SKIP_BROWSER_TESTS:-}" = 1 ]; then
  echo "SKIP: DPK_SKIP_BROWSER_TESTS=1"
  exit 77
fi
CHROMIUM=$(command -v chromium || command -v chromium-browser || true)
[ -n "$CHROMIUM" ] || fail "chromium not found: run scripts/install-deps.sh (it installs Debian's chromium), or set DPK_SKIP_BROWSER_TESTS=1 to skip the browser tests"
# --no-sandbox: CI runs as root, where Chromium's sandbox cannot start.
browser() { timeout 60 "$CHROMIUM" --headless --no-sandbox --disable-gpu --hide-scrollbars --user-data-dir="$DPK_TMP/chromium-profile" "$@"; }

# probe REPORT NAME: loads a copy of REPORT with a script that measures it
# and writes the result into the page; prints that result (JSON). Console
# messages of the load go to NAME.console.
probe() {
  local report=$1 name=$2
  {
    # Errors from the first byte on are recorded, before the page's own content.
    sed 's|<head>|<head><script>window.dpkErrors=[];addEventListener("error",e=>dpkErrors.push(String(e.message\|\|e.type)),true);</script>|' "$report" \
      | sed 's|</body>||; s|</html>||'
    cat "$DPK_SRC/tests/cli/html_report_probe.js.html"
    echo '</body></html>'
  } > "$name.probe.html"
  browser --enable-logging=stderr --v=0 --dump-dom "file://$DPK_TMP/$name.probe.html" > "$name.dom" 2> "$name.log" \
    || fail "chromium could not load $name: $(tail -3 "$name.log")"
  { grep ':CONSOLE' "$name.log" || true; } > "$name.console"
  [ ! -s "$name.console" ] || fail "$name: console messages: $(cat "$name.console")"
  sed -n 's|.*<pre id="dpk-probe">\(.*\)</pre>.*|\1|p' "$name.dom" | sed 's/&quot;/"/g; s/&lt;/</g; s/&gt;/>/g; s/&amp;/\&/g' > "$name.json"
  jq -e . "$name.json" > /dev/null 2>&1 || fail "$name: the probe left no result in the page (script error?): $(head -c 300 "$name.dom")"
  jq -e '.errors == [] and .resources == []' "$name.json" > /dev/null \
    || fail "$name: errors or outside requests: $(jq -c '{errors, resources}' "$name.json")"
  jq -e '.bad_labels == []' "$name.json" > /dev/null || fail "$name: labels misplaced: $(jq -c .bad_labels "$name.json")"
}

# shot REPORT NAME: a screenshot that is not blank and shows bars (#4878a8).
shot() {
  browser --screenshot="$DPK_TMP/$2.png" --window-size=1000,2400 "file://$1" > /dev/null 2> "$2.shot.log" \
    || fail "chromium could not screenshot $2: $(tail -3 "$2.shot.log")"
  [ -s "$2.png" ] || fail "$2: no screenshot"
  python3 "$DPK_SRC/tests/cli/png_pixels.py" "$2.png" 4878a8 > "$2.pixels.json"
  jq -e '.width == 1000 and .non_white > 0.02 and .colours["4878a8"] > 2000' "$2.pixels.json" > /dev/null \
    || fail "$2: the screenshot looks blank or has no bars: $(cat "$2.pixels.json")"
}

# 1. The quickstart recipe, as the README runs it: its report has the funnel.
dpk run -q "$DPK_SRC/recipes/quickstart.yaml" -o qs/ "$DPK_SRC/testdata/quickstart/"
REPORT="$DPK_TMP/out/quickstart-report.html"
[ -s "$REPORT" ] || fail "the quickstart recipe wrote no HTML report"
! grep -qiE '<script|<link|src="http|url\(' "$REPORT" || fail "the report is not self-contained"
probe "$REPORT" quickstart
STEPS=$(jq '.steps | length' qs/.dpk/metadata.json)
jq -e --argjson steps "$STEPS" '.funnel_rows == $steps and .funnel_bars == $steps + 1' quickstart.json > /dev/null \
  || fail "the funnel should have one row and one bar per step ($STEPS) and one for 'read': $(jq -c '{funnel_rows, funnel_bars}' quickstart.json)"
# Four length histograms (characters, words, bytes, lines), each with bars and its median.
jq -e '.histograms == 4 and .histograms_with_bars == 4 and .markers == 4 and .svgs_with_data == .svgs' quickstart.json > /dev/null \
  || fail "quickstart charts: $(jq -c 'del(.errors, .resources, .bad_labels)' quickstart.json)"
# The funnel's numbers are the run record's.
READ=$(jq -r '.counts.documents_in' qs/.dpk/metadata.json) KEPT=$(jq -r '.steps[1].documents_out' qs/.dpk/metadata.json)
grep -q "<tr class=\"read\"><td class=\"l\">read</td><td></td><td>$READ</td>" "$REPORT" || fail "funnel row 'read' does not say $READ"
grep -q "<td class=\"l\">select</td><td>[0-9,]*</td><td>$KEPT</td>" "$REPORT" || fail "funnel row of select does not say $KEPT kept"
shot "$REPORT" quickstart

# 2. Numeric fields get histograms: the quickstart pages' score and line counts.
for f in "$DPK_SRC"/testdata/quickstart/*; do decoded "$f"; done \
  | jq -c 'select(.meta.score != null) | {id, text, score: .meta.score, lines: .meta.cut.lines}' > numeric.jsonl
dpk-stats -q --report numeric.json --html "$DPK_TMP/numeric.html" numeric.jsonl
jq -e '.numeric_fields | has("score") and has("lines")' numeric.json > /dev/null || fail "no numeric fields in the profile"
probe "$DPK_TMP/numeric.html" numeric
jq -e '.histograms == 6 and .histograms_with_bars == 6 and .markers == 6 and .funnel_rows == 0' numeric.json > /dev/null \
  || fail "numeric charts: $(jq -c 'del(.errors, .resources, .bad_labels)' numeric.json)"

# 3. No documents: the page still loads, with notes instead of charts.
: > empty.jsonl
dpk-stats -q --report /dev/null --html "$DPK_TMP/empty.html" empty.jsonl
probe "$DPK_TMP/empty.html" empty
jq -e '.histograms == 0 and .h1 == 1' empty.json > /dev/null || fail "empty report: $(jq -c . empty.json)"
echo "OK"
