// hash_tally.h — counts of 64-bit keys (hashes of lines, paragraphs,
// n-grams) in an open-addressing table that is cleared, not freed, between
// documents, so a filter instance allocates only while it grows.
//
//   HashTally t;  t.reset(n);
//   uint32_t seen_before = t.add(h);   // 0 the first time h is added
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace dpk::quality {

class HashTally {
 public:
  // Empties the table and sizes it for up to `expected` distinct keys.
  void reset(size_t expected) {
    size_t cap = 16;
    while (cap < expected * 2) cap <<= 1;
    if (slots_.size() < cap) slots_.resize(cap);
    mask_ = cap - 1;
    for (size_t i = 0; i < cap; ++i) slots_[i].count = 0;
  }
  // Adds one occurrence of `key`; returns how many times it was seen before.
  // `order` is remembered on the first occurrence (ties in top()).
  uint32_t add(uint64_t key, uint32_t order = 0) {
    for (size_t i = mix(key) & mask_;; i = (i + 1) & mask_) {
      Slot& s = slots_[i];
      if (s.count == 0) {
        s = {key, 1, order, 0};
        return 0;
      }
      if (s.key == key) return s.count++;
    }
  }
  // The key with the highest count, the earliest `order` among ties.
  template <typename F>
  void for_each(F&& f) const {
    for (size_t i = 0; i <= mask_; ++i) {
      if (slots_[i].count != 0) f(slots_[i].key, slots_[i].count, slots_[i].order);
    }
  }

 private:
  struct Slot {
    uint64_t key;
    uint32_t count;
    uint32_t order;
    uint32_t pad;
  };
  static uint64_t mix(uint64_t k) {
    k ^= k >> 33;
    k *= 0xff51afd7ed558ccdULL;
    k ^= k >> 33;
    return k;
  }
  std::vector<Slot> slots_;
  size_t mask_ = 0;
};

}  // namespace dpk::quality
