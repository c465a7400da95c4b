// duplicate_table.h — the keyed data of exact dedup: (text hash, position)
// records in, "which documents are copies of which" out.
//
// A position names a document the same way for any thread count and any
// shard count: the input file's index in the full sorted input list (24 bits)
// and the document's 1-based line in that file (40 bits). The first
// occurrence of a text is the one with the smallest position.
//
//   HashRecords recs;                  // filled by observe() or read from files
//   recs.add(hash, pos, id);
//   DuplicateTable t;
//   t.add_groups(recs, /*keep_members=*/true);   // sorts recs, keeps groups of >= 2
//   t.seal();
//   if (const DupEntry* e = t.find(pos)) ...     // e->kept_pos != pos: a copy
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "dpk/status.h"

namespace dpk::exact_dedup {

constexpr int kLineBits = 40;
constexpr uint64_t kMaxLine = (uint64_t{1} << kLineBits) - 1;
constexpr uint64_t kMaxFileIndex = (uint64_t{1} << (64 - kLineBits)) - 1;

inline uint64_t make_position(uint64_t file_index, uint64_t line) { return (file_index << kLineBits) | line; }
inline uint64_t position_file(uint64_t pos) { return pos >> kLineBits; }
inline uint64_t position_line(uint64_t pos) { return pos & kMaxLine; }
// "FILE_INDEX:LINE", what dup_of holds when the kept document has no id.
std::string position_text(uint64_t pos);

struct HashRecord {
  uint64_t hi, lo;  // XXH3_128bits of the (normalized) text
  uint64_t pos;
  uint64_t id_ref;  // offset into HashRecords::ids, or kNoId
};
constexpr uint64_t kNoId = ~uint64_t{0};

// Records with the ids they carry (ids only when dup_of needs them).
struct HashRecords {
  std::vector<HashRecord> records;
  std::string ids;  // each id: 4-byte length, then the bytes

  void add(uint64_t hi, uint64_t lo, uint64_t pos, const std::string_view* id);
  void append(HashRecords&& other);
  std::string_view id(uint64_t ref) const;
  void clear();
  // Binary form (native byte order; files are read on the same platform).
  void serialize(std::string& out) const;
  Status parse(std::string_view bytes, const std::string& where);
};

// One member of a group of documents with the same text.
struct DupEntry {
  uint64_t pos;
  uint64_t kept_pos;
  uint64_t count;   // documents in the group, the kept one included
  uint64_t id_ref;  // the kept document's id in DuplicateTable's ids, or kNoId
};

class DuplicateTable {
 public:
  // Sorts `recs` by (hash, position) and adds every member of each group of
  // two or more; with keep_members false, only the copies (not the kept
  // documents) are added. `recs` is cleared to free its memory.
  void add_groups(HashRecords& recs, bool keep_members);
  // Adds entries written by serialize() (a resolve stage's output); only
  // those whose file index satisfies file_index % shard_count == shard_index.
  Status parse(std::string_view bytes, const std::string& where, int shard_index, int shard_count);
  void serialize(std::string& out) const;
  // Sorts by position; call once after adding.
  void seal();
  const DupEntry* find(uint64_t pos) const;
  std::string_view kept_id(const DupEntry& e) const;
  size_t size() const { return entries_.size(); }
  uint64_t copies() const;

 private:
  std::vector<DupEntry> entries_;
  std::string ids_;
};

}  // namespace dpk::exact_dedup
