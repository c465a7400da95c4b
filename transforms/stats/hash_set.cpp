#include "hash_set.h"

namespace dpk::stats {

bool Hash64Set::insert(uint64_t h) {
  if (h == 0) h = 1;
  // Grow at 80% load: linear probing stays short for well-mixed hashes.
  if ((size_ + 1) * 5 > slots_.size() * 4) grow();
  const uint64_t mask = slots_.size() - 1;
  for (uint64_t i = h & mask;; i = (i + 1) & mask) {
    if (slots_[i] == h) return false;
    if (slots_[i] == 0) {
      slots_[i] = h;
      ++size_;
      return true;
    }
  }
}

void Hash64Set::grow() {
  std::vector<uint64_t> old;
  old.swap(slots_);
  slots_.assign(old.empty() ? 1024 : old.size() * 2, 0);
  size_ = 0;
  for (uint64_t h : old) {
    if (h != 0) insert(h);
  }
}

void Hash64Set::merge(const Hash64Set& o) {
  for (uint64_t h : o.slots_) {
    if (h != 0) insert(h);
  }
}

}  // namespace dpk::stats
