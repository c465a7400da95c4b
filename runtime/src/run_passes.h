// run_passes.h (internal to the runtime) — runs a plan's passes one after
// the other: each pass's output goes to a spool (a pass that ends at a global
// step) or to the run's output; after a pass the global steps it observed
// merge every worker's observations (and, under mpirun, every process's) and
// decide. Then the side files and the steps' own files are committed.
//
//   std::unique_ptr<OutputTarget> final_target;
//   Status s = run_passes(cluster, plan, masters, passes, inputs, *outputs, threads, summary, final_target);
#pragma once

#include <memory>
#include <vector>

#include "dpk/input_files.h"
#include "dpk/runtime/cluster.h"
#include "dpk/runtime/output_target.h"
#include "dpk/runtime/pipeline.h"
#include "dpk/runtime/run_summary.h"
#include "pass_plan.h"
#include "run_outputs.h"

namespace dpk::runtime {

// `masters`: one instance per step, into which global steps merge.
// `final_target` is the output the last pass wrote (set also when a later
// commit fails, so the summary can name the outputs).
Status run_passes(Cluster& cluster, RunPlan& plan, std::vector<std::unique_ptr<Transform>>& masters,
                  const std::vector<PassSpec>& passes, const std::vector<InputFile>& inputs, RunOutputs& outputs,
                  int threads, RunSummary& summary, std::unique_ptr<OutputTarget>& final_target);

}  // namespace dpk::runtime
