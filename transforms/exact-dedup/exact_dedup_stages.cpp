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

// The stages are run by tool_main, which reads -o as where documents go and
// every positional argument as an input. hashes takes WORK/ as -o and filter
// as its first positional argument: both become --work here.
bool takes_value(const std::vector<OptionSpec>& own, std::string_view arg) {
  auto check = [&](const std::vector<OptionSpec>& specs) {
    for (const auto& o : specs) {
      if (o.type == OptionType::kFlag) continue;
      if (arg.size() == 2 && arg[0] == '-' && o.short_name == arg[1]) return true;
      if (arg.substr(0, 2) == "--" && (arg.substr(2) == o.name || (!o.formerly.empty() && arg.substr(2) == o.formerly))) {
        return true;
      }
    }
    return false;
  };
  return check(rt::common_options()) || check(own);
}

int run_with_work(const TransformSpec& spec, int argc, char** argv, bool work_is_output) {
  std::vector<std::string> args = {argv[0]};
  std::string work;
  for (int i = 1; i < argc; ++i) {
    std::string_view a = argv[i];
    if (work_is_output && (a == "-o" || a == "--output") && i + 1 < argc) {
      work = argv[++i];
    } else if (work_is_output && a.rfind("--output=", 0) == 0) {
      work = std::string(a.substr(9));
    } else if (!work_is_output && work.empty() && (a.empty() || a[0] != '-')) {
      work = std::string(a);
    } else {
      args.emplace_back(a);
      if (takes_value(spec.options, a) && i + 1 < argc) args.emplace_back(argv[++i]);
    }
  }
  const bool help = std::find(args.begin(), args.end(), "--help") != args.end() ||
                    std::find(args.begin(), args.end(), "-h") != args.end();
  if (work.empty() && !help) {
    return rt::report_error(args[0], Status::Usage(work_is_output ? "give the work directory with -o WORK/"
                                                                  : "give the work directory first: WORK/ INPUT..."));
  }
  if (!help) {
    args.insert(args.begin() + 1, {"--work", work});
    if (work_is_output) args.insert(args.begin() + 1, {"-o", "/dev/null"});
  }
  std::vector<char*> ptrs;
  for (auto& s : args) ptrs.push_back(s.data());
  ptrs.push_back(nullptr);
  return rt::tool_main(spec, static_cast<int>(args.size()), ptrs.data());
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

const OptionSpec kWorkOption{"work", OptionType::kString, "", "The work directory (given as -o / first argument).",
                             {}, 0, "DIR"};

const TransformSpec& hashes_spec() {
  static const TransformSpec spec{
      "exact-dedup hashes",
      TransformKind::kGlobal,
      "Stage 1: hash this shard's documents into WORK/hashes/, partitioned by hash.",
      "",
      {kWorkOption,
       renamed("partitions",
               {"partition-count", OptionType::kInt, "16", "How many hash partitions to write (= resolve jobs).", {}, 0,
                "N", 1}),
       {"normalize", OptionType::kString, "", "Fold the text before hashing (as exact-dedup --normalize).", {}, 0,
        "FOLDS"}},
      {},
      {},
      "/dev/null",
      [](const OptionValues& v, const StepContext& ctx) -> StatusOr<ConfiguredStep> {
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

OptionSpec resolve_partition_option() {
  return renamed("partition", {"partition-index", OptionType::kInt, "", "Resolve only this partition (default: all).",
                               {}, 0, "P", 0});
}

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

int run_resolve(int argc, char** argv) {
  static const std::vector<OptionSpec> kOptions = {resolve_partition_option()};
  const std::string prog = argv[0];
  OptionValues values;
  std::vector<std::string> positional;
  bool help = false, version = false;
  Status s = rt::parse_command_line({&kOptions}, argc, argv, values, positional, help, version);
  rt::print_option_warnings(prog, false);
  if (!s.ok()) return rt::report_error(prog, s);
  if (help) {
    std::printf("Usage: %s [--partition-index P] WORK/\n\nStage 2: for each hash partition, pick the first "
                "occurrence (smallest position) of every hash and write WORK/dups/part-PPPP.bin.zst.\n",
                prog.c_str());
    return 0;
  }
  if (positional.size() != 1) return rt::report_error(prog, Status::Usage("give one work directory"));
  const std::string work = positional[0];
  std::optional<int64_t> only;
  if (values.has("partition-index")) {
    s = validate_options(kOptions, values, "");
    if (!s.ok()) return rt::report_error(prog, s);
    only = values.get_int("partition-index");
  }
  auto parts = partitions_to_run(work + "/hashes", "hashes", only);
  if (!parts.ok()) return rt::report_error(prog, parts.status());
  for (const auto& part : *parts) {
    s = resolve_partition(work, part);
    if (!s.ok()) return rt::report_error(prog, s);
  }
  return 0;
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
      {kWorkOption,
       {"annotate", OptionType::kFlag, "", "Mark copies (dup_of, dup_count) instead of dropping them."}},
      {{"dup_of", "as exact-dedup"}, {"dup_count", "as exact-dedup"}},
      {},
      "-",
      [](const OptionValues& v, const StepContext& ctx) -> StatusOr<ConfiguredStep> {
        const std::string work = v.get_string("work");
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
      {"hashes", hashes_spec().summary, "--shard-index I --shard-count N [--partition-count P] -o WORK/ INPUT...",
       hashes_spec().options, true, [](int argc, char** argv) { return run_with_work(hashes_spec(), argc, argv, true); }},
      {"resolve",
       "Stage 2: pick the first occurrence of every hash in one partition (all without --partition-index).",
       "[--partition-index P] WORK/",
       {resolve_partition_option()},
       false, run_resolve},
      {"filter", filter_spec().summary, "--shard-index I --shard-count N WORK/ INPUT... -o OUT/",
       filter_spec().options, true, [](int argc, char** argv) { return run_with_work(filter_spec(), argc, argv, false); }},
  };
}

}  // namespace dpk::exact_dedup
