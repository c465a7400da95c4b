// bert_cpu_kernels.cpp — see bert_cpu_kernels.h.
#include "bert_cpu_kernels.h"

#include <omp.h>

#include <algorithm>
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
  // Float sums in the vectorized loops: h is a few hundred, and the
  // two-pass form (mean, then squared deviations) keeps the variance exact
  // enough for a 1e-12 epsilon.
  float sum = 0;
  if (a) {
    for (int i = 0; i < h; ++i) sum += v[i] += a[i];
  } else {
    for (int i = 0; i < h; ++i) sum += v[i];
  }
  const float mean = sum / static_cast<float>(h);
  float var = 0;
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

// One (sequence, head): scores = softmax(q k^T / sqrt(d)), o = scores v.
DPK_VECTOR_CLONES
void attend(const float* q, const float* k, const float* v, int len, int stride, int d, float scale, float* o,
            int o_stride, float* kt, float* row) {
  // K transposed ([d, len]) so the score loop runs along j and vectorizes.
  for (int j = 0; j < len; ++j) {
    for (int c = 0; c < d; ++c) kt[static_cast<size_t>(c) * len + j] = k[static_cast<size_t>(j) * stride + c];
  }
  for (int r = 0; r < len; ++r) {
    const float* qr = q + static_cast<size_t>(r) * stride;
    std::fill(row, row + len, 0.0f);
    for (int c = 0; c < d; ++c) {
      const float qc = qr[c] * scale;
      const float* kc = kt + static_cast<size_t>(c) * len;
      for (int j = 0; j < len; ++j) row[j] += qc * kc[j];
    }
    float mx = -INFINITY;
    for (int j = 0; j < len; ++j) mx = std::max(mx, row[j]);
    float sum = 0;
    for (int j = 0; j < len; ++j) sum += row[j] = std::exp(row[j] - mx);
    const float inv = 1.0f / sum;
    float* orow = o + static_cast<size_t>(r) * o_stride;
    std::fill(orow, orow + d, 0.0f);
    for (int j = 0; j < len; ++j) {
      const float p = row[j] * inv;
      const float* vj = v + static_cast<size_t>(j) * stride;
      for (int c = 0; c < d; ++c) orow[c] += p * vj[c];
    }
  }
}

}  // namespace

void add_layer_norm(float* x, const float* add, size_t rows, int h, const float* gamma, const float* beta, float eps,
                    uint16_t* bf16) {
  const auto hh = static_cast<size_t>(h);
  for (size_t r = 0; r < rows; ++r) {
    layer_norm_row(x + r * hh, add ? add + r * hh : nullptr, h, gamma, beta, eps, bf16 ? bf16 + r * hh : nullptr);
  }
}

void gelu(float* x, size_t n) {
  for (size_t i = 0; i < n; ++i) x[i] = 0.5f * x[i] * (1.0f + std::erf(x[i] * 0.70710678118654752f));
}

DPK_VECTOR_CLONES
void to_bf16(const float* src, size_t n, uint16_t* dst) {
  for (size_t i = 0; i < n; ++i) dst[i] = bf16_round(src[i]);
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
  for (int t = 0; t < threads; ++t) {
    scratch_[static_cast<size_t>(t)].kt.resize(static_cast<size_t>(d) * max_len);
    scratch_[static_cast<size_t>(t)].scores.resize(static_cast<size_t>(max_len));
  }
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
           ctx + first * static_cast<size_t>(hidden) + static_cast<size_t>(head) * d, hidden, sc.kt.data(),
           sc.scores.data());
  }
}

}  // namespace dpk
