#include "bottom_k.h"

#include <algorithm>

namespace dpk::sample {

void BottomK::offer(const SampleKey& key) {
  if (k_ == 0) return;
  if (heap_.size() < k_) {
    heap_.push_back(key);
    std::push_heap(heap_.begin(), heap_.end());
  } else if (key < heap_.front()) {
    // Replace the largest in place: no allocation once the heap is full.
    std::pop_heap(heap_.begin(), heap_.end());
    heap_.back() = key;
    std::push_heap(heap_.begin(), heap_.end());
  }
}

void BottomK::merge_from(BottomK& other) {
  for (const auto& key : other.heap_) offer(key);
  other.heap_.clear();
  other.heap_.shrink_to_fit();  // the merged copy is the one that matters now
}

}  // namespace dpk::sample
