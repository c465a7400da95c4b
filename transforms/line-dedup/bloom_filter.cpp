#include "bloom_filter.h"

#include <bit>
#include <cmath>

namespace dpk::line_dedup {

BloomFilter::BloomFilter(uint64_t bits, int probes)
    : bits_(bits < 64 ? 64 : bits), probes_(probes), words_(new std::atomic<uint64_t>[(bits_ + 63) / 64]) {
  for (uint64_t i = 0; i < (bits_ + 63) / 64; ++i) words_[i].store(0, std::memory_order_relaxed);
}

namespace {
// splitmix64's finalizer: spreads any key (hashes or not) over all 64 bits.
uint64_t mix(uint64_t x) {
  x ^= x >> 30;
  x *= 0xBF58476D1CE4E5B9ull;
  x ^= x >> 27;
  x *= 0x94D049BB133111EBull;
  return x ^ (x >> 31);
}
}  // namespace

// Double hashing (Kirsch-Mitzenmacher): probe i = h1 + i*h2 mod m.
uint64_t BloomFilter::probe(uint64_t key, int i) const {
  const uint64_t h1 = mix(key);
  const uint64_t h2 = mix(h1 ^ 0x9E3779B97F4A7C15ull) | 1;
  return (h1 + static_cast<uint64_t>(i) * h2) % bits_;
}

bool BloomFilter::insert(uint64_t key) {
  bool all = true;
  for (int i = 0; i < probes_; ++i) {
    const uint64_t b = probe(key, i);
    const uint64_t mask = uint64_t{1} << (b & 63);
    all &= (words_[b >> 6].fetch_or(mask, std::memory_order_relaxed) & mask) != 0;
  }
  return all;
}

bool BloomFilter::contains(uint64_t key) const {
  for (int i = 0; i < probes_; ++i) {
    const uint64_t b = probe(key, i);
    if ((words_[b >> 6].load(std::memory_order_relaxed) & (uint64_t{1} << (b & 63))) == 0) return false;
  }
  return true;
}

double BloomFilter::fill_ratio() const {
  uint64_t set = 0;
  for (uint64_t i = 0; i < (bits_ + 63) / 64; ++i) set += static_cast<uint64_t>(std::popcount(words_[i].load()));
  return static_cast<double>(set) / static_cast<double>(bits_);
}

double BloomFilter::false_positive_rate() const { return std::pow(fill_ratio(), probes_); }

double BloomFilter::estimated_keys() const {
  const double f = fill_ratio();
  if (f >= 1.0) return INFINITY;
  return -(static_cast<double>(bits_) / probes_) * std::log1p(-f);
}

}  // namespace dpk::line_dedup
