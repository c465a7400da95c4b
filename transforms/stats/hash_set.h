// stats/hash_set.h — a set of 64-bit hashes with open addressing: 8 bytes a
// slot, kept 40-80% full, so 10-20 bytes per distinct key (a node-based
// std::unordered_set would take 3-4 times that).
#pragma once

#include <cstdint>
#include <vector>

namespace dpk::stats {

class Hash64Set {
 public:
  // True when `h` was not in the set yet.
  bool insert(uint64_t h);
  void merge(const Hash64Set& o);
  uint64_t size() const { return size_; }
  uint64_t memory_bytes() const { return slots_.size() * sizeof(uint64_t); }

 private:
  void grow();
  std::vector<uint64_t> slots_;  // 0 = empty; a hash of 0 is stored as 1
  uint64_t size_ = 0;
};

}  // namespace dpk::stats
