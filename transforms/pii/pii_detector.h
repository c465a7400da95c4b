// pii_detector.h — finds personal data and secrets in a text: one candidate
// pass (candidate_scanner.h), exact validators per type, then overlaps
// resolved so every byte belongs to at most one entity.
//
//   auto db = PatternDatabase::compile(cfg.types);
//   PiiDetector det(db.value(), cfg);          // one per worker thread
//   std::vector<Entity> found;
//   det.detect("mail a@b.org or call +44 20 7946 0958", found);
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "candidate_scanner.h"
#include "phone_finder.h"
#include "pii_types.h"

namespace dpk::pii {

struct DetectorConfig {
  PiiTypeSet types = PiiTypeSet::all();
  std::vector<std::string> regions = {"US", "GB", "DE", "FR", "IN"};
  double secret_min_entropy = 3.5;  // bits per character
  size_t secret_min_length = 16;
};

class PiiDetector {
 public:
  PiiDetector(std::shared_ptr<const PatternDatabase> db, DetectorConfig cfg);
  // Clears `out` and fills it with non-overlapping entities in text order.
  void detect(std::string_view text, std::vector<Entity>& out);
  // Tests: check the phone fast path against libphonenumber's matcher.
  void verify_phones(bool on) { phones_.set_verify(on); }
  const PhoneFinder::Stats& phone_stats() const { return phones_.stats(); }

 private:
  void validate(std::string_view text, const Candidate& c, std::vector<Entity>& raw);
  void digit_run(std::string_view text, Span run, std::vector<Entity>& raw);
  Span private_key_block(std::string_view text, Span c);
  void drop_protocol_items_at_their_domains(std::string_view text);

  DetectorConfig cfg_;
  CandidateScanner scanner_;
  PhoneFinder phones_;
  std::vector<Candidate> candidates_;
  std::vector<Entity> raw_;
  std::vector<Span> phone_spans_;
  std::vector<std::string_view> item_domains_;  // domains of protocol item names in the text
};

}  // namespace dpk::pii
