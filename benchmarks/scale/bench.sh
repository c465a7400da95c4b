#!/usr/bin/env bash
# Scaling of `dpk run` with exact and MinHash dedup: 1 process vs mpirun -np 2
# (1 thread per rank), and 1 process with 2 threads, on the same input in the
# same run. Prints documents/s, CPU seconds, per-step seconds and the bytes
# each dedup step exchanges between ranks.
#   benchmarks/scale/bench.sh BUILD_DIR [COPIES]
set -euo pipefail
BUILD=$(cd "${1:?usage: bench.sh BUILD_DIR [COPIES]}" && pwd)
COPIES=${2:-16}
SRC=$(cd "$(dirname "$0")/../.." && pwd)
PAGES="$SRC/../shared/data/web/pages.jsonl"
[ -f "$PAGES" ] || { echo "shared data missing: $PAGES" >&2; exit 1; }
export PATH="$BUILD/bin:$PATH"
export OMPI_MCA_btl='self,vader,tcp' OMPI_MCA_btl_vader_single_copy_mechanism=none OMPI_MCA_plm_rsh_agent=false
export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1
W=$(mktemp -d /tmp/dpk-bench-scale.XXXXXX)
trap 'rm -rf "$W"' EXIT
cd "$W"
mkdir in
# COPIES files of the 495 real pages: copy i has unique ids; copies 3-4, 7-8,
# ... add one sentence per page so MinHash has near copies to find, the
# others are exact copies of copy 1 (so both ranks get the same mix).
for i in $(seq -w 1 "$COPIES"); do
  if [ $(( (10#$i - 1) / 2 % 2 )) = 1 ]; then
    jq -c --arg i "$i" '{id: ("c\($i)-" + (.id // (input_line_number|tostring))), text: (.text + " Edition \($i).")}' "$PAGES" > in/p$i.jsonl
  else
    jq -c --arg i "$i" '{id: ("c\($i)-" + (.id // (input_line_number|tostring))), text}' "$PAGES" > in/p$i.jsonl
  fi
done
cat > recipe.yaml <<'YAML'
input: in/
steps:
  - docid: {mode: hash, overwrite-id: true}
  - exact-dedup: {}
  - minhash-dedup: {}
YAML
docs=$(cat in/*.jsonl | wc -l)
bytes=$(cat in/*.jsonl | wc -c)
echo "input: $docs documents, $bytes bytes in $COPIES files; $(nproc) cores; load $(cut -d' ' -f1-3 /proc/loadavg)"

run() {  # NAME CMD... : wall and CPU seconds, then the output's summary
  local name=$1; shift
  /usr/bin/time -f "%e %U %S" -o time.txt "$@" 2> err.txt || { cat err.txt; exit 1; }
  read -r wall user sys < time.txt
  local out=$(jq -r .counts.documents_out "$name/.dpk/metadata.json")
  printf '%-26s wall %6.2f s  cpu %6.2f s  %8.0f docs/s  %8.0f docs/cpu-s  kept %s\n' "$name" "$wall" \
    "$(echo "$user + $sys" | bc)" "$(echo "$docs / $wall" | bc -l)" "$(echo "$docs / ($user + $sys)" | bc -l)" "$out"
  jq -r '.steps[] | "    step \(.name): \(.seconds) s (summed over threads)"' "$name/.dpk/metadata-shard-0.json" 2> /dev/null ||
    jq -r '.steps[] | "    step \(.name): \(.seconds) s (summed over threads)"' "$name/.dpk/metadata.json"
  grep -E 'exchanged|decided|rank CPU' err.txt | sed 's/^    //; s/^/    /' || true
}
run one-process-1-thread dpk run recipe.yaml -o one-process-1-thread/ --threads 1
run mpirun-np-2-1-thread timeout 600 mpirun --oversubscribe -np 2 \
  /usr/bin/time -f "    rank CPU: %U user + %S sys s" dpk run recipe.yaml -o mpirun-np-2-1-thread/ --threads 1
run one-process-2-threads dpk run recipe.yaml -o one-process-2-threads/ --threads 2
for f in one-process-1-thread/*.jsonl; do
  cmp -s "$f" "mpirun-np-2-1-thread/$(basename "$f")" || { echo "DIFFERENT OUTPUT: $f" >&2; exit 1; }
done
echo "outputs of 1 and 2 ranks: identical"
