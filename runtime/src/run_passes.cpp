#include "run_passes.h"

#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <optional>

#include "dpk/runtime/progress.h"
#include "input_run_record.h"
#include "pass_runner.h"
#include "side_outputs.h"

namespace dpk::runtime {
namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

// A run spread over processes: every process folds the others'
// observations of a global step into its merged instance, so each one
// decides as a one-process run would.
Status exchange_observations(Cluster& cluster, const PlannedStep& step, GlobalTransform& master, bool quiet) {
  std::string mine;
  if (!master.serialize(mine)) {
    return Status::Usage("step '" + std::string(step.spec->name) + "' cannot run spread over " +
                         std::to_string(cluster.size()) + " processes (it cannot exchange its observations)");
  }
  std::vector<std::string> all;
  const auto t0 = Clock::now();
  DPK_RETURN_IF_ERROR(cluster.allgather(mine, all));
  if (!quiet && cluster.rank() == 0) {
    size_t total = 0;
    for (const auto& a : all) total += a.size();
    std::fprintf(stderr, "dpk: %s: exchanged %zu bytes of observations over %d processes (%.3f s, waiting for the slowest included)\n",
                 std::string(step.spec->name).c_str(), total, cluster.size(),
                 std::chrono::duration<double>(Clock::now() - t0).count());
  }
  mine.clear();
  mine.shrink_to_fit();
  for (size_t r = 0; r < all.size(); ++r) {
    if (static_cast<int>(r) == cluster.rank()) continue;
    DPK_RETURN_IF_ERROR(master.merge_serialized(all[r]));
    all[r].clear();
    all[r].shrink_to_fit();
  }
  return Status::Ok();
}

// Steps fused in one pass share its workers: a step's own `threads` lowers
// the threads of the whole pass that holds it (observing or applying).
int pass_threads(const RunPlan& plan, const PassSpec& pass, int threads) {
  auto lower = [&](size_t i) {
    if (plan.steps[i].threads > 0) threads = std::min(threads, plan.steps[i].threads);
  };
  if (pass.decide_step >= 0) lower(static_cast<size_t>(pass.decide_step));
  for (size_t i = pass.begin; i < pass.end; ++i) lower(i);
  return threads;
}

}  // namespace

Status run_passes(Cluster& cluster, RunPlan& plan, std::vector<std::unique_ptr<Transform>>& masters,
                  const std::vector<PassSpec>& passes, const std::vector<InputFile>& inputs, RunOutputs& outputs,
                  int threads, RunSummary& summary, std::unique_ptr<OutputTarget>& final_target) {
  const RunConfig& cfg = plan.config;
  std::optional<OutputLayout> layout;
  for (auto& s : plan.steps) {
    if (s.configured.layout) layout = s.configured.layout;
  }
  Pool<Chain> chains;
  const size_t n_chains = static_cast<size_t>(threads) * 3 + 1;
  for (size_t i = 0; i < n_chains; ++i) {
    auto c = std::make_unique<Chain>();
    for (auto& s : plan.steps) c->steps.push_back(s.configured.make());
    chains.add(std::move(c));
  }

  SideSinks side;
  DPK_RETURN_IF_ERROR(open_side_outputs(cfg, side));

  ProgressLine progress(cfg.tool, !cfg.quiet && ProgressLine::stderr_is_terminal());
  std::vector<InputFile> pass_inputs = inputs;
  std::string spool_dir;
  Status status;
  std::optional<RunTally> upstream;  // the run that wrote the input folder, read when a step asks
  for (size_t p = 0; p < passes.size() && status.ok(); ++p) {
    const PassSpec& pass = passes[p];
    OutputRequest req;
    std::unique_ptr<OutputTarget> target;
    std::string next_spool;
    if (pass.ends_at_global) {
      next_spool = temp_root(cfg) + "/spool-" + std::to_string(::getpid()) + "-" + std::to_string(p);
      req.output = next_spool + "/";
      req.spool = true;
    } else {
      req.output = cfg.output;
      req.compression = cfg.compression;
      req.level = cfg.compression_level;
      req.resumed = outputs.resumed_lines();
      req.layout = layout;
      req.from_source = starts_with_source(plan);
    }
    auto opened = open_output_target(req, pass_inputs);
    if (!opened.ok()) {
      status = opened.status();
      break;
    }
    target = std::move(*opened);
    uint64_t pass_bytes = 0;
    for (const auto& in : pass_inputs) pass_bytes += in.size;
    progress.start_pass(pass_title(plan, passes, p), pass_bytes);
    status = run_pass(plan, pass, pass_inputs, *target, side, chains, summary, p == 0 ? &summary.inputs : nullptr,
                      progress, pass.ends_at_global ? nullptr : &outputs.records(), pass_threads(plan, pass, threads));
    if (status.ok()) status = target->finish();
    if (!spool_dir.empty()) fs::remove_all(spool_dir);
    spool_dir.clear();
    if (!status.ok()) {
      if (!next_spool.empty()) fs::remove_all(next_spool);
      break;
    }
    // Merge every chain's instances of globals finished in this pass.
    for (size_t i = pass.begin; i < pass.end; ++i) {
      auto* master = as_global(masters[i].get());
      if (master == nullptr) continue;
      for (auto& c : chains.all()) master->merge_from(*as_global(c->steps[i].get()));
      if (cluster.size() > 1 && !master->runs_per_shard() && !cfg.shard_local) {
        status = exchange_observations(cluster, plan.steps[i], *master, cfg.quiet);
        if (!status.ok()) break;
      }
      const auto t_finish = Clock::now();
      if (!upstream) upstream = input_run_tally(cfg.inputs).value_or(RunTally());
      master->see_run_tally(chain_tallies(*upstream, summary.tally(i)));
      status = master->finish();
      if (cluster.size() > 1 && cluster.rank() == 0 && !cfg.quiet) {
        // Every rank decides on all observations: the part that does not shrink with more ranks.
        std::fprintf(stderr, "dpk: %s: decided on the observations of all ranks in %.3f s\n",
                     std::string(plan.steps[i].spec->name).c_str(),
                     std::chrono::duration<double>(Clock::now() - t_finish).count());
      }
      if (!status.ok()) break;
    }
    if (pass.ends_at_global) {
      spool_dir = next_spool;
      for (size_t i = 0; i < pass_inputs.size(); ++i) {
        // The name the spool's MirrorTarget gave this input's data.
        pass_inputs[i].path = spool_dir + "/" + spool_file_name(i);
        // Known now: the next pass's progress shows percent and ETA.
        std::error_code ec;
        const auto size = fs::file_size(pass_inputs[i].path, ec);
        pass_inputs[i].size = ec ? 0 : size;
      }
    } else {
      final_target = std::move(target);
    }
  }
  if (!spool_dir.empty()) fs::remove_all(spool_dir);
  progress.finish();
  if (status.ok() && side.dropped) status = side.dropped->commit();
  if (status.ok() && side.quarantine) status = side.quarantine->commit();
  for (auto& st : plan.steps) {
    if (status.ok() && st.configured.commit) status = st.configured.commit();
  }

  return status;
}

}  // namespace dpk::runtime
