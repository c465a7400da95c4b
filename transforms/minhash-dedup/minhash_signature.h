// minhash_signature.h — MinHash signatures of shingle sets, under two hash
// schemes (see HashScheme), and the LSH band keys made from them.
//
// Signature values are 32-bit in both schemes:
//  - xxh3: h = XXH3_64bits_withSeed(shingle, seed), folded to 32 bits
//    x = low32(h) ^ high32(h); permutation k maps x to the high 32 bits of
//    (a_k * x + b_k) mod 2^64 (multiply-shift, strongly universal), a_k and
//    b_k 64-bit from splitmix64(seed).
//  - datasketch: h = first 4 bytes (little-endian) of SHA-1(shingle);
//    permutation k maps h to ((a_k * h + b_k) mod 2^64) mod (2^61 - 1),
//    truncated to 32 bits, with a_k, b_k drawn as numpy's
//    RandomState(seed).randint does — exactly datasketch's MinHash.
//
//   dpk::MinHasher mh(config);
//   std::vector<uint32_t> sig(config.num_perm);
//   mh.signature("the text", sig.data());   // false when it has no shingles
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "minhash_config.h"
#include "shingler.h"

struct evp_md_st;
struct evp_md_ctx_st;

namespace dpk {

// numpy RandomState's draws of datasketch's permutation parameters (a, b)
// for scheme "legacy": exposed for tests.
void datasketch_permutations(uint32_t seed, int num_perm, std::vector<uint64_t>& a, std::vector<uint64_t>& b);

// 32-bit token hash of datasketch (sha1_hash32).
uint32_t datasketch_sha1_hash32(std::string_view bytes);

// The same hash with SHA-1 fetched once and one digest context reused:
// OpenSSL 3 looks the algorithm up (locks, allocations) on every one-shot
// EVP_Digest call, which cost more than the digest of a short shingle.
class Sha1Hasher {
 public:
  Sha1Hasher();
  ~Sha1Hasher();
  Sha1Hasher(const Sha1Hasher&) = delete;
  Sha1Hasher& operator=(const Sha1Hasher&) = delete;
  uint32_t hash32(std::string_view bytes);

 private:
  evp_md_st* md_;
  evp_md_ctx_st* ctx_;
};

// The xxh3 scheme's inner loop: sig[k] = min over i of (a[k]*x[i] + b[k]) >> 32.
// The kernels give identical values; the best one the CPU has is used.
enum class MinHashKernel { kScalar, kAvx2, kAvx512 };
MinHashKernel best_minhash_kernel();
void multiply_shift_min(MinHashKernel kernel, const uint64_t* a, const uint64_t* b, size_t perms, const uint32_t* x,
                        size_t n, uint32_t* sig);

class MinHasher {
 public:
  explicit MinHasher(const MinHashConfig& config);

  // Fills sig[0..num_perm) from `text`; false (and all values 0xFFFFFFFF)
  // when the text has no shingles.
  bool signature(std::string_view text, uint32_t* sig);

  // xxh3 scheme: signature of shingles given as strings (benchmarks).
  void signature_of_tokens(const std::vector<std::string_view>& tokens, uint32_t* sig);
  // Signature of already hashed tokens (bench and tests).
  void signature_of_hashes(const uint64_t* hashes, size_t n, uint32_t* sig);

 private:
  MinHashConfig cfg_;
  Shingler shingler_;
  Sha1Hasher sha1_;  // datasketch scheme
  MinHashKernel kernel_;
  std::vector<uint64_t> a_, b_;
  std::vector<uint64_t> hashes_;  // scratch: one hash per shingle
  std::vector<uint32_t> keys_;    // scratch: hashes folded to 32 bits
};

// Key of band `band` (rows [band*rows, band*rows+rows)) of a signature.
uint64_t band_key(const uint32_t* sig, int band, int rows);

// Fraction of equal values: the estimated Jaccard similarity.
double estimated_jaccard(const uint32_t* a, const uint32_t* b, int num_perm);

}  // namespace dpk
