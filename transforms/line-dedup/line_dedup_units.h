// line_dedup_units.h — what line-dedup's one-process transform and its
// stages share: the options, the hashing of a document's units, the table
// of frequent units and the rewrite of a document that has some.
//
//   UnitScratch s;  s.normalizer.parse_folds(cfg.folds);
//   hash_units(cfg, doc.text(), s);        // s.distinct: the units to count
//   ...                                    // count them over the corpus
//   FrequentUnits f;  f.add(h, first_pos); f.seal();
//   remove_units(cfg, doc, s, [&](uint64_t h, uint64_t pos) { return f.removes(h, pos, cfg.keep_first); });
#pragma once

#include <algorithm>
#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "dpk/text_normalizer.h"
#include "dpk/transform.h"
#include "text_units.h"

namespace dpk::line_dedup {

inline constexpr std::string_view kEmptyReason = "line_dedup:empty";

struct LineDedupConfig {
  Unit unit = Unit::kLine;
  uint64_t max_occurrences = 1;
  bool keep_first = true;
  uint64_t min_chars = 0;
  std::string folds = "whitespace";  // the --normalize default
  bool annotate = false;
  uint64_t bloom_bits = 0;  // 0 = exact counting

  // What decides a unit's hash (unit, folds, short-unit-chars): the stages refuse
  // to combine counts made with different ones.
  uint64_t hashing_fingerprint() const;
};

// The options of line-dedup (its stages take subsets of them, by name).
const std::vector<OptionSpec>& line_dedup_options();
// Those of `names`, in the same order.
std::vector<OptionSpec> line_dedup_options(std::initializer_list<std::string_view> names);
// Reads the options present in `v` (the others keep their defaults); kUsage
// for a bad value.
StatusOr<LineDedupConfig> line_dedup_config(const OptionValues& v);

// Same packing as exact-dedup: file index, then line (stable across shards).
inline uint64_t doc_position(const Document& d) { return (uint64_t{d.file_index} << 40) | d.line; }

// Per-thread work space for splitting and hashing one document.
struct UnitScratch {
  TextNormalizer normalizer;
  std::vector<std::string_view> units;
  std::vector<uint64_t> hashes;  // per unit; 0 = too short to count
  std::vector<uint64_t> distinct;
  std::vector<bool> keep;
  std::string text;
};

// Splits `text` into units and hashes those long enough; `distinct` gets the
// document's distinct unit hashes (a unit counts once per document).
void hash_units(const LineDedupConfig& cfg, std::string_view text, UnitScratch& s);

// Per unit hash: how many documents have it and the first of them. The
// one-process step and the count stage both tally with this.
class UnitCounts {
 public:
  struct Count {
    uint64_t first_pos;
    uint64_t documents;
  };
  // One document's distinct unit hashes.
  void add_document(const std::vector<uint64_t>& distinct, uint64_t pos) {
    for (uint64_t h : distinct) add(h, Count{pos, 1});
  }
  // Moves `other`'s counts into these (a thread's tally into the merged one).
  void merge_from(UnitCounts& other) {
    if (&other == this) return;
    for (const auto& [h, c] : other.counts_) add(h, c);
    other.clear();
  }
  template <typename F>
  void for_each(F&& f) const {
    for (const auto& [h, c] : counts_) f(h, c);
  }
  void clear() { decltype(counts_)().swap(counts_); }  // frees the table

 private:
  void add(uint64_t hash, Count c) {
    auto [it, fresh] = counts_.try_emplace(hash, c);
    if (!fresh) {
      it->second.first_pos = std::min(it->second.first_pos, c.first_pos);
      it->second.documents += c.documents;
    }
  }
  std::unordered_map<uint64_t, Count> counts_;
};

// Frequent units with the position of the first document that has each.
class FrequentUnits {
 public:
  void add(uint64_t hash, uint64_t first_pos) { units_.emplace_back(hash, first_pos); }
  void seal() { std::sort(units_.begin(), units_.end()); }
  size_t size() const { return units_.size(); }
  // True when the document at `pos` loses unit `hash`.
  bool removes(uint64_t hash, uint64_t pos, bool keep_first) const {
    auto it = std::lower_bound(units_.begin(), units_.end(), std::pair<uint64_t, uint64_t>{hash, 0});
    if (it == units_.end() || it->first != hash) return false;
    return !(keep_first && it->second == pos);
  }

 private:
  std::vector<std::pair<uint64_t, uint64_t>> units_;  // (hash, first position), sorted
};

// Hashes the document's units (into `s`), removes those `removes(hash, pos)`
// says, and rewrites the text; drops the document (kEmptyReason) when no
// non-blank unit is left.
template <typename Removes>
void remove_units(const LineDedupConfig& cfg, Document& doc, UnitScratch& s, Removes&& removes) {
  hash_units(cfg, doc.text(), s);
  const uint64_t pos = doc_position(doc);
  s.keep.assign(s.units.size(), true);
  int64_t removed = 0;
  bool any_kept = false;
  for (size_t i = 0; i < s.units.size(); ++i) {
    if (s.hashes[i] != 0 && removes(s.hashes[i], pos)) {
      s.keep[i] = false;
      ++removed;
    } else if (s.units[i].find_first_not_of(" \t\r\f\v") != std::string_view::npos) {
      any_kept = true;
    }
  }
  if (!any_kept && removed > 0) {
    doc.drop(kEmptyReason);
    return;
  }
  if (removed > 0) {
    join_units(s.units, s.keep, cfg.unit, s.text);
    doc.set_text(s.text);
  }
  if (cfg.annotate) doc.set_int("dpk_lines_removed", removed);
}

}  // namespace dpk::line_dedup
