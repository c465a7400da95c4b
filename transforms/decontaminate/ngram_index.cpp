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
  std::vector<uint64_t> hashes;
  std::vector<uint16_t> benchmarks;
  hashes.reserve(entries_.size());
  benchmarks.reserve(entries_.size());
  for (const auto& [h, b] : entries_) {
    hashes.push_back(h);
    benchmarks.push_back(b);
  }
  entries_.clear();
  entries_.shrink_to_fit();
  NgramIndex index;
  NgramIndex::from_sorted(std::move(hashes), std::move(benchmarks), index);
  return index;
}

bool NgramIndex::from_sorted(std::vector<uint64_t> hashes, std::vector<uint16_t> benchmarks, NgramIndex& out) {
  if (hashes.size() != benchmarks.size() || hashes.size() > UINT32_MAX) return false;
  for (size_t i = 1; i < hashes.size(); ++i) {
    if (hashes[i - 1] >= hashes[i]) return false;
  }
  out.hashes_ = std::move(hashes);
  out.benchmarks_ = std::move(benchmarks);
  out.build_directory();
  return true;
}

void NgramIndex::build_directory() {
  // About four hashes per bucket.
  int bits = 1;
  while (bits < 30 && (size_t{1} << bits) * 4 < hashes_.size()) ++bits;
  shift_ = 64 - bits;
  directory_.assign((size_t{1} << bits) + 1, 0);
  for (uint64_t h : hashes_) ++directory_[(h >> shift_) + 1];
  for (size_t i = 1; i < directory_.size(); ++i) directory_[i] += directory_[i - 1];
}

}  // namespace dpk::decontaminate
