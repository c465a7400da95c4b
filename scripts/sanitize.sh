#!/usr/bin/env bash
# Builds dpk with AddressSanitizer and UndefinedBehaviorSanitizer into
# build-asan/ and runs every test there.
set -euo pipefail
cd "$(dirname "$0")/.."

cmake -S . -B build-asan -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DDPK_SANITIZE=ON \
  -DDPK_BUILD_BENCHMARKS=OFF "$@"
cmake --build build-asan --parallel "$(nproc)"
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1:strict_string_checks=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
ctest --test-dir build-asan --output-on-failure -j"$(nproc)"
