// ngram_index.h — the n-grams of benchmark texts, as sorted 64-bit hashes,
// and the n-gram hashes of a text, computed as a rolling hash over its words.
//
// An n-gram's hash is a polynomial over its words' 64-bit hashes (xxHash3),
// rolled one word at a time, then mixed; no n-gram is ever copied. The index
// holds 10 bytes per distinct n-gram (hash and benchmark number), sorted by
// hash, with a directory on the top bits so a look-up reads one short run.
// Two different n-grams share a hash with probability about 2^-64 each.
//
//   dpk::decontaminate::NgramIndexBuilder b(13);
//   b.add_text(0, "the benchmark question ...");
//   dpk::decontaminate::NgramIndex index = std::move(b).build();
//   dpk::decontaminate::for_each_ngram(scanner, 13, [&](uint64_t h, size_t first) {
//     if (int bench = index.find(h); bench >= 0) ...
//   });
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "word_scanner.h"

namespace dpk::decontaminate {

uint64_t word_hash(std::string_view w);

// Calls fn(hash, first_word) for every run of n consecutive words of the
// scanner's last text (none when it has fewer than n words).
template <class Fn>
void for_each_ngram(const WordScanner& s, int n, Fn&& fn) {
  constexpr uint64_t kBase = 0x9E3779B97F4A7C15ULL;
  const size_t count = s.words().size();
  if (count < static_cast<size_t>(n)) return;
  uint64_t top = 1;  // kBase^(n-1)
  for (int i = 1; i < n; ++i) top *= kBase;
  // A ring of the window's word hashes, so the oldest can be taken out.
  uint64_t ring[64];
  uint64_t h = 0;
  for (size_t i = 0; i < count; ++i) {
    const uint64_t w = word_hash(s.word(i));
    if (i >= static_cast<size_t>(n)) h -= ring[i % n] * top;
    ring[i % n] = w;
    h = h * kBase + w;
    if (i + 1 >= static_cast<size_t>(n)) {
      uint64_t m = h ^ (h >> 31);
      m *= 0xBF58476D1CE4E5B9ULL;
      m ^= m >> 29;
      fn(m, i + 1 - static_cast<size_t>(n));
    }
  }
}

constexpr int kMaxNgram = 64;

class NgramIndex {
 public:
  // The number of the first benchmark (in the order given) holding an
  // n-gram of this hash, or -1.
  int find(uint64_t h) const {
    if (hashes_.empty()) return -1;
    const uint64_t d = h >> shift_;
    for (uint32_t i = directory_[d], e = directory_[d + 1]; i < e; ++i) {
      if (hashes_[i] == h) return benchmarks_[i];
      if (hashes_[i] > h) break;
    }
    return -1;
  }
  size_t size() const { return hashes_.size(); }
  // Hashes (sorted, distinct) and their benchmark numbers, as a saved index holds them.
  const std::vector<uint64_t>& hashes() const { return hashes_; }
  const std::vector<uint16_t>& benchmarks() const { return benchmarks_; }
  // An index of hashes already sorted and distinct (false when they are not).
  static bool from_sorted(std::vector<uint64_t> hashes, std::vector<uint16_t> benchmarks, NgramIndex& out);
  size_t bytes() const { return hashes_.size() * 10 + directory_.size() * 4; }

 private:
  void build_directory();
  std::vector<uint64_t> hashes_;
  std::vector<uint16_t> benchmarks_;
  std::vector<uint32_t> directory_;  // first index of each top-bits bucket, and the end
  int shift_ = 64;
};

class NgramIndexBuilder {
 public:
  explicit NgramIndexBuilder(int n) : n_(n) {}
  void add_text(uint16_t benchmark, std::string_view text);
  NgramIndex build() &&;

 private:
  int n_;
  WordScanner scanner_;
  std::vector<std::pair<uint64_t, uint16_t>> entries_;
};

}  // namespace dpk::decontaminate
