#include "numeric_histogram.h"

#include <algorithm>
#include <bit>
#include <charconv>
#include <cmath>

#include "log_histogram.h"

namespace dpk::stats {

bool parse_json_number(std::string_view raw, double& out) {
  if (raw.empty() || !(raw.front() == '-' || (raw.front() >= '0' && raw.front() <= '9'))) return false;
  // from_chars is locale-independent and accepts exactly JSON's number
  // syntax plus a few extras (leading zeros) that do no harm here.
  const auto [end, ec] = std::from_chars(raw.data(), raw.data() + raw.size(), out);
  return ec == std::errc() && end == raw.data() + raw.size() && std::isfinite(out);
}

int64_t NumericHistogram::key_of(double v) {
  if (v == 0) return 0;
  // The magnitude's bits, cut to exponent + top mantissa bits, keep the
  // order of magnitudes; +1 leaves 0 for zero, the sign gives negatives.
  const uint64_t bits = std::bit_cast<uint64_t>(std::fabs(v)) >> (52 - kMantissaBits);
  const int64_t k = static_cast<int64_t>(bits) + 1;
  return v < 0 ? -k : k;
}

double NumericHistogram::value_of(int64_t key) {
  if (key == 0) return 0;
  const uint64_t bits = static_cast<uint64_t>(key < 0 ? -key : key) - 1;
  const double mag = std::bit_cast<double>(bits << (52 - kMantissaBits));
  return key < 0 ? -mag : mag;
}

void NumericHistogram::add(double v) {
  ++buckets_[key_of(v)];
  if (count_ == 0 || v < min_) min_ = v;
  if (count_ == 0 || v > max_) max_ = v;
  ++count_;
  sum_ += v;
  all_integers_ = all_integers_ && v == std::trunc(v) && std::fabs(v) < 9.0e15;
}

void NumericHistogram::merge(const NumericHistogram& o) {
  if (o.count_ == 0) return;
  for (const auto& [k, n] : o.buckets_) buckets_[k] += n;
  min_ = count_ == 0 ? o.min_ : std::min(min_, o.min_);
  max_ = count_ == 0 ? o.max_ : std::max(max_, o.max_);
  count_ += o.count_;
  sum_ += o.sum_;
  all_integers_ = all_integers_ && o.all_integers_;
}

double NumericHistogram::quantile(double q) const {
  if (count_ == 0) return 0;
  const uint64_t rank = nearest_rank(q, count_);
  uint64_t seen = 0;
  for (const auto& [k, n] : buckets_) {
    seen += n;
    if (seen >= rank) return std::clamp(value_of(k), min_, max_);
  }
  return max_;
}

namespace {

// The smallest of 1, 2, 2.5 and 5 times a power of ten that is at least
// `raw`: bin edges people read at a glance (0.05, 250, 2000).
double nice_width(double raw) {
  const double p = std::pow(10.0, std::floor(std::log10(raw)));
  for (double m : {1.0, 2.0, 2.5, 5.0, 10.0}) {
    if (m * p >= raw) return m * p;
  }
  return 10 * p;
}

}  // namespace

std::vector<NumericHistogram::Bin> NumericHistogram::linear_bins(size_t max_bins) const {
  std::vector<Bin> bins;
  if (count_ == 0 || max_bins == 0) return bins;
  const double span = max_ - min_;
  double start = min_, width = 1;
  size_t n = 1;
  if (all_integers_) {
    // Whole numbers per bin, so every bar counts the same integers.
    const double values = span + 1;
    width = std::ceil(values / static_cast<double>(max_bins));
    n = static_cast<size_t>(std::ceil(values / width));
  } else if (span > 0) {
    width = nice_width(span / static_cast<double>(max_bins));
    start = std::floor(min_ / width) * width;
    n = std::min(max_bins + 1, static_cast<size_t>(std::floor((max_ - start) / width)) + 1);
  }
  bins.resize(n);
  for (size_t i = 0; i < n; ++i) {
    bins[i].low = start + width * static_cast<double>(i);
    bins[i].high = bins[i].low + width;
  }
  for (const auto& [k, c] : buckets_) {
    const double v = std::clamp(value_of(k), min_, max_);
    const double pos = std::floor((v - start) / width);
    const size_t i = pos <= 0 ? 0 : std::min(static_cast<size_t>(pos), n - 1);
    bins[i].count += c;
  }
  return bins;
}

}  // namespace dpk::stats
