// bf16_linear.cpp — see bf16_linear.h.
#include "bf16_linear.h"

#include <map>
#include <mutex>

namespace dpk {
namespace {

using dnnl::memory;
using dt = dnnl::memory::data_type;
using tag = dnnl::memory::format_tag;

// The matmul of `kind` for `rows` rows; `wdesc` is the weights' layout
// (format any when choosing it).
dnnl::matmul::primitive_desc make_pd(const dnnl::engine& eng, Bf16Weights::Kind kind, Bf16Weights::Shape s,
                                     memory::dim rows, const memory::desc& wdesc) {
  const memory::desc src({rows, s.k}, dt::bf16, tag::ab);
  const memory::desc bias({1, s.n}, dt::f32, tag::ab);
  const memory::desc dst({rows, s.n}, kind == Bf16Weights::kFfnIn ? dt::bf16 : dt::f32, tag::ab);
  dnnl::post_ops ops;
  if (kind == Bf16Weights::kAttnOut || kind == Bf16Weights::kFfnOut) ops.append_sum(1.0f);
  if (kind == Bf16Weights::kFfnIn) ops.append_eltwise(1.0f, dnnl::algorithm::eltwise_gelu_erf, 0.0f, 0.0f);
  dnnl::primitive_attr attr;
  attr.set_post_ops(ops);
  return dnnl::matmul::primitive_desc(dnnl::matmul::desc(src, wdesc, bias, dst), attr, eng);
}

}  // namespace

bool cpu_has_bf16() {
  const auto isa = static_cast<unsigned>(dnnl::get_effective_cpu_isa());
  const auto bf16 = static_cast<unsigned>(dnnl::cpu_isa::avx512_core_bf16);
  return (isa & bf16) == bf16;  // the ISA values are nested bit sets
}

Bf16Weights::Bf16Weights(const BertWeights& w) : engine_(dnnl::engine::kind::cpu, 0) {
  const int h = w.config.hidden_size, inter = w.config.intermediate_size;
  shapes_ = {Shape{3 * h, h}, Shape{h, h}, Shape{inter, h}, Shape{h, inter}};
  dnnl::stream stream(engine_);
  // Let oneDNN choose the weights' layout for a typical row count; every
  // later primitive is asked to read that same layout.
  for (int k = 0; k < kKinds; ++k) {
    const Shape s = shapes_[k];
    desc_[k] = make_pd(engine_, Kind(k), s, 8 * static_cast<memory::dim>(Bf16Matmuls::kRowQuantum),
                       memory::desc({s.k, s.n}, dt::bf16, tag::any))
                   .weights_desc();
  }
  w_.resize(w.layers.size());
  b_.resize(w.layers.size());
  for (size_t l = 0; l < w.layers.size(); ++l) {
    const BertLayerWeights& lw = w.layers[l];
    const float* wsrc[kKinds] = {lw.qkv_w, lw.attn_out_w, lw.ffn_in_w, lw.ffn_out_w};
    const float* bsrc[kKinds] = {lw.qkv_b, lw.attn_out_b, lw.ffn_in_b, lw.ffn_out_b};
    for (int k = 0; k < kKinds; ++k) {
      const Shape s = shapes_[k];
      // PyTorch's [n, k] row-major matrix is W^T in oneDNN's [k, n] terms: tag ba.
      memory src({{s.k, s.n}, dt::f32, tag::ba}, engine_, const_cast<float*>(wsrc[k]));
      w_[l][k] = memory(desc_[k], engine_);
      dnnl::reorder(src, w_[l][k]).execute(stream, src, w_[l][k]);
      b_[l][k] = memory({{1, s.n}, dt::f32, tag::ab}, engine_);
      std::copy(bsrc[k], bsrc[k] + s.n, static_cast<float*>(b_[l][k].get_data_handle()));
    }
  }
  stream.wait();
}

std::shared_ptr<const Bf16Weights> Bf16Weights::get(const std::shared_ptr<const BertWeights>& weights) {
  // Encoder instances are made one per pipeline chain; the packed weights
  // (~2 bytes per parameter) are made once per model and shared.
  static std::mutex mu;
  static std::map<const BertWeights*, std::weak_ptr<const Bf16Weights>> cache;
  std::lock_guard<std::mutex> lock(mu);
  auto& slot = cache[weights.get()];
  if (auto p = slot.lock()) return p;
  auto p = std::make_shared<const Bf16Weights>(*weights);
  slot = p;
  return p;
}

Bf16Matmuls::Bf16Matmuls(std::shared_ptr<const Bf16Weights> w) : w_(std::move(w)), stream_(w_->engine()) {}

dnnl::matmul& Bf16Matmuls::primitive(Bf16Weights::Kind kind, size_t rows_padded) {
  auto& m = prims_[kind];
  auto it = m.find(rows_padded);
  if (it == m.end()) {
    auto pd = make_pd(w_->engine(), kind, w_->shape(kind), static_cast<memory::dim>(rows_padded), w_->weights_desc(kind));
    it = m.emplace(rows_padded, dnnl::matmul(pd)).first;
  }
  return it->second;
}

void Bf16Matmuls::run(Bf16Weights::Kind kind, size_t layer, const uint16_t* x, size_t rows_padded, void* out) {
  const Bf16Weights::Shape s = w_->shape(kind);
  const auto rows = static_cast<memory::dim>(rows_padded);
  memory src({{rows, s.k}, dt::bf16, tag::ab}, w_->engine(), const_cast<uint16_t*>(x));
  memory dst({{rows, s.n}, kind == Bf16Weights::kFfnIn ? dt::bf16 : dt::f32, tag::ab}, w_->engine(), out);
  primitive(kind, rows_padded)
      .execute(stream_, {{DNNL_ARG_SRC, src},
                         {DNNL_ARG_WEIGHTS, w_->weights(layer, kind)},
                         {DNNL_ARG_BIAS, w_->bias(layer, kind)},
                         {DNNL_ARG_DST, dst}});
  stream_.wait();
}

}  // namespace dpk
