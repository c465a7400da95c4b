// dpk/runtime/pipeline.h — runs a plan: the input files of this shard through
// every step, fused in one pass per global step, on a bounded, ordered TBB
// pipeline (read blocks -> parse and run steps in parallel -> write in input
// order). Memory is bounded by the blocks in flight, not the input size.
//
//   dpk::runtime::RunPlan plan;
//   plan.config = ...; plan.steps.push_back({spec, values, "docid"});
//   dpk::runtime::RunSummary summary;
//   dpk::Status s = dpk::runtime::run_plan(plan, summary);
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "dpk/runtime/run_config.h"
#include "dpk/runtime/run_summary.h"
#include "dpk/transform.h"

namespace dpk::runtime {

struct PlannedStep {
  const TransformSpec* spec = nullptr;
  OptionValues options;   // as given (validated by configure_plan)
  std::string label;      // "select" or "recipe.yaml:9: select", for messages
  ConfiguredStep configured;
  // Common options this step sets for itself, as given (a recipe step's
  // text-key, id-key or threads; see per_step_common_options()).
  OptionValues common;
  // Set by configure_plan from `common`: the fields this step reads when
  // they are not the run's (nullopt: the run's schema), and the most worker
  // threads the pass holding it may use (0: the run's).
  std::optional<Schema> own_schema;
  int threads = 0;
};

struct RunPlan {
  RunConfig config;
  std::vector<PlannedStep> steps;
  std::string parameters_json = "{}";  // for the summary
  OptionValues common_options;         // resolved (validated), for the summary
  OptionValues common_given;           // as given (recipe, then command line), for --explain
};

// The fields step `i` reads: its own schema, else the run's.
const Schema& step_schema(const RunPlan& plan, size_t i);

// Validates every step's options and configures it. Errors name the step.
Status configure_plan(RunPlan& plan);

// Runs the plan and fills `summary`. Writes metadata.json into an output
// directory and the summary to --stats. The status maps to the exit code.
Status run_plan(RunPlan& plan, RunSummary& summary);

// A human description of the plan's passes, and an equivalent shell
// pipeline of dpk-NAME commands (every common option given, the run's and
// each step's own, and every step option given), runnable by bash as printed
// and writing the same documents and step files (see dpk help recipes).
std::string explain_plan(const RunPlan& plan);

}  // namespace dpk::runtime
