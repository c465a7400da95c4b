#include "candidate_scanner.h"

#include <algorithm>
#include <string>

#ifdef DPK_HAVE_HYPERSCAN
#include <hs.h>
#else
#include <re2/re2.h>
#include <re2/set.h>
#endif

namespace dpk::pii {

namespace {
// Orders by pattern then start and keeps, for each start, the farthest end.
void normalize(std::vector<Candidate>& out) {
  std::sort(out.begin(), out.end(), [](const Candidate& a, const Candidate& b) {
    if (a.pattern != b.pattern) return a.pattern < b.pattern;
    if (a.begin != b.begin) return a.begin < b.begin;
    return a.end > b.end;
  });
  out.erase(std::unique(out.begin(), out.end(),
                        [](const Candidate& a, const Candidate& b) {
                          return a.pattern == b.pattern && a.begin == b.begin;
                        }),
            out.end());
}
}  // namespace

#ifdef DPK_HAVE_HYPERSCAN

struct PatternDatabase::Impl {
  hs_database_t* db = nullptr;
  ~Impl() { hs_free_database(db); }
};

struct CandidateScanner::Scratch {
  hs_scratch_t* scratch = nullptr;
  std::vector<Candidate>* out = nullptr;
  ~Scratch() { hs_free_scratch(scratch); }
};

std::string_view PatternDatabase::engine_name() { return "hyperscan"; }

StatusOr<std::shared_ptr<const PatternDatabase>> PatternDatabase::compile(PiiTypeSet types) {
  std::vector<std::string> exprs;
  std::vector<unsigned> flags, ids;
  for (const auto& p : candidate_patterns()) {
    if (!types.has(p.type)) continue;
    exprs.emplace_back(p.regex);
    flags.push_back(HS_FLAG_SOM_LEFTMOST | (p.caseless ? HS_FLAG_CASELESS : 0u));
    ids.push_back(static_cast<unsigned>(p.id));
  }
  auto db = std::shared_ptr<PatternDatabase>(new PatternDatabase());
  db->impl_ = std::make_unique<Impl>();
  if (exprs.empty()) return std::shared_ptr<const PatternDatabase>(db);
  std::vector<const char*> cexprs;
  for (auto& e : exprs) cexprs.push_back(e.c_str());
  hs_compile_error_t* err = nullptr;
  if (hs_compile_multi(cexprs.data(), flags.data(), ids.data(), static_cast<unsigned>(cexprs.size()),
                       HS_MODE_BLOCK, nullptr, &db->impl_->db,
                       &err) != HS_SUCCESS) {
    std::string msg = "pii: cannot compile candidate pattern " +
                      std::to_string(err ? err->expression : -1) + ": " +
                      (err && err->message ? err->message : "unknown error");
    hs_free_compile_error(err);
    return Status::Usage(msg);
  }
  return std::shared_ptr<const PatternDatabase>(db);
}

CandidateScanner::CandidateScanner(std::shared_ptr<const PatternDatabase> db)
    : db_(std::move(db)), scratch_(std::make_unique<Scratch>()) {
  if (db_->impl().db) hs_alloc_scratch(db_->impl().db, &scratch_->scratch);
}

void CandidateScanner::scan(std::string_view text, std::vector<Candidate>& out) {
  out.clear();
  if (!db_->impl().db || text.empty()) return;
  scratch_->out = &out;
  auto on_match = [](unsigned id, unsigned long long from, unsigned long long to, unsigned,
                     void* ctx) -> int {
    auto& v = *static_cast<std::vector<Candidate>*>(ctx);
    const auto pid = static_cast<PatternId>(id);
    // Reports come in order of end: a report with the start of the pattern's
    // latest candidate only moves its end further.
    for (auto it = v.rbegin(); it != v.rend() && it - v.rbegin() < 4; ++it) {
      if (it->pattern == pid && it->begin == from) {
        it->end = static_cast<uint32_t>(to);
        return 0;
      }
    }
    v.push_back({pid, static_cast<uint32_t>(from), static_cast<uint32_t>(to)});
    return 0;
  };
  hs_scan(db_->impl().db, text.data(), static_cast<unsigned>(text.size()), 0, scratch_->scratch,
          on_match, &out);
  normalize(out);
}

#else  // RE2

struct PatternDatabase::Impl {
  std::unique_ptr<RE2::Set> set;
  std::vector<std::unique_ptr<RE2>> res;  // by set index
  std::vector<PatternId> ids;             // by set index
};

struct CandidateScanner::Scratch {
  std::vector<int> hits;
};

std::string_view PatternDatabase::engine_name() { return "re2"; }

StatusOr<std::shared_ptr<const PatternDatabase>> PatternDatabase::compile(PiiTypeSet types) {
  auto db = std::shared_ptr<PatternDatabase>(new PatternDatabase());
  db->impl_ = std::make_unique<Impl>();
  RE2::Options opt;
  opt.set_longest_match(true);
  opt.set_log_errors(false);
  opt.set_max_mem(64 << 20);
  db->impl_->set = std::make_unique<RE2::Set>(opt, RE2::UNANCHORED);
  for (const auto& p : candidate_patterns()) {
    if (!types.has(p.type)) continue;
    std::string expr = (p.caseless ? "(?i)" : "") + std::string(p.regex);
    std::string err;
    if (db->impl_->set->Add(expr, &err) < 0) return Status::Usage("pii: bad pattern: " + err);
    db->impl_->res.push_back(std::make_unique<RE2>(expr, opt));
    db->impl_->ids.push_back(p.id);
  }
  if (!db->impl_->set->Compile()) return Status::Usage("pii: cannot compile the pattern set");
  return std::shared_ptr<const PatternDatabase>(db);
}

CandidateScanner::CandidateScanner(std::shared_ptr<const PatternDatabase> db)
    : db_(std::move(db)), scratch_(std::make_unique<Scratch>()) {}

void CandidateScanner::scan(std::string_view text, std::vector<Candidate>& out) {
  out.clear();
  const auto& impl = db_->impl();
  if (impl.ids.empty() || text.empty()) return;
  scratch_->hits.clear();
  if (!impl.set->Match(text, &scratch_->hits)) return;
  for (int i : scratch_->hits) {
    const RE2& re = *impl.res[i];
    size_t pos = 0;
    std::string_view m;
    while (pos < text.size() && re.Match(text, pos, text.size(), RE2::UNANCHORED, &m, 1)) {
      const auto b = static_cast<size_t>(m.data() - text.data());
      out.push_back({impl.ids[i], static_cast<uint32_t>(b), static_cast<uint32_t>(b + m.size())});
      pos = b + std::max<size_t>(m.size(), 1);
    }
  }
  normalize(out);
}

#endif

PatternDatabase::~PatternDatabase() = default;
CandidateScanner::~CandidateScanner() = default;

}  // namespace dpk::pii
