// global_step_guard.h — whether the global steps of a plan may run in this
// process. A global step (exact-dedup, minhash-dedup, line-dedup, sample,
// stats) decides on the whole corpus: on one shard of a sharded job
// (--shard-count N, a Slurm array) it would see part of it and quietly give
// another result than one process, so such a run is refused before anything
// is read, unless --shard-local says "this shard alone". Under mpirun the
// processes exchange what the step observed, so the step must be able to.
//
//   DPK_RETURN_IF_ERROR(check_global_steps(plan, masters, shard, cluster.size()));
#pragma once

#include <memory>
#include <vector>

#include "dpk/input_files.h"
#include "dpk/runtime/pipeline.h"
#include "dpk/status.h"
#include "dpk/transform.h"

namespace dpk::runtime {

// `masters`: one fresh instance per step of `plan` (the instance decides
// whether a step is global). `processes`: the size of the MPI run (1 without).
// A kUsage error names the step, the shard and what to run instead.
Status check_global_steps(const RunPlan& plan, const std::vector<std::unique_ptr<Transform>>& masters,
                          const ShardAssignment& shard, int processes);

}  // namespace dpk::runtime
