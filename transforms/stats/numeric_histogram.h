// stats/numeric_histogram.h — the distribution of one numeric field (any
// JSON number: scores, counts, years), mergeable, in memory that does not
// grow with the corpus.
//
// Each value goes to a bucket keyed by its sign, binary exponent and top
// kMantissaBits bits of mantissa, so a bucket spans at most 1/32 of its
// lower bound (integers below 64 get a bucket each). Buckets are kept
// sparsely: a field of probabilities uses a few hundred, never more than
// about 130,000. Count, min, max and sum are exact.
//
//   NumericHistogram h;
//   h.add(0.93);
//   auto bins = h.linear_bins(30);  // for a chart: counts sum to h.count()
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <string_view>
#include <vector>

namespace dpk::stats {

// Parses a JSON number (the raw text of a field's value); false for
// anything else (strings, true, null, objects, numbers out of double range).
bool parse_json_number(std::string_view raw, double& out);

class NumericHistogram {
 public:
  static constexpr int kMantissaBits = 5;

  void add(double v);
  void merge(const NumericHistogram& o);

  uint64_t count() const { return count_; }
  double min() const { return min_; }
  double max() const { return max_; }
  double mean() const { return count_ ? sum_ / static_cast<double>(count_) : 0.0; }
  bool all_integers() const { return all_integers_; }
  // The value of nearest rank ceil(q * count): the lower bound (nearest
  // zero) of its bucket, clamped to [min, max]; 0 when empty.
  double quantile(double q) const;

  // Equal-width bins covering [min, max] for a chart, at most max_bins (+1
  // for a float field): integer fields get bins of a whole number of
  // integers (one each when the range allows), others a width of 1, 2, 2.5
  // or 5 times a power of ten. Each bucket falls wholly into the bin of its
  // representative value, so the bins' counts sum to count().
  struct Bin {
    double low = 0, high = 0;  // [low, high)
    uint64_t count = 0;
  };
  std::vector<Bin> linear_bins(size_t max_bins) const;

 private:
  static int64_t key_of(double v);
  static double value_of(int64_t key);  // the bucket's bound nearest zero
  std::map<int64_t, uint64_t> buckets_;
  uint64_t count_ = 0;
  double sum_ = 0, min_ = 0, max_ = 0;
  bool all_integers_ = true;
};

}  // namespace dpk::stats
