#include "candidate_scanner.h"

#include <algorithm>
#include <array>
#include <string>

#include <re2/re2.h>
#include <re2/set.h>

#ifdef DPK_HAVE_HYPERSCAN
#include <hs.h>

#include "hyperscan_pattern_list.h"
#endif

namespace dpk::pii {

#ifdef DPK_HAVE_PREBUILT_PII_PATTERNS
// Every pattern, compiled at build time (prebuilt/make_prebuilt_patterns.cpp).
extern const size_t kPrebuiltPatternsSize;
extern const unsigned char kPrebuiltPatterns[];
#endif

namespace {
constexpr size_t kShortMatch = 64;

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

struct PatternDatabase::Impl {
  bool hyperscan = false;
  bool prebuilt = false;
  PiiTypeSet types;  // the prebuilt database holds patterns of other types too
#ifdef DPK_HAVE_HYPERSCAN
  hs_database_t* hs = nullptr;
  ~Impl() { hs_free_database(hs); }
#endif
  // RE2: the set says which patterns occur, one RE2 each finds their spans.
  std::unique_ptr<RE2::Set> set;
  std::vector<std::unique_ptr<RE2>> res;  // by set index
  std::vector<PatternId> ids;             // by set index
};

struct CandidateScanner::Scratch {
#ifdef DPK_HAVE_HYPERSCAN
  hs_scratch_t* scratch = nullptr;
  ~Scratch() { hs_free_scratch(scratch); }
#endif
  // Per scan: the text, the output, and each pattern's latest candidate.
  std::string_view text;
  PiiTypeSet types;
  std::vector<Candidate>* out = nullptr;
  std::array<int64_t, kPatternCount> last{};
  std::vector<int> hits;  // RE2::Set
};

namespace {

Status check_table() {
  for (size_t i = 0; i < candidate_patterns().size(); ++i) {
    if (static_cast<size_t>(candidate_patterns()[i].id) != i) return Status::Usage("pii: pattern table out of order");
  }
  return Status::Ok();
}

#ifdef DPK_HAVE_HYPERSCAN
Status compile_hyperscan(PiiTypeSet types, bool allow_prebuilt, PatternDatabase::Impl& impl) {
#ifdef DPK_HAVE_PREBUILT_PII_PATTERNS
  // The prebuilt database, unless Hyperscan refuses it (built for CPU
  // features this machine lacks): then compile here.
  if (allow_prebuilt && hs_deserialize_database(reinterpret_cast<const char*>(kPrebuiltPatterns),
                                                kPrebuiltPatternsSize, &impl.hs) == HS_SUCCESS) {
    impl.prebuilt = true;
    return Status::Ok();
  }
  impl.hs = nullptr;
#else
  (void)allow_prebuilt;
#endif
  const HyperscanPatternList list = hyperscan_pattern_list(types);
  if (list.exprs.empty()) return Status::Ok();
  std::string error;
  impl.hs = compile_hyperscan_patterns(list, error);
  return impl.hs ? Status::Ok() : Status::Usage(error);
}
#endif

Status compile_re2(PiiTypeSet types, PatternDatabase::Impl& impl) {
  RE2::Options opt;
  opt.set_longest_match(true);
  opt.set_log_errors(false);
  opt.set_max_mem(64 << 20);
  impl.set = std::make_unique<RE2::Set>(opt, RE2::UNANCHORED);
  for (const auto& p : candidate_patterns()) {
    if (!types.intersects(p.types)) continue;
    std::string expr = (p.caseless ? "(?i)" : "") + std::string(p.regex);
    std::string err;
    if (impl.set->Add(expr, &err) < 0) return Status::Usage("pii: bad pattern: " + err);
    impl.res.push_back(std::make_unique<RE2>(expr, opt));
    impl.ids.push_back(p.id);
  }
  if (!impl.set->Compile()) return Status::Usage("pii: cannot compile the pattern set");
  return Status::Ok();
}

}  // namespace

bool PatternDatabase::hyperscan_available() {
#ifdef DPK_HAVE_HYPERSCAN
  return true;
#else
  return false;
#endif
}

std::string_view PatternDatabase::engine_name() const { return impl_->hyperscan ? "hyperscan" : "re2"; }

bool PatternDatabase::prebuilt_available() {
#ifdef DPK_HAVE_PREBUILT_PII_PATTERNS
  return true;
#else
  return false;
#endif
}

bool PatternDatabase::prebuilt() const { return impl_->prebuilt; }

StatusOr<std::shared_ptr<const PatternDatabase>> PatternDatabase::compile(PiiTypeSet types, ScanEngine engine,
                                                                          [[maybe_unused]] bool allow_prebuilt) {
  if (Status st = check_table(); !st.ok()) return st;
  if (engine == ScanEngine::kHyperscan && !hyperscan_available())
    return Status::Usage("option 'engine': this build has no Hyperscan (use re2 or auto)");
  auto db = std::shared_ptr<PatternDatabase>(new PatternDatabase());
  db->impl_ = std::make_unique<Impl>();
  db->impl_->hyperscan = engine != ScanEngine::kRe2 && hyperscan_available();
  db->impl_->types = types;
#ifdef DPK_HAVE_HYPERSCAN
  if (db->impl_->hyperscan) {
    if (Status st = compile_hyperscan(types, allow_prebuilt, *db->impl_); !st.ok()) return st;
    return std::shared_ptr<const PatternDatabase>(db);
  }
#endif
  if (Status st = compile_re2(types, *db->impl_); !st.ok()) return st;
  return std::shared_ptr<const PatternDatabase>(db);
}

CandidateScanner::CandidateScanner(std::shared_ptr<const PatternDatabase> db)
    : db_(std::move(db)), scratch_(std::make_unique<Scratch>()) {
#ifdef DPK_HAVE_HYPERSCAN
  if (db_->impl().hs) hs_alloc_scratch(db_->impl().hs, &scratch_->scratch);
#endif
}

void CandidateScanner::scan(std::string_view text, std::vector<Candidate>& out) {
  out.clear();
  if (text.empty()) return;
  if (db_->impl().hyperscan) {
    scan_hyperscan(text, out);
  } else {
    scan_re2(text, out);
  }
  normalize(out);
}

void CandidateScanner::scan_hyperscan([[maybe_unused]] std::string_view text,
                                      [[maybe_unused]] std::vector<Candidate>& out) {
#ifdef DPK_HAVE_HYPERSCAN
  if (!db_->impl().hs) return;
  Scratch& st = *scratch_;
  st.text = text;
  st.types = db_->impl().types;
  st.out = &out;
  st.last.fill(-1);
  auto on_match = [](unsigned id, unsigned long long from, unsigned long long to, unsigned,
                     void* ctx) -> int {
    Scratch& st = *static_cast<Scratch*>(ctx);
    auto& v = *st.out;
    const CandidatePattern& p = candidate_patterns()[id];
    if (!st.types.intersects(p.types)) return 0;
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
  hs_scan(db_->impl().hs, text.data(), static_cast<unsigned>(text.size()), 0, st.scratch, on_match, &st);
#endif
}

void CandidateScanner::scan_re2(std::string_view text, std::vector<Candidate>& out) {
  const auto& impl = db_->impl();
  if (impl.ids.empty()) return;
  scratch_->hits.clear();
  if (!impl.set->Match(text, &scratch_->hits)) return;
  for (int i : scratch_->hits) {
    const RE2& re = *impl.res[i];
    // Hyperscan reports every start of a tracked pattern, so a value that
    // overlaps an earlier (invalid) match is still proposed: "34-00:1A:..."
    // must not hide the MAC address "00:1A:...". The next search starts one
    // byte on after a short match; after a long one, past it (linear work).
    const bool every_start = candidate_patterns()[static_cast<size_t>(impl.ids[i])].start == StartRule::kTracked;
    size_t pos = 0;
    re2::StringPiece m;
    while (pos < text.size() && re.Match(text, pos, text.size(), RE2::UNANCHORED, &m, 1)) {
      const auto b = static_cast<size_t>(m.data() - text.data());
      out.push_back({impl.ids[i], static_cast<uint32_t>(b), static_cast<uint32_t>(b + m.size())});
      pos = every_start && m.size() <= kShortMatch ? b + 1 : b + std::max<size_t>(m.size(), 1);
    }
  }
}

PatternDatabase::~PatternDatabase() = default;
CandidateScanner::~CandidateScanner() = default;

}  // namespace dpk::pii
