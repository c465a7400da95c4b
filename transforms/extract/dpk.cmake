# The HTML parser dpk-extract (and dpk-warc --extract) stands on.
target_link_libraries(dpk PRIVATE LibXml2::LibXml2)
