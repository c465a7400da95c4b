// What a run settles about its outputs before it reads a byte, and where its
// records go:
// - every output name is distinct from every other and from every input
//   (kUsage otherwise, naming both);
// - a directory output is locked for this run (see output_lock.h);
// - temporaries that killed runs left beside this run's files are removed
//   (see stale_temporaries.h);
// - the files an earlier run with the same settings completed are found
//   (resume), and a rerun with other settings or changed inputs is refused
//   (see output_records.h).
// Run records live under OUT/.dpk/ (completion records, the lock, the run
// summary metadata.json), so an output directory holds only data files.
//
//   auto outputs = RunOutputs::prepare(plan, all_inputs, inputs, shard, passes.size() == 1);
//   req.resumed = (*outputs)->resumed_lines();
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "dpk/input_files.h"
#include "dpk/runtime/pipeline.h"
#include "dpk/runtime/run_summary.h"
#include "dpk/status.h"
#include "output_lock.h"
#include "output_records.h"

namespace dpk::runtime {

class RunOutputs {
 public:
  // `all_inputs`: every input of the run (all shards), named for the output
  // (name_below_common_folder); `inputs`: this shard's. `resumable`: whether
  // completed files may be skipped (false for a run of several passes, which
  // redoes every file).
  static StatusOr<std::unique_ptr<RunOutputs>> prepare(const RunPlan& plan, const std::vector<InputFile>& all_inputs,
                                                       const std::vector<InputFile>& inputs,
                                                       const ShardAssignment& shard, bool resumable);

  // For OutputRequest::resumed: this shard's inputs completed by an earlier run.
  std::vector<std::optional<uint64_t>> resumed_lines() const;
  // Adds the counts of the resumed inputs, as their records hold them, to
  // `summary` (whose steps and inputs are this run's), so the summary covers
  // every file of the output.
  Status carry_resumed(RunSummary& summary) const;
  // The completion records of this shard's inputs.
  const OutputRecords& records() const { return *records_; }

  // DIR/.dpk/metadata.json, or metadata-shard-I.json for one shard of several.
  static std::string summary_path(const std::string& dir, const ShardAssignment& shard);

 private:
  std::unique_ptr<OutputLock> lock_;
  std::unique_ptr<OutputRecords> records_;
  std::vector<std::optional<CompletionRecord>> done_;
};

}  // namespace dpk::runtime
