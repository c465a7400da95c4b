// bert_config.h — what dpk needs to know of a sentence-transformers BERT
// model folder: config.json (sizes), sentence_bert_config.json (maximum
// sequence length), modules.json and 1_Pooling/config.json (pooling and
// normalization).
//
//   auto cfg = dpk::read_bert_config("/path/to/model");
//   if (cfg.ok()) use(cfg->hidden_size, cfg->max_seq_length);
#pragma once

#include <string>

#include "dpk/status.h"

namespace dpk {

enum class Pooling { kMean, kCls };

struct BertConfig {
  std::string dir;
  int vocab_size = 0;
  int hidden_size = 0;
  int num_layers = 0;
  int num_heads = 0;
  int intermediate_size = 0;
  int max_position_embeddings = 512;
  int type_vocab_size = 2;
  float layer_norm_eps = 1e-12f;
  int max_seq_length = 512;  // tokens per text, [CLS] and [SEP] included
  Pooling pooling = Pooling::kMean;
  bool normalize = false;  // a Normalize module follows pooling
};

StatusOr<BertConfig> read_bert_config(const std::string& dir);

}  // namespace dpk
