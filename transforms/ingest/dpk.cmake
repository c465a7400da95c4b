# dpk-ingest reads archives with libarchive (found by cmake/dpk_dependencies.cmake),
# PDFs with poppler's C++ API, and the XML of office and e-book files with
# libxml2 (the LibXml2 target dpk-extract links too). Debian: libarchive-dev,
# libpoppler-cpp-dev, libxml2-dev.
pkg_check_modules(POPPLER_CPP REQUIRED IMPORTED_TARGET poppler-cpp)
target_link_libraries(dpk PRIVATE PkgConfig::LIBARCHIVE PkgConfig::POPPLER_CPP LibXml2::LibXml2)
# Its unit tests write zip, 7z and tar.gz archives with libarchive's writer.
set_property(GLOBAL APPEND PROPERTY DPK_TRANSFORM_TEST_LIBRARIES PkgConfig::LIBARCHIVE)
