// bloom_filter.h — a fixed-size Bloom filter shared by all worker threads
// (atomic bit sets), for line-dedup's bounded-memory mode.
//
// With m bits, k probes and n distinct keys inserted, the chance that a key
// never inserted tests positive is p = (1 - e^(-k n / m))^k, which equals the
// fraction of bits set raised to the power k; false_positive_rate() reports
// that from the bits actually set.
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>

namespace dpk::line_dedup {

class BloomFilter {
 public:
  BloomFilter(uint64_t bits, int probes);
  // Sets the key's bits; returns true when all of them were set already.
  bool insert(uint64_t key);
  bool contains(uint64_t key) const;
  uint64_t bits() const { return bits_; }
  int probes() const { return probes_; }
  double fill_ratio() const;
  double false_positive_rate() const;
  // Distinct keys inserted, estimated from the fill: -(m/k) ln(1 - fill).
  double estimated_keys() const;

 private:
  uint64_t probe(uint64_t key, int i) const;
  uint64_t bits_;
  int probes_;
  std::unique_ptr<std::atomic<uint64_t>[]> words_;
};

}  // namespace dpk::line_dedup
