// text_embedder.h — texts in, one vector each out: tokenizes, sorts the
// texts by token count (so a batch holds texts of similar length), runs the
// encoder backend batch by batch and puts each vector back in input order.
//
//   dpk::TextEmbedder e(tokenizer, dpk::make_cpu_encoder(weights), config, 32);
//   std::vector<float> v;
//   e.embed({"first text", "second"}, v);   // 2 x config.hidden_size floats
#pragma once

#include <memory>
#include <string_view>
#include <vector>

#include "bert_config.h"
#include "encoder_backend.h"
#include "wordpiece_tokenizer.h"

namespace dpk {

class TextEmbedder {
 public:
  TextEmbedder(WordPieceTokenizer tokenizer, std::unique_ptr<EncoderBackend> backend, const BertConfig& config,
               size_t batch_size, size_t max_length = 0);
  void embed(const std::vector<std::string_view>& texts, std::vector<float>& out);
  size_t dim() const { return static_cast<size_t>(config_.hidden_size); }
  const EncoderBackend& backend() const { return *backend_; }
  // The ids the model sees for `text` ([CLS] ... [SEP], truncated).
  void token_ids(std::string_view text, std::vector<int32_t>& ids) { tokenizer_.encode(text, max_length_, ids); }

 private:
  WordPieceTokenizer tokenizer_;
  std::unique_ptr<EncoderBackend> backend_;
  BertConfig config_;
  size_t batch_size_;
  size_t max_length_;
  std::vector<std::vector<int32_t>> ids_;
  std::vector<uint32_t> order_;
  std::vector<int32_t> packed_;
  std::vector<uint32_t> offsets_;
  std::vector<float> batch_out_;
};

}  // namespace dpk
