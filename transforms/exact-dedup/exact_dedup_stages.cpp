#include "exact_dedup_stages.h"

#include <cstdio>
#include <cstring>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>

#include "dpk/byte_stream.h"
#include "dpk/compression.h"
#include "dpk/runtime/cli.h"
#include "dpk/runtime/run_config.h"
#include "dpk/runtime/stage_command.h"
#include "dpk/work_files.h"
#include "exact_dedup_step.h"

namespace dpk::exact_dedup {
namespace {

namespace fs = std::filesystem;
namespace rt = runtime;

Status write_zstd(const std::string& path, std::string_view bytes) {
  std::string frame;
  BlockCompressor zstd(Codec::kZstd, 3);
  DPK_RETURN_IF_ERROR(zstd.compress(bytes, frame));
  auto sink = open_output(path);
  if (!sink.ok()) return sink.status();
  DPK_RETURN_IF_ERROR((*sink)->write(frame));
  return (*sink)->commit();
}

// hashes and filter run as tool_main on a spec of their own. Older releases
// took hashes' work directory as -o WORK/ and filter's as its first argument:
// both still work, with a warning.
int run_stage(const TransformSpec& spec, int argc, char** argv, rt::OldWorkSpelling old) {
  auto args = rt::upgrade_work_argument(std::vector<std::string>(argv, argv + argc),
                                        {&rt::common_options(), &spec.options}, old);
  return rt::run_with_args(std::move(args), [&](int n, char** v) { return rt::tool_main(spec, n, v); });
}

// ---- hashes ---------------------------------------------------------------

class HashStage final : public GlobalTransform {
 public:
  struct Setup {
    std::string work, folds;
    uint64_t partitions;
    int shard_index, shard_count;
  };
  explicit HashStage(std::shared_ptr<const Setup> setup) : setup_(std::move(setup)), keyer_(setup_->folds) {}

  void observe(const Document& doc) override {
    if (!keyer_.add(doc, true, records_)) too_far_ = true;
  }
  void merge_from(GlobalTransform& other) override {
    auto& o = static_cast<HashStage&>(other);
    records_.append(std::move(o.records_));
    too_far_ = too_far_ || o.too_far_;
  }
  bool needs_second_pass() const override { return false; }
  bool runs_per_shard() const override { return true; }
  Status finish() override {
    if (too_far_) return Status::Usage("an input has more than 2^40 lines or there are more than 2^24 input files");
    std::vector<HashRecords> parts(setup_->partitions);
    for (const auto& r : records_.records) {
      std::string_view id = records_.id(r.id_ref);
      parts[r.hi % setup_->partitions].add(r.hi, r.lo, r.pos, r.id_ref == kNoId ? nullptr : &id);
    }
    records_.clear();
    std::string bytes;
    for (uint64_t p = 0; p < parts.size(); ++p) {
      bytes.clear();
      parts[p].serialize(bytes);
      const std::string path = setup_->work + "/hashes/part-" + four_digits(p) + "/" +
                               shard_file_name(static_cast<uint64_t>(setup_->shard_index),
                                               static_cast<uint64_t>(setup_->shard_count));
      DPK_RETURN_IF_ERROR(write_zstd(path, bytes));
    }
    return Status::Ok();
  }

 private:
  std::shared_ptr<const Setup> setup_;
  DocumentKeyer keyer_;
  HashRecords records_;
  bool too_far_ = false;
};


const TransformSpec& hashes_spec() {
  static const TransformSpec spec{
      "exact-dedup hashes",
      TransformKind::kGlobal,
      "Stage 1: hash this shard's documents into WORK/hashes/, partitioned by hash.",
      "",
      {rt::work_option(),
       renamed("partitions", {"partition-count", OptionType::kInt, "16", "How many hash partitions to write (= resolve jobs).", {}, 0, "N", 1}),
       {"normalize", OptionType::kString, "", "Fold the text before hashing (as exact-dedup --normalize).", {}, 0,
        "FOLDS"}},
      {},
      {},
      "/dev/null",
      [](const OptionValues& v, const StepContext& ctx) -> StatusOr<ConfiguredStep> {
        if (v.get_string("work").empty()) return Status::Usage("give the work directory with --work DIR");
        TextNormalizer probe;
        if (!probe.parse_folds(v.get_string("normalize"))) return Status::Usage("--normalize: unknown fold");
        if (v.get_int("partition-count") < 1 || v.get_int("partition-count") > 9999) {
          return Status::Usage("--partition-count: give 1 to 9999");
        }
        auto setup = std::make_shared<HashStage::Setup>();
        *setup = {v.get_string("work"), v.get_string("normalize"), static_cast<uint64_t>(v.get_int("partition-count")),
                  ctx.shard_index, ctx.shard_count};
        ConfiguredStep c;
        c.make = [setup]() { return std::make_unique<HashStage>(setup); };
        return c;
      },
  };
  return spec;
}

// ---- resolve ----------------------------------------------------------------

Status resolve_partition(const std::string& work, const std::string& part) {
  const std::string dir = work + "/hashes/" + part;
  auto files = complete_shard_files(dir, "hash", "hashes");
  if (!files.ok()) return files.status();
  HashRecords records;
  for (const auto& f : *files) {
    auto bytes = read_whole_input(dir + "/" + f);
    if (!bytes.ok()) return bytes.status();
    DPK_RETURN_IF_ERROR(records.parse(*bytes, dir + "/" + f));
  }
  DuplicateTable table;
  table.add_groups(records, /*keep_members=*/true);
  std::string out;
  table.serialize(out);
  return write_zstd(work + "/dups/" + part + ".bin.zst", out);
}

const std::vector<OptionSpec>& resolve_options() {
  static const std::vector<OptionSpec> kOptions = {
      rt::work_option(),
      renamed("partition", {"partition-index", OptionType::kInt, "", "Resolve only this partition (default: all).", {}, 0, "P", 0}),
      rt::quiet_option()};
  return kOptions;
}

int run_resolve(int argc, char** argv) {
  return rt::run_work_stage(argc, argv, resolve_options(), [](const OptionValues& values, const std::string& work) {
    std::optional<int64_t> only;
    if (values.has("partition-index")) only = values.get_int("partition-index");
    auto parts = partitions_to_run(work + "/hashes", "hashes", only);
    if (!parts.ok()) return parts.status();
    for (const auto& part : *parts) DPK_RETURN_IF_ERROR(resolve_partition(work, part));
    return Status::Ok();
  });
}

// ---- filter -----------------------------------------------------------------

class FilterStage final : public DocumentTransform {
 public:
  FilterStage(std::shared_ptr<const DuplicateTable> table, bool annotate)
      : table_(std::move(table)), annotate_(annotate) {}
  void apply(Document& doc) override { apply_decision(*table_, annotate_, doc); }

 private:
  std::shared_ptr<const DuplicateTable> table_;
  bool annotate_;
};

const TransformSpec& filter_spec() {
  static const TransformSpec spec{
      "exact-dedup filter",
      TransformKind::kFilter,
      "Stage 3: drop (or annotate) the copies among this shard's documents.",
      "",
      {rt::work_option(),
       {"annotate", OptionType::kFlag, "", "Mark copies (dup_of, dup_count) instead of dropping them."}},
      {{"dup_of", "as exact-dedup"}, {"dup_count", "as exact-dedup"}},
      {},
      "-",
      [](const OptionValues& v, const StepContext& ctx) -> StatusOr<ConfiguredStep> {
        const std::string work = v.get_string("work");
        if (work.empty()) return Status::Usage("give the work directory with --work DIR");
        const auto parts = list_named(work + "/hashes", "part-");
        auto table = std::make_shared<DuplicateTable>();
        for (const auto& part : parts) {
          const std::string path = work + "/dups/" + part + ".bin.zst";
          if (!fs::exists(path)) return Status::Usage(path + ": missing (run the resolve stage for every partition)");
          auto bytes = read_whole_input(path);
          if (!bytes.ok()) return bytes.status();
          DPK_RETURN_IF_ERROR(table->parse(*bytes, path, ctx.shard_index, ctx.shard_count));
        }
        if (parts.empty()) return Status::Usage(work + "/hashes: no partitions (run the hashes stage first)");
        table->seal();
        const bool annotate = v.get_flag("annotate");
        std::shared_ptr<const DuplicateTable> shared = table;
        ConfiguredStep c;
        c.make = [shared, annotate]() { return std::make_unique<FilterStage>(shared, annotate); };
        c.explain = std::to_string(shared->copies()) + " copies in this shard";
        return c;
      },
  };
  return spec;
}

}  // namespace

std::vector<Subcommand> exact_dedup_stages() {
  return {
      {"hashes", hashes_spec().summary, "--work DIR --shard-index I --shard-count N [--partition-count P] INPUT...",
       hashes_spec().options, true,
       [](int argc, char** argv) { return run_stage(hashes_spec(), argc, argv, rt::OldWorkSpelling::kOutputOption); },
       {"dpk-exact-dedup hashes --work work/ --shard-index $I --shard-count 64 --partition-count 16 data/   # each shard",
        "dpk-exact-dedup hashes --work work/ --normalize lower,whitespace corpus.jsonl.zst             # one shard"}},
      {"resolve",
       "Stage 2: for each hash partition, pick the first occurrence (smallest position) of every hash and write "
       "WORK/dups/part-PPPP.bin.zst (all partitions without --partition-index).",
       "--work DIR [--partition-index P]", resolve_options(), false, run_resolve,
       {"dpk-exact-dedup resolve --work work/ --partition-index $P   # each partition, after every hashes shard",
        "dpk-exact-dedup resolve --work work/                  # all partitions in this process"}},
      {"filter", filter_spec().summary, "--work DIR --shard-index I --shard-count N [--annotate] INPUT... -o OUT/",
       filter_spec().options, true,
       [](int argc, char** argv) { return run_stage(filter_spec(), argc, argv, rt::OldWorkSpelling::kFirstPositional); },
       {"dpk-exact-dedup filter --work work/ --shard-index $I --shard-count 64 data/ -o out/   # each shard",
        "dpk-exact-dedup filter --work work/ --annotate corpus.jsonl.zst > marked.jsonl"}},
  };
}

}  // namespace dpk::exact_dedup
