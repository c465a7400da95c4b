// candidate_scanner.h — one multi-pattern pass over a text that proposes
// candidate spans for the validators.
//
// The patterns (candidate_patterns.h) are compiled once per configured step
// into a PatternDatabase, shared read-only by every worker; each worker owns
// a CandidateScanner with its own scratch space. With Hyperscan (when the
// build found it) the pass reports, for every pattern, each start with its
// farthest end (the start tracked by Hyperscan, or found by a backward scan
// for the patterns whose StartRule says so); without Hyperscan RE2::Set tells
// which patterns occur and RE2 finds their leftmost-longest spans. Both
// engines are always built where Hyperscan is found, so the RE2 pass (the
// one non-x86 builds get) can be forced and tested against it: the
// candidates may differ, the entities the detector makes of them may not.
//
//   auto db = PatternDatabase::compile(PiiTypeSet::all());
//   CandidateScanner scanner(db.value());
//   std::vector<Candidate> found;
//   scanner.scan("write to a@b.org", found);   // {kEmail, 10, 16}: from the '@'
#pragma once

#include <memory>
#include <string_view>
#include <vector>

#include "candidate_patterns.h"
#include "dpk/status.h"

namespace dpk::pii {

struct Candidate {
  PatternId pattern;
  uint32_t begin;
  uint32_t end;
};

enum class ScanEngine : uint8_t {
  kAuto,       // Hyperscan when the build has it, else RE2
  kHyperscan,  // a usage error where the build has no Hyperscan
  kRe2,
};

class PatternDatabase {
 public:
  // Compiles the patterns of the enabled types for `engine`. Hyperscan
  // loads the database compiled when dpk was built, where the build made one
  // and this machine accepts it, unless `allow_prebuilt` is false (tests
  // compare the two).
  static StatusOr<std::shared_ptr<const PatternDatabase>> compile(PiiTypeSet types,
                                                                  ScanEngine engine = ScanEngine::kAuto,
                                                                  bool allow_prebuilt = true);
  ~PatternDatabase();
  struct Impl;
  const Impl& impl() const { return *impl_; }
  // Which engine runs the pass ("hyperscan" or "re2").
  std::string_view engine_name() const;
  static bool hyperscan_available();
  // True when the Hyperscan database came prebuilt (see compile).
  bool prebuilt() const;
  static bool prebuilt_available();

 private:
  std::unique_ptr<Impl> impl_;
};

class CandidateScanner {
 public:
  explicit CandidateScanner(std::shared_ptr<const PatternDatabase> db);
  ~CandidateScanner();
  CandidateScanner(const CandidateScanner&) = delete;
  CandidateScanner& operator=(const CandidateScanner&) = delete;
  // Clears `out` and fills it with candidates, ordered by pattern then start.
  void scan(std::string_view text, std::vector<Candidate>& out);

 private:
  void scan_hyperscan(std::string_view text, std::vector<Candidate>& out);
  void scan_re2(std::string_view text, std::vector<Candidate>& out);

  std::shared_ptr<const PatternDatabase> db_;
  struct Scratch;
  std::unique_ptr<Scratch> scratch_;
};

}  // namespace dpk::pii
