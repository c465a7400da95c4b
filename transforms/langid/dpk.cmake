# dpk-langid's backends. libcld2_full only holds CLD2's full tables; it must
# be loaded (and so linked, even if "unused") before libcld2 so that its
# tables replace libcld2's small ones.
target_include_directories(dpk PRIVATE ${CLD2_INCLUDE_DIR})
target_link_libraries(dpk PRIVATE "-Wl,--push-state,--no-as-needed" ${CLD2_FULL_LIBRARY} "-Wl,--pop-state"
  ${CLD2_LIBRARY} PkgConfig::FASTTEXT)
# langid's tests train small fastText models to check the backend against.
set_property(GLOBAL APPEND PROPERTY DPK_TRANSFORM_TEST_LIBRARIES PkgConfig::FASTTEXT)
