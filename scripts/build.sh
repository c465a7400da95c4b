#!/usr/bin/env bash
# Configures (Release, warnings as errors) and builds dpk into build/ with ninja.
# Extra arguments go to cmake's configure step, e.g. -DDPK_BUILD_BENCHMARKS=OFF.
set -euo pipefail
cd "$(dirname "$0")/.."

cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release -DDPK_WERROR=ON "$@"
cmake --build build --parallel "$(nproc)"
