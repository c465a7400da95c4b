#include "minhash_stages.h"

#include <algorithm>
#include <cstring>
#include <unordered_map>

#include <cstdio>
#include <filesystem>

#include "dpk/input_files.h"
#include "dpk/runtime/cli.h"
#include "dpk/runtime/pipeline.h"
#include "dpk/runtime/stage_command.h"
#include "lsh_clusters.h"
#include "minhash_dedup_step.h"
#include "minhash_signature.h"
#include "work_files.h"

namespace dpk {
namespace {

// Fixes the shard before configuring steps, so positions use the same file
// indices the runtime will read.
Status resolve_shard(runtime::RunConfig& run) {
  if (run.shard_count <= 0) {
    auto s = shard_from_environment();
    if (!s.ok()) return s.status();
    run.shard_index = s->index;
    run.shard_count = s->count;
  }
  return Status::Ok();
}

Status run_single_step(const TransformSpec& spec, runtime::RunConfig run) {
  DPK_RETURN_IF_ERROR(resolve_shard(run));
  runtime::RunPlan plan;
  plan.config = std::move(run);
  runtime::PlannedStep step;
  step.spec = &spec;
  plan.steps.push_back(std::move(step));
  DPK_RETURN_IF_ERROR(runtime::configure_plan(plan));
  runtime::RunSummary summary;
  return runtime::run_plan(plan, summary);
}

// The filter stage: the clusters of WORK/ applied to this shard's documents.
class ClusterFilter final : public DocumentTransform {
 public:
  ClusterFilter(std::shared_ptr<const std::vector<uint64_t>> clusters, bool annotate, int shard_index,
                int shard_count)
      : clusters_(std::move(clusters)), annotate_(annotate), shard_index_(shard_index), shard_count_(shard_count) {}

  void apply(Document& doc) override {
    const uint64_t file = static_cast<uint64_t>(shard_index_) + static_cast<uint64_t>(doc.source) * shard_count_;
    const uint64_t pos = make_position(file, doc.line);
    // clusters_: (position, kept position) pairs sorted by position.
    const auto& c = *clusters_;
    size_t lo = 0, hi = c.size() / 2;
    while (lo < hi) {
      size_t mid = (lo + hi) / 2;
      if (c[2 * mid] < pos) lo = mid + 1; else hi = mid;
    }
    if (lo == c.size() / 2 || c[2 * lo] != pos) return;
    const uint64_t kept = c[2 * lo + 1];
    if (annotate_) {
      doc.set_int("dup_cluster", static_cast<int64_t>(kept));
    } else if (kept != pos) {
      doc.drop("minhash_dup");
    }
  }

 private:
  std::shared_ptr<const std::vector<uint64_t>> clusters_;
  bool annotate_;
  int shard_index_, shard_count_;
};

}  // namespace

Status minhash_signatures(const MinHashConfig& cfg, const std::string& work, runtime::RunConfig run) {
  static TransformSpec spec;
  spec.name = "minhash-signatures";
  spec.kind = TransformKind::kGlobal;
  spec.configure = [cfg, work](const OptionValues&, const StepContext& ctx) -> StatusOr<ConfiguredStep> {
    ConfiguredStep c;
    c.make = [=]() {
      return std::make_unique<MinHashDedupStep>(cfg, MinHashDedupStep::Mode::kSignatureStage, work,
                                                ctx.shard_index, ctx.shard_count);
    };
    return c;
  };
  run.output = "/dev/null";
  return run_single_step(spec, std::move(run));
}

Status minhash_buckets(const MinHashConfig& cfg, const std::string& work, int band_index, int band_count) {
  DPK_RETURN_IF_ERROR(check_params(work, cfg.fingerprint()));
  const size_t np = static_cast<size_t>(cfg.num_perm);
  const size_t per_doc = 1 + (np + 1) / 2;
  for (int b = band_index; b < cfg.bands; b += band_count) {
    std::vector<uint64_t> words;
    const std::string dir = work + "/bands/" + std::to_string(b);
    for (const auto& f : list_work_files(dir, ".bin.zst")) DPK_RETURN_IF_ERROR(read_words(f, words));
    std::vector<BandEntry> entries(words.size() / 2);
    for (size_t i = 0; i < entries.size(); ++i) entries[i] = {words[2 * i], words[2 * i + 1]};
    std::vector<uint64_t>().swap(words);
    PairCheck check;
    std::unordered_map<uint64_t, size_t> sig_index;
    std::vector<uint64_t> sigs;
    if (cfg.verify_jaccard) {
      // Only documents that share a bucket with another need their signature.
      std::sort(entries.begin(), entries.end());
      std::vector<uint64_t> wanted;
      for (size_t i = 0; i < entries.size(); ++i) {
        const bool shared = (i > 0 && entries[i - 1].key == entries[i].key) ||
                            (i + 1 < entries.size() && entries[i + 1].key == entries[i].key);
        if (shared) wanted.push_back(entries[i].item);
      }
      std::sort(wanted.begin(), wanted.end());
      for (const auto& f : list_work_files(work + "/signatures", ".bin.zst")) {
        std::vector<uint64_t> all;
        DPK_RETURN_IF_ERROR(read_words(f, all));
        for (size_t i = 0; i + per_doc <= all.size(); i += per_doc) {
          if (!std::binary_search(wanted.begin(), wanted.end(), all[i])) continue;
          sig_index[all[i]] = sigs.size();
          sigs.insert(sigs.end(), all.begin() + static_cast<ptrdiff_t>(i + 1),
                      all.begin() + static_cast<ptrdiff_t>(i + per_doc));
        }
      }
      check = [&](uint64_t x, uint64_t y) {
        auto ix = sig_index.find(x), iy = sig_index.find(y);
        if (ix == sig_index.end() || iy == sig_index.end()) return false;
        const auto* sx = reinterpret_cast<const uint32_t*>(&sigs[ix->second]);
        const auto* sy = reinterpret_cast<const uint32_t*>(&sigs[iy->second]);
        return estimated_jaccard(sx, sy, cfg.num_perm) >= cfg.threshold;
      };
    }
    std::vector<Edge> edges;
    bucket_edges(entries, check, edges);
    std::vector<uint64_t> out;
    out.reserve(edges.size() * 2);
    for (const auto& [x, y] : edges) {
      out.push_back(x);
      out.push_back(y);
    }
    DPK_RETURN_IF_ERROR(write_words(work + "/pairs/band-" + std::to_string(b) + ".bin.zst", out));
  }
  return Status::Ok();
}

Status minhash_clusters(const MinHashConfig& cfg, const std::string& work) {
  DPK_RETURN_IF_ERROR(check_params(work, cfg.fingerprint()));
  std::vector<uint64_t> words;
  const auto files = list_work_files(work + "/pairs", ".bin.zst");
  if (static_cast<int>(files.size()) != cfg.bands) {
    return Status::Usage(work + "/pairs holds " + std::to_string(files.size()) + " of " +
                         std::to_string(cfg.bands) + " bands: run the 'buckets' stage for every band first");
  }
  for (const auto& f : files) DPK_RETURN_IF_ERROR(read_words(f, words));
  std::vector<Edge> edges(words.size() / 2);
  for (size_t i = 0; i < edges.size(); ++i) edges[i] = {words[2 * i], words[2 * i + 1]};
  std::vector<uint64_t>().swap(words);
  std::vector<Edge> clusters = cluster_items(edges);
  std::vector<uint64_t> out;
  out.reserve(clusters.size() * 2);
  for (const auto& [pos, kept] : clusters) {
    out.push_back(pos);
    out.push_back(kept);
  }
  return write_words(work + "/clusters.bin.zst", out);
}

Status minhash_filter(const MinHashConfig& cfg, const std::string& work, runtime::RunConfig run) {
  DPK_RETURN_IF_ERROR(check_params(work, cfg.fingerprint()));
  auto clusters = std::make_shared<std::vector<uint64_t>>();
  if (!std::filesystem::exists(work + "/clusters.bin.zst")) {
    return Status::Usage(work + "/clusters.bin.zst not found: run the 'clusters' stage first");
  }
  DPK_RETURN_IF_ERROR(read_words(work + "/clusters.bin.zst", *clusters));
  static TransformSpec spec;
  spec.name = "minhash-dedup";
  spec.kind = TransformKind::kFilter;
  const bool annotate = cfg.annotate;
  spec.configure = [clusters, annotate](const OptionValues&, const StepContext& ctx) -> StatusOr<ConfiguredStep> {
    ConfiguredStep c;
    c.make = [=]() { return std::make_unique<ClusterFilter>(clusters, annotate, ctx.shard_index, ctx.shard_count); };
    return c;
  };
  return run_single_step(spec, std::move(run));
}

const std::vector<OptionSpec>& minhash_stage_options(std::string_view stage) {
  auto make = [](bool bands, bool quiet) {
    std::vector<OptionSpec> o = minhash_options();
    o.insert(o.begin(), runtime::work_option());
    if (bands) {
      o.push_back({"band-index", OptionType::kInt, "0", "First band of this process.", {}, 0, "N", 0});
      o.push_back({"band-count", OptionType::kInt, "1", "Take every N-th band from --band-index on.", {}, 0, "N", 1});
    }
    if (quiet) o.push_back(runtime::quiet_option());
    return o;
  };
  static const std::vector<OptionSpec> kDocuments = make(false, false), kBuckets = make(true, true),
                                       kClusters = make(false, true);
  return stage == "buckets" ? kBuckets : stage == "clusters" ? kClusters : kDocuments;
}

int minhash_stage_main(int argc, char** argv) {
  const std::string stage = argv[0];
  const std::string prog = "dpk-minhash-dedup " + stage;
  const bool runs_documents = stage == "signatures" || stage == "filter";
  const std::vector<OptionSpec>& own_specs = minhash_stage_options(stage);
  OptionValues all, common, own;
  std::vector<std::string> positional;
  bool help = false, version = false;  // answered by tool_main before a stage runs
  std::vector<const std::vector<OptionSpec>*> sets = {&own_specs};
  if (runs_documents) sets.push_back(&runtime::common_options());
  Status s = runtime::parse_command_line(sets, argc, argv, all, positional, help, version);
  if (!s.ok()) return runtime::report_error(prog, s);
  for (const auto& [name, vals] : all.all()) {
    bool is_common = false;
    for (const auto& o : runtime::common_options()) is_common |= o.name == name;
    for (const auto& v : vals) (is_common ? common : own).add(name, v);
  }
  s = validate_options(own_specs, own, "");
  if (!s.ok()) return runtime::report_error(prog, s);
  const std::string work = own.get_string("work");
  if (work.empty()) return runtime::report_error(prog, Status::Usage("--work DIR is required"));
  if (!runs_documents && !positional.empty()) {
    return runtime::report_error(prog, Status::Usage("unexpected argument '" + positional[0] + "'"));
  }
  if (runs_documents && !common.has("output")) common.set("output", stage == "filter" ? "-" : "/dev/null");
  s = validate_options(runtime::common_options(), common, "");
  if (!s.ok()) return runtime::report_error(prog, s);
  auto run = runtime::run_config_from(common, positional);
  if (!run.ok()) return runtime::report_error(prog, run.status());
  run->tool = prog;
  auto cfg = minhash_config_from(own, run->schema);
  if (!cfg.ok()) return runtime::report_error(prog, cfg.status());
  if (stage == "signatures") {
    s = minhash_signatures(*cfg, work, *run);
  } else if (stage == "buckets") {
    const int bi = static_cast<int>(own.get_int("band-index")), bc = static_cast<int>(own.get_int("band-count"));
    if (bc < 1 || bi < 0 || bi >= bc) {
      return runtime::report_error(prog, Status::Usage("--band-index must be in [0, --band-count)"));
    }
    s = minhash_buckets(*cfg, work, bi, bc);
  } else if (stage == "clusters") {
    s = minhash_clusters(*cfg, work);
  } else {
    s = minhash_filter(*cfg, work, *run);
  }
  if (!s.ok()) return runtime::report_error(prog, s);
  return 0;
}

}  // namespace dpk
