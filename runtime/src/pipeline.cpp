#include "dpk/runtime/pipeline.h"

#include <tbb/global_control.h>

#include <chrono>
#include <cstdio>
#include <thread>

#include "dpk/input_files.h"
#include "dpk/runtime/cluster.h"
#include "dpk/runtime/output_target.h"
#include "global_step_guard.h"
#include "output_names.h"
#include "pass_plan.h"
#include "run_outputs.h"
#include "run_passes.h"
#include "run_setup_record.h"
#include "run_summary_files.h"

namespace dpk::runtime {
namespace {

using Clock = std::chrono::steady_clock;

Status run_plan_on(Cluster& cluster, RunPlan& plan, RunSummary& summary);

// This process's shard: from --shard-index/--shard-count, else the environment.
StatusOr<ShardAssignment> shard_of(const RunConfig& cfg) {
  if (cfg.shard_count > 0) return ShardAssignment{cfg.shard_index, cfg.shard_count, "options"};
  return shard_from_environment();
}

// A step's own text-key, id-key and threads (from its recipe entry).
Status apply_step_common_options(const RunConfig& run, PlannedStep& step, const std::string& where) {
  step.own_schema.reset();
  step.threads = 0;
  if (step.common.all().empty()) return Status::Ok();
  OptionValues v = step.common;  // validated on a copy: defaults are the run's, not the declared ones
  DPK_RETURN_IF_ERROR(validate_options(common_options(), v, where));
  if (step.common.has("text-key") || step.common.has("id-key")) {
    Schema s = run.schema;
    if (step.common.has("text-key")) s.text_key = v.get_string("text-key");
    if (step.common.has("id-key")) s.id_key = v.get_string("id-key");
    if (s.text_key.empty() || s.id_key.empty()) return Status::Usage(where + "text-key and id-key must not be empty");
    // As `dpk-NAME --text-key KEY` reads its input: a document without the
    // field is bad input when the step reads text.
    s.text_required = step.spec->reads_text;
    step.own_schema = std::move(s);
  }
  if (step.common.has("threads")) step.threads = static_cast<int>(v.get_int("threads"));
  return Status::Ok();
}

}  // namespace

const Schema& step_schema(const RunPlan& plan, size_t i) {
  const PlannedStep& st = plan.steps[i];
  return st.own_schema ? *st.own_schema : plan.config.schema;
}

Status configure_plan(RunPlan& plan) {
  plan.config.schema.text_required = plan.steps.empty() || plan.steps.front().spec->reads_text;
  StepContext ctx;
  ctx.schema = plan.config.schema;
  ctx.output = plan.config.output;
  ctx.output_is_dir = output_is_directory(plan.config.output);
  // The same shard run_plan() will use: from the options, else the environment.
  auto shard_or = shard_of(plan.config);
  if (!shard_or.ok()) return shard_or.status();
  const ShardAssignment& shard = *shard_or;
  ctx.shard_index = std::max(shard.index, 0);
  ctx.shard_count = std::max(shard.count, 1);
  for (size_t i = 0; i < plan.steps.size(); ++i) {
    auto& step = plan.steps[i];
    std::string where = step.label.empty() ? "" : step.label + ": ";
    if (i > 0 && step.spec->source) {
      // A source turns input files into documents; later in a run it would
      // get documents, not files, and do nothing.
      return Status::Usage(where + "step '" + std::string(step.spec->name) +
                           "' reads input files and makes documents of them: it can only be the first step (it is "
                           "step " + std::to_string(i + 1) + ")");
    }
    DPK_RETURN_IF_ERROR(validate_options(step.spec->options, step.options, where));
    DPK_RETURN_IF_ERROR(apply_step_common_options(plan.config, step, where));
    ctx.schema = step_schema(plan, i);
    ctx.step_label = step.label;
    auto configured = step.spec->configure(step.options, ctx);
    if (!configured.ok()) {
      const Status& s = configured.status();
      return Status(s.code(), where + s.message());
    }
    step.configured = std::move(configured.value());
  }
  return Status::Ok();
}

Status run_plan(RunPlan& plan, RunSummary& summary) {
  auto c = cluster();
  if (!c.ok()) return c.status();
  Cluster& cl = **c;
  Status s = run_plan_on(cl, plan, summary);
  // The other processes may be waiting on this one in an exchange: end them
  // all, naming this rank, rather than leave them waiting.
  if (!s.ok() && cl.size() > 1) cl.abort(plan.config.tool + ": " + s.message(), s.exit_code());
  return s;
}

namespace {

Status run_plan_on(Cluster& cluster, RunPlan& plan, RunSummary& summary) {
  const RunConfig& cfg = plan.config;
  const auto t_start = Clock::now();
  summary.tool = cfg.tool;
  summary.started = utc_now_iso();
  summary.parameters_json = plan.parameters_json;
  summary.output = cfg.output;
  summary.steps.clear();
  for (const auto& s : plan.steps) summary.steps.push_back({std::string(s.spec->name), 0, 0, {}, 0});
  DPK_RETURN_IF_ERROR(record_setup(plan, summary));

  // Inputs of this shard.
  std::vector<SkippedInput> skipped;
  auto listed = list_inputs(cfg.inputs, cfg.glob, &skipped);
  if (!listed.ok()) return listed.status();
  name_below_common_folder(cfg.inputs, *listed);
  auto shard_or = shard_of(cfg);
  if (!shard_or.ok()) return shard_or.status();
  const ShardAssignment& shard = *shard_or;
  if (cluster.size() > 1 && (shard.index != cluster.rank() || shard.count != cluster.size())) {
    // The exchange assumes rank R holds shard R of N; anything else would
    // count some files twice and others never.
    return Status::Usage("under mpirun each rank takes its own shard: leave out --shard-index/--shard-count "
                         "(and run mpirun outside Slurm array jobs)");
  }
  std::vector<InputFile> inputs = shard_files(*listed, shard.index, shard.count);
  summary.shard_index = shard.index;
  summary.shard_count = shard.count;
  summary.inputs.clear();
  for (const auto& in : inputs) {
    summary.inputs.push_back({in.path, 0, 0, 0, false, "", in.size});
  }
  InputFileCounts walk;  // what walking the input folders left out
  for (const auto& s : skipped) walk.add_skipped(s.path, s.reason);
  if (!cfg.quiet) {
    for (const auto& line : walk.skip_warnings()) std::fprintf(stderr, "%s: warning: %s\n", cfg.tool.c_str(), line.c_str());
  }
  summary.input_files = InputFileCounts();
  summary.input_files.listed = inputs.size();
  if (shard.index == 0) {
    // Every shard skips the same files: the first counts them, so the
    // shards' totals add up.
    summary.input_files.skipped = walk.skipped;
    summary.input_files.skipped_examples = walk.skipped_examples;
  }

  int threads = cfg.threads > 0 ? cfg.threads : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  tbb::global_control gc(tbb::global_control::max_allowed_parallelism, static_cast<size_t>(threads));
  summary.threads = threads;

  // One master instance per step: globals merge into it.
  std::vector<std::unique_ptr<Transform>> masters;
  for (auto& s : plan.steps) masters.push_back(s.configured.make());
  DPK_RETURN_IF_ERROR(check_global_steps(plan, masters, shard, cluster.size()));
  std::vector<PassSpec> passes = plan_passes(plan, masters);
  // Before anything is read: distinct output names, the lock, stale
  // temporaries, and what an earlier run already completed.
  auto outputs = RunOutputs::prepare(plan, *listed, inputs, shard, passes.size() == 1);
  if (!outputs.ok()) return outputs.status();
  DPK_RETURN_IF_ERROR((*outputs)->carry_resumed(summary));
  std::unique_ptr<OutputTarget> final_target;
  Status status = run_passes(cluster, plan, masters, passes, inputs, **outputs, threads, summary, final_target);

  summary.wall_seconds = std::chrono::duration<double>(Clock::now() - t_start).count();
  if (final_target) summary.outputs = final_target->paths();
  if (!status.ok()) return status;
  for (auto& in : summary.inputs) {
    if (in.resumed) in.outcome = "resumed";
    summary.input_files.add_outcome(in.outcome);
  }

  for (size_t i = 0; i < inputs.size(); ++i) {
    if (!summary.inputs[i].resumed) summary.input_file_bytes += inputs[i].size;
  }
  record_usage(summary);
  auto totals = write_summary_files(cluster, cfg, summary, final_target.get(), shard);
  if (!totals.ok()) return totals.status();
  // One line for the person (a batch log included), from rank 0 for all ranks.
  Status empty = report_run_end(*totals, cfg, cluster.rank() == 0);
  if (!summary.balanced()) {
    return Status::Io("internal error: document counts do not balance (see the run summary)");
  }
  if (!summary.input_files.balanced()) {
    return Status::Io("internal error: input file counts do not balance (see input_files in the run summary)");
  }
  return empty;
}

}  // namespace
}  // namespace dpk::runtime
