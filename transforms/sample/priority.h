// priority.h — the sampling priority of a document: a seeded hash of where
// it is in the input (ordinal, child), so the choice depends on neither the
// thread count nor the block size, and a rerun picks the same documents.
#pragma once

#include <compare>
#include <cstdint>

#include "dpk/document.h"

namespace dpk::sample {

struct SampleKey {
  uint64_t priority = 0;
  uint64_t ordinal = 0;  // with child, breaks ties: keys are unique in a shard
  uint32_t child = 0;
  auto operator<=>(const SampleKey&) const = default;
};

// XXH3-64, seeded, of the 8 little-endian bytes of `ordinal` then the 4 of
// `child`.
uint64_t sample_priority(uint64_t seed, uint64_t ordinal, uint32_t child);

inline SampleKey sample_key(uint64_t seed, const Document& doc) {
  return {sample_priority(seed, doc.ordinal, doc.child), doc.ordinal, doc.child};
}

}  // namespace dpk::sample
