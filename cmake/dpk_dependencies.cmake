# Every dependency comes from Debian packages (scripts/install-deps.sh).
find_package(PkgConfig REQUIRED)
find_package(TBB REQUIRED)
find_package(simdjson REQUIRED)
find_package(yaml-cpp REQUIRED)
find_package(Boost REQUIRED COMPONENTS program_options)
find_package(ZLIB REQUIRED)
find_package(ICU REQUIRED COMPONENTS uc i18n)
find_package(OpenSSL REQUIRED)
pkg_check_modules(ZSTD REQUIRED IMPORTED_TARGET libzstd)
# ISA-L's inflate (igzip) reads .gz input; zlib still writes it. Debian: libisal-dev.
pkg_check_modules(ISAL REQUIRED IMPORTED_TARGET libisal)
pkg_check_modules(XXHASH REQUIRED IMPORTED_TARGET libxxhash)
pkg_check_modules(RE2 REQUIRED IMPORTED_TARGET re2)
pkg_check_modules(LIBARCHIVE REQUIRED IMPORTED_TARGET libarchive)
# Language identification (dpk-langid): CLD2 with its tables compiled in, and
# fastText for lid.176 / GlotLID models. Debian: libcld2-dev, libfasttext-dev.
find_path(CLD2_INCLUDE_DIR cld2/public/compact_lang_det.h REQUIRED)
# libcld2_full holds the full (165-language) tables; listed first so its
# tables take the place of the small ones compiled into libcld2.
find_library(CLD2_FULL_LIBRARY cld2_full REQUIRED)
find_library(CLD2_LIBRARY cld2 REQUIRED)
pkg_check_modules(FASTTEXT REQUIRED IMPORTED_TARGET fasttext)
find_package(LibXml2 REQUIRED)
# Embedding (dpk-embed): BLAS for the CPU forward pass. Debian: libopenblas-dev.
pkg_check_modules(OPENBLAS REQUIRED IMPORTED_TARGET openblas)
# oneDNN for the bfloat16 CPU path (AVX512-BF16 matmuls, chosen at run time).
# Debian: libdnnl-dev. Found by header and library: Debian's dnnl-config.cmake
# also asks for OpenCL, which dpk does not use.
find_path(DNNL_INCLUDE_DIR oneapi/dnnl/dnnl.hpp)
find_library(DNNL_LIBRARY dnnl)
if(NOT DNNL_INCLUDE_DIR OR NOT DNNL_LIBRARY)
  message(FATAL_ERROR "oneDNN not found: install libdnnl-dev (scripts/install-deps.sh)")
endif()
add_library(DPK::dnnl INTERFACE IMPORTED)
target_include_directories(DPK::dnnl INTERFACE ${DNNL_INCLUDE_DIR})
target_link_libraries(DPK::dnnl INTERFACE ${DNNL_LIBRARY})
# OpenMP (libgomp) for the embedding attention loops.
find_package(OpenMP REQUIRED COMPONENTS CXX)
# pii: libphonenumber (no pkg-config file), OpenSSL for HMAC, libpsl for the
# Public Suffix List (pii and url-filter), Hyperscan when present.
pkg_check_modules(PSL REQUIRED IMPORTED_TARGET libpsl)
# url-filter: libidn2 for internationalized host names (punycode both ways).
pkg_check_modules(IDN2 REQUIRED IMPORTED_TARGET libidn2)
find_library(PHONENUMBER_LIBRARY phonenumber REQUIRED)
find_path(PHONENUMBER_INCLUDE_DIR phonenumbers/phonenumberutil.h REQUIRED)
pkg_check_modules(HYPERSCAN IMPORTED_TARGET libhs)
