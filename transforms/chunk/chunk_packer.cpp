// chunk_packer.cpp — see chunk_packer.h.
#include "chunk_packer.h"

namespace dpk {

void ChunkPacker::add(const PackUnit& u, std::vector<PackedChunk>& done) {
  if (!run_.empty() && (u.group != run_.front().group || size(run_.front(), u) > limit_.max)) {
    done.push_back({run_.front(), run_.back()});
    const size_t last = run_.size() - 1;
    size_t next = run_.size();  // index in run_ of the next chunk's first unit
    if (limit_.overlap > 0 && u.group == run_.front().group) {
      // Walk back from the end while the tail still fits in the overlap
      // (never to the chunk's first unit: the next chunk must move on).
      size_t k = last;
      while (k > 1 && size(run_[k - 1], run_[last]) <= limit_.overlap) --k;
      // The overlap must leave room for the new unit.
      while (k <= last && size(run_[k], u) > limit_.max) ++k;
      if (k > 0 && k <= last && size(run_[k], run_[last]) <= limit_.overlap) next = k;
    }
    run_.erase(run_.begin(), run_.begin() + static_cast<std::ptrdiff_t>(next));
  }
  run_.push_back(u);
}

void ChunkPacker::finish(std::vector<PackedChunk>& done) {
  if (!run_.empty()) done.push_back({run_.front(), run_.back()});
  run_.clear();
}

}  // namespace dpk
