# url-filter: libidn2 for internationalized host names (found in
# cmake/dpk_dependencies.cmake); the Public Suffix List comes through dpk-core.
target_link_libraries(dpk PRIVATE PkgConfig::IDN2)
