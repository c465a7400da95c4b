#include "exact_dedup_step.h"

#include <xxhash.h>

namespace dpk::exact_dedup {

StatusOr<ExactDedupConfig> exact_dedup_config(const OptionValues& v) {
  ExactDedupConfig c;
  c.folds = v.get_string("normalize");
  c.annotate = v.get_flag("annotate");
  TextNormalizer probe;
  if (!probe.parse_folds(c.folds)) {
    return Status::Usage("--normalize: '" + c.folds + "' is not a list of lower, whitespace, punctuation");
  }
  return c;
}

bool DocumentKeyer::add(const Document& doc, bool with_id, HashRecords& out) {
  if (doc.file_index > kMaxFileIndex || doc.line > kMaxLine) return false;
  std::string_view text = normalizer_.normalize(doc.text());
  XXH128_hash_t h = XXH3_128bits(text.data(), text.size());
  std::string_view id = doc.id();
  out.add(h.high64, h.low64, make_position(doc.file_index, doc.line), with_id && doc.has_id() ? &id : nullptr);
  return true;
}

void apply_decision(const DuplicateTable& table, bool annotate, Document& doc) {
  const uint64_t pos = make_position(doc.file_index, doc.line);
  const DupEntry* e = table.find(pos);
  if (e == nullptr) return;
  if (!annotate) {
    if (e->kept_pos != pos) doc.drop(kDropReason);
    return;
  }
  if (e->kept_pos != pos) {
    if (e->id_ref != kNoId) {
      doc.set_string("dup_of", table.kept_id(*e));
    } else {
      doc.set_string("dup_of", position_text(e->kept_pos));
    }
  }
  doc.set_int("dup_count", static_cast<int64_t>(e->count));
}

}  // namespace dpk::exact_dedup
