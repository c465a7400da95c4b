#include "dpk/runtime/stage_command.h"

#include <cstdio>
#include <string_view>

#include "dpk/runtime/cli.h"
#include "dpk/runtime/run_config.h"

namespace dpk::runtime {
namespace {

bool takes_value(const std::vector<const std::vector<OptionSpec>*>& option_sets, std::string_view arg) {
  for (const auto* specs : option_sets) {
    for (const auto& o : *specs) {
      if (o.type == OptionType::kFlag) continue;
      if (arg.size() == 2 && arg[0] == '-' && o.short_name == arg[1]) return true;
      if (arg.substr(0, 2) == "--" && (arg.substr(2) == o.name || (!o.formerly.empty() && arg.substr(2) == o.formerly))) {
        return true;
      }
    }
  }
  return false;
}

}  // namespace

const OptionSpec& work_option() {
  static const OptionSpec kWork{"work", OptionType::kString, "",
                                "Folder of the intermediate data, the same for every stage of one run (on storage "
                                "every process sees).",
                                {}, 0, "DIR"};
  return kWork;
}

const OptionSpec& quiet_option() {
  for (const auto& o : common_options()) {
    if (o.name == "quiet") return o;
  }
  static const OptionSpec kQuiet{"quiet", OptionType::kFlag, "", "No warnings on stderr.", {}, 'q', {}};
  return kQuiet;
}

std::vector<std::string> upgrade_work_argument(std::vector<std::string> args,
                                               const std::vector<const std::vector<OptionSpec>*>& option_sets,
                                               OldWorkSpelling old) {
  bool quiet = false;
  size_t old_at = 0;  // index of the old spelling's value; 0 = none
  bool positional_only = false;
  for (size_t i = 1; i < args.size(); ++i) {
    const std::string_view a = args[i];
    if (a == "--work" || a.rfind("--work=", 0) == 0) return args;
    if (positional_only || a.empty() || a[0] != '-' || a == "-") {
      if (old == OldWorkSpelling::kFirstPositional && old_at == 0) old_at = i;
      continue;
    }
    if (a == "--") {
      positional_only = true;
      continue;
    }
    if (a == "-q" || a == "--quiet") quiet = true;
    if (old == OldWorkSpelling::kOutputOption && (a == "-o" || a == "--output") && i + 1 < args.size()) {
      old_at = i + 1;
    }
    if (takes_value(option_sets, a) && i + 1 < args.size()) ++i;
  }
  if (old_at == 0) return args;
  const std::string work = args[old_at];
  if (old == OldWorkSpelling::kOutputOption) {
    args.erase(args.begin() + static_cast<std::ptrdiff_t>(old_at - 1), args.begin() + static_cast<std::ptrdiff_t>(old_at + 1));
  } else {
    args.erase(args.begin() + static_cast<std::ptrdiff_t>(old_at));
  }
  if (!quiet) {
    const std::string what = old == OldWorkSpelling::kOutputOption ? "-o " + work + " for the work directory"
                                                                    : "the work directory as first argument";
    std::fprintf(stderr, "%s: warning: %s is deprecated; use --work %s\n", args[0].c_str(), what.c_str(),
                 work.c_str());
  }
  args.insert(args.begin() + 1, {"--work", work});
  return args;
}

int run_with_args(std::vector<std::string> args, const std::function<int(int, char**)>& run) {
  std::vector<char*> ptrs;
  for (auto& s : args) ptrs.push_back(s.data());
  ptrs.push_back(nullptr);
  return run(static_cast<int>(args.size()), ptrs.data());
}

int run_work_stage(int argc, char** argv, const std::vector<OptionSpec>& options,
                   const std::function<Status(const OptionValues&, const std::string&)>& run) {
  auto args = upgrade_work_argument(std::vector<std::string>(argv, argv + argc), {&options},
                                    OldWorkSpelling::kFirstPositional);
  const std::string prog = args[0];
  return run_with_args(std::move(args), [&](int n, char** v) {
    OptionValues values;
    std::vector<std::string> positional;
    bool help = false, version = false;
    Status s = parse_command_line({&options}, n, v, values, positional, help, version);
    print_option_warnings(prog, values.has("quiet"));
    if (s.ok()) s = validate_options(options, values, "");
    if (!s.ok()) return report_error(prog, s);
    if (!positional.empty()) return report_error(prog, Status::Usage("unexpected argument '" + positional[0] + "'"));
    const std::string work = values.get_string("work");
    if (work.empty()) return report_error(prog, Status::Usage("give the work directory with --work DIR"));
    s = run(values, work);
    return s.ok() ? 0 : report_error(prog, s);
  });
}

}  // namespace dpk::runtime
