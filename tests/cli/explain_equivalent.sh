#!/usr/bin/env bash
# For every recipe in recipes/: `dpk run RECIPE` and the shell pipeline
# `dpk run --explain RECIPE` prints, run by bash as printed, write the same
# files (documents and the steps' files such as stats --report), with the same
# bytes once decompressed (compressed frames follow each tool's own blocks).
# Each recipe runs on the bundled samples; common options given on the command
# line travel into the pipeline. Recipes that need a model not installed here
# are left out and the test says so (and skips, 77, when any was).
source "$DPK_SRC/tests/cli/lib.sh.inc"
T="$TESTDATA"

have_fasttext=1
probe=$(dpk-langid --backend fasttext < /dev/null 2>&1) || { grep -q "needs a model" <<<"$probe" && have_fasttext=0; }
have_embed=1
echo '{"id":"1","text":"one"}' > probe.jsonl
probe=$(dpk-embed probe.jsonl 2>&1 > /dev/null) || { grep -q "no embedding model found" <<<"$probe" && have_embed=0; }

# Small inputs where the recipe's own are elsewhere or large for a test.
dpk-warc -q "$T/warc/resiliparse-warcfile.warc.gz" -o "$DPK_TMP/html-pages.jsonl.zst"  # has an html field
mkdir rag-in md-in
decoded "$T/quickstart/web-3.jsonl" | sed -n 1,6p > rag-in/a.jsonl
decoded "$T/quickstart/web-1.jsonl.zst" | sed -n 1,6p | zstd -q > rag-in/b.jsonl.zst
cp "$DPK_SRC/docs/normalize.md" "$DPK_SRC/docs/langid.md" md-in/

# comparable FILE : its decoded bytes; an HTML report without its run funnel,
# which a recipe draws from every step it ran and a piped dpk-stats, which sees
# only its own input, cannot
comparable() {
  case $1 in
    *.html) decoded "$1" | sed '/<h2>Run funnel<\/h2>/,/<\/table>/d; /^<p>Rejected (bad input):/d' ;;
    *) decoded "$1" ;;
  esac
}

# compare_trees A B : the same files outside .dpk/, each with the same decoded bytes
compare_trees() {
  local a=$1 b=$2 f
  (cd "$a" && find . -path '*/.dpk' -prune -o -type f -print | sort) > "$a.list"
  (cd "$b" && find . -path '*/.dpk' -prune -o -type f -print | sort) > "$b.list"
  diff "$a.list" "$b.list" > /dev/null || fail "$r: files differ: $(diff "$a.list" "$b.list" | tr '\n' ' ')"
  [ -s "$a.list" ] || fail "$r: wrote nothing"
  while read -r f; do
    cmp -s <(comparable "$a/$f") <(comparable "$b/$f") || fail "$r: $f differs between the recipe and its pipeline"
  done < "$a.list"
}

n=0 left_out=""
for recipe in "$DPK_SRC"/recipes/*.yaml; do
  r=$(basename "$recipe" .yaml)
  case "$r" in
    extract-html) input="$DPK_TMP/html-pages.jsonl.zst" ;;
    warc-extract) input="$T/warc/" ;;
    rag) input="$DPK_TMP/rag-in/" ;;
    rag-from-files) input="$DPK_TMP/md-in/" ;;
    *) input=$(sed -n 's/^input: *//p' "$recipe")
       [ -e "$DPK_SRC/$input" ] || fail "$r: its input $input is not in the repository: give it a sample here"
       input="$DPK_SRC/$input" ;;
  esac
  if grep -q "langid" "$recipe" && [ "$have_fasttext" = 0 ]; then left_out+=" $r"; continue; fi
  if grep -q "embed" "$recipe" && [ "$have_embed" = 0 ]; then left_out+=" $r"; continue; fi
  mkdir -p "$r/recipe" "$r/pipeline"
  (cd "$r/recipe" && dpk run "$recipe" "$input" --threads 2 -q) || fail "$r: dpk run failed"
  dpk run --explain "$recipe" "$input" --threads 2 -q > "$r/explain.txt"
  sed '1,/^equivalent shell pipeline:$/d' "$r/explain.txt" > "$r/pipeline.sh"
  grep -q -- "--threads 2" "$r/pipeline.sh" || fail "$r: --threads 2 not in the pipeline: $(cat "$r/pipeline.sh")"
  (cd "$r/pipeline" && bash "../pipeline.sh") || fail "$r: the explained pipeline failed: $(cat "$r/pipeline.sh")"
  compare_trees "$r/recipe" "$r/pipeline"
  n=$((n + 1))
done
[ "$n" -ge 5 ] || fail "compared only $n recipes"

# Side files of the run: each tool writes its own; the dropped and quarantined
# documents are joined into the file named, the same documents as the recipe's.
r=dedup-side-files
mkdir -p "$r/recipe" "$r/pipeline"
args=("$DPK_SRC/recipes/dedup.yaml" "$T/web/" --glob 'dedup-*.zst' --keep-dropped 'dropped docs.jsonl.gz'
      --on-error quarantine --quarantine q.jsonl --stats s.json --fail-on-empty -q)
(cd "$r/recipe" && dpk run "${args[@]}")
dpk run --explain "${args[@]}" | sed '1,/^equivalent shell pipeline:$/d' > "$r/pipeline.sh"
(cd "$r/pipeline" && bash ../pipeline.sh) || fail "$r: the explained pipeline failed: $(cat "$r/pipeline.sh")"
for f in "dropped docs.jsonl.gz" q.jsonl; do
  [ -e "$r/pipeline/$f" ] || fail "$r: the pipeline wrote no $f"
  cmp -s <(decoded "$r/recipe/$f" | sort) <(decoded "$r/pipeline/$f" | sort) || fail "$r: $f differs"
done
[ "$(decoded "$r/recipe/dropped docs.jsonl.gz" | wc -l)" -gt 0 ] || fail "$r: nothing dropped"
rm "$r/recipe/dropped docs.jsonl.gz" "$r/pipeline/dropped docs.jsonl.gz" "$r/recipe/q.jsonl" "$r/pipeline/q.jsonl"
check_balanced "$r/recipe/s.json"
check_balanced "$r/pipeline/s.4-line-dedup.json"
rm "$r/recipe/s.json" "$r/pipeline/"s.*-*.json
compare_trees "$r/recipe" "$r/pipeline"
if [ -n "$left_out" ]; then
  echo "SKIP: compared $n recipes; left out for want of a model:$left_out"
  exit 77
fi
echo OK
