// chunk_packer.cpp — see chunk_packer.h.
#include "chunk_packer.h"

namespace dpk {

uint64_t packed_size(const std::vector<PackUnit>& u, uint32_t first, uint32_t last, const PackLimit& limit) {
  if (limit.mode == PackLimit::kChars) return u[last].cend - u[first].cbegin;
  uint64_t t = 0;
  for (uint32_t i = first; i <= last; ++i) t += u[i].tokens;
  return t;
}

void pack_units(const std::vector<PackUnit>& u, const PackLimit& limit, std::vector<PackedChunk>& out) {
  out.clear();
  const auto n = static_cast<uint32_t>(u.size());
  uint32_t start = 0;
  while (start < n) {
    uint32_t last = start;
    while (last + 1 < n && u[last + 1].group == u[start].group &&
           packed_size(u, start, last + 1, limit) <= limit.max) {
      ++last;
    }
    out.push_back({start, last});
    if (last + 1 >= n) break;
    uint32_t next = last + 1;
    if (limit.overlap > 0 && u[last + 1].group == u[start].group) {
      // Walk back from the end while the tail still fits in the overlap.
      uint32_t k = last;
      while (k > start + 1 && packed_size(u, k - 1, last, limit) <= limit.overlap) --k;
      // The overlap must leave room for at least the next new unit.
      while (k <= last && packed_size(u, k, last + 1, limit) > limit.max) ++k;
      if (k > start && k <= last && packed_size(u, k, last, limit) <= limit.overlap) next = k;
    }
    start = next;
  }
}

}  // namespace dpk
