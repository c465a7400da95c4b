// line-dedup — removes lines (or paragraphs) that recur across documents.
#include <xxhash.h>

#include <algorithm>
#include <cstdio>
#include <unordered_map>

#include "bloom_filter.h"
#include "dpk/text_normalizer.h"
#include "dpk/transform.h"
#include "text_units.h"

namespace dpk {
namespace {

using line_dedup::BloomFilter;
using line_dedup::Unit;

constexpr std::string_view kEmptyReason = "line_dedup:empty";
constexpr int kBloomProbes = 4;

struct LineDedupConfig {
  Unit unit = Unit::kLine;
  uint64_t max_occurrences = 1;
  bool keep_first = true;
  uint64_t min_chars = 0;
  std::string folds;
  bool annotate = false;
  uint64_t bloom_bits = 0;  // 0 = exact counting
};

// The shared Bloom filters: units seen in one document, and units seen again.
struct BloomState {
  explicit BloomState(uint64_t bits) : seen(bits, kBloomProbes), repeated(bits, kBloomProbes) {}
  BloomFilter seen, repeated;
};

// Same packing as exact-dedup: file index, then line (stable across shards).
uint64_t doc_position(const Document& d) { return (uint64_t{d.file_index} << 40) | d.line; }

// Per-thread work space for splitting and hashing one document.
struct Scratch {
  TextNormalizer normalizer;
  std::vector<std::string_view> units;
  std::vector<uint64_t> hashes;  // per unit; 0 = too short to count
  std::vector<uint64_t> distinct;
  std::vector<bool> keep;
  std::string text;
};

size_t count_chars(std::string_view s) {
  size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

// Splits `text` into units and hashes those long enough; `distinct` gets the
// document's distinct unit hashes (a unit counts once per document).
void hash_units(const LineDedupConfig& cfg, std::string_view text, Scratch& s) {
  s.units.clear();
  s.hashes.clear();
  s.distinct.clear();
  line_dedup::split_units(text, cfg.unit, s.units);
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

class LineDedupTransform final : public GlobalTransform {
 public:
  LineDedupTransform(const LineDedupConfig& cfg, std::shared_ptr<BloomState> bloom) : cfg_(cfg), bloom_(std::move(bloom)) {
    scratch_.normalizer.parse_folds(cfg_.folds);
  }

  void observe(const Document& doc) override {
    hash_units(cfg_, doc.text(), scratch_);
    if (bloom_) {
      for (uint64_t h : scratch_.distinct) {
        if (bloom_->seen.insert(h)) bloom_->repeated.insert(h);
      }
      return;
    }
    const uint64_t pos = doc_position(doc);
    for (uint64_t h : scratch_.distinct) {
      auto [it, fresh] = stats_.try_emplace(h, UnitStat{pos, 1});
      if (!fresh) {
        it->second.first_pos = std::min(it->second.first_pos, pos);
        ++it->second.documents;
      }
    }
  }

  void merge_from(GlobalTransform& other) override {
    auto& o = static_cast<LineDedupTransform&>(other);
    if (&o == this) return;
    for (const auto& [h, st] : o.stats_) {
      auto [it, fresh] = stats_.try_emplace(h, st);
      if (!fresh) {
        it->second.first_pos = std::min(it->second.first_pos, st.first_pos);
        it->second.documents += st.documents;
      }
    }
    decltype(o.stats_)().swap(o.stats_);
  }

  Status finish() override {
    if (bloom_) {
      std::fprintf(stderr,
                   "line-dedup: Bloom filter of %llu bits, %d probes: %.1f%% of bits set, about %.0f distinct "
                   "units, false-positive rate %.2g\n",
                   static_cast<unsigned long long>(bloom_->seen.bits()), kBloomProbes,
                   100.0 * bloom_->seen.fill_ratio(), bloom_->seen.estimated_keys(),
                   bloom_->seen.false_positive_rate() + bloom_->repeated.false_positive_rate());
      return Status::Ok();
    }
    for (const auto& [h, st] : stats_) {
      if (st.documents > cfg_.max_occurrences) frequent_.push_back({h, st.first_pos});
    }
    decltype(stats_)().swap(stats_);
    std::sort(frequent_.begin(), frequent_.end());
    return Status::Ok();
  }

  bool needs_second_pass() const override { return true; }

  void decide(Document& doc) const override {
    thread_local Scratch s;
    s.normalizer.parse_folds(cfg_.folds);
    hash_units(cfg_, doc.text(), s);
    const uint64_t pos = doc_position(doc);
    s.keep.assign(s.units.size(), true);
    int64_t removed = 0;
    bool any_kept = false;
    for (size_t i = 0; i < s.units.size(); ++i) {
      if (s.hashes[i] != 0 && remove_unit(s.hashes[i], pos)) {
        s.keep[i] = false;
        ++removed;
      } else if (s.units[i].find_first_not_of(" \t\r\f\v") != std::string_view::npos) {
        any_kept = true;
      }
    }
    if (!any_kept && removed > 0) {
      doc.drop(kEmptyReason);
      return;
    }
    if (removed > 0) {
      line_dedup::join_units(s.units, s.keep, cfg_.unit, s.text);
      doc.set_text(s.text);
    }
    if (cfg_.annotate) doc.set_int("dpk_lines_removed", removed);
  }

 private:
  struct UnitStat {
    uint64_t first_pos;
    uint64_t documents;
  };

  bool remove_unit(uint64_t h, uint64_t pos) const {
    if (bloom_) return bloom_->repeated.contains(h);
    auto it = std::lower_bound(frequent_.begin(), frequent_.end(), std::pair<uint64_t, uint64_t>{h, 0});
    if (it == frequent_.end() || it->first != h) return false;
    return !(cfg_.keep_first && it->second == pos);
  }

  LineDedupConfig cfg_;
  std::shared_ptr<BloomState> bloom_;
  Scratch scratch_;
  std::unordered_map<uint64_t, UnitStat> stats_;
  std::vector<std::pair<uint64_t, uint64_t>> frequent_;  // (hash, first position), sorted
};

}  // namespace

const TransformSpec& dpk_transform_line_dedup() {
  static const TransformSpec spec{
      "line-dedup",
      TransformKind::kGlobal,
      "Remove lines or paragraphs that recur across the corpus.",
      "Splits every text into units (--unit line: each line; paragraph: runs of non-blank lines "
      "separated by blank lines), folds each unit by --normalize and hashes it (64-bit xxHash). "
      "A unit counts once per document that contains it; units shorter than --min-chars "
      "(characters, after folding) and blank units are never counted or removed. A unit found in "
      "more than --max-occurrences documents is frequent. With --keep first (as Dolma's paragraph "
      "dedup) the first document containing a frequent unit (smallest position: file index in "
      "the sorted input list, then line) keeps all its copies of it and every other document "
      "loses them; with --keep none (as CCNet) it is removed from every document.\n\n"
      "A document left with no non-blank unit is dropped with reason 'line_dedup:empty'; "
      "otherwise its text is rewritten (lines joined by newlines, paragraphs by a blank line). "
      "The input is read twice (spooled between the passes).\n\n"
      "Memory: exact counting holds about 48 bytes per distinct unit. --bloom-bits M bounds it to "
      "two Bloom filters of M bits each (4 probes): then only --keep none with --max-occurrences "
      "1 is possible, and a unit seen once is wrongly removed with probability about "
      "(1 - e^(-4n/M))^4 for n distinct units (the rate reached is printed at the end).",
      {
          {"unit", OptionType::kChoice, "line", "What is counted and removed.", "line|paragraph"},
          {"max-occurrences", OptionType::kInt, "1", "A unit in more documents than this is frequent.", {}, 0, "N"},
          {"keep", OptionType::kChoice, "first",
           "Which documents keep a frequent unit: the first one containing it, or none.", "first|none"},
          {"min-chars", OptionType::kInt, "0", "Units shorter than this (after folding) are never removed.", {}, 0, "N"},
          {"normalize", OptionType::kString, "whitespace",
           "Fold units before hashing: comma-separated lower, whitespace, punctuation (or none).", {}, 0, "FOLDS"},
          {"bloom-bits", OptionType::kSize, "",
           "Count with two Bloom filters of this many bits (K/M/G suffixes) instead of exactly.", {}, 0, "SIZE"},
          {"annotate-removed", OptionType::kFlag, "", "Add dpk_lines_removed to every document."},
      },
      {{"text", "rewritten without the removed units"},
       {"dpk_lines_removed", "with --annotate-removed: how many units were removed"}},
      {"dpk-line-dedup --min-chars 20 -o out/ data/",
       "dpk-line-dedup --unit paragraph --keep none --bloom-bits 8G in.jsonl.zst > out.jsonl"},
      "-",
      [](const OptionValues& v, const StepContext&) -> StatusOr<ConfiguredStep> {
        LineDedupConfig cfg;
        cfg.unit = v.get_string("unit") == "paragraph" ? Unit::kParagraph : Unit::kLine;
        if (v.get_int("max-occurrences") < 1) return Status::Usage("--max-occurrences: give 1 or more");
        if (v.get_int("min-chars") < 0) return Status::Usage("--min-chars: give 0 or more");
        cfg.max_occurrences = static_cast<uint64_t>(v.get_int("max-occurrences"));
        cfg.keep_first = v.get_string("keep") == "first";
        cfg.min_chars = static_cast<uint64_t>(v.get_int("min-chars"));
        cfg.folds = v.get_string("normalize");
        cfg.annotate = v.get_flag("annotate-removed");
        TextNormalizer probe;
        if (!probe.parse_folds(cfg.folds)) return Status::Usage("--normalize: '" + cfg.folds + "' is not a list of lower, whitespace, punctuation");
        std::shared_ptr<BloomState> bloom;
        if (v.has("bloom-bits") && !v.get_string("bloom-bits").empty()) {
          cfg.bloom_bits = v.get_size("bloom-bits");
          if (cfg.keep_first || cfg.max_occurrences != 1) {
            return Status::Usage("--bloom-bits needs --keep none and --max-occurrences 1");
          }
          bloom = std::make_shared<BloomState>(cfg.bloom_bits);
        }
        ConfiguredStep c;
        c.make = [cfg, bloom]() { return std::make_unique<LineDedupTransform>(cfg, bloom); };
        c.explain = std::string(cfg.unit == Unit::kLine ? "lines" : "paragraphs") + " in more than " +
                    std::to_string(cfg.max_occurrences) + " documents, keep " + (cfg.keep_first ? "first" : "none") +
                    (bloom ? ", Bloom filters of " + std::to_string(cfg.bloom_bits) + " bits" : ", exact counts");
        return c;
      },
  };
  return spec;
}

}  // namespace dpk
