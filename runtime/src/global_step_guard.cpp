#include "global_step_guard.h"

#include <string>

namespace dpk::runtime {
namespace {

std::string step_prefix(const PlannedStep& step) { return step.label.empty() ? "" : step.label + ": "; }

// What to run instead of one shard of a global step: its stages when it
// has them, else one process.
std::string instead(const TransformSpec& spec) {
  const std::string name(spec.name);
  std::string s;
  if (!spec.subcommands.empty()) {
    s = "run its stages (dpk " + name + " ";
    for (size_t i = 0; i < spec.subcommands.size(); ++i) s += (i ? "|" : "") + std::string(spec.subcommands[i].name);
    s += ", see 'dpk help " + name + "'), a job chain written by 'dpk slurm RECIPE', or mpirun";
  } else {
    s = "run it in one process over all files (a job chain written by 'dpk slurm RECIPE' does), or under "
        "mpirun";
  }
  return s + "; or give --shard-local to process this shard's files alone";
}

}  // namespace

Status check_global_steps(const RunPlan& plan, const std::vector<std::unique_ptr<Transform>>& masters,
                          const ShardAssignment& shard, int processes) {
  if (plan.config.shard_local) return Status::Ok();
  for (size_t i = 0; i < plan.steps.size() && i < masters.size(); ++i) {
    auto* g = dynamic_cast<GlobalTransform*>(masters[i].get());
    if (g == nullptr || g->runs_per_shard()) continue;
    const PlannedStep& step = plan.steps[i];
    const std::string name(step.spec->name);
    if (processes > 1) {
      // A fresh instance serializes to almost nothing; this only asks
      // whether the step can travel between processes at all.
      std::string probe;
      if (!g->serialize(probe)) {
        return Status::Usage(step_prefix(step) + "step '" + name + "' needs all documents and cannot exchange its " +
                             "observations between the " + std::to_string(processes) +
                             " processes of mpirun: run it in one process, or give --shard-local to have each "
                             "process handle its own files alone");
      }
      continue;
    }
    if (shard.count > 1) {
      const std::string from = shard.from == "slurm" ? " (from SLURM_ARRAY_TASK_ID/SLURM_ARRAY_TASK_COUNT)"
                               : shard.from == "options" ? " (--shard-index/--shard-count)"
                                                         : "";
      return Status::Usage(step_prefix(step) + "step '" + name + "' needs all documents, but this process runs shard " +
                           std::to_string(shard.index) + " of " + std::to_string(shard.count) + from +
                           " and would see only that shard's files: " + instead(*step.spec));
    }
  }
  return Status::Ok();
}

}  // namespace dpk::runtime
