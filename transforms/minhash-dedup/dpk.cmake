# minhash-dedup: SHA-1 (datasketch scheme) from OpenSSL. Its signature
# kernels pick AVX2 or AVX-512 at run time (target attributes, no flags).
target_link_libraries(dpk PRIVATE OpenSSL::Crypto)
