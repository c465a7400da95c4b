// dpk/runtime/driver_commands.h — the options and help pages of the driver's
// own commands: `dpk run`, `dpk slurm`, and `dpk help recipes` (the recipe
// format). Declared here, as data, like a transform's options, so the parser,
// `--help`, `dpk help run` and the "did you mean" hints agree.
//
//   std::fputs(dpk::runtime::run_help_text().c_str(), stdout);
#pragma once

#include <string>
#include <vector>

#include "dpk/options.h"

namespace dpk::runtime {

// `dpk run`'s own options (beyond the common ones): --explain.
const std::vector<OptionSpec>& run_options();
// `dpk slurm`'s options: --tasks, -o, --partition, --time, --work, --sbatch, --submit.
const std::vector<OptionSpec>& slurm_options();

// `dpk run --help` and `dpk help run`.
std::string run_help_text();
// `dpk slurm --help` and `dpk help slurm`.
std::string slurm_help_text();
// `dpk help recipes`: the recipe file format.
std::string recipes_help_text();
// `dpk help --options-json`: every option of every tool (common options, run,
// slurm, each transform and each of its stages), one JSON object a line:
// {"tool","name","type","value","default","help","formerly"}. The inventory
// docs/cli-conventions.md and docs/option-vocabulary.tsv are checked against.
std::string options_inventory_jsonl();

}  // namespace dpk::runtime
