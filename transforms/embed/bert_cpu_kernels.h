// bert_cpu_kernels.h — the non-GEMM steps of the BERT forward pass on the
// CPU: LayerNorm (optionally with a bfloat16 copy for the next GEMM), GELU,
// float32 -> bfloat16 rounding and per-sequence multi-head attention over
// packed rows (no padding). The loops are compiled for AVX-512, AVX2 and
// baseline x86-64 and the CPU picks at load time.
//
//   dpk::add_layer_norm(x, residual, rows, h, gamma, beta, eps, x_bf16);
//   dpk::SelfAttention att;
//   att.run(qkv, offsets, count, hidden, heads, ctx, threads);
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace dpk {

// x = LayerNorm(x + add) row by row (`add` may be null). When `bf16` is not
// null, the result is also written there rounded to bfloat16. This and
// to_bf16 spread rows over the calling thread's OpenMP threads
// (omp_set_num_threads).
void add_layer_norm(float* x, const float* add, size_t rows, int h, const float* gamma, const float* beta, float eps,
                    uint16_t* bf16 = nullptr);

// x = GELU(x) with the exact erf form, as BERT's "gelu" activation.
void gelu(float* x, size_t n);

// dst[i] = bfloat16(src[i]), rounded to nearest even.
void to_bf16(const float* src, size_t n, uint16_t* dst);

// Scaled dot-product attention of every sequence and head: qkv holds the
// packed rows [q | k | v] (3 * hidden floats each), ctx receives hidden
// floats per row. Sequence s is rows [offsets[s], offsets[s+1]) relative to
// offsets[0]. Work items (sequence, head) run on `threads` OpenMP threads;
// the scratch buffers are kept between calls. The exponential is a
// vectorized polynomial (about one float ulp from std::exp).
class SelfAttention {
 public:
  void run(const float* qkv, const uint32_t* offsets, size_t count, int hidden, int heads, float* ctx, int threads);

 private:
  struct Scratch {
    std::vector<float> scores;  // len x len
  };
  std::vector<Scratch> scratch_;
};

}  // namespace dpk
