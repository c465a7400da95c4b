// run_setup_record.h — the parts of a run record that say how the run was
// set up and what it used, beside its counts: every step's resolved options
// and the model files it loaded (with SHA-256), the resolved common options,
// and, at the end, host, CPU seconds and peak memory.
//
//   DPK_RETURN_IF_ERROR(record_setup(plan, summary));  // before the run
//   ...run...
//   record_usage(summary);                             // before writing it
#pragma once

#include "dpk/runtime/pipeline.h"
#include "dpk/runtime/run_summary.h"

namespace dpk::runtime {

// Fills summary.step_setups and common_options_json from a configured plan.
// kIo when a model file a step names cannot be read for its digest.
Status record_setup(const RunPlan& plan, RunSummary& summary);

// Fills host, cpu_seconds and peak_rss_bytes from this process.
void record_usage(RunSummary& summary);

}  // namespace dpk::runtime
