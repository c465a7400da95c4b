#include "bounded_counter.h"

#include <xxhash.h>

#include <algorithm>

namespace dpk::stats {

size_t BoundedCounter::Hash::operator()(std::string_view s) const {
  return static_cast<size_t>(XXH3_64bits(s.data(), s.size()));
}

void BoundedCounter::add(std::string_view key, uint64_t n) {
  auto it = counts_.find(key);
  if (it != counts_.end()) {
    it->second += n;
  } else if (counts_.size() < limit_) {
    counts_.emplace(std::string(key), n);
  } else {
    truncated_ = true;
    uncounted_ += n;
  }
}

void BoundedCounter::merge(const BoundedCounter& o) {
  for (const auto& [k, n] : o.counts_) add(k, n);
  truncated_ |= o.truncated_;
  uncounted_ += o.uncounted_;
}

uint64_t BoundedCounter::count(std::string_view key) const {
  auto it = counts_.find(key);
  return it == counts_.end() ? 0 : it->second;
}

std::vector<std::pair<std::string_view, uint64_t>> BoundedCounter::top(size_t n) const {
  std::vector<std::pair<std::string_view, uint64_t>> v;
  v.reserve(counts_.size());
  for (const auto& [k, c] : counts_) v.emplace_back(k, c);
  auto before = [](const auto& a, const auto& b) {
    return a.second != b.second ? a.second > b.second : a.first < b.first;
  };
  n = std::min(n, v.size());
  std::partial_sort(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(n), v.end(), before);
  v.resize(n);
  return v;
}

}  // namespace dpk::stats
