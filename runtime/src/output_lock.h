// One run at a time per output directory: a run holds an flock on
// OUT/.dpk/lock while it writes. A second run into the same directory
// refuses at once (exit 3), naming the holder (process id, host, tool, start
// time), instead of doing the same work again. The processes of one sharded
// run (--shard-count, Slurm array tasks, MPI ranks) share the directory: each
// holds OUT/.dpk/lock shared and OUT/.dpk/lock-shard-I-of-N exclusively, so
// shards run side by side while a second run of the same shard, or an
// unsharded run, is refused.
//
//   auto lock = OutputLock::take("out", shard, "dpk-docid");
//   if (!lock.ok()) return lock.status();   // held by: pid 123 on node7 ...
#pragma once

#include <memory>
#include <string>

#include "dpk/input_files.h"
#include "dpk/status.h"

namespace dpk::runtime {

class OutputLock {
 public:
  static StatusOr<std::unique_ptr<OutputLock>> take(const std::string& dir, const ShardAssignment& shard,
                                                    const std::string& tool);
  ~OutputLock();
  OutputLock(const OutputLock&) = delete;
  OutputLock& operator=(const OutputLock&) = delete;

 private:
  OutputLock() = default;
  int whole_ = -1;
  int shard_ = -1;
};

}  // namespace dpk::runtime
