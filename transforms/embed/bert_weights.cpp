// bert_weights.cpp — see bert_weights.h.
#include "bert_weights.h"

#include <cstdint>
#include <cstring>
#include <filesystem>

#include "safetensors_file.h"

namespace dpk {
namespace {

float half_to_float(uint16_t h) {
  const uint32_t sign = (h & 0x8000u) << 16;
  uint32_t exp = (h >> 10) & 0x1F, mant = h & 0x3FF;
  uint32_t bits;
  if (exp == 0) {
    if (mant == 0) {
      bits = sign;
    } else {  // subnormal: normalize
      exp = 127 - 15 + 1;
      while ((mant & 0x400) == 0) {
        mant <<= 1;
        --exp;
      }
      bits = sign | exp << 23 | (mant & 0x3FF) << 13;
    }
  } else if (exp == 31) {
    bits = sign | 0x7F800000u | mant << 13;
  } else {
    bits = sign | (exp + 127 - 15) << 23 | mant << 13;
  }
  float f;
  std::memcpy(&f, &bits, 4);
  return f;
}

class Loader {
 public:
  Loader(std::shared_ptr<SafetensorsFile> f, std::vector<std::vector<float>>& owned, std::string prefix)
      : f_(std::move(f)), owned_(owned), prefix_(std::move(prefix)) {}

  // The tensor `name` (without the model prefix) as float32 with `elements`
  // values; tries the old LayerNorm names (gamma/beta) too.
  StatusOr<const float*> get(const std::string& name, int64_t elements) {
    const TensorView* t = f_->find(prefix_ + name);
    if (t == nullptr && name.ends_with(".weight") && name.find("LayerNorm") != std::string::npos) {
      t = f_->find(prefix_ + name.substr(0, name.size() - 6) + "gamma");
    }
    if (t == nullptr && name.ends_with(".bias") && name.find("LayerNorm") != std::string::npos) {
      t = f_->find(prefix_ + name.substr(0, name.size() - 4) + "beta");
    }
    if (t == nullptr) return Status::Data("model.safetensors: no tensor " + prefix_ + name);
    if (t->elements() != elements) {
      return Status::Data("model.safetensors: " + prefix_ + name + " has " + std::to_string(t->elements()) +
                          " values, config.json implies " + std::to_string(elements));
    }
    const size_t n = static_cast<size_t>(elements);
    if (t->dtype == "F32") {
      if (t->bytes != n * 4) return Status::Data("model.safetensors: bad size of " + name);
      if (reinterpret_cast<uintptr_t>(t->data) % alignof(float) == 0) return reinterpret_cast<const float*>(t->data);
      auto& v = owned_.emplace_back(n);
      std::memcpy(v.data(), t->data, n * 4);
      return static_cast<const float*>(v.data());
    }
    if (t->dtype == "F16" || t->dtype == "BF16") {
      if (t->bytes != n * 2) return Status::Data("model.safetensors: bad size of " + name);
      auto& v = owned_.emplace_back(n);
      for (size_t i = 0; i < n; ++i) {
        uint16_t h;
        std::memcpy(&h, t->data + 2 * i, 2);
        if (t->dtype == "F16") {
          v[i] = half_to_float(h);
        } else {
          const uint32_t bits = static_cast<uint32_t>(h) << 16;
          std::memcpy(&v[i], &bits, 4);
        }
      }
      return static_cast<const float*>(v.data());
    }
    return Status::Data("model.safetensors: " + name + " has unsupported dtype " + t->dtype);
  }

  // Concatenates float tensors into one owned buffer.
  const float* concat(std::initializer_list<std::pair<const float*, size_t>> parts) {
    size_t n = 0;
    for (auto& p : parts) n += p.second;
    auto& v = owned_.emplace_back(n);
    size_t at = 0;
    for (auto& p : parts) {
      std::memcpy(v.data() + at, p.first, p.second * 4);
      at += p.second;
    }
    return v.data();
  }

 private:
  std::shared_ptr<SafetensorsFile> f_;
  std::vector<std::vector<float>>& owned_;
  std::string prefix_;
};

#define DPK_ASSIGN_OR_RETURN(lhs, expr) \
  do {                                  \
    auto r_ = (expr);                   \
    if (!r_.ok()) return r_.status();   \
    lhs = r_.value();                   \
  } while (0)

}  // namespace

StatusOr<std::shared_ptr<const BertWeights>> BertWeights::load(const BertConfig& c) {
  const std::string path = c.dir + "/model.safetensors";
  if (!std::filesystem::exists(path)) {
    return Status::Usage("no " + path + " (only safetensors weights are read; convert pytorch_model.bin first)");
  }
  auto f = SafetensorsFile::open(path);
  if (!f.ok()) return f.status();
  auto w = std::make_shared<BertWeights>();
  w->config = c;
  w->file_ = *f;
  const std::string prefix = (*f)->find("bert.embeddings.word_embeddings.weight") != nullptr ? "bert." : "";
  Loader L(*f, w->owned_, prefix);
  const int64_t H = c.hidden_size, I = c.intermediate_size;
  DPK_ASSIGN_OR_RETURN(w->word_embeddings, L.get("embeddings.word_embeddings.weight", c.vocab_size * H));
  DPK_ASSIGN_OR_RETURN(w->position_embeddings, L.get("embeddings.position_embeddings.weight", c.max_position_embeddings * H));
  DPK_ASSIGN_OR_RETURN(w->token_type_embeddings, L.get("embeddings.token_type_embeddings.weight", c.type_vocab_size * H));
  DPK_ASSIGN_OR_RETURN(w->emb_ln_g, L.get("embeddings.LayerNorm.weight", H));
  DPK_ASSIGN_OR_RETURN(w->emb_ln_b, L.get("embeddings.LayerNorm.bias", H));
  for (int i = 0; i < c.num_layers; ++i) {
    const std::string p = "encoder.layer." + std::to_string(i) + ".";
    BertLayerWeights l{};
    const float *qw, *kw, *vw, *qb, *kb, *vb;
    DPK_ASSIGN_OR_RETURN(qw, L.get(p + "attention.self.query.weight", H * H));
    DPK_ASSIGN_OR_RETURN(kw, L.get(p + "attention.self.key.weight", H * H));
    DPK_ASSIGN_OR_RETURN(vw, L.get(p + "attention.self.value.weight", H * H));
    DPK_ASSIGN_OR_RETURN(qb, L.get(p + "attention.self.query.bias", H));
    DPK_ASSIGN_OR_RETURN(kb, L.get(p + "attention.self.key.bias", H));
    DPK_ASSIGN_OR_RETURN(vb, L.get(p + "attention.self.value.bias", H));
    const auto hh = static_cast<size_t>(H * H), h = static_cast<size_t>(H);
    l.qkv_w = L.concat({{qw, hh}, {kw, hh}, {vw, hh}});
    l.qkv_b = L.concat({{qb, h}, {kb, h}, {vb, h}});
    DPK_ASSIGN_OR_RETURN(l.attn_out_w, L.get(p + "attention.output.dense.weight", H * H));
    DPK_ASSIGN_OR_RETURN(l.attn_out_b, L.get(p + "attention.output.dense.bias", H));
    DPK_ASSIGN_OR_RETURN(l.attn_ln_g, L.get(p + "attention.output.LayerNorm.weight", H));
    DPK_ASSIGN_OR_RETURN(l.attn_ln_b, L.get(p + "attention.output.LayerNorm.bias", H));
    DPK_ASSIGN_OR_RETURN(l.ffn_in_w, L.get(p + "intermediate.dense.weight", I * H));
    DPK_ASSIGN_OR_RETURN(l.ffn_in_b, L.get(p + "intermediate.dense.bias", I));
    DPK_ASSIGN_OR_RETURN(l.ffn_out_w, L.get(p + "output.dense.weight", H * I));
    DPK_ASSIGN_OR_RETURN(l.ffn_out_b, L.get(p + "output.dense.bias", H));
    DPK_ASSIGN_OR_RETURN(l.out_ln_g, L.get(p + "output.LayerNorm.weight", H));
    DPK_ASSIGN_OR_RETURN(l.out_ln_b, L.get(p + "output.LayerNorm.bias", H));
    w->layers.push_back(l);
  }
  return std::shared_ptr<const BertWeights>(std::move(w));
}

}  // namespace dpk
