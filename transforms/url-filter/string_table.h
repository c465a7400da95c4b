// string_table.h — a set of strings with a value each, for the lookups on
// every URL: one hash, a probe in a flat array of 8-byte (tag, index)
// slots, and the string itself compared only when the 32-bit tags agree. A miss, the
// common case, touches one slot even in a list of millions of domains
// (std::unordered_map costs a division and a pointer chase per lookup).
//
//   StringTable t;
//   t.reserve(2);
//   t.insert("casino", 7);
//   const StringTable::Entry* e = t.find("casino");   // e->value == 7
#pragma once

#include <xxhash.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace dpk::url_filter {

class StringTable {
 public:
  struct Entry {
    std::string key;
    uint32_t value = 0;
  };

  // Room for `n` entries in all without growing.
  void reserve(size_t n) {
    entries_.reserve(n);
    if (n * 2 > slots_.size()) grow(n * 2);
  }
  // Keeps the first value of a key inserted twice.
  void insert(std::string key, uint32_t value) {
    if ((entries_.size() + 1) * 2 > slots_.size()) grow((entries_.size() + 1) * 2);
    const uint64_t h = XXH3_64bits(key.data(), key.size());
    size_t i = h & mask_;
    for (; slots_[i].index != kEmpty; i = (i + 1) & mask_) {
      if (slots_[i].tag == tag_of(h) && entries_[slots_[i].index].key == key) return;
    }
    slots_[i] = {tag_of(h), static_cast<uint32_t>(entries_.size())};
    entries_.push_back({std::move(key), value});
  }
  const Entry* find(std::string_view key) const {
    if (entries_.empty()) return nullptr;
    const uint64_t h = XXH3_64bits(key.data(), key.size());
    for (size_t i = h & mask_;; i = (i + 1) & mask_) {
      const Slot& s = slots_[i];
      if (s.index == kEmpty) return nullptr;
      if (s.tag == tag_of(h) && entries_[s.index].key == key) return &entries_[s.index];
    }
  }
  size_t size() const { return entries_.size(); }
  bool empty() const { return entries_.empty(); }

 private:
  static constexpr uint32_t kEmpty = UINT32_MAX;
  struct Slot {
    uint32_t tag = 0;  // the hash's high half; the low bits pick the slot
    uint32_t index = kEmpty;
  };
  static uint32_t tag_of(uint64_t h) { return static_cast<uint32_t>(h >> 32); }
  // At most half full: probes stay short.
  void grow(size_t at_least) {
    size_t n = 16;
    while (n < at_least) n *= 2;
    std::vector<Slot> old = std::move(slots_);
    slots_.assign(n, Slot{});
    mask_ = n - 1;
    for (const Slot& s : old) {
      if (s.index == kEmpty) continue;
      const std::string& key = entries_[s.index].key;
      size_t i = XXH3_64bits(key.data(), key.size()) & mask_;
      while (slots_[i].index != kEmpty) i = (i + 1) & mask_;
      slots_[i] = s;
    }
  }
  std::vector<Entry> entries_;
  std::vector<Slot> slots_;
  size_t mask_ = 0;
};

}  // namespace dpk::url_filter
