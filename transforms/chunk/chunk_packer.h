// chunk_packer.h — packs consecutive units (sentences, paragraphs, words)
// into chunks no larger than a limit, with an overlap.
//
// Each unit has a byte span, a code point span and a token count; a chunk
// is a run of units of one group (a markdown section). In chars mode a
// chunk's size is the code points from its first unit's start to its last
// unit's end (the gaps count); in tokens mode it is the sum of the units'
// tokens. The next chunk starts at the earliest unit of the previous one
// whose run to that chunk's end fits in `overlap` (always after the previous
// start, so packing moves on). A unit larger than the limit is a chunk alone.
//
//   std::vector<dpk::PackUnit> units = ...;
//   std::vector<dpk::PackedChunk> chunks;
//   dpk::pack_units(units, dpk::PackLimit{dpk::PackLimit::kChars, 1000, 100}, chunks);
#pragma once

#include <cstdint>
#include <vector>

namespace dpk {

struct PackUnit {
  uint32_t begin, end;    // bytes
  uint64_t cbegin, cend;  // code points
  uint32_t tokens;
  uint32_t group;
};

struct PackLimit {
  enum Mode { kChars, kTokens } mode;
  uint64_t max;
  uint64_t overlap;
};

struct PackedChunk {
  uint32_t first_unit;
  uint32_t last_unit;  // inclusive
};

void pack_units(const std::vector<PackUnit>& units, const PackLimit& limit, std::vector<PackedChunk>& out);

// Size of units [first, last] under `limit`'s mode.
uint64_t packed_size(const std::vector<PackUnit>& units, uint32_t first, uint32_t last, const PackLimit& limit);

}  // namespace dpk
