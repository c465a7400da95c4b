# dpk-ingest reads archives with libarchive (found by cmake/dpk_dependencies.cmake)
# and PDFs with poppler's C++ API. Debian: libarchive-dev, libpoppler-cpp-dev.
pkg_check_modules(POPPLER_CPP REQUIRED IMPORTED_TARGET poppler-cpp)
target_link_libraries(dpk PRIVATE PkgConfig::LIBARCHIVE PkgConfig::POPPLER_CPP)
# Its unit tests write zip, 7z and tar.gz archives with libarchive's writer.
set_property(GLOBAL APPEND PROPERTY DPK_TRANSFORM_TEST_LIBRARIES PkgConfig::LIBARCHIVE)
