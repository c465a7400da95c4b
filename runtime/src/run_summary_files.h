// run_summary_files.h (internal to the runtime) — where a finished run's
// summary goes: DIR/.dpk/metadata.json (metadata-shard-I.json for one shard
// of several) for a directory output, and --stats FILE. Under mpirun every
// rank learns the totals of all ranks, and rank 0 also writes them to
// DIR/.dpk/metadata.json beside each rank's own record.
//
//   auto totals = write_summary_files(cluster, cfg, summary, final_target.get(), shard);
//   report_run_end(*totals, cfg, cluster.rank() == 0);
#pragma once

#include "dpk/input_files.h"
#include "dpk/runtime/cluster.h"
#include "dpk/runtime/output_target.h"
#include "dpk/runtime/run_summary.h"

namespace dpk::runtime {

// Writes `summary` where the run's records go; returns the run's totals
// (those of all processes under mpirun, else `summary` itself).
StatusOr<RunSummary> write_summary_files(Cluster& cluster, const RunConfig& cfg, const RunSummary& summary,
                                         const OutputTarget* final_target, const ShardAssignment& shard);

}  // namespace dpk::runtime
