#!/usr/bin/env bash
# Builds dpk's libFuzzer targets with clang into build-fuzz/ and runs each one
# for a while over a copy of its seed corpus (fuzz/corpus/NAME).
#
#   scripts/fuzz.sh                  # every target, 120 s each
#   scripts/fuzz.sh 600 warc_reader  # one target, 10 minutes
#
# Needs clang and libFuzzer's runtime (Debian 12: clang, libclang-rt-14-dev;
# installed here when missing). A crash, leak or UB report stops the target
# and leaves the input as build-fuzz/crash-* (or leak-*, timeout-*): fix it,
# then add the input as fuzz/corpus/NAME/regress-WHAT so the replay test
# (ctest -R fuzz.) keeps it fixed.
set -euo pipefail
cd "$(dirname "$0")/.."

seconds=${1:-120}
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(warc_reader charset_decoder html_extractor document_parser office_text line_reader)

need=()
command -v clang++ >/dev/null || need+=(clang)
compgen -G "/usr/lib/llvm-*/lib/clang/*/lib/linux/libclang_rt.fuzzer-x86_64.a" >/dev/null || need+=(libclang-rt-14-dev)
if [ ${#need[@]} -gt 0 ]; then
  SUDO=(); [ "$(id -u)" -eq 0 ] || SUDO=(sudo)
  "${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${need[@]}"
fi

cmake -S . -B build-fuzz -G Ninja -DDPK_FUZZ=ON -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_BUILD_TYPE=RelWithDebInfo
cmake --build build-fuzz --parallel "${DPK_JOBS:-2}"

export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
status=0
for t in "${targets[@]}"; do
  work=build-fuzz/corpus-$t
  mkdir -p "$work"
  cp -n fuzz/corpus/"$t"/* "$work"/ 2>/dev/null || true
  echo "== fuzz_$t: ${seconds}s"
  # New inputs go to the work copy; the committed seeds stay small.
  if ! (cd build-fuzz && ./fuzz/fuzz_"$t" -max_total_time="$seconds" -rss_limit_mb=4096 \
        -timeout=20 -max_len=65536 -print_final_stats=1 "corpus-$t"); then
    echo "fuzz_$t: FAILED (input saved in build-fuzz/)" >&2
    status=1
  fi
done
exit $status
