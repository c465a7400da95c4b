// encoder_cpu.cpp — the BERT forward pass on the CPU over packed sequences
// (no padding): every dense layer is one GEMM over all the batch's tokens,
// attention runs per sequence and head. Two precisions:
//   fp32: OpenBLAS sgemm for the dense layers (any CPU);
//   bf16: oneDNN matmuls with bfloat16 inputs and weights and float32
//         accumulation, bias, GELU and residual fused into them (CPUs with
//         AVX512-BF16); LayerNorm, attention and pooling stay in float32.
#include <cblas.h>
#include <omp.h>

#include <algorithm>
#include <cmath>
#include <mutex>
#include <thread>
#include <vector>

#include "bert_cpu_kernels.h"
#include "bf16_linear.h"
#include "encoder_backend.h"

namespace dpk {
namespace {

// One forward pass at a time in the process, each using all compute
// threads: the pipeline runs an encoder per chain, and N passes each asking
// BLAS/OpenMP for every core would oversubscribe the machine.
std::mutex& forward_pass_mutex() {
  static std::mutex mu;
  return mu;
}

int g_compute_threads = 0;  // set_blas_threads(); 0 = all cores

int compute_threads() {
  if (g_compute_threads > 0) return g_compute_threads;
  return static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
}

// out[r, :] = x[r, :] . W^T + b for `rows` rows; W is [n, k] (PyTorch Linear).
void linear(const float* x, size_t rows, int k, const float* w, const float* b, int n, float* out) {
  for (size_t r = 0; r < rows; ++r) std::copy(b, b + n, out + r * static_cast<size_t>(n));
  cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans, static_cast<int>(rows), n, k, 1.0f, x, k, w, k, 1.0f, out, n);
}

// Token embeddings (word + position + token type 0) of the packed batch into
// x (rows x h), before the embedding LayerNorm.
void embed_tokens(const BertWeights& w, const int32_t* ids, const uint32_t* offsets, size_t count, float* x) {
  const auto h = static_cast<size_t>(w.config.hidden_size);
  for (size_t s = 0; s < count; ++s) {
    for (uint32_t t = offsets[s]; t < offsets[s + 1]; ++t) {
      const size_t r = t - offsets[0];
      const size_t pos = t - offsets[s];
      const float* we = w.word_embeddings + static_cast<size_t>(ids[t]) * h;
      const float* pe = w.position_embeddings + pos * h;
      const float* te = w.token_type_embeddings;
      for (size_t i = 0; i < h; ++i) x[r * h + i] = we[i] + pe[i] + te[i];
    }
  }
}

// Mean or CLS pooling of the final hidden states, then L2 normalization when
// the model has it.
void pool(const BertConfig& c, const float* x, const uint32_t* offsets, size_t count, float* out) {
  const auto h = static_cast<size_t>(c.hidden_size);
  for (size_t s = 0; s < count; ++s) {
    float* o = out + s * h;
    const size_t first = offsets[s] - offsets[0];
    const size_t len = offsets[s + 1] - offsets[s];
    if (c.pooling == Pooling::kCls) {
      std::copy(x + first * h, x + (first + 1) * h, o);
    } else {
      std::fill(o, o + h, 0.0f);
      for (size_t t = 0; t < len; ++t) {
        const float* v = x + (first + t) * h;
        for (size_t i = 0; i < h; ++i) o[i] += v[i];
      }
      const float inv = 1.0f / static_cast<float>(len);
      for (size_t i = 0; i < h; ++i) o[i] *= inv;
    }
    if (c.normalize) {
      double n2 = 0;
      for (size_t i = 0; i < h; ++i) n2 += static_cast<double>(o[i]) * o[i];
      const float inv = 1.0f / std::max(static_cast<float>(std::sqrt(n2)), 1e-12f);
      for (size_t i = 0; i < h; ++i) o[i] *= inv;
    }
  }
}

class CpuEncoderFp32 final : public EncoderBackend {
 public:
  explicit CpuEncoderFp32(std::shared_ptr<const BertWeights> w) : w_(std::move(w)) {}
  std::string name() const override { return "cpu"; }

  void encode(const int32_t* ids, const uint32_t* offsets, size_t count, float* out) override {
    const BertConfig& c = w_->config;
    const int H = c.hidden_size, I = c.intermediate_size;
    const size_t rows = offsets[count] - offsets[0];
    const auto h = static_cast<size_t>(H);
    x_.resize(rows * h);
    qkv_.resize(rows * 3 * h);
    ctx_.resize(rows * h);
    tmp_.resize(rows * h);
    ffn_.resize(rows * static_cast<size_t>(I));
    std::lock_guard<std::mutex> lock(forward_pass_mutex());
    const int threads = compute_threads();
    omp_set_num_threads(threads);  // layer norms and attention
    embed_tokens(*w_, ids, offsets, count, x_.data());
    add_layer_norm(x_.data(), nullptr, rows, H, w_->emb_ln_g, w_->emb_ln_b, c.layer_norm_eps);
    for (const BertLayerWeights& l : w_->layers) {
      linear(x_.data(), rows, H, l.qkv_w, l.qkv_b, 3 * H, qkv_.data());
      attention_.run(qkv_.data(), offsets, count, H, c.num_heads, ctx_.data(), threads);
      linear(ctx_.data(), rows, H, l.attn_out_w, l.attn_out_b, H, tmp_.data());
      add_layer_norm(x_.data(), tmp_.data(), rows, H, l.attn_ln_g, l.attn_ln_b, c.layer_norm_eps);
      linear(x_.data(), rows, H, l.ffn_in_w, l.ffn_in_b, I, ffn_.data());
      gelu(ffn_.data(), rows * static_cast<size_t>(I));
      linear(ffn_.data(), rows, I, l.ffn_out_w, l.ffn_out_b, H, tmp_.data());
      add_layer_norm(x_.data(), tmp_.data(), rows, H, l.out_ln_g, l.out_ln_b, c.layer_norm_eps);
    }
    pool(c, x_.data(), offsets, count, out);
  }

 private:
  std::shared_ptr<const BertWeights> w_;
  SelfAttention attention_;
  std::vector<float> x_, qkv_, ctx_, tmp_, ffn_;
};

class CpuEncoderBf16 final : public EncoderBackend {
 public:
  explicit CpuEncoderBf16(std::shared_ptr<const BertWeights> w)
      : w_(std::move(w)), mm_(Bf16Weights::get(w_)) {}
  std::string name() const override { return "cpu-bf16"; }

  void encode(const int32_t* ids, const uint32_t* offsets, size_t count, float* out) override {
    using K = Bf16Weights;
    const BertConfig& c = w_->config;
    const int H = c.hidden_size, I = c.intermediate_size;
    const size_t rows = offsets[count] - offsets[0];
    // Padded rows (beyond `rows`) go through the GEMMs and LayerNorms like
    // the others, so they stay finite; nothing reads their results.
    const size_t padded = Bf16Matmuls::padded_rows(rows);
    const auto h = static_cast<size_t>(H);
    x_.resize(padded * h);
    x16_.resize(padded * h);
    qkv_.resize(padded * 3 * h);
    ctx_.resize(padded * h);
    ctx16_.resize(padded * h);
    ffn16_.resize(padded * static_cast<size_t>(I));
    std::lock_guard<std::mutex> lock(forward_pass_mutex());
    const int threads = compute_threads();
    omp_set_num_threads(threads);  // oneDNN's, the layer norms' and attention's OpenMP team
    embed_tokens(*w_, ids, offsets, count, x_.data());
    std::fill(x_.begin() + static_cast<ptrdiff_t>(rows * h), x_.end(), 0.0f);
    std::fill(ctx_.begin() + static_cast<ptrdiff_t>(rows * h), ctx_.end(), 0.0f);
    add_layer_norm(x_.data(), nullptr, padded, H, w_->emb_ln_g, w_->emb_ln_b, c.layer_norm_eps, x16_.data());
    for (size_t li = 0; li < w_->layers.size(); ++li) {
      const BertLayerWeights& l = w_->layers[li];
      mm_.run(K::kQkv, li, x16_.data(), padded, qkv_.data());
      attention_.run(qkv_.data(), offsets, count, H, c.num_heads, ctx_.data(), threads);
      to_bf16(ctx_.data(), padded * h, ctx16_.data());
      mm_.run(K::kAttnOut, li, ctx16_.data(), padded, x_.data());  // x += ctx W^T + b
      add_layer_norm(x_.data(), nullptr, padded, H, l.attn_ln_g, l.attn_ln_b, c.layer_norm_eps, x16_.data());
      mm_.run(K::kFfnIn, li, x16_.data(), padded, ffn16_.data());  // GELU(x W^T + b) as bf16
      mm_.run(K::kFfnOut, li, ffn16_.data(), padded, x_.data());  // x += ffn W^T + b
      add_layer_norm(x_.data(), nullptr, padded, H, l.out_ln_g, l.out_ln_b, c.layer_norm_eps, x16_.data());
    }
    pool(c, x_.data(), offsets, count, out);
  }

 private:
  std::shared_ptr<const BertWeights> w_;
  Bf16Matmuls mm_;
  SelfAttention attention_;
  std::vector<float> x_, qkv_, ctx_;
  std::vector<uint16_t> x16_, ctx16_, ffn16_;
};

}  // namespace

bool cpu_bf16_supported() { return cpu_has_bf16(); }

std::unique_ptr<EncoderBackend> make_cpu_encoder(std::shared_ptr<const BertWeights> weights, CpuPrecision precision) {
  if (precision == CpuPrecision::kBf16) return std::make_unique<CpuEncoderBf16>(std::move(weights));
  return std::make_unique<CpuEncoderFp32>(std::move(weights));
}

void set_blas_threads(int threads) {
  if (threads > 0) {
    openblas_set_num_threads(threads);
    g_compute_threads = threads;
  }
}

}  // namespace dpk
