#include "minhash_signature.h"

#include <openssl/evp.h>
// Inlined: most shingles are a few dozen bytes, where the call costs as
// much as the hash.
#define XXH_INLINE_ALL
#include <xxhash.h>

#include <algorithm>
#if defined(__x86_64__)
#include <immintrin.h>
#endif
#include <cstring>
#include <random>
#include <stdexcept>

namespace dpk {
namespace {

constexpr uint64_t kMersenne61 = (uint64_t{1} << 61) - 1;

uint64_t splitmix64(uint64_t& state) {
  uint64_t z = (state += 0x9E3779B97F4A7C15ull);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}

// numpy's legacy bounded draw of a uint64 in [low, low + rng]: masked
// rejection over 64-bit words made of two MT19937 outputs, high word first.
uint64_t numpy_bounded_uint64(std::mt19937& mt, uint64_t low, uint64_t rng) {
  uint64_t mask = rng;
  for (int s = 1; s < 64; s <<= 1) mask |= mask >> s;
  while (true) {
    const uint64_t hi = mt(), lo = mt();
    const uint64_t v = ((hi << 32) | lo) & mask;
    if (v <= rng) return low + v;
  }
}

// x mod (2^61 - 1) without a division: 2^61 = 1 modulo the prime, so x =
// hi * 2^61 + lo leaves hi + lo (< 2^61 + 7), less the prime at most once.
inline uint64_t mod_mersenne61(uint64_t x) {
  const uint64_t r = (x & kMersenne61) + (x >> 61);
  return r >= kMersenne61 ? r - kMersenne61 : r;
}

void multiply_shift_scalar(const uint64_t* a, const uint64_t* b, size_t from, size_t perms, const uint32_t* x,
                           size_t n, uint32_t* sig) {
  for (size_t k = from; k < perms; ++k) {
    uint32_t m = 0xFFFFFFFFu;
    for (size_t i = 0; i < n; ++i) {
      const uint32_t v = static_cast<uint32_t>((a[k] * x[i] + b[k]) >> 32);
      m = v < m ? v : m;
    }
    sig[k] = m;
  }
}

#if defined(__x86_64__)
// AVX2: a 64 x 32-bit product is two 32 x 32 -> 64 multiplies (vpmuludq).
__attribute__((target("avx2"))) void multiply_shift_avx2(const uint64_t* a, const uint64_t* b, size_t perms,
                                                         const uint32_t* x, size_t n, uint32_t* sig) {
  size_t k = 0;
  for (; k + 16 <= perms; k += 16) {
    __m256i alo[4], ahi[4], bb[4], m[4];
    for (int j = 0; j < 4; ++j) {
      const __m256i av = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(a + k + 4 * j));
      alo[j] = av;  // vpmuludq reads the low 32 bits
      ahi[j] = _mm256_srli_epi64(av, 32);
      bb[j] = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(b + k + 4 * j));
      m[j] = _mm256_set1_epi64x(0xFFFFFFFF);
    }
    for (size_t i = 0; i < n; ++i) {
      const __m256i xv = _mm256_set1_epi64x(x[i]);
      for (int j = 0; j < 4; ++j) {
        const __m256i lo = _mm256_mul_epu32(alo[j], xv);
        const __m256i hi = _mm256_slli_epi64(_mm256_mul_epu32(ahi[j], xv), 32);
        const __m256i v = _mm256_srli_epi64(_mm256_add_epi64(_mm256_add_epi64(lo, hi), bb[j]), 32);
        m[j] = _mm256_min_epu32(m[j], v);  // high halves are 0: a lane-wise 32-bit min is right
      }
    }
    for (int j = 0; j < 4; ++j) {
      alignas(32) uint64_t out[4];
      _mm256_store_si256(reinterpret_cast<__m256i*>(out), m[j]);
      for (int l = 0; l < 4; ++l) sig[k + 4 * j + l] = static_cast<uint32_t>(out[l]);
    }
  }
  multiply_shift_scalar(a, b, k, perms, x, n, sig);
}

// AVX-512: one 64-bit multiply (vpmullq) for eight permutations.
// GCC 12 warns falsely inside its own AVX-512 headers (_mm512_undefined_*).
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#pragma GCC diagnostic ignored "-Wuninitialized"
// V vectors of 8 permutations per pass over the keys. The minimum is taken
// over the whole 64-bit a*x + b: its high half is the minimum of the high
// halves (64-bit order is high half first), so the shift is done once per
// permutation at the end instead of once per key.
template <int V>
__attribute__((target("avx512f,avx512dq"))) inline void multiply_shift_avx512_block(
    const uint64_t* a, const uint64_t* b, const uint32_t* x, size_t n, uint32_t* sig) {
  __m512i av[V], bv[V], m[V];
  for (int j = 0; j < V; ++j) {
    av[j] = _mm512_loadu_si512(a + 8 * j);
    bv[j] = _mm512_loadu_si512(b + 8 * j);
    m[j] = _mm512_set1_epi64(-1);
  }
  for (size_t i = 0; i < n; ++i) {
    const __m512i xv = _mm512_set1_epi64(x[i]);
    for (int j = 0; j < V; ++j) m[j] = _mm512_min_epu64(m[j], _mm512_add_epi64(_mm512_mullo_epi64(av[j], xv), bv[j]));
  }
  for (int j = 0; j < V; ++j) {
    _mm256_storeu_si256(reinterpret_cast<__m256i*>(sig + 8 * j), _mm512_cvtepi64_epi32(_mm512_srli_epi64(m[j], 32)));
  }
}

// 7 vectors (56 permutations) per pass: 21 of the 32 registers, so 112
// permutations take two passes over the keys.
__attribute__((target("avx512f,avx512dq"))) void multiply_shift_avx512(const uint64_t* a, const uint64_t* b,
                                                                       size_t perms, const uint32_t* x, size_t n,
                                                                       uint32_t* sig) {
  size_t k = 0;
  for (; k + 56 <= perms; k += 56) multiply_shift_avx512_block<7>(a + k, b + k, x, n, sig + k);
  for (; k + 32 <= perms; k += 32) multiply_shift_avx512_block<4>(a + k, b + k, x, n, sig + k);
  for (; k + 8 <= perms; k += 8) multiply_shift_avx512_block<1>(a + k, b + k, x, n, sig + k);
  multiply_shift_scalar(a, b, k, perms, x, n, sig);
}
#pragma GCC diagnostic pop
#endif

}  // namespace

MinHashKernel best_minhash_kernel() {
#if defined(__x86_64__)
  if (__builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512dq")) return MinHashKernel::kAvx512;
  if (__builtin_cpu_supports("avx2")) return MinHashKernel::kAvx2;
#endif
  return MinHashKernel::kScalar;
}

void multiply_shift_min(MinHashKernel kernel, const uint64_t* a, const uint64_t* b, size_t perms, const uint32_t* x,
                        size_t n, uint32_t* sig) {
  switch (kernel) {
#if defined(__x86_64__)
    case MinHashKernel::kAvx512: return multiply_shift_avx512(a, b, perms, x, n, sig);
    case MinHashKernel::kAvx2: return multiply_shift_avx2(a, b, perms, x, n, sig);
#endif
    default: return multiply_shift_scalar(a, b, 0, perms, x, n, sig);
  }
}

void datasketch_permutations(uint32_t seed, int num_perm, std::vector<uint64_t>& a, std::vector<uint64_t>& b) {
  // RandomState(seed) with an integer seed is MT19937's init_genrand(seed).
  std::mt19937 mt(seed);
  a.resize(static_cast<size_t>(num_perm));
  b.resize(static_cast<size_t>(num_perm));
  for (int k = 0; k < num_perm; ++k) {
    a[static_cast<size_t>(k)] = numpy_bounded_uint64(mt, 1, kMersenne61 - 2);  // randint(1, p)
    b[static_cast<size_t>(k)] = numpy_bounded_uint64(mt, 0, kMersenne61 - 1);  // randint(0, p)
  }
}

Sha1Hasher::Sha1Hasher() : md_(EVP_MD_fetch(nullptr, "SHA1", nullptr)), ctx_(EVP_MD_CTX_new()) {
  if (md_ == nullptr || ctx_ == nullptr) throw std::runtime_error("OpenSSL: SHA-1 is not available");
}

Sha1Hasher::~Sha1Hasher() {
  EVP_MD_CTX_free(ctx_);
  EVP_MD_free(md_);
}

uint32_t Sha1Hasher::hash32(std::string_view bytes) {
  unsigned char md[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  if (!EVP_DigestInit_ex2(ctx_, md_, nullptr) || !EVP_DigestUpdate(ctx_, bytes.data(), bytes.size()) ||
      !EVP_DigestFinal_ex(ctx_, md, &len)) {
    throw std::runtime_error("OpenSSL: SHA-1 failed");
  }
  return static_cast<uint32_t>(md[0]) | static_cast<uint32_t>(md[1]) << 8 |
         static_cast<uint32_t>(md[2]) << 16 | static_cast<uint32_t>(md[3]) << 24;
}

uint32_t datasketch_sha1_hash32(std::string_view bytes) {
  Sha1Hasher h;
  return h.hash32(bytes);
}

MinHasher::MinHasher(const MinHashConfig& config)
    : cfg_(config), shingler_(config.shingle, config.ngram), kernel_(best_minhash_kernel()) {
  if (cfg_.scheme == HashScheme::kDatasketch) {
    datasketch_permutations(static_cast<uint32_t>(cfg_.seed), cfg_.num_perm, a_, b_);
  } else {
    uint64_t state = cfg_.seed;
    a_.resize(static_cast<size_t>(cfg_.num_perm));
    b_.resize(static_cast<size_t>(cfg_.num_perm));
    for (int k = 0; k < cfg_.num_perm; ++k) {
      a_[static_cast<size_t>(k)] = splitmix64(state) | 1;
      b_[static_cast<size_t>(k)] = splitmix64(state);
    }
  }
}

namespace {
// The xxh3 scheme's key of a shingle: its 64-bit hash folded to 32 bits.
inline uint32_t xxh3_key(std::string_view s, uint64_t seed) {
  const uint64_t h = XXH3_64bits_withSeed(s.data(), s.size(), seed);
  return static_cast<uint32_t>(h ^ (h >> 32));
}
}  // namespace

bool MinHasher::signature(std::string_view text, uint32_t* sig) {
  if (cfg_.scheme == HashScheme::kDatasketch) {
    hashes_.clear();
    shingler_.shingle(text, [&](std::string_view s) { hashes_.push_back(sha1_.hash32(s)); });
    signature_of_hashes(hashes_.data(), hashes_.size(), sig);
    return !hashes_.empty();
  }
  // Hashed and folded in one go: the keys are all the kernel reads.
  keys_.clear();
  const uint64_t seed = cfg_.seed;
  shingler_.shingle(text, [&](std::string_view s) { keys_.push_back(xxh3_key(s, seed)); });
  multiply_shift_min(kernel_, a_.data(), b_.data(), a_.size(), keys_.data(), keys_.size(), sig);
  return !keys_.empty();
}

void MinHasher::signature_of_hashes(const uint64_t* hashes, size_t n, uint32_t* sig) {
  const size_t perms = a_.size();
  if (cfg_.scheme == HashScheme::kDatasketch) {
    for (size_t k = 0; k < perms; ++k) {
      const uint64_t a = a_[k], b = b_[k];
      uint64_t m = 0xFFFFFFFFull;
      for (size_t i = 0; i < n; ++i) m = std::min<uint64_t>(m, mod_mersenne61(a * hashes[i] + b) & 0xFFFFFFFFull);
      sig[k] = static_cast<uint32_t>(m);
    }
    return;
  }
  // xxh3 scheme: the 64-bit token hash is folded to 32 bits, x, and
  // permutation k is Dietzfelbinger's multiply-shift (a_k * x + b_k) >> 32
  // with 64-bit a_k, b_k: strongly universal from 32 to 32 bits.
  keys_.resize(n);
  for (size_t i = 0; i < n; ++i) keys_[i] = static_cast<uint32_t>(hashes[i] ^ (hashes[i] >> 32));
  multiply_shift_min(kernel_, a_.data(), b_.data(), perms, keys_.data(), n, sig);
}

void MinHasher::signature_of_tokens(const std::vector<std::string_view>& tokens, uint32_t* sig) {
  keys_.resize(tokens.size());
  const uint64_t seed = cfg_.seed;
  // Tokens held as separate strings are scattered over the heap: fetch a few
  // dozen ahead (1.2x on 12,000 web documents, benchmarks/RESULTS-minhash.md).
  constexpr size_t kAhead = 32;
  const size_t n = tokens.size();
  for (size_t i = 0; i < n; ++i) {
    if (i + kAhead < n) __builtin_prefetch(tokens[i + kAhead].data());
    keys_[i] = xxh3_key(tokens[i], seed);
  }
  multiply_shift_min(kernel_, a_.data(), b_.data(), a_.size(), keys_.data(), keys_.size(), sig);
}

uint64_t band_key(const uint32_t* sig, int band, int rows) {
  return XXH3_64bits_withSeed(sig + static_cast<ptrdiff_t>(band) * rows, static_cast<size_t>(rows) * sizeof(uint32_t),
                              static_cast<uint64_t>(band));
}

double estimated_jaccard(const uint32_t* a, const uint32_t* b, int num_perm) {
  int same = 0;
  for (int k = 0; k < num_perm; ++k) same += a[k] == b[k];
  return static_cast<double>(same) / num_perm;
}

}  // namespace dpk
