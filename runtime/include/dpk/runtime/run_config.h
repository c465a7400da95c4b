// dpk/runtime/run_config.h — the options every dpk tool and recipe shares,
// declared once, and the validated configuration they turn into.
#pragma once

#include <chrono>
#include <string>
#include <vector>

#include "dpk/document.h"
#include "dpk/options.h"
#include "dpk/status.h"

namespace dpk::runtime {

enum class OnError { kFail, kSkip, kQuarantine };

struct RunConfig {
  std::string tool = "dpk";            // name used in messages and the summary
  std::vector<std::string> inputs;     // empty = stdin
  std::string glob;
  std::string output = "-";
  Schema schema;
  int threads = 0;                     // 0 = all cores
  std::string stats_path;
  OnError on_error = OnError::kFail;
  std::string quarantine_path;
  std::string keep_dropped_path;
  int shard_index = -1;                // -1 = from the environment
  int shard_count = -1;
  bool shard_local = false;            // global steps may see this shard alone
  bool fail_on_empty = false;          // an empty output is a data error (exit 1)
  std::string compression = "auto";
  int compression_level = 3;
  bool quiet = false;
  bool overwrite = false;
  size_t block_size = 1 << 20;
  // A whole line from a stalled pipe waits at most this long for its block
  // to fill (0 = until it is full).
  std::chrono::milliseconds flush_interval{1000};
  uint64_t max_line_bytes = uint64_t{256} << 20;  // a longer line is rejected (line_too_long)
  std::string temp_dir;                // for spooled passes; "" = beside output or $TMPDIR
};

// The common options, as data (help, man page, recipe validation).
const std::vector<OptionSpec>& common_options();

// The common options a recipe step may set for itself (text-key, id-key,
// threads); every other one is run-wide (outputs, input, sharding, error
// handling, compression, block sizes).
const std::vector<std::string>& per_step_common_options();

// Builds a RunConfig from validated common option values.
StatusOr<RunConfig> run_config_from(const OptionValues& values, std::vector<std::string> inputs);

// Version string of this build.
const char* dpk_version();
// What `--version` prints: "PROG VERSION", then the git commit the build was
// configured from, the build type and the optional features built in
// ("+MPI -Hyperscan ..."), one per line.
std::string version_text(const std::string& prog);

}  // namespace dpk::runtime
