// line-dedup — removes lines (or paragraphs) that recur across documents.
#include <algorithm>
#include <cstdio>

#include "bloom_filter.h"
#include "line_dedup_stages.h"
#include "line_dedup_units.h"

namespace dpk {
namespace {

using line_dedup::BloomFilter;
using line_dedup::FrequentUnits;
using line_dedup::LineDedupConfig;
using line_dedup::Unit;
using line_dedup::UnitScratch;

constexpr int kBloomProbes = 4;

// The shared Bloom filters: units seen in one document, and units seen again.
struct BloomState {
  explicit BloomState(uint64_t bits) : seen(bits, kBloomProbes), repeated(bits, kBloomProbes) {}
  BloomFilter seen, repeated;
};

class LineDedupTransform final : public GlobalTransform {
 public:
  LineDedupTransform(const LineDedupConfig& cfg, std::shared_ptr<BloomState> bloom) : cfg_(cfg), bloom_(std::move(bloom)) {
    scratch_.normalizer.parse_folds(cfg_.folds);
  }

  void observe(const Document& doc) override {
    line_dedup::hash_units(cfg_, doc.text(), scratch_);
    if (bloom_) {
      for (uint64_t h : scratch_.distinct) {
        if (bloom_->seen.insert(h)) bloom_->repeated.insert(h);
      }
      return;
    }
    counts_.add_document(scratch_.distinct, line_dedup::doc_position(doc));
  }

  void merge_from(GlobalTransform& other) override {
    counts_.merge_from(static_cast<LineDedupTransform&>(other).counts_);
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
    counts_.for_each([this](uint64_t h, const line_dedup::UnitCounts::Count& c) {
      if (c.documents > cfg_.max_occurrences) frequent_.add(h, c.first_pos);
    });
    counts_.clear();
    frequent_.seal();
    return Status::Ok();
  }

  bool needs_second_pass() const override { return true; }

  void decide(Document& doc) const override {
    thread_local UnitScratch s;
    s.normalizer.parse_folds(cfg_.folds);
    line_dedup::remove_units(cfg_, doc, s, [this](uint64_t h, uint64_t pos) {
      if (bloom_) return bloom_->repeated.contains(h);
      return frequent_.removes(h, pos, cfg_.keep_first);
    });
  }

 private:
  LineDedupConfig cfg_;
  std::shared_ptr<BloomState> bloom_;
  UnitScratch scratch_;
  line_dedup::UnitCounts counts_;
  FrequentUnits frequent_;
};

}  // namespace

const TransformSpec& dpk_transform_line_dedup() {
  static const TransformSpec spec{
      "line-dedup",
      TransformKind::kGlobal,
      "Remove lines or paragraphs that recur across the corpus.",
      "Splits every text into units (--unit line: each line; paragraph: runs of non-blank lines "
      "separated by blank lines), folds each unit by --normalize and hashes it (64-bit xxHash). "
      "A unit counts once per document that contains it; units shorter than --short-unit-chars "
      "(characters, after folding) and blank units are never counted or removed. A unit found in "
      "more than --max-occurrences documents is frequent. With --keep first (as Dolma's paragraph "
      "dedup) the first document containing a frequent unit (smallest position: file index in "
      "the sorted input list, then line) keeps all its copies of it and every other document "
      "loses them; with --keep none (as CCNet) it is removed from every document.\n\n"
      "A document left with no non-blank unit is dropped with reason 'line_dedup:empty'; "
      "otherwise its text is rewritten (lines joined by newlines, paragraphs by a blank line). "
      "The input is read twice (spooled between the passes).\n\n"
      "For many processes (a Slurm array, or machines on shared storage) run the stages: 'count' "
      "once per input shard, 'merge' once per partition, 'filter' once per shard; the result is "
      "the same as one process's (exact counting only).\n\n"
      "Memory: exact counting holds about 48 bytes per distinct unit. --bloom-bits M bounds it to "
      "two Bloom filters of M bits each (4 probes): then only --keep none with --max-occurrences "
      "1 is possible, and a unit seen once is wrongly removed with probability about "
      "(1 - e^(-4n/M))^4 for n distinct units (the rate reached is printed at the end).",
      line_dedup::line_dedup_options(),
      {{"text", "rewritten without the removed units"},
       {"dpk_lines_removed", "with --annotate-removed: how many units were removed"}},
      {"dpk-line-dedup --short-unit-chars 20 -o out/ data/",
       "dpk-line-dedup --unit paragraph --keep none --bloom-bits 8G in.jsonl.zst > out.jsonl",
       "dpk-line-dedup count --work work/ --shard-index $I --shard-count 64 data/   # each shard",
       "dpk-line-dedup merge --work work/ --partition-index $P                            # each partition",
       "dpk-line-dedup filter --work work/ --shard-index $I --shard-count 64 data/ -o out/  # each shard"},
      "-",
      [](const OptionValues& v, const StepContext&) -> StatusOr<ConfiguredStep> {
        auto read = line_dedup::line_dedup_config(v);
        if (!read.ok()) return read.status();
        LineDedupConfig cfg = *read;
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
      line_dedup::line_dedup_stages(),
  };
  return spec;
}

}  // namespace dpk
