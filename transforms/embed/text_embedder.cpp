// text_embedder.cpp — see text_embedder.h.
#include "text_embedder.h"

#include <algorithm>
#include <numeric>

namespace dpk {

TextEmbedder::TextEmbedder(WordPieceTokenizer tokenizer, std::unique_ptr<EncoderBackend> backend,
                           const BertConfig& config, size_t batch_size, size_t max_length)
    : tokenizer_(std::move(tokenizer)),
      backend_(std::move(backend)),
      config_(config),
      batch_size_(std::max<size_t>(1, batch_size)),
      max_length_(max_length == 0 ? static_cast<size_t>(config.max_seq_length)
                                  : std::min(max_length, static_cast<size_t>(config.max_position_embeddings))) {}

void TextEmbedder::embed(const std::vector<std::string_view>& texts, std::vector<float>& out) {
  const size_t n = texts.size(), h = dim();
  out.resize(n * h);
  if (ids_.size() < n) ids_.resize(n);
  for (size_t i = 0; i < n; ++i) tokenizer_.encode(texts[i], max_length_, ids_[i]);
  order_.resize(n);
  std::iota(order_.begin(), order_.end(), 0u);
  std::stable_sort(order_.begin(), order_.end(), [&](uint32_t a, uint32_t b) { return ids_[a].size() < ids_[b].size(); });
  for (size_t first = 0; first < n; first += batch_size_) {
    const size_t count = std::min(batch_size_, n - first);
    packed_.clear();
    offsets_.assign(1, 0);
    for (size_t k = 0; k < count; ++k) {
      const auto& ids = ids_[order_[first + k]];
      packed_.insert(packed_.end(), ids.begin(), ids.end());
      offsets_.push_back(static_cast<uint32_t>(packed_.size()));
    }
    batch_out_.resize(count * h);
    backend_->encode(packed_.data(), offsets_.data(), count, batch_out_.data());
    for (size_t k = 0; k < count; ++k) {
      std::copy(batch_out_.begin() + static_cast<ptrdiff_t>(k * h), batch_out_.begin() + static_cast<ptrdiff_t>((k + 1) * h),
                out.begin() + static_cast<ptrdiff_t>(order_[first + k] * h));
    }
  }
}

}  // namespace dpk
