// bottom_k.h — the k smallest keys seen, in a bounded max-heap.
//
// Keeping the k smallest of uniform random priorities is a uniform sample
// without replacement (bottom-k sampling); unlike a classic reservoir it can
// be split across workers and merged, with the same result for any split.
// Memory is O(k); after warm-up an offer never allocates.
#pragma once

#include <cstdint>
#include <vector>

#include "priority.h"

namespace dpk::sample {

class BottomK {
 public:
  explicit BottomK(uint64_t k) : k_(k) {}

  void offer(const SampleKey& key);
  // Moves the other's keys in; leaves it empty.
  void merge_from(BottomK& other);

  uint64_t k() const { return k_; }
  size_t size() const { return heap_.size(); }
  bool full() const { return heap_.size() >= k_; }
  // The largest key held (the k-th smallest seen once full); needs size() > 0.
  const SampleKey& largest() const { return heap_.front(); }

 private:
  uint64_t k_;
  std::vector<SampleKey> heap_;  // max-heap: front() is the largest kept
};

}  // namespace dpk::sample
