#include "log_histogram.h"

#include <algorithm>
#include <bit>
#include <cmath>

namespace dpk::stats {

size_t LogHistogram::bucket_of(uint64_t v) {
  if (v < kSubBuckets) return static_cast<size_t>(v);
  const int e = std::bit_width(v) - 1;  // v in [2^e, 2^(e+1)), e >= 3
  if (e > kMaxExponent) return kBuckets - 1;
  const uint64_t sub = (v >> (e - 3)) & (kSubBuckets - 1);
  return kSubBuckets + static_cast<size_t>(e - 3) * kSubBuckets + static_cast<size_t>(sub);
}

uint64_t LogHistogram::bucket_low(size_t b) {
  if (b < kSubBuckets) return b;
  const size_t e = 3 + (b - kSubBuckets) / kSubBuckets;
  const uint64_t sub = (b - kSubBuckets) % kSubBuckets;
  return (kSubBuckets + sub) << (e - 3);
}

uint64_t LogHistogram::bucket_high(size_t b) {
  if (b < kSubBuckets) return b + 1;
  const size_t e = 3 + (b - kSubBuckets) / kSubBuckets;
  return bucket_low(b) + (uint64_t{1} << (e - 3));
}

void LogHistogram::merge(const LogHistogram& o) {
  if (o.count_ == 0) return;
  for (size_t i = 0; i < kBuckets; ++i) buckets_[i] += o.buckets_[i];
  min_ = count_ == 0 ? o.min_ : std::min(min_, o.min_);
  max_ = std::max(max_, o.max_);
  count_ += o.count_;
  sum_ += o.sum_;
}

uint64_t nearest_rank(double q, uint64_t n) {
  // The small epsilon keeps q*n that is an integer in floating point (0.5*10)
  // from rounding up to the next rank.
  const double r = std::ceil(q * static_cast<double>(n) - 1e-9);
  return std::clamp<uint64_t>(r < 1 ? 1 : static_cast<uint64_t>(r), 1, n);
}

uint64_t LogHistogram::quantile(double q) const {
  if (count_ == 0) return 0;
  const uint64_t rank = nearest_rank(q, count_);
  uint64_t seen = 0;
  for (size_t b = 0; b < kBuckets; ++b) {
    seen += buckets_[b];
    if (seen >= rank) {
      // Middle of the bucket's integers, rounded: off by at most half a width.
      const uint64_t lo = bucket_low(b), width = bucket_high(b) - lo;
      return std::clamp(lo + width / 2, min_, max_);
    }
  }
  return max_;
}

}  // namespace dpk::stats
