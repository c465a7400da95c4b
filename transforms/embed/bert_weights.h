// bert_weights.h — the weights of a BERT encoder, as float32 row-major
// matrices (a Linear weight is [out, in], as PyTorch stores it).
//
// F32 tensors are used in place in the memory-mapped safetensors file; F16
// and BF16 tensors are widened into owned buffers. Query, key and value
// projections are concatenated into one [3H, H] matrix so one GEMM makes all
// three.
//
//   auto w = dpk::BertWeights::load(config);   // reads config.dir/model.safetensors
//   const float* emb = w->word_embeddings;
#pragma once

#include <memory>
#include <vector>

#include "bert_config.h"
#include "dpk/status.h"

namespace dpk {

class SafetensorsFile;

struct BertLayerWeights {
  const float* qkv_w;  // [3H, H]
  const float* qkv_b;  // [3H]
  const float* attn_out_w;  // [H, H]
  const float* attn_out_b;
  const float* attn_ln_g;
  const float* attn_ln_b;
  const float* ffn_in_w;  // [I, H]
  const float* ffn_in_b;  // [I]
  const float* ffn_out_w;  // [H, I]
  const float* ffn_out_b;
  const float* out_ln_g;
  const float* out_ln_b;
};

struct BertWeights {
  BertConfig config;
  const float* word_embeddings;      // [V, H]
  const float* position_embeddings;  // [P, H]
  const float* token_type_embeddings;  // [T, H]; row 0 is used
  const float* emb_ln_g;
  const float* emb_ln_b;
  std::vector<BertLayerWeights> layers;

  static StatusOr<std::shared_ptr<const BertWeights>> load(const BertConfig& config);

 private:
  std::shared_ptr<SafetensorsFile> file_;
  std::vector<std::vector<float>> owned_;
};

}  // namespace dpk
