// dpk/runtime/cli.h — the command line of every tool, built from the option
// declarations: `dpk-NAME [OPTIONS] [INPUT...]` and `dpk NAME ...` run the
// same function. Help text and man pages come from the same declarations.
//
//   int main(int argc, char** argv) {
//     return dpk::runtime::tool_main(*dpk::find_transform("docid"), argc, argv);
//   }
#pragma once

#include <string>
#include <vector>

#include "dpk/options.h"
#include "dpk/status.h"
#include "dpk/transform.h"

namespace dpk::runtime {

// Runs one transform as a command. argv[0] is the program name used in
// messages. Returns the process exit code (0, 1 data, 2 usage, 3 I/O). When
// argv[1] names one of the spec's subcommands, that stage's run() is called
// instead, with argv[0] = "dpk-NAME SUB" and the arguments after SUB.
int tool_main(const TransformSpec& spec, int argc, char** argv);

// Parses argv against option specs; positional arguments go to `positional`.
// Errors are kUsage, naming the option.
Status parse_command_line(const std::vector<const std::vector<OptionSpec>*>& spec_sets, int argc,
                          char** argv, OptionValues& values, std::vector<std::string>& positional,
                          bool& help, bool& version);

// Text for `dpk-NAME --help` / `dpk help NAME` (lists the stages, if any).
std::string help_text(const TransformSpec& spec);
// The option lines of a help page ("  -o, --output PATH   Where ..."), one
// option per entry, its range and default noted.
std::string options_help(const std::vector<OptionSpec>& opts);
// Text for `dpk-NAME SUB --help`.
std::string subcommand_help(const TransformSpec& spec, const Subcommand& sub);
// A roff man page (section 1) for dpk-NAME.
std::string man_page(const TransformSpec& spec);
// Serializes given options as a JSON object (for run summaries).
std::string options_json(const OptionValues& values);
// Every option of `specs`, in declaration order, with its resolved value
// (`values` after validate_options, so defaults are filled in) as typed
// JSON: a flag true/false, an integer or number, a size in bytes, a list as
// an array of strings, text as a string; an option with no value and no
// default is null. For the run record's steps[].options and common_options.
std::string resolved_options_json(const std::vector<OptionSpec>& specs, const OptionValues& values);

// Prints each queued option warning (a former option name was used) as
// "PROG: warning: LINE", unless `quiet`; see take_option_warnings().
void print_option_warnings(const std::string& prog, bool quiet);

// Prints "PROG: error: MESSAGE" and returns the status's exit code.
int report_error(const std::string& prog, const Status& s);

}  // namespace dpk::runtime
