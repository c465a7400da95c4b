// chunk_packer.h — packs consecutive units (sentences, paragraphs, words)
// into chunks no larger than a limit, with an overlap, as the units come.
//
// Each unit has a byte span, a code point span and a token span (tokens
// counted from the document's start, so the size of any run of units is one
// subtraction); a chunk is a run of units of one group (a markdown section).
// In chars mode a chunk's size is the code points from its first unit's
// start to its last unit's end (the gaps count); in tokens mode it is the
// sum of the units' tokens. The next chunk starts at the earliest unit of
// the previous one whose run to that chunk's end fits in `overlap` (always
// after the previous start, so packing moves on). A unit larger than the
// limit is a chunk alone.
//
// The packer holds only the units of the chunk being filled: memory follows
// the chunk size, never the document's, and each unit is looked at a
// bounded number of times.
//
//   dpk::ChunkPacker packer(dpk::PackLimit{dpk::PackLimit::kChars, 1000, 100});
//   std::vector<dpk::PackedChunk> done;
//   for (const dpk::PackUnit& u : units) packer.add(u, done);   // appends finished chunks
//   packer.finish(done);                                        // the last one
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace dpk {

struct PackUnit {
  uint32_t begin, end;    // bytes
  uint64_t cbegin, cend;  // code points
  uint64_t tbegin, tend;  // tokens before the unit, and through its end
  uint32_t group;
};

struct PackLimit {
  enum Mode { kChars, kTokens } mode;
  uint64_t max;
  uint64_t overlap;
};

// A chunk: its first and last unit (inclusive).
struct PackedChunk {
  PackUnit first;
  PackUnit last;
};

class ChunkPacker {
 public:
  explicit ChunkPacker(const PackLimit& limit) : limit_(limit) {}

  // Starts a new document.
  void reset() { run_.clear(); }
  // Adds the next unit (units come in text order); appends to `done` the
  // chunk it completes, if any.
  void add(const PackUnit& u, std::vector<PackedChunk>& done);
  // Appends the last chunk of the document, if any, and resets.
  void finish(std::vector<PackedChunk>& done);

 private:
  // Size of the run of units from `first` through `last`.
  uint64_t size(const PackUnit& first, const PackUnit& last) const {
    return limit_.mode == PackLimit::kChars ? last.cend - first.cbegin : last.tend - first.tbegin;
  }

  PackLimit limit_;
  std::vector<PackUnit> run_;  // the units of the chunk being filled
};

}  // namespace dpk
