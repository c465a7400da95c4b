// dpk/runtime/shell_completion.h — shell completion scripts for bash, zsh and
// fish, generated from the same declarations as help and man pages (every
// TransformSpec and its stages, the common options, `dpk run`, `dpk slurm`),
// so they complete exactly what the tools take: `dpk NAME` and `dpk-NAME`,
// stage names, every option (short and long), the choices of a choice option,
// files for FILE/PATH values and directories for DIR values.
//
//   auto script = dpk::runtime::completion_script("bash");   // `dpk completion bash`
//   if (script.ok()) std::fputs(script->c_str(), stdout);
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "dpk/status.h"

namespace dpk::runtime {

// What completes an option's value.
enum class CompletionValue { kNone, kAny, kFile, kDir, kChoice };

struct CompletionOption {
  std::string name;         // long name, without dashes
  char short_name = 0;
  CompletionValue value = CompletionValue::kNone;
  std::vector<std::string> choices;  // kChoice
  std::string value_name;   // "N", "FILE" ...
  std::string help;         // its first sentence
  bool repeatable = false;  // a list option
};

// One command line shape: a transform (`docid`), a stage (`exact-dedup
// hashes`), or a driver command (`run`, `slurm`).
struct CompletionCommand {
  std::string tool;   // "docid", "exact-dedup", "run", "slurm"
  std::string stage;  // "" or "hashes"
  std::string summary;
  std::vector<CompletionOption> options;  // with -h/--help and --version
  bool takes_files = true;                // positional arguments are paths
};

struct CompletionModel {
  std::vector<std::pair<std::string, std::string>> driver_commands;  // name, summary (not transforms)
  std::vector<std::pair<std::string, std::string>> tools;            // transform name, summary
  std::vector<std::string> help_topics;                              // dpk help TOPIC besides the tools
  std::vector<CompletionCommand> commands;
};

// The model built from every declaration.
CompletionModel completion_model();

std::string bash_completion(const CompletionModel& m);
std::string zsh_completion(const CompletionModel& m);
std::string fish_completion(const CompletionModel& m);

// The script for "bash", "zsh" or "fish"; a usage error for another shell.
StatusOr<std::string> completion_script(std::string_view shell);

}  // namespace dpk::runtime
