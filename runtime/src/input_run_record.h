// input_run_record.h — the run that wrote a run's input folder, as the
// counts a report step draws its funnel from.
//
// When a run reads one folder that an earlier dpk run wrote (its record in
// DIR/.dpk/metadata.json, or, from a sharded run, the shards'
// DIR/.dpk/metadata-shard-I.json, which are summed), that run's steps come
// before this run's: a job chain of `dpk slurm`, or `dpk stats` on a
// recipe's output, reports the same funnel as the whole recipe in one
// process. No folder, no record or a record that does not parse: nothing.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "dpk/transform.h"

namespace dpk::runtime {

std::optional<RunTally> input_run_tally(const std::vector<std::string>& inputs);

// `upstream`'s steps and reading, then `mine`'s steps: the funnel of both
// runs; `mine` alone when `upstream` has no steps.
RunTally chain_tallies(const RunTally& upstream, const RunTally& mine);

}  // namespace dpk::runtime
