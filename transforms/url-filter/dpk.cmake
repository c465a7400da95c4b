# url-filter: libidn2 for internationalized host names (punycode both ways);
# the Public Suffix List comes through dpk-core.
pkg_check_modules(IDN2 REQUIRED IMPORTED_TARGET libidn2)
target_link_libraries(dpk PRIVATE PkgConfig::IDN2)
