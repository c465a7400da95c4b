// dpk/runtime/stage_command.h — what every stage subcommand of a global step
// (`dpk-exact-dedup hashes`, `dpk-minhash-dedup buckets` ...) shares: its
// work directory is `--work DIR`, it takes -q, and a work directory given the
// way older releases took it still works, with a warning.
//
//   std::vector<std::string> args(argv, argv + argc);
//   args = dpk::runtime::upgrade_work_argument(std::move(args), {&my_options},
//                                              dpk::runtime::OldWorkSpelling::kFirstPositional);
//   // `dpk-exact-dedup resolve W/` now reads `dpk-exact-dedup resolve --work W/`
//   // and stderr says the positional spelling is deprecated.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "dpk/options.h"
#include "dpk/status.h"

namespace dpk::runtime {

// `--work DIR`: the folder of the intermediate data, shared by a step's stages.
const OptionSpec& work_option();
// `-q, --quiet` as the common options declare it, for a stage that takes no
// other common option.
const OptionSpec& quiet_option();

// How a stage took its work directory before --work.
enum class OldWorkSpelling {
  kFirstPositional,  // `STAGE [OPTIONS] WORK/ [INPUT...]`
  kOutputOption,     // `STAGE -o WORK/ INPUT...` (a stage that writes no documents)
};

// Returns `args` (args[0] the program name) with the old spelling turned into
// `--work DIR`, after printing "PROG: warning: ... is deprecated" to stderr
// unless -q/--quiet is among them. `option_sets` are every option the stage
// takes, to tell an option's value from a positional argument. Arguments that
// already give --work, or give no work directory at all, come back unchanged.
std::vector<std::string> upgrade_work_argument(std::vector<std::string> args,
                                               const std::vector<const std::vector<OptionSpec>*>& option_sets,
                                               OldWorkSpelling old);

// Calls `run` with `args` as (argc, argv).
int run_with_args(std::vector<std::string> args, const std::function<int(int, char**)>& run);

// The main of a stage that reads and writes only its work directory (exact-dedup
// resolve, line-dedup merge): the old positional work directory upgraded,
// `options` parsed and validated (warnings unless -q), no positional argument,
// --work required; then `run(values, work)`, whose error is printed as
// "PROG: error: ..." with its exit code.
int run_work_stage(int argc, char** argv, const std::vector<OptionSpec>& options,
                   const std::function<Status(const OptionValues& values, const std::string& work)>& run);

}  // namespace dpk::runtime
