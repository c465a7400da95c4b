// bf16_linear.h — BERT's Linear layers as oneDNN matmuls with bfloat16
// inputs and weights and float32 accumulation (AVX512-BF16 on CPUs that
// have it), bias and the step after the layer fused into the same call.
//
// The weights are converted once per model (Bf16Weights, shared by every
// encoder instance) into the blocked layout oneDNN's kernels read. A matmul
// primitive is made for a fixed row count, so rows are padded to a multiple
// of kRowQuantum and the primitives are kept per padded row count.
//
//   auto packed = dpk::Bf16Weights::get(weights);       // once per model
//   dpk::Bf16Matmuls mm(*packed);                       // per encoder instance
//   mm.run(dpk::Bf16Matmuls::kQkv, layer, x_bf16, rows, qkv_f32);
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <unordered_map>
#include <vector>

#include <oneapi/dnnl/dnnl.hpp>

#include "bert_weights.h"

namespace dpk {

// Whether this CPU runs bfloat16 matmuls natively (AVX512-BF16 or AMX).
bool cpu_has_bf16();

class Bf16Weights {
 public:
  // The four Linear layers of a BERT layer and what follows each:
  //   kQkv:     out(f32)  = x W^T + b
  //   kAttnOut: out(f32) += x W^T + b        (the residual is already in out)
  //   kFfnIn:   out(bf16) = GELU(x W^T + b)
  //   kFfnOut:  out(f32) += x W^T + b
  enum Kind { kQkv, kAttnOut, kFfnIn, kFfnOut, kKinds };
  struct Shape {
    int n, k;
  };

  // The packed weights of `weights`, made on first use and shared while any
  // encoder holds them. Throws dnnl::error when oneDNN cannot make the
  // primitives (callers check cpu_has_bf16() first).
  static std::shared_ptr<const Bf16Weights> get(const std::shared_ptr<const BertWeights>& weights);

  explicit Bf16Weights(const BertWeights& w);
  const dnnl::engine& engine() const { return engine_; }
  Shape shape(Kind k) const { return shapes_[k]; }
  const dnnl::memory::desc& weights_desc(Kind k) const { return desc_[k]; }
  const dnnl::memory& weights(size_t layer, Kind k) const { return w_[layer][k]; }
  const dnnl::memory& bias(size_t layer, Kind k) const { return b_[layer][k]; }

 private:
  dnnl::engine engine_;
  std::array<Shape, kKinds> shapes_;
  std::array<dnnl::memory::desc, kKinds> desc_;
  std::vector<std::array<dnnl::memory, kKinds>> w_, b_;
};

// The per-instance side: primitives per padded row count, and the stream.
class Bf16Matmuls {
 public:
  static constexpr size_t kRowQuantum = 32;
  static size_t padded_rows(size_t rows) { return (rows + kRowQuantum - 1) / kRowQuantum * kRowQuantum; }

  explicit Bf16Matmuls(std::shared_ptr<const Bf16Weights> w);
  // x: padded_rows x k bfloat16; out: padded_rows x n, float32 (bfloat16 for kFfnIn).
  void run(Bf16Weights::Kind kind, size_t layer, const uint16_t* x, size_t rows_padded, void* out);

 private:
  dnnl::matmul& primitive(Bf16Weights::Kind kind, size_t rows_padded);

  std::shared_ptr<const Bf16Weights> w_;
  dnnl::stream stream_;
  std::array<std::unordered_map<size_t, dnnl::matmul>, Bf16Weights::kKinds> prims_;
};

}  // namespace dpk
