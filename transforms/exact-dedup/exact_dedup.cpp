// exact-dedup — keeps the first occurrence of every text (one process, two
// passes); its stages (exact_dedup_stages.cpp) do the same over many.
#include <atomic>
#include <cstdio>

#include "dpk/transform.h"
#include "exact_dedup_stages.h"
#include "exact_dedup_step.h"

namespace dpk {
namespace {

using namespace exact_dedup;

class ExactDedupTransform final : public GlobalTransform {
 public:
  explicit ExactDedupTransform(const ExactDedupConfig& cfg) : cfg_(cfg), keyer_(cfg.folds) {}

  void observe(const Document& doc) override {
    if (!keyer_.add(doc, cfg_.annotate, records_)) too_far_ = true;
  }
  void merge_from(GlobalTransform& other) override {
    auto& o = static_cast<ExactDedupTransform&>(other);
    records_.append(std::move(o.records_));
    too_far_ = too_far_ || o.too_far_;
  }
  Status finish() override {
    if (too_far_) {
      return Status::Usage("exact-dedup: an input has more than 2^40 lines or there are more than 2^24 input files");
    }
    table_.add_groups(records_, cfg_.annotate);
    table_.seal();
    return Status::Ok();
  }
  bool needs_second_pass() const override { return true; }
  // Spread over processes: a flag byte (a position out of range), then the
  // hash records, 28 bytes per document (plus its id with --annotate).
  bool serialize(std::string& out) const override {
    out.push_back(too_far_ ? '1' : '0');
    records_.serialize(out);
    return true;
  }
  Status merge_serialized(std::string_view bytes) override {
    if (bytes.empty()) return Status::Data("exact-dedup: empty observations from another process");
    too_far_ = too_far_ || bytes[0] == '1';
    HashRecords theirs;
    DPK_RETURN_IF_ERROR(theirs.parse(bytes.substr(1), "exact-dedup observations from another process"));
    records_.append(std::move(theirs));
    return Status::Ok();
  }
  void decide(Document& doc) const override { apply_decision(table_, cfg_.annotate, doc); }

 private:
  ExactDedupConfig cfg_;
  DocumentKeyer keyer_;
  HashRecords records_;
  bool too_far_ = false;
  DuplicateTable table_;
};

}  // namespace

const TransformSpec& dpk_transform_exact_dedup() {
  static const TransformSpec spec{
      "exact-dedup",
      TransformKind::kGlobal,
      "Keep the first occurrence of every text; drop exact copies.",
      "Hashes each document's text (optionally folded by --normalize) with 128-bit xxHash "
      "(XXH3_128bits) and keeps, for every hash, the document with the smallest position: the "
      "index of its file in the sorted list of all inputs, then its line in that file. The kept "
      "set is therefore the same for any --threads and any number of shards. Copies are dropped "
      "with reason 'exact_dup', or with --annotate kept and marked.\n\n"
      "Run as one command it reads the input twice (the documents are spooled to --temp-dir "
      "between the passes) and holds 32 bytes per document in memory (16 hash, 8 position, 8 "
      "id reference; plus the id itself with --annotate), about twice that while sorting.\n\n"
      "For many processes (a Slurm array, or several machines on shared storage) run the stages: "
      "'hashes' once per shard, 'resolve' once per partition, 'filter' once per shard. Each "
      "stage writes files under WORK/ that the next one reads; use a fresh WORK/ per run.",
      {
          {"normalize", OptionType::kString, "",
           "Fold the text before hashing: a comma-separated list of lower (Unicode case folding), "
           "whitespace (runs of white space become one space, ends trimmed), punctuation (Unicode "
           "punctuation removed).",
           {}, 0, "FOLDS"},
          {"annotate", OptionType::kFlag, "",
           "Keep the copies and mark them (dup_of, dup_count) instead of dropping them."},
      },
      {{"dup_of", "with --annotate, on a copy: the id of the kept document, or its position "
                  "FILE_INDEX:LINE when it has no id"},
       {"dup_count", "with --annotate, on every document with copies: how many documents share its text"}},
      {"dpk-exact-dedup --threads 8 -o out/ data/",
       "dpk-exact-dedup --normalize lower,whitespace --annotate in.jsonl.zst > marked.jsonl",
       "dpk-exact-dedup hashes --work work/ --shard-index $I --shard-count 64 data/   # each shard",
       "dpk-exact-dedup resolve --work work/ --partition-index $P                          # each partition",
       "dpk-exact-dedup filter --work work/ --shard-index $I --shard-count 64 data/ -o out/  # each shard"},
      "-",
      [](const OptionValues& v, const StepContext&) -> StatusOr<ConfiguredStep> {
        auto cfg = exact_dedup_config(v);
        if (!cfg.ok()) return cfg.status();
        ConfiguredStep c;
        ExactDedupConfig conf = *cfg;
        c.make = [conf]() { return std::make_unique<ExactDedupTransform>(conf); };
        c.explain = "xxh128 of the text" + (conf.folds.empty() ? std::string() : " folded by " + conf.folds) +
                    (conf.annotate ? ", annotate copies" : ", drop copies (exact_dup)");
        return c;
      },
      exact_dedup_stages(),
  };
  return spec;
}

}  // namespace dpk
