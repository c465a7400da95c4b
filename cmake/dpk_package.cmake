# `cpack -G DEB` (run in the build folder) packs everything `cmake --install`
# installs into Debian packages, installed under /usr:
#   dpk       the driver and its dpk-NAME links, libdpk, man pages, shell
#             completions, the recipes and the quickstart sample
#             (share/dpk/); Depends computed by dpkg-shlibdeps (dpkg-dev);
#   dpk-cuda  (CUDA builds only) libdpk_cuda.so, the GPU kernels libdpk loads
#             when embed runs on a GPU; the CUDA runtime and cuBLAS it links
#             come from NVIDIA's packages, which dpkg-shlibdeps cannot name,
#             so it depends only on dpk.
# Installed binaries find libdpk through their RUNPATH ($ORIGIN/../lib).
# tests/cli/deb_package.sh builds the package and runs it from its files.
set(DPK_PACKAGE_MAINTAINER "dpk developers <dpk@localhost>" CACHE STRING "Maintainer field of the .deb packages")

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME dpk)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_CONTACT ${DPK_PACKAGE_MAINTAINER})
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "clean text corpora for LLM training: JSONL transforms and YAML recipes")
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_DEB_COMPONENT_INSTALL ON)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION science)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
# gzip: a package built in a second or two (the tests build one); xz saves a third of its size.
set(CPACK_DEBIAN_COMPRESSION_TYPE gzip)

set(CPACK_COMPONENTS_ALL dpk)
set(CPACK_DEBIAN_DPK_PACKAGE_NAME dpk)
# The synopsis is CPACK_PACKAGE_DESCRIPTION_SUMMARY; these are the lines below it.
set(CPACK_DEBIAN_DPK_DESCRIPTION "Small dpk-NAME command-line transforms (language ID, quality filters, \
exact, near and line deduplication, PII redaction, chunking, embeddings, WARC, HTML and PDF ingest) over one \
library, and the dpk driver running YAML recipes with threads, MPI or Slurm. Try: dpk run quickstart")
if(DPK_HAVE_CUDA)
  list(APPEND CPACK_COMPONENTS_ALL cuda)
  set(CPACK_DEBIAN_CUDA_PACKAGE_NAME dpk-cuda)
  set(CPACK_DEBIAN_CUDA_PACKAGE_DEPENDS "dpk (= ${PROJECT_VERSION})")
  set(CPACK_DEBIAN_CUDA_PACKAGE_SHLIBDEPS OFF)
  set(CPACK_DEBIAN_CUDA_DESCRIPTION "GPU kernels of dpk-embed: libdpk_cuda.so, which dpk loads when \
dpk-embed runs on a GPU. It needs the CUDA runtime and cuBLAS (libcudart.so.13, libcublas.so.13) from \
NVIDIA's packages.")
endif()
include(CPack)
