// dpk/runtime/slurm_jobs.h — a recipe as Slurm batch jobs (`dpk slurm`).
//
// Each streaming segment of the recipe (the steps between global steps)
// becomes an `sbatch --array=0-(N-1)` job running `dpk run` on a segment
// recipe (each array task takes its shard of the input files), and each
// global step becomes its staged subcommands (e.g. exact-dedup hashes,
// resolve, filter), each a job that starts when the one before succeeded
// (--dependency=afterok). All jobs share one WORK directory, which must be
// on storage every node sees. Rerunning submit.sh after a failed task redoes
// only the unfinished shards: directory outputs resume.
#pragma once

#include <string>
#include <vector>

#include "dpk/runtime/pipeline.h"
#include "dpk/status.h"

namespace dpk::runtime {

struct SlurmRequest {
  std::string recipe;                    // path of the recipe file
  int tasks = 0;                         // array size of the per-shard jobs
  std::string partition, time;           // #SBATCH --partition / --time, when given
  std::string work;                      // shared work directory (default: OUTPUT.work/)
  std::vector<std::string> sbatch_args;  // more #SBATCH lines, e.g. --mem=8G
  std::string dpk;                       // the dpk executable the jobs run
};

struct SlurmJobs {
  std::string dir;                   // WORK/slurm: the scripts, submit.sh, logs/
  std::vector<std::string> scripts;  // in submission order
  std::string submit;                // path of submit.sh
};

// Writes the batch scripts and submit.sh for `plan` (loaded from req.recipe).
StatusOr<SlurmJobs> write_slurm_jobs(const SlurmRequest& req, const RunPlan& plan);

}  // namespace dpk::runtime
