#include "line_dedup_stages.h"

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <optional>

#include "dpk/byte_stream.h"
#include "dpk/compression.h"
#include "dpk/runtime/cli.h"
#include "dpk/runtime/stage_command.h"
#include "dpk/work_files.h"
#include "line_dedup_units.h"

namespace dpk::line_dedup {
namespace {

namespace fs = std::filesystem;
namespace rt = runtime;

// Reads a work file (write_words) whose first word must be `fingerprint`;
// appends the rest to `words`.
Status read_words(const std::string& path, uint64_t fingerprint, std::vector<uint64_t>& words) {
  const size_t at = words.size();
  DPK_RETURN_IF_ERROR(dpk::read_words(path, words));
  if (words.size() == at) return Status::Data(path + ": not a line-dedup work file");
  if (words[at] != fingerprint) {
    words.resize(at);
    return Status::Usage(path + ": written with other --unit, --normalize or --short-unit-chars than this stage's");
  }
  words.erase(words.begin() + static_cast<std::ptrdiff_t>(at));
  return Status::Ok();
}

// ---- count ------------------------------------------------------------------

struct CountSetup {
  LineDedupConfig cfg;
  std::string work;
  uint64_t partitions;
  int shard_index, shard_count;
};

class CountStage final : public GlobalTransform {
 public:
  explicit CountStage(std::shared_ptr<const CountSetup> setup) : setup_(std::move(setup)) {
    scratch_.normalizer.parse_folds(setup_->cfg.folds);
  }

  void observe(const Document& doc) override {
    hash_units(setup_->cfg, doc.text(), scratch_);
    counts_.add_document(scratch_.distinct, doc_position(doc));
  }
  void merge_from(GlobalTransform& other) override { counts_.merge_from(static_cast<CountStage&>(other).counts_); }
  bool needs_second_pass() const override { return false; }
  bool runs_per_shard() const override { return true; }
  Status finish() override {
    const uint64_t fingerprint = setup_->cfg.hashing_fingerprint();
    std::vector<std::vector<uint64_t>> parts(setup_->partitions, std::vector<uint64_t>{fingerprint});
    counts_.for_each([&](uint64_t h, const UnitCounts::Count& c) {
      auto& p = parts[h % setup_->partitions];
      p.insert(p.end(), {h, c.first_pos, c.documents});
    });
    counts_.clear();
    for (uint64_t p = 0; p < parts.size(); ++p) {
      const std::string path = setup_->work + "/units/part-" + four_digits(p) + "/" +
                               shard_file_name(static_cast<uint64_t>(setup_->shard_index),
                                               static_cast<uint64_t>(setup_->shard_count));
      DPK_RETURN_IF_ERROR(write_words(path, parts[p]));
    }
    return Status::Ok();
  }

 private:
  std::shared_ptr<const CountSetup> setup_;
  UnitScratch scratch_;
  UnitCounts counts_;
};

const TransformSpec& count_spec() {
  static const TransformSpec spec{
      "line-dedup count",
      TransformKind::kGlobal,
      "Stage 1: count this shard's units into WORK/units/, partitioned by hash.",
      "",
      [] {
        auto o = line_dedup_options({"unit", "normalize", "short-unit-chars"});
        o.insert(o.begin(), rt::work_option());
        o.push_back(renamed("partitions", {"partition-count", OptionType::kInt, "16",
                                           "How many hash partitions to write (= merge jobs).", {}, 0, "N", 1}));
        return o;
      }(),
      {},
      {},
      "/dev/null",
      [](const OptionValues& v, const StepContext& ctx) -> StatusOr<ConfiguredStep> {
        auto cfg = line_dedup_config(v);
        if (!cfg.ok()) return cfg.status();
        if (v.get_string("work").empty()) return Status::Usage("give the work directory with --work DIR");
        if (v.get_int("partition-count") < 1 || v.get_int("partition-count") > 9999) {
          return Status::Usage("--partition-count: give 1 to 9999");
        }
        auto setup = std::make_shared<CountSetup>(CountSetup{*cfg, v.get_string("work"),
                                                             static_cast<uint64_t>(v.get_int("partition-count")),
                                                             std::max(ctx.shard_index, 0),
                                                             std::max(ctx.shard_count, 1)});
        ConfiguredStep c;
        c.make = [setup]() { return std::make_unique<CountStage>(setup); };
        return c;
      },
  };
  return spec;
}

// ---- merge ------------------------------------------------------------------

Status merge_partition(const std::string& work, const std::string& part, const LineDedupConfig& cfg,
                       uint64_t fingerprint) {
  const std::string dir = work + "/units/" + part;
  auto files = complete_shard_files(dir, "count", "count");
  if (!files.ok()) return files.status();
  std::vector<uint64_t> words;
  for (const auto& f : *files) DPK_RETURN_IF_ERROR(read_words(dir + "/" + f, fingerprint, words));
  if (words.size() % 3 != 0) return Status::Data(dir + ": truncated count records");
  struct Rec {
    uint64_t hash, first_pos, documents;
  };
  std::vector<Rec> recs(words.size() / 3);
  for (size_t i = 0; i < recs.size(); ++i) recs[i] = {words[3 * i], words[3 * i + 1], words[3 * i + 2]};
  std::vector<uint64_t>().swap(words);
  std::sort(recs.begin(), recs.end(), [](const Rec& a, const Rec& b) { return a.hash < b.hash; });
  std::vector<uint64_t> out{fingerprint};
  for (size_t g = 0; g < recs.size();) {
    uint64_t first = recs[g].first_pos, docs = 0;
    size_t e = g;
    for (; e < recs.size() && recs[e].hash == recs[g].hash; ++e) {
      first = std::min(first, recs[e].first_pos);
      docs += recs[e].documents;
    }
    if (docs > cfg.max_occurrences) out.insert(out.end(), {recs[g].hash, first});
    g = e;
  }
  return write_words(work + "/frequent/" + part + ".bin.zst", out);
}

const std::vector<OptionSpec>& merge_options() {
  static const std::vector<OptionSpec> kOptions = [] {
    auto o = line_dedup_options({"max-occurrences", "unit", "normalize", "short-unit-chars"});
    o.insert(o.begin(), {rt::work_option(),
                         renamed("partition", {"partition-index", OptionType::kInt, "", "Merge only this partition (default: all).", {}, 0, "P", 0})});
    o.push_back(rt::quiet_option());
    return o;
  }();
  return kOptions;
}

int run_merge(int argc, char** argv) {
  // Older releases took the work directory as the argument: it still works, with a warning.
  return rt::run_work_stage(argc, argv, merge_options(), [](const OptionValues& values, const std::string& work) {
    auto cfg = line_dedup_config(values);
    if (!cfg.ok()) return cfg.status();
    std::optional<int64_t> only;
    if (values.has("partition-index") && !values.get_string("partition-index").empty()) {
      only = values.get_int("partition-index");
    }
    auto parts = partitions_to_run(work + "/units", "count", only);
    if (!parts.ok()) return parts.status();
    for (const auto& part : *parts) DPK_RETURN_IF_ERROR(merge_partition(work, part, *cfg, cfg->hashing_fingerprint()));
    return Status::Ok();
  });
}

// ---- filter -----------------------------------------------------------------

class FilterStage final : public DocumentTransform {
 public:
  FilterStage(const LineDedupConfig& cfg, std::shared_ptr<const FrequentUnits> frequent)
      : cfg_(cfg), frequent_(std::move(frequent)) {
    scratch_.normalizer.parse_folds(cfg_.folds);
  }
  void apply(Document& doc) override {
    remove_units(cfg_, doc, scratch_,
                 [this](uint64_t h, uint64_t pos) { return frequent_->removes(h, pos, cfg_.keep_first); });
  }

 private:
  LineDedupConfig cfg_;
  std::shared_ptr<const FrequentUnits> frequent_;
  UnitScratch scratch_;
};

const TransformSpec& filter_spec() {
  static const TransformSpec spec{
      "line-dedup filter",
      TransformKind::kMapper,
      "Stage 3: remove the frequent units from this shard's documents.",
      "",
      [] {
        auto o = line_dedup_options({"unit", "normalize", "short-unit-chars", "keep", "annotate-removed"});
        o.insert(o.begin(), rt::work_option());
        return o;
      }(),
      {{"text", "as line-dedup"}, {"dpk_lines_removed", "as line-dedup"}},
      {},
      "-",
      [](const OptionValues& v, const StepContext&) -> StatusOr<ConfiguredStep> {
        auto cfg = line_dedup_config(v);
        if (!cfg.ok()) return cfg.status();
        const std::string work = v.get_string("work");
        if (work.empty()) return Status::Usage("give the work directory with --work DIR");
        const auto parts = list_named(work + "/units", "part-");
        if (parts.empty()) return Status::Usage(work + "/units: no partitions (run the count stage first)");
        auto frequent = std::make_shared<FrequentUnits>();
        std::vector<uint64_t> words;
        for (const auto& part : parts) {
          const std::string path = work + "/frequent/" + part + ".bin.zst";
          if (!fs::exists(path)) return Status::Usage(path + ": missing (run the merge stage for every partition)");
          words.clear();
          DPK_RETURN_IF_ERROR(read_words(path, cfg->hashing_fingerprint(), words));
          if (words.size() % 2 != 0) return Status::Data(path + ": truncated");
          for (size_t i = 0; i < words.size(); i += 2) frequent->add(words[i], words[i + 1]);
        }
        frequent->seal();
        const LineDedupConfig conf = *cfg;
        std::shared_ptr<const FrequentUnits> shared = frequent;
        ConfiguredStep c;
        c.make = [conf, shared]() { return std::make_unique<FilterStage>(conf, shared); };
        c.explain = std::to_string(shared->size()) + " frequent units";
        return c;
      },
  };
  return spec;
}

}  // namespace

std::vector<Subcommand> line_dedup_stages() {
  return {
      {"count", count_spec().summary, "--work DIR --shard-index I --shard-count N [--partition-count P] INPUT...",
       count_spec().options, true, [](int argc, char** argv) { return rt::tool_main(count_spec(), argc, argv); },
       {"dpk-line-dedup count --work work/ --shard-index $I --shard-count 64 --partition-count 16 data/   # each shard",
        "dpk-line-dedup count --work work/ --unit paragraph --short-unit-chars 20 corpus.jsonl.zst          # one shard"}},
      {"merge",
       "Stage 2: for each unit partition, sum the documents of every unit over all shards and write the frequent "
       "ones (with their first position) to WORK/frequent/part-PPPP.bin.zst (all partitions without --partition-index). "
       "--unit, --normalize and --short-unit-chars must be those of the count stage.",
       "--work DIR [--partition-index P] [--max-occurrences N]", merge_options(), false, run_merge,
       {"dpk-line-dedup merge --work work/ --partition-index $P   # each partition, after every count shard",
        "dpk-line-dedup merge --work work/ --max-occurrences 2"}},
      {"filter", filter_spec().summary, "--work DIR --shard-index I --shard-count N INPUT... -o OUT/",
       filter_spec().options, true, [](int argc, char** argv) { return rt::tool_main(filter_spec(), argc, argv); },
       {"dpk-line-dedup filter --work work/ --shard-index $I --shard-count 64 data/ -o out/   # each shard",
        "dpk-line-dedup filter --work work/ --keep none --annotate-removed corpus.jsonl.zst > out.jsonl"}},
  };
}

}  // namespace dpk::line_dedup
