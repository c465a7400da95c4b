// dpk/input_files.h — which files a run reads, and which of them this shard
// (process) takes.
//
// Inputs are files, directories (walked recursively, filtered by a glob) or
// "-" for stdin. Each input keeps a path relative to the directory it was
// found in, so an output directory can mirror the input layout. Files are
// sorted, so every process of a sharded run sees the same list.
//
//   auto files = dpk::list_inputs({"data/"}, "*.jsonl*");
//   auto mine = dpk::shard_files(*files, /*index=*/1, /*count=*/4);
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "dpk/status.h"

namespace dpk {

struct InputFile {
  std::string path;      // as opened ("-" for stdin)
  std::string relative;  // path below the directory argument, or the file name
  uint64_t size = 0;     // bytes on disk (0 for stdin)
  uint32_t index = 0;    // position in the full sorted list (before sharding)
};

// A file or folder below an input directory that is not read, and why
// (`reason`):
//   hidden              a name starting with '.' (a hidden folder counts
//                       once; what is in it is not listed)
//   dpk_records         a .dpk folder: the run records of a dpk output
//   dpk_temporary       NAME.tmp-PID: an output dpk is writing, or one a
//                       killed run left (is_temporary_output_name)
//   symlink_loop        a link to a folder that contains it
//   link_outside_input  a link to a folder outside the input directory
//   broken_link         a link to nothing
//   duplicate           a file or folder listed already under another name
//                       (through a link or a hard link)
//   not_regular_file    a FIFO, socket or device
//   vanished            removed between listing its folder and reading it
//   glob_mismatch       a file --glob does not match
struct SkippedInput {
  std::string path;    // as found (the directory argument joined with the name)
  std::string reason;
};

// Expands files and directories. An empty list means stdin. A missing path
// is a kUsage error naming it. Directories are walked recursively, each real
// directory and file once (links followed, except to folders outside the
// directory or back up the tree); `glob` (fnmatch, "" = all) applies to
// files found in directories, matched against the relative path and the file
// name. What a walk leaves out goes to `skipped` (when not null). A file
// named as an argument is always listed.
StatusOr<std::vector<InputFile>> list_inputs(const std::vector<std::string>& args, const std::string& glob,
                                             std::vector<SkippedInput>* skipped = nullptr);

// Files of shard `index` out of `count`: every count-th file, starting at index.
std::vector<InputFile> shard_files(const std::vector<InputFile>& files, int index, int count);

struct ShardAssignment {
  int index = 0;
  int count = 1;
  std::string from;  // "default", "slurm", "mpi" or "options"
};
// The shard from SLURM_ARRAY_TASK_ID/COUNT (minus SLURM_ARRAY_TASK_MIN) or an
// MPI launcher's rank/size, when set; otherwise 0 of 1. kUsage, naming the
// variables, when SLURM_ARRAY_TASK_ID is set but the array's size is not
// known (no SLURM_ARRAY_TASK_COUNT), a value is not a whole number, or the
// ids are not consecutive (MAX - MIN + 1 != COUNT): a silent one-shard run
// in every task would process every file once per task.
StatusOr<ShardAssignment> shard_from_environment();

}  // namespace dpk
