// hyperscan_pattern_list.h — the candidate patterns of a type set as
// Hyperscan compiles them (expressions, flags, ids). Shared by the run-time
// compile (candidate_scanner.cpp) and the build-time one that prebuilds the
// database of every pattern (prebuilt/make_prebuilt_patterns.cpp), so the two
// cannot drift apart.
#pragma once

#include <hs.h>

#include <string>
#include <vector>

#include "candidate_patterns.h"

namespace dpk::pii {

struct HyperscanPatternList {
  std::vector<std::string> exprs;
  std::vector<unsigned> flags, ids;
};

inline HyperscanPatternList hyperscan_pattern_list(PiiTypeSet types) {
  HyperscanPatternList l;
  for (const auto& p : candidate_patterns()) {
    if (!types.intersects(p.types)) continue;
    l.exprs.emplace_back(p.regex);
    l.flags.push_back((p.start == StartRule::kTracked ? HS_FLAG_SOM_LEFTMOST : 0u) |
                      (p.caseless ? HS_FLAG_CASELESS : 0u));
    l.ids.push_back(static_cast<unsigned>(p.id));
  }
  return l;
}

// Compiles `l` for this machine; nullptr and `error` set on failure.
inline hs_database_t* compile_hyperscan_patterns(const HyperscanPatternList& l, std::string& error) {
  std::vector<const char*> cexprs;
  for (const auto& e : l.exprs) cexprs.push_back(e.c_str());
  hs_database_t* db = nullptr;
  hs_compile_error_t* err = nullptr;
  if (hs_compile_multi(cexprs.data(), l.flags.data(), l.ids.data(), static_cast<unsigned>(cexprs.size()),
                       HS_MODE_BLOCK, nullptr, &db, &err) != HS_SUCCESS) {
    error = "pii: cannot compile candidate pattern " + std::to_string(err ? err->expression : -1) + ": " +
            (err && err->message ? err->message : "unknown error");
    hs_free_compile_error(err);
    return nullptr;
  }
  return db;
}

}  // namespace dpk::pii
