// stats/profile.h — the corpus profile dpk-stats gathers: counts, length
// distributions, top values of chosen fields, id uniqueness, field presence.
// One instance per worker; instances merge exactly (while the bounded
// counters are under their limit), in any order.
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "bounded_counter.h"
#include "dpk/document.h"
#include "hash_set.h"
#include "log_histogram.h"
#include "numeric_histogram.h"

namespace dpk::stats {

struct ProfileOptions {
  std::vector<std::string> fields;  // --fields
  size_t top = 20;
  size_t max_distinct = BoundedCounter::kDefaultLimit;
  // Top-level fields whose numbers get a histogram, at most (the first seen).
  size_t max_numeric_fields = 64;
  std::string text_key = "text", id_key = "id";
};

// The quantiles every length distribution reports.
inline constexpr std::array<double, 9> kQuantiles = {0.01, 0.05, 0.10, 0.25, 0.50, 0.75, 0.90, 0.95, 0.99};
inline constexpr std::array<std::string_view, 9> kQuantileNames = {"p1", "p5", "p10", "p25", "p50",
                                                                    "p75", "p90", "p95", "p99"};

// Lengths of one text: code points, whitespace-separated words (ASCII
// whitespace), lines (a final line without '\n' counts; "" has 0).
struct TextShape {
  uint64_t chars = 0, words = 0, lines = 0;
};
TextShape measure_text(std::string_view text);

struct FieldValues {
  explicit FieldValues(size_t limit) : values(limit) {}
  // Keyed by the value's JSON text: strings re-quoted canonically, numbers,
  // true/false and null as written. Objects and arrays are only counted.
  BoundedCounter values;
  uint64_t missing = 0, non_scalar = 0;
};

class CorpusProfile {
 public:
  explicit CorpusProfile(const ProfileOptions& opts);

  void observe(const Document& doc);
  void merge(const CorpusProfile& o);
  std::string to_json() const;

  const ProfileOptions& options() const { return opts_; }
  uint64_t documents = 0, empty_texts = 0, blank_texts = 0;
  LogHistogram chars, words, bytes, lines;
  uint64_t with_id = 0;
  Hash64Set ids;  // xxh3-64 of each id
  uint64_t duplicate_ids() const { return with_id - ids.size(); }
  std::vector<FieldValues> fields;  // parallel to options().fields
  BoundedCounter presence;          // top-level field name -> documents with it
  // Every top-level field with a number in some document (id and text
  // aside), up to options().max_numeric_fields names: its numbers.
  std::map<std::string, NumericHistogram, std::less<>> numbers;
  bool numbers_truncated = false;   // more numeric fields than were kept

 private:
  void count_value(FieldValues& fv, std::string_view raw);
  void count_number(std::string_view key, std::string_view raw);
  ProfileOptions opts_;
  std::string decoded_, key_;  // scratch, reused across documents
};

// Fraction a/b, 0 when b is 0.
inline double fraction(uint64_t a, uint64_t b) { return b ? static_cast<double>(a) / static_cast<double>(b) : 0.0; }

}  // namespace dpk::stats
