#include "ngram_index.h"

#include <xxhash.h>

#include <algorithm>

namespace dpk::decontaminate {

uint64_t word_hash(std::string_view w) { return XXH3_64bits(w.data(), w.size()); }

void NgramIndexBuilder::add_text(uint16_t benchmark, std::string_view text) {
  scanner_.scan(text);
  for_each_ngram(scanner_, n_, [&](uint64_t h, size_t) { entries_.emplace_back(h, benchmark); });
}

NgramIndex NgramIndexBuilder::build() && {
  // Sorted by hash, then benchmark: one entry per hash, the first benchmark's.
  std::sort(entries_.begin(), entries_.end());
  entries_.erase(std::unique(entries_.begin(), entries_.end(),
                             [](const auto& a, const auto& b) { return a.first == b.first; }),
                 entries_.end());
  NgramIndex index;
  index.hashes_.reserve(entries_.size());
  index.benchmarks_.reserve(entries_.size());
  for (const auto& [h, b] : entries_) {
    index.hashes_.push_back(h);
    index.benchmarks_.push_back(b);
  }
  entries_.clear();
  entries_.shrink_to_fit();
  // About four hashes per bucket.
  int bits = 1;
  while (bits < 30 && (size_t{1} << bits) * 4 < index.hashes_.size()) ++bits;
  index.shift_ = 64 - bits;
  index.directory_.assign((size_t{1} << bits) + 1, 0);
  for (uint64_t h : index.hashes_) ++index.directory_[(h >> index.shift_) + 1];
  for (size_t i = 1; i < index.directory_.size(); ++i) index.directory_[i] += index.directory_[i - 1];
  return index;
}

}  // namespace dpk::decontaminate
