// pass_plan.h (internal to the runtime) — how a plan's steps fall into passes
// over the data. Streaming steps fuse into one pass (one parse per document);
// a global step that needs a second pass ends a pass (observing every
// document, whose output is spooled) and the next pass applies its decision
// first.
//
//   std::vector<PassSpec> passes = plan_passes(plan, masters);
//   progress.start_pass(pass_title(plan, passes, p), bytes);
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "dpk/runtime/pipeline.h"
#include "dpk/transform.h"

namespace dpk::runtime {

// A pass reads one set of inputs and runs steps [begin, end) on them. It may
// first apply the decision of the global step that closed the pass before,
// and it may end at a global step that needs all documents (observe only,
// output spooled for the next pass).
struct PassSpec {
  size_t begin = 0, end = 0;
  const GlobalTransform* decide_first = nullptr;
  int decide_step = -1;
  bool ends_at_global = false;
  bool spool_in = false;
};

// `masters`: one fresh instance per step (the instance decides whether a
// step is global and needs a second pass).
std::vector<PassSpec> plan_passes(const RunPlan& plan, std::vector<std::unique_ptr<Transform>>& masters);

// What the progress line calls pass `p`: its number and its steps, e.g.
// "pass 2/2: minhash-dedup (apply), pii"; "" for a run of one pass and one
// step (the tool's name says it all).
std::string pass_title(const RunPlan& plan, const std::vector<PassSpec>& passes, size_t p);

// The run's first step turns each input file into documents (dpk-warc,
// dpk-ingest) instead of the input being read as JSONL.
bool starts_with_source(const RunPlan& plan);

// The instance decides, not the spec's kind: a global-kind transform may
// return a streaming instance for some options (e.g. sampling by fraction).
GlobalTransform* as_global(Transform* t);

// Where spooled passes keep their intermediate data: --temp-dir, else
// OUT/.dpk for a directory output, else $TMPDIR or /tmp.
std::string temp_root(const RunConfig& cfg);

}  // namespace dpk::runtime
