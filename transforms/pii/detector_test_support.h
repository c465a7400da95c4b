// detector_test_support.h — what the detector tests share: the engines this
// build has, one compiled pattern database per engine, and what a detector
// found as (type, value) pairs that gtest can compare and print.
#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "pii_detector.h"

namespace dpk::pii {

// Test names and messages say which engine ran (found by ADL).
inline void PrintTo(ScanEngine e, std::ostream* os) {
  *os << (e == ScanEngine::kRe2 ? "re2" : e == ScanEngine::kHyperscan ? "hyperscan" : "auto");
}

struct Found {
  std::string type;
  std::string value;
  bool operator==(const Found& o) const { return type == o.type && value == o.value; }
};
inline void PrintTo(const Found& f, std::ostream* os) { *os << f.type << ":" << f.value; }

// The engines that this build has: every detector test runs on each.
inline std::vector<ScanEngine> engines() {
  std::vector<ScanEngine> e = {ScanEngine::kRe2};
  if (PatternDatabase::hyperscan_available()) e.push_back(ScanEngine::kHyperscan);
  return e;
}

// Every type's patterns, compiled once per engine for the whole test binary.
inline std::shared_ptr<const PatternDatabase> compiled(ScanEngine engine) {
  static auto re2 = PatternDatabase::compile(PiiTypeSet::all(), ScanEngine::kRe2);
  static auto hs = PatternDatabase::compile(PiiTypeSet::all(), ScanEngine::kAuto);
  return engine == ScanEngine::kRe2 ? re2.value() : hs.value();
}

// What `detector` finds in `text`, in order.
inline std::vector<Found> found_in(PiiDetector& detector, std::string_view text) {
  std::vector<Entity> out;
  detector.detect(text, out);
  std::vector<Found> r;
  for (const auto& e : out) r.push_back({std::string(pii_type_name(e.type)), std::string(text.substr(e.begin, e.end - e.begin))});
  return r;
}

}  // namespace dpk::pii
