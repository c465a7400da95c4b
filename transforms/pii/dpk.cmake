# pii: libphonenumber, OpenSSL (HMAC pseudonyms), libpsl (e-mail top-level
# domains), and Hyperscan when present
# (else the candidate pass runs on RE2::Set).
target_link_libraries(dpk PRIVATE ${PHONENUMBER_LIBRARY} OpenSSL::Crypto PkgConfig::PSL)
target_include_directories(dpk PRIVATE ${PHONENUMBER_INCLUDE_DIR})
if(HYPERSCAN_FOUND)
  target_link_libraries(dpk PRIVATE PkgConfig::HYPERSCAN)
  target_compile_definitions(dpk PRIVATE DPK_HAVE_HYPERSCAN=1)
endif()
# Every candidate pattern compiled at build time, so a run loads the
# database instead of compiling it (prebuilt/make_prebuilt_patterns.cpp).
if(HYPERSCAN_FOUND)
  add_executable(dpk_make_prebuilt_patterns ${dir}/prebuilt/make_prebuilt_patterns.cpp ${dir}/candidate_patterns.cpp)
  target_link_libraries(dpk_make_prebuilt_patterns PRIVATE PkgConfig::HYPERSCAN)
  set(_pii_prebuilt ${CMAKE_BINARY_DIR}/generated/pii_prebuilt_patterns.cpp)
  add_custom_command(OUTPUT ${_pii_prebuilt}
                     COMMAND dpk_make_prebuilt_patterns ${_pii_prebuilt}
                     DEPENDS dpk_make_prebuilt_patterns
                     COMMENT "Compiling the pii candidate patterns")
  # The rule lives in this directory, the library in the top one: a target
  # here runs it before `dpk` builds.
  add_custom_target(dpk_pii_prebuilt_patterns DEPENDS ${_pii_prebuilt})
  add_dependencies(dpk dpk_pii_prebuilt_patterns)
  set_source_files_properties(${_pii_prebuilt} DIRECTORY ${CMAKE_SOURCE_DIR} PROPERTIES GENERATED TRUE)
  target_sources(dpk PRIVATE ${_pii_prebuilt})
  target_compile_definitions(dpk PRIVATE DPK_HAVE_PREBUILT_PII_PATTERNS=1)
endif()
