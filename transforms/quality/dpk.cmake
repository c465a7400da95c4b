# dpk-quality's spaCy tokenizer rules (data/spacy-tokenizer-rules.txt.zst,
# made by scripts/export_spacy_tokenizer_rules.py) are compiled into the
# library as a byte array, so no file has to be found at run time. The source
# is written at configure time (the dpk target lives in another directory).
set(_rules ${dir}/data/spacy-tokenizer-rules.txt.zst)
set(_rules_cpp ${CMAKE_BINARY_DIR}/generated/spacy_tokenizer_rules_data.cpp)
set(IN ${_rules})
set(OUT ${_rules_cpp})
set(SYMBOL dpk_spacy_tokenizer_rules_zst)
include(${PROJECT_SOURCE_DIR}/cmake/dpk_embed_bytes.cmake)
set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${_rules})
target_sources(dpk PRIVATE ${_rules_cpp})
