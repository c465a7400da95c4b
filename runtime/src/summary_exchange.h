// The counts of a run summary as bytes, so the processes of a spread-out
// run can send theirs to rank 0, which writes the totals.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "dpk/runtime/run_summary.h"
#include "dpk/status.h"

namespace dpk::runtime {

// Counts only (documents, bytes, per-step in/out/dropped, rejections, input
// files by outcome and skipped files by reason): one record a line, tab-separated, the free-text key last.
std::string encode_counts(const RunSummary& s);
// Adds the counts in `bytes` to `total` (whose steps must match); also takes
// the lines of encode_usage().
Status add_counts(std::string_view bytes, RunSummary& total);
// What one process used (CPU seconds, peak memory, seconds per step), for the
// totals under mpirun; never part of a completion record, so a resumed
// file's counts do not carry an earlier run's timings.
std::string encode_usage(const RunSummary& s);

// The counts of `s` alone (no inputs, outputs or timings): a cheap snapshot.
RunSummary counts_of(const RunSummary& s);
// encode_counts() of what `now` counted since the snapshot `before` (one
// input's share of a run, for its completion record).
std::string encode_counts_since(const RunSummary& now, const RunSummary& before);

// The totals of a run spread over `processes`: this process's settings and
// step names with the counts of every process added up from `encoded` (each
// process's encode_counts() + encode_usage()). `mine` is rank 0's, which is
// shard 0: its skipped-file examples stand for all.
StatusOr<RunSummary> totals_of_processes(const RunSummary& mine, const std::vector<std::string>& encoded,
                                         int processes);

}  // namespace dpk::runtime
