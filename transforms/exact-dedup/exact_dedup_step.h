// exact_dedup_step.h — the per-document parts of exact dedup shared by the
// one-process transform and its stages: the key of a document, and applying
// the decision (drop, or annotate dup_of/dup_count).
#pragma once

#include <cstdint>
#include <string>

#include "dpk/document.h"
#include "dpk/options.h"
#include "dpk/status.h"
#include "dpk/text_normalizer.h"
#include "dpk/transform.h"
#include "duplicate_table.h"

namespace dpk::exact_dedup {

inline constexpr std::string_view kDropReason = "exact_dup";

struct ExactDedupConfig {
  std::string folds;      // --normalize
  bool annotate = false;  // --annotate
};

// Reads --normalize and --annotate (kUsage on an unknown fold).
StatusOr<ExactDedupConfig> exact_dedup_config(const OptionValues& v);

// Hashes documents (one per thread: keeps the normalizer's buffer).
class DocumentKeyer {
 public:
  explicit DocumentKeyer(const std::string& folds) { normalizer_.parse_folds(folds); }
  // Adds the document's record; false when its position does not fit.
  bool add(const Document& doc, bool with_id, HashRecords& out);

 private:
  TextNormalizer normalizer_;
};

// Drops a copy (reason exact_dup), or with `annotate` sets dup_of on copies
// and dup_count on every member of a group.
void apply_decision(const DuplicateTable& table, bool annotate, Document& doc);

}  // namespace dpk::exact_dedup
