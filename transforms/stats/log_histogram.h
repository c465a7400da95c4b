// stats/log_histogram.h — a fixed-size log-scale histogram of non-negative
// integers (text lengths) that answers quantiles in O(1) memory.
//
// Values 0..15 are counted exactly; above that each power of two is split
// into 8 equal buckets up to 2^41, so a reported quantile (the middle of its
// bucket, clamped to [min, max]) is within kRelativeError of the true value.
// Larger values share the last bucket (min/max/mean stay exact).
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>

namespace dpk::stats {

class LogHistogram {
 public:
  static constexpr int kSubBuckets = 8;  // per power of two
  static constexpr int kMaxExponent = 40;
  static constexpr size_t kBuckets = kSubBuckets + (kMaxExponent - 2) * kSubBuckets;
  // Half a bucket's width over its lower bound: 1/(2*8).
  static constexpr double kRelativeError = 1.0 / 16;

  void add(uint64_t v) {
    ++buckets_[bucket_of(v)];
    if (count_ == 0 || v < min_) min_ = v;
    if (v > max_) max_ = v;
    ++count_;
    sum_ += v;
  }
  void merge(const LogHistogram& o);

  uint64_t count() const { return count_; }
  uint64_t sum() const { return sum_; }
  uint64_t min() const { return min_; }
  uint64_t max() const { return max_; }
  double mean() const { return count_ ? static_cast<double>(sum_) / static_cast<double>(count_) : 0.0; }
  // The value of nearest rank ceil(q * count) (q in [0, 1]), within
  // kRelativeError; 0 when empty.
  uint64_t quantile(double q) const;

  static size_t bucket_of(uint64_t v);
  static uint64_t bucket_low(size_t b);   // smallest value in bucket b
  static uint64_t bucket_high(size_t b);  // one past the largest
  const std::array<uint64_t, kBuckets>& buckets() const { return buckets_; }

 private:
  std::array<uint64_t, kBuckets> buckets_{};
  uint64_t count_ = 0, sum_ = 0, min_ = 0, max_ = 0;
};

// The nearest rank of quantile q among n values (1-based), as quantile() uses it.
uint64_t nearest_rank(double q, uint64_t n);

}  // namespace dpk::stats
