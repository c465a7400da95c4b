#include "line_dedup_units.h"

#include <xxhash.h>

namespace dpk::line_dedup {
namespace {

size_t count_chars(std::string_view s) {
  size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

}  // namespace

const std::vector<OptionSpec>& line_dedup_options() {
  static const std::vector<OptionSpec> options = 
      {
          {"unit", OptionType::kChoice, "line", "What is counted and removed.", "line|paragraph"},
          {"max-occurrences", OptionType::kInt, "1", "A unit in more documents than this is frequent.", {}, 0, "N", 1},
          {"keep", OptionType::kChoice, "first",
           "Which documents keep a frequent unit: the first one containing it, or none.", "first|none"},
          renamed("min-chars", {"short-unit-chars", OptionType::kInt, "0",
                                "Units of fewer characters than this (after folding) are short: never removed.", {}, 0,
                                "N", 0}),
          {"normalize", OptionType::kString, "whitespace",
           "Fold units before hashing: comma-separated lower, whitespace, punctuation (or none).", {}, 0, "FOLDS"},
          {"bloom-bits", OptionType::kSize, "",
           "Count with two Bloom filters of this many bits (K/M/G suffixes) instead of exactly.", {}, 0, "SIZE", 1},
          {"annotate-removed", OptionType::kFlag, "", "Add dpk_lines_removed to every document."},
      };
  return options;
}

std::vector<OptionSpec> line_dedup_options(std::initializer_list<std::string_view> names) {
  std::vector<OptionSpec> out;
  for (auto name : names) {
    for (const auto& o : line_dedup_options()) {
      if (o.name == name) out.push_back(o);
    }
  }
  return out;
}

StatusOr<LineDedupConfig> line_dedup_config(const OptionValues& v) {
  LineDedupConfig cfg;
  if (v.has("unit")) cfg.unit = v.get_string("unit") == "paragraph" ? Unit::kParagraph : Unit::kLine;
  if (v.has("max-occurrences")) {
    if (v.get_int("max-occurrences") < 1) return Status::Usage("--max-occurrences: give 1 or more");
    cfg.max_occurrences = static_cast<uint64_t>(v.get_int("max-occurrences"));
  }
  if (v.has("short-unit-chars")) {
    if (v.get_int("short-unit-chars") < 0) return Status::Usage("--short-unit-chars: give 0 or more");
    cfg.min_chars = static_cast<uint64_t>(v.get_int("short-unit-chars"));
  }
  if (v.has("keep")) cfg.keep_first = v.get_string("keep") == "first";
  if (v.has("normalize")) cfg.folds = v.get_string("normalize");
  if (v.has("annotate-removed")) cfg.annotate = v.get_flag("annotate-removed");
  TextNormalizer probe;
  if (!probe.parse_folds(cfg.folds)) {
    return Status::Usage("--normalize: '" + cfg.folds + "' is not a list of lower, whitespace, punctuation");
  }
  return cfg;
}

uint64_t LineDedupConfig::hashing_fingerprint() const {
  const std::string s = std::string(unit == Unit::kLine ? "line" : "paragraph") + "|" + folds + "|" +
                        std::to_string(min_chars);
  return XXH3_64bits(s.data(), s.size());
}

void hash_units(const LineDedupConfig& cfg, std::string_view text, UnitScratch& s) {
  s.units.clear();
  s.hashes.clear();
  s.distinct.clear();
  split_units(text, cfg.unit, s.units);
  for (auto u : s.units) {
    std::string_view key = s.normalizer.normalize(u);
    if (key.empty() || count_chars(key) < cfg.min_chars) {
      s.hashes.push_back(0);
      continue;
    }
    uint64_t h = XXH3_64bits(key.data(), key.size());
    h += h == 0;  // 0 marks "not counted"
    s.hashes.push_back(h);
    s.distinct.push_back(h);
  }
  std::sort(s.distinct.begin(), s.distinct.end());
  s.distinct.erase(std::unique(s.distinct.begin(), s.distinct.end()), s.distinct.end());
}

}  // namespace dpk::line_dedup
