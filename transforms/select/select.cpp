// select — keeps documents by field predicates and text length.
#include <cstdint>
#include <limits>
#include <memory>

#include "dpk/transform.h"
#include "text_measure.h"
#include "where.h"

namespace dpk {
namespace {

using select::Predicate;

constexpr uint64_t kNoMax = std::numeric_limits<uint64_t>::max();

// One [min, max] bound; the defaults never fail, so an unset bound costs no
// counting at all.
struct Bound {
  uint64_t min = 0;
  uint64_t max = kNoMax;
  bool active() const { return min > 0 || max < kNoMax; }
};

// Everything configure() decides, shared read-only by every instance. The
// drop reasons of --where live here, so they outlive the run.
struct SelectConfig {
  std::vector<Predicate> where;
  Bound chars, words, bytes;
  bool invert = false;
};

class SelectTransform final : public DocumentTransform {
 public:
  explicit SelectTransform(std::shared_ptr<const SelectConfig> cfg) : cfg_(std::move(cfg)) {}

  void apply(Document& doc) override {
    const std::string_view reason = first_failure(doc);
    if (!cfg_->invert) {
      if (!reason.empty()) doc.drop(reason);
    } else if (reason.empty()) {
      doc.drop("select:inverted");
    }
  }

 private:
  // The reason the document fails, or "" when every test holds. Order:
  // --where in the order given, then bytes, chars, words (cheapest first).
  std::string_view first_failure(const Document& doc) {
    for (const auto& p : cfg_->where) {
      if (!eval_.holds(p, doc)) return p.reason;
    }
    const std::string_view text = doc.text();
    if (cfg_->bytes.active()) {
      if (text.size() < cfg_->bytes.min) return "min_bytes";
      if (text.size() > cfg_->bytes.max) return "max_bytes";
    }
    if (cfg_->chars.active()) {
      const uint64_t n = select::count_code_points(text);
      if (n < cfg_->chars.min) return "min_chars";
      if (n > cfg_->chars.max) return "max_chars";
    }
    if (cfg_->words.active()) {
      const uint64_t n = select::count_words(text);
      if (n < cfg_->words.min) return "min_words";
      if (n > cfg_->words.max) return "max_words";
    }
    return {};
  }

  std::shared_ptr<const SelectConfig> cfg_;
  select::WhereEvaluator eval_;  // owns scratch strings: one per instance
};

Status read_bound(const OptionValues& v, const std::string& what, Bound& b) {
  const std::string lo = "min-" + what, hi = "max-" + what;
  if (v.has(lo)) {
    const int64_t n = v.get_int(lo);
    if (n < 0) return Status::Usage("option '" + lo + "': must not be negative");
    b.min = static_cast<uint64_t>(n);
  }
  if (v.has(hi)) {
    const int64_t n = v.get_int(hi);
    if (n < 0) return Status::Usage("option '" + hi + "': must not be negative");
    b.max = static_cast<uint64_t>(n);
  }
  if (b.min > b.max) {
    return Status::Usage("option '" + lo + "' (" + std::to_string(b.min) + ") is above '" + hi + "' (" +
                         std::to_string(b.max) + ")");
  }
  return Status::Ok();
}

StatusOr<ConfiguredStep> configure(const OptionValues& v, const StepContext&) {
  auto cfg = std::make_shared<SelectConfig>();
  // Raw values, not get_list(): that splits on commas, which `in [a, b]` has.
  if (auto it = v.all().find("where"); it != v.all().end()) {
    for (const auto& expr : it->second) {
      auto p = select::parse_where(expr);
      if (!p.ok()) return p.status();
      cfg->where.push_back(std::move(p.value()));
    }
  }
  DPK_RETURN_IF_ERROR(read_bound(v, "chars", cfg->chars));
  DPK_RETURN_IF_ERROR(read_bound(v, "words", cfg->words));
  DPK_RETURN_IF_ERROR(read_bound(v, "bytes", cfg->bytes));
  cfg->invert = v.get_flag("invert");

  ConfiguredStep c;
  c.explain = std::to_string(cfg->where.size()) + " --where predicate(s)";
  for (const auto& [name, b] : {std::pair{"chars", &cfg->chars}, {"words", &cfg->words}, {"bytes", &cfg->bytes}}) {
    if (!b->active()) continue;
    c.explain += std::string(", ") + name + " in [" + std::to_string(b->min) + ", " +
                 (b->max == kNoMax ? std::string("inf") : std::to_string(b->max)) + "]";
  }
  if (cfg->invert) c.explain += ", inverted";
  std::shared_ptr<const SelectConfig> shared = cfg;
  c.make = [shared] { return std::make_unique<SelectTransform>(shared); };
  return c;
}

}  // namespace

const TransformSpec& dpk_transform_select() {
  static const TransformSpec spec{
      "select",
      TransformKind::kFilter,
      "Keep documents by field predicates and text length.",
      "A document is kept when every --where expression holds and its text is within every given "
      "length bound; otherwise it is dropped, with the first failing test as the reason: "
      "'where:EXPR' (EXPR as written), 'min_bytes', 'max_bytes', 'min_chars', 'max_chars', "
      "'min_words' or 'max_words'. Tests run in that order.\n\n"
      "--where takes FIELD OP VALUE with OP one of == != < <= > >=, FIELD in [V, ...], "
      "FIELD not in [V, ...], exists FIELD, or missing FIELD. FIELD is a top-level key or a "
      "dotted path into nested objects (meta.lang); a key with a dot in its name cannot be "
      "named. VALUE is a JSON string in double quotes (\"en\"), a JSON number, true, false or "
      "null. Numbers compare as numbers and strings as strings (by code point); nothing is "
      "converted, so the string \"5\" is not the number 5. ==, <, <=, >, >= and in are false "
      "when the field is absent or of another type; != and not in are their exact negations, "
      "so they hold when the field is absent (add --where 'exists FIELD' to require it). A "
      "field set to null exists and equals null.\n\n"
      "Lengths are of the text field: bytes of its UTF-8, chars in Unicode code points, and "
      "words as runs of non-space characters, where spaces are ASCII whitespace and the other "
      "Unicode White_Space characters (no-break space, ideographic space, U+2000..U+200A, ...). "
      "An unset bound is no bound.\n\n"
      "--invert keeps exactly the documents that would be dropped and drops the rest with "
      "reason 'select:inverted'.",
      {
          {"where", OptionType::kList, "", "A predicate every kept document satisfies (repeatable).", {}, 0, "EXPR"},
          {"min-chars", OptionType::kInt, "", "Fewest Unicode code points in the text.", {}, 0, "N", 0},
          {"max-chars", OptionType::kInt, "", "Most Unicode code points in the text.", {}, 0, "N", 0},
          {"min-words", OptionType::kInt, "", "Fewest whitespace-separated words in the text.", {}, 0, "N", 0},
          {"max-words", OptionType::kInt, "", "Most whitespace-separated words in the text.", {}, 0, "N", 0},
          {"min-bytes", OptionType::kInt, "", "Fewest UTF-8 bytes in the text.", {}, 0, "N", 0},
          {"max-bytes", OptionType::kInt, "", "Most UTF-8 bytes in the text.", {}, 0, "N", 0},
          {"invert", OptionType::kFlag, "", "Keep what would be dropped, and drop the rest."},
      },
      {},
      {"dpk-select --where 'lang == \"en\"' --min-words 50 corpus.jsonl > en.jsonl",
       "dpk-select --where 'meta.source in [\"wiki\", \"books\"]' --where 'score >= 0.5' -o out/ data/",
       "dpk-select --max-chars 100000 --invert corpus.jsonl > too-long.jsonl"},
      "-",
      configure,
  };
  return spec;
}

}  // namespace dpk
