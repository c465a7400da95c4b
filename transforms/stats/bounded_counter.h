// stats/bounded_counter.h — exact counts of string keys while there are
// fewer than a limit of distinct keys; past it, new keys are no longer added
// (their occurrences are counted as `uncounted`) so memory stays bounded.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

namespace dpk::stats {

class BoundedCounter {
 public:
  static constexpr size_t kDefaultLimit = 100000;
  explicit BoundedCounter(size_t limit = kDefaultLimit) : limit_(limit) {}

  void add(std::string_view key, uint64_t n = 1);
  void merge(const BoundedCounter& o);

  // The n most frequent keys: count descending, then key ascending.
  std::vector<std::pair<std::string_view, uint64_t>> top(size_t n) const;
  size_t distinct() const { return counts_.size(); }
  bool truncated() const { return truncated_; }
  uint64_t uncounted() const { return uncounted_; }
  uint64_t count(std::string_view key) const;

 private:
  // Transparent hashing: looking up a string_view allocates nothing.
  struct Hash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const;
  };
  std::unordered_map<std::string, uint64_t, Hash, std::equal_to<>> counts_;
  size_t limit_;
  bool truncated_ = false;
  uint64_t uncounted_ = 0;
};

}  // namespace dpk::stats
