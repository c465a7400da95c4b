#!/usr/bin/env bash
# Checks that two builds of dpk-minhash-dedup give byte-identical results on
# real data: the signatures stage's band and signature files (xxh3 and
# datasketch schemes, word and character shingles, with --verify-jaccard),
# the kept documents, the --annotate output and the --stats JSON of a
# one-process run (timings removed). Use it to prove a speed change
# changes no output.
#   benchmarks/minhash/compare_builds.sh OLD_BUILD NEW_BUILD [JSONL...]
# Without JSONL: the web pages and language sentences of ../shared/data,
# and the planted near-duplicate set of make_dataset.py when python3 is
# there (VENV: its python, default /work/venv-minhash).
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
SRC=$(cd "$HERE/../.." && pwd)
OLD=$(cd "$1" && pwd)/bin/dpk-minhash-dedup
NEW=$(cd "$2" && pwd)/bin/dpk-minhash-dedup
shift 2
DATA=${DPK_SHARED_DATA_DIR:-$SRC/../shared/data}
T=$(mktemp -d); trap 'rm -rf "$T"' EXIT
inputs=("$@")
if [ ${#inputs[@]} -eq 0 ]; then
  [ -f "$DATA/web/pages.jsonl" ] || { echo "shared data not found at $DATA" >&2; exit 1; }
  inputs=("$DATA/web/pages.jsonl" "$DATA/langid/sentences.jsonl")
  PY=${VENV:-/work/venv-minhash}/bin/python
  [ -x "$PY" ] || PY=python3
  if (cd "$HERE" && "$PY" make_dataset.py --data "$DATA" --out "$T/set.jsonl" --seed 7 >&2); then
    inputs+=("$T/set.jsonl")
  fi
fi
fail=0
same() {  # same WHAT FILE_A FILE_B
  if cmp -s "$2" "$3"; then echo "same: $1"; else echo "DIFFERENT: $1 ($2 vs $3)"; fail=1; fi
}
for in in "${inputs[@]}"; do
  name=$(basename "$in")
  for opts in "" "--hash-scheme datasketch" "--shingle char --ngram 4" "--verify-jaccard --ngram 3"; do
    tag="$name ${opts:-default}"
    for who in old new; do
      bin=$OLD; [ $who = new ] && bin=$NEW
      # shellcheck disable=SC2086
      # One thread: with more, the order of the documents in the stage files
      # follows the threads' timing (the clusters do not).
      "$bin" signatures --work "$T/$who-w" --threads 1 $opts "$in"
      # shellcheck disable=SC2086
      "$bin" --threads 2 $opts --stats "$T/stats.json" "$in" > "$T/$who-kept.jsonl"
      # shellcheck disable=SC2086
      "$bin" --threads 2 $opts --annotate "$in" > "$T/$who-annotated.jsonl"
      # The start time and the timings vary from run to run; counts must not.
      grep -v -E '"(started|wall_seconds|seconds)":' "$T/stats.json" > "$T/$who-stats.cmp"
    done
    (cd "$T/old-w" && find . -type f | sort) > "$T/old-files"
    (cd "$T/new-w" && find . -type f | sort) > "$T/new-files"
    same "$tag: stage file list" "$T/old-files" "$T/new-files"
    while read -r f; do
      cmp -s "$T/old-w/$f" "$T/new-w/$f" || { echo "DIFFERENT: $tag: $f"; fail=1; }
    done < "$T/old-files"
    echo "checked: $tag: $(wc -l < "$T/old-files") stage files"
    same "$tag: kept documents" "$T/old-kept.jsonl" "$T/new-kept.jsonl"
    same "$tag: annotated documents" "$T/old-annotated.jsonl" "$T/new-annotated.jsonl"
    same "$tag: stats" "$T/old-stats.cmp" "$T/new-stats.cmp"
    rm -rf "$T/old-w" "$T/new-w"
  done
done
[ $fail -eq 0 ] && echo "ALL IDENTICAL" || { echo "FAIL: outputs differ" >&2; exit 1; }
