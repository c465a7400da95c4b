# pii: libphonenumber, OpenSSL (HMAC pseudonyms), libpsl (e-mail top-level
# domains), and Hyperscan when present
# (else the candidate pass runs on RE2::Set).
target_link_libraries(dpk PRIVATE ${PHONENUMBER_LIBRARY} OpenSSL::Crypto PkgConfig::PSL)
target_include_directories(dpk PRIVATE ${PHONENUMBER_INCLUDE_DIR})
if(HYPERSCAN_FOUND)
  target_link_libraries(dpk PRIVATE PkgConfig::HYPERSCAN)
  target_compile_definitions(dpk PRIVATE DPK_HAVE_HYPERSCAN=1)
endif()
