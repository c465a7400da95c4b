// encoder_cpu.cpp — the BERT forward pass on the CPU with BLAS (sgemm for
// every projection and, per sequence and head, for attention), packed
// sequences without padding.
#include <cblas.h>

#include <algorithm>
#include <cmath>
#include <vector>

#include "encoder_backend.h"

namespace dpk {
namespace {

// out[r, :] = x[r, :] . W^T + b for `rows` rows; W is [n, k] (PyTorch Linear).
void linear(const float* x, size_t rows, int k, const float* w, const float* b, int n, float* out) {
  for (size_t r = 0; r < rows; ++r) std::copy(b, b + n, out + r * static_cast<size_t>(n));
  cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans, static_cast<int>(rows), n, k, 1.0f, x, k, w, k, 1.0f, out, n);
}

// x = LayerNorm(x + add) row by row.
void add_layer_norm(float* x, const float* add, size_t rows, int h, const float* g, const float* b, float eps) {
  for (size_t r = 0; r < rows; ++r) {
    float* v = x + r * static_cast<size_t>(h);
    const float* a = add ? add + r * static_cast<size_t>(h) : nullptr;
    double sum = 0;
    for (int i = 0; i < h; ++i) {
      if (a) v[i] += a[i];
      sum += v[i];
    }
    const float mean = static_cast<float>(sum / h);
    double var = 0;
    for (int i = 0; i < h; ++i) {
      const float d = v[i] - mean;
      var += static_cast<double>(d) * d;
    }
    const float inv = 1.0f / std::sqrt(static_cast<float>(var / h) + eps);
    for (int i = 0; i < h; ++i) v[i] = (v[i] - mean) * inv * g[i] + b[i];
  }
}

void gelu(float* x, size_t n) {
  for (size_t i = 0; i < n; ++i) x[i] = 0.5f * x[i] * (1.0f + std::erf(x[i] * 0.70710678118654752f));
}

class CpuEncoder final : public EncoderBackend {
 public:
  explicit CpuEncoder(std::shared_ptr<const BertWeights> w) : w_(std::move(w)) {}
  std::string name() const override { return "cpu"; }

  void encode(const int32_t* ids, const uint32_t* offsets, size_t count, float* out) override {
    const BertConfig& c = w_->config;
    const int H = c.hidden_size, I = c.intermediate_size, NH = c.num_heads, D = H / NH;
    const size_t rows = offsets[count] - offsets[0];
    const auto h = static_cast<size_t>(H);
    x_.resize(rows * h);
    qkv_.resize(rows * 3 * h);
    ctx_.resize(rows * h);
    tmp_.resize(rows * h);
    ffn_.resize(rows * static_cast<size_t>(I));
    // Embeddings: word + position + token type 0, then LayerNorm.
    for (size_t s = 0; s < count; ++s) {
      for (uint32_t t = offsets[s]; t < offsets[s + 1]; ++t) {
        const size_t r = t - offsets[0];
        const size_t pos = t - offsets[s];
        const float* we = w_->word_embeddings + static_cast<size_t>(ids[t]) * h;
        const float* pe = w_->position_embeddings + pos * h;
        const float* te = w_->token_type_embeddings;
        for (int i = 0; i < H; ++i) x_[r * h + i] = we[i] + pe[i] + te[i];
      }
    }
    add_layer_norm(x_.data(), nullptr, rows, H, w_->emb_ln_g, w_->emb_ln_b, c.layer_norm_eps);
    const float scale = 1.0f / std::sqrt(static_cast<float>(D));
    for (const BertLayerWeights& l : w_->layers) {
      linear(x_.data(), rows, H, l.qkv_w, l.qkv_b, 3 * H, qkv_.data());
      for (size_t s = 0; s < count; ++s) {
        const int len = static_cast<int>(offsets[s + 1] - offsets[s]);
        const float* base = qkv_.data() + (offsets[s] - offsets[0]) * 3 * h;
        scores_.resize(static_cast<size_t>(len) * len);
        for (int head = 0; head < NH; ++head) {
          const float* q = base + head * D;
          const float* k = base + H + head * D;
          const float* v = base + 2 * H + head * D;
          // Plain loops: per head the matrices are tiny (D = 32 for MiniLM),
          // and thousands of small BLAS calls cost more than the arithmetic.
          float* o = ctx_.data() + (offsets[s] - offsets[0]) * h + head * D;
          // K transposed ([D, len]) so the score loops run along j, which
          // the compiler vectorizes.
          kt_.resize(static_cast<size_t>(D) * len);
          for (int j = 0; j < len; ++j) {
            for (int d = 0; d < D; ++d) kt_[static_cast<size_t>(d) * len + j] = k[static_cast<size_t>(j) * 3 * H + d];
          }
          for (int r = 0; r < len; ++r) {
            const float* qr = q + static_cast<size_t>(r) * 3 * H;
            float* row = scores_.data() + static_cast<size_t>(r) * len;
            std::fill(row, row + len, 0.0f);
            for (int d = 0; d < D; ++d) {
              const float qd = qr[d] * scale;
              const float* kd = kt_.data() + static_cast<size_t>(d) * len;
              for (int j = 0; j < len; ++j) row[j] += qd * kd[j];
            }
            float mx = -INFINITY;
            for (int j = 0; j < len; ++j) mx = std::max(mx, row[j]);
            float sum = 0;
            for (int j = 0; j < len; ++j) sum += row[j] = std::exp(row[j] - mx);
            const float inv = 1.0f / sum;
            float* orow = o + static_cast<size_t>(r) * H;
            std::fill(orow, orow + D, 0.0f);
            for (int j = 0; j < len; ++j) {
              const float p = row[j] * inv;
              const float* vj = v + static_cast<size_t>(j) * 3 * H;
              for (int d = 0; d < D; ++d) orow[d] += p * vj[d];
            }
          }
        }
      }
      linear(ctx_.data(), rows, H, l.attn_out_w, l.attn_out_b, H, tmp_.data());
      add_layer_norm(x_.data(), tmp_.data(), rows, H, l.attn_ln_g, l.attn_ln_b, c.layer_norm_eps);
      linear(x_.data(), rows, H, l.ffn_in_w, l.ffn_in_b, I, ffn_.data());
      gelu(ffn_.data(), rows * static_cast<size_t>(I));
      linear(ffn_.data(), rows, I, l.ffn_out_w, l.ffn_out_b, H, tmp_.data());
      add_layer_norm(x_.data(), tmp_.data(), rows, H, l.out_ln_g, l.out_ln_b, c.layer_norm_eps);
    }
    for (size_t s = 0; s < count; ++s) {
      float* o = out + s * h;
      const size_t first = offsets[s] - offsets[0];
      const size_t len = offsets[s + 1] - offsets[s];
      if (c.pooling == Pooling::kCls) {
        std::copy(x_.data() + first * h, x_.data() + (first + 1) * h, o);
      } else {
        std::fill(o, o + h, 0.0f);
        for (size_t t = 0; t < len; ++t) {
          const float* v = x_.data() + (first + t) * h;
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

 private:
  std::shared_ptr<const BertWeights> w_;
  std::vector<float> x_, qkv_, ctx_, tmp_, ffn_, scores_, kt_;
};

}  // namespace

std::unique_ptr<EncoderBackend> make_cpu_encoder(std::shared_ptr<const BertWeights> weights) {
  return std::make_unique<CpuEncoder>(std::move(weights));
}

void set_blas_threads(int threads) {
  if (threads > 0) openblas_set_num_threads(threads);
}

}  // namespace dpk
