// bert_cpu_kernels.cpp — see bert_cpu_kernels.h.
#include "bert_cpu_kernels.h"

#include <oneapi/dnnl/dnnl.h>
#include <omp.h>

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstring>

// One binary for every x86-64 CPU: the hot loops get AVX-512 and AVX2 clones
// chosen at load time (ifunc); other architectures build the plain loop.
#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__)
#define DPK_VECTOR_CLONES __attribute__((target_clones("avx512f", "avx2", "default")))
#else
#define DPK_VECTOR_CLONES
#endif

namespace dpk {
namespace {

inline uint16_t bf16_round(float f) {
  uint32_t u;
  std::memcpy(&u, &f, sizeof u);
  u += 0x7fffu + ((u >> 16) & 1u);  // round to nearest even (finite values; NaN never reaches here)
  return static_cast<uint16_t>(u >> 16);
}

DPK_VECTOR_CLONES
void layer_norm_row(float* v, const float* a, int h, const float* g, const float* b, float eps, uint16_t* out16) {
  // Float sums, vectorized (omp simd lets the compiler reorder the
  // additions); the two-pass form (mean, then squared deviations) keeps the
  // variance exact enough for a 1e-12 epsilon.
  if (a) {
#pragma omp simd
    for (int i = 0; i < h; ++i) v[i] += a[i];
  }
  float sum = 0;
#pragma omp simd reduction(+ : sum)
  for (int i = 0; i < h; ++i) sum += v[i];
  const float mean = sum / static_cast<float>(h);
  float var = 0;
#pragma omp simd reduction(+ : var)
  for (int i = 0; i < h; ++i) {
    const float d = v[i] - mean;
    var += d * d;
  }
  const float inv = 1.0f / std::sqrt(var / static_cast<float>(h) + eps);
  for (int i = 0; i < h; ++i) v[i] = (v[i] - mean) * inv * g[i] + b[i];
  if (out16) {
    for (int i = 0; i < h; ++i) out16[i] = bf16_round(v[i]);
  }
}

// e^x for x <= 0 (scores minus their row maximum), written so the
// compiler vectorizes it (std::exp is a libm call per element): x = n ln2 + r
// with |r| <= ln2/2, e^r by its Taylor polynomial to r^7 (relative error
// below 2e-7, about one float ulp), then 2^n put into the exponent bits.
inline float exp_nonpositive(float x) {
  x = std::max(x, -87.0f);  // e^-87 is near the smallest normal float
  constexpr float kRound = 12582912.0f;  // 1.5 * 2^23: adding it rounds to an integer
  const float n = (x * 1.44269504088896341f + kRound) - kRound;
  const float r = (x - n * 0.693359375f) + n * 2.12194440e-4f;  // ln2 in two parts
  float p = 1.0f / 5040;
  p = p * r + 1.0f / 720;
  p = p * r + 1.0f / 120;
  p = p * r + 1.0f / 24;
  p = p * r + 1.0f / 6;
  p = p * r + 0.5f;
  p = p * r + 1.0f;
  p = p * r + 1.0f;
  const auto bits = std::bit_cast<int32_t>(p) + (static_cast<int32_t>(n) << 23);
  return std::bit_cast<float>(bits);
}

// Row-wise softmax of a rows x len matrix in place.
DPK_VECTOR_CLONES
void softmax_rows(float* s, int rows, int len) {
  for (int r = 0; r < rows; ++r) {
    float* row = s + static_cast<size_t>(r) * len;
    float mx = row[0];
#pragma omp simd reduction(max : mx)
    for (int j = 1; j < len; ++j) mx = std::max(mx, row[j]);
    float sum = 0;
#pragma omp simd reduction(+ : sum)
    for (int j = 0; j < len; ++j) sum += row[j] = exp_nonpositive(row[j] - mx);
    const float inv = 1.0f / sum;
    for (int j = 0; j < len; ++j) row[j] *= inv;
  }
}

// One (sequence, head): o = softmax(q k^T / sqrt(d)) v. q, k, v and o are
// strided views into the packed rows; the two products are single-threaded
// oneDNN sgemm calls (this runs inside an OpenMP loop over heads).
void attend(const float* q, const float* k, const float* v, int len, int stride, int d, float scale, float* o,
            int o_stride, float* scores) {
  dnnl_sgemm('N', 'T', len, len, d, scale, q, stride, k, stride, 0.0f, scores, len);
  softmax_rows(scores, len, len);
  dnnl_sgemm('N', 'N', len, d, len, 1.0f, scores, len, v, stride, 0.0f, o, o_stride);
}

}  // namespace

void add_layer_norm(float* x, const float* add, size_t rows, int h, const float* gamma, const float* beta, float eps,
                    uint16_t* bf16) {
  const auto hh = static_cast<size_t>(h);
#pragma omp parallel for schedule(static)
  for (size_t r = 0; r < rows; ++r) {
    layer_norm_row(x + r * hh, add ? add + r * hh : nullptr, h, gamma, beta, eps, bf16 ? bf16 + r * hh : nullptr);
  }
}

void gelu(float* x, size_t n) {
#pragma omp parallel for schedule(static)
  for (size_t i = 0; i < n; ++i) x[i] = 0.5f * x[i] * (1.0f + std::erf(x[i] * 0.70710678118654752f));
}

namespace {
DPK_VECTOR_CLONES
void to_bf16_block(const float* src, size_t n, uint16_t* dst) {
  for (size_t i = 0; i < n; ++i) dst[i] = bf16_round(src[i]);
}
}  // namespace

void to_bf16(const float* src, size_t n, uint16_t* dst) {
  constexpr size_t kBlock = 16384;
  const size_t blocks = (n + kBlock - 1) / kBlock;
#pragma omp parallel for schedule(static)
  for (size_t b = 0; b < blocks; ++b) to_bf16_block(src + b * kBlock, std::min(kBlock, n - b * kBlock), dst + b * kBlock);
}

void SelfAttention::run(const float* qkv, const uint32_t* offsets, size_t count, int hidden, int heads, float* ctx,
                        int threads) {
  const int d = hidden / heads;
  const int stride = 3 * hidden;
  const float scale = 1.0f / std::sqrt(static_cast<float>(d));
  threads = std::max(1, threads);
  if (scratch_.size() < static_cast<size_t>(threads)) scratch_.resize(static_cast<size_t>(threads));
  int max_len = 0;
  for (size_t s = 0; s < count; ++s) max_len = std::max(max_len, static_cast<int>(offsets[s + 1] - offsets[s]));
  for (int t = 0; t < threads; ++t) scratch_[static_cast<size_t>(t)].scores.resize(static_cast<size_t>(max_len) * max_len);
  const auto items = static_cast<int64_t>(count) * heads;
  // Sequences are sorted by length, so items differ in cost: hand them out
  // dynamically.
#pragma omp parallel for schedule(dynamic) num_threads(threads)
  for (int64_t item = 0; item < items; ++item) {
    const size_t s = static_cast<size_t>(item / heads);
    const int head = static_cast<int>(item % heads);
    const int len = static_cast<int>(offsets[s + 1] - offsets[s]);
    const size_t first = offsets[s] - offsets[0];
    const float* base = qkv + first * static_cast<size_t>(stride) + static_cast<size_t>(head) * d;
    Scratch& sc = scratch_[static_cast<size_t>(omp_get_thread_num())];
    attend(base, base + hidden, base + 2 * hidden, len, stride, d, scale,
           ctx + first * static_cast<size_t>(hidden) + static_cast<size_t>(head) * d, hidden, sc.scores.data());
  }
}

}  // namespace dpk
