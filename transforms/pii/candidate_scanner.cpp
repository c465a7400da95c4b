#include "candidate_scanner.h"

#include <algorithm>
#include <array>
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
  // Per scan: the text, the output, and each pattern's latest candidate.
  std::string_view text;
  std::vector<Candidate>* out = nullptr;
  std::array<int64_t, kPatternCount> last{};
  ~Scratch() { hs_free_scratch(scratch); }
};

std::string_view PatternDatabase::engine_name() { return "hyperscan"; }

StatusOr<std::shared_ptr<const PatternDatabase>> PatternDatabase::compile(PiiTypeSet types) {
  for (size_t i = 0; i < candidate_patterns().size(); ++i) {
    if (static_cast<size_t>(candidate_patterns()[i].id) != i) return Status::Usage("pii: pattern table out of order");
  }
  std::vector<std::string> exprs;
  std::vector<unsigned> flags, ids;
  for (const auto& p : candidate_patterns()) {
    if (!types.intersects(p.types)) continue;
    exprs.emplace_back(p.regex);
    flags.push_back((p.start == StartRule::kTracked ? HS_FLAG_SOM_LEFTMOST : 0u) |
                    (p.caseless ? HS_FLAG_CASELESS : 0u));
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
  Scratch& st = *scratch_;
  st.text = text;
  st.out = &out;
  st.last.fill(-1);
  auto on_match = [](unsigned id, unsigned long long from, unsigned long long to, unsigned,
                     void* ctx) -> int {
    Scratch& st = *static_cast<Scratch*>(ctx);
    auto& v = *st.out;
    const CandidatePattern& p = candidate_patterns()[id];
    const auto end = static_cast<uint32_t>(to);
    int64_t& last = st.last[id];
    if (p.start == StartRule::kTracked) {
      // Reports come in order of end: the same start only moves the end on.
      if (last >= 0 && v[last].begin == from) {
        v[last].end = end;
      } else {
        last = static_cast<int64_t>(v.size());
        v.push_back({p.id, static_cast<uint32_t>(from), end});
      }
      return 0;
    }
    if (p.start == StartRule::kRunClass) {
      // Still the same run when every byte since its last end is in the class.
      if (last >= 0) {
        Candidate& c = v[last];
        uint32_t i = c.end;
        while (i < end && p.run_class(st.text[i])) ++i;
        if (i == end) { c.end = end; return 0; }
      }
      uint32_t b = end;
      while (b > 0 && p.run_class(st.text[b - 1])) --b;
      if (b > 0 && p.run_first(st.text[b - 1])) {
        --b;
      } else {
        while (b < end && !p.run_first(st.text[b])) ++b;
      }
      last = static_cast<int64_t>(v.size());
      v.push_back({p.id, b, end});
      return 0;
    }
    // kBeginLine: the marker opens with "-----BEGIN" a bounded way back.
    const size_t lo = end > 128 ? end - 128 : 0;
    const size_t b = st.text.substr(lo, end - lo).rfind("-----BEGIN");
    if (b != std::string_view::npos) v.push_back({p.id, static_cast<uint32_t>(lo + b), end});
    return 0;
  };
  hs_scan(db_->impl().db, text.data(), static_cast<unsigned>(text.size()), 0, scratch_->scratch,
          on_match, &st);
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
    if (!types.intersects(p.types)) continue;
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
    re2::StringPiece m;
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
