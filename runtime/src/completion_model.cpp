// Builds the shell-completion model from the option declarations; the
// scripts themselves are written by completion_{bash,zsh,fish}.cpp.
#include "dpk/runtime/driver_commands.h"
#include "dpk/runtime/run_config.h"
#include "dpk/runtime/shell_completion.h"
#include "dpk/transform.h"

namespace dpk::runtime {
namespace {

// The first sentence of a help text, short enough for a completion menu.
std::string first_sentence(std::string_view help) {
  size_t end = help.size();
  for (size_t i = 0; i + 1 < help.size(); ++i) {
    if (help[i] == '.' && help[i + 1] == ' ') {
      end = i;
      break;
    }
  }
  std::string s(help.substr(0, end));
  if (!s.empty() && s.back() == '.') s.pop_back();
  if (s.size() > 90) s = s.substr(0, 87) + "...";
  return s;
}

CompletionOption option_of(const OptionSpec& o) {
  CompletionOption c;
  c.name = o.name;
  c.short_name = o.short_name;
  c.value_name = o.value_name;
  c.help = first_sentence(o.help);
  c.repeatable = o.type == OptionType::kList;
  if (o.type == OptionType::kFlag) {
    c.value = CompletionValue::kNone;
  } else if (o.type == OptionType::kChoice) {
    c.value = CompletionValue::kChoice;
    std::string_view rest = o.choices;
    while (!rest.empty()) {
      const size_t bar = rest.find('|');
      c.choices.emplace_back(rest.substr(0, bar));
      rest = bar == std::string_view::npos ? std::string_view() : rest.substr(bar + 1);
    }
  } else if (o.value_name == "FILE" || o.value_name == "PATH") {
    c.value = CompletionValue::kFile;
  } else if (o.value_name == "DIR" || o.value_name == "DIR/") {
    c.value = CompletionValue::kDir;
  } else {
    c.value = CompletionValue::kAny;
  }
  return c;
}

CompletionCommand command_of(std::string tool, std::string stage, std::string_view summary,
                             const std::vector<const std::vector<OptionSpec>*>& sets, bool takes_files) {
  CompletionCommand c{std::move(tool), std::move(stage), first_sentence(summary), {}, takes_files};
  for (const auto* set : sets) {
    for (const auto& o : *set) {
      bool seen = false;  // a stage may declare a common option (-q) itself
      for (const auto& have : c.options) seen |= have.name == o.name;
      if (!seen) c.options.push_back(option_of(o));
    }
  }
  c.options.push_back({"help", 'h', CompletionValue::kNone, {}, "", "Show the help", false});
  c.options.push_back({"version", 0, CompletionValue::kNone, {}, "", "Show the version", false});
  return c;
}

}  // namespace

CompletionModel completion_model() {
  CompletionModel m;
  m.driver_commands = {{"list", "List the transforms"},
                       {"help", "Show the help of a transform or topic"},
                       {"run", "Run a YAML recipe"},
                       {"slurm", "Write Slurm batch jobs for a recipe"},
                       {"man", "Print a transform's man page, or write them all"},
                       {"completion", "Print a shell completion script (bash, zsh, fish)"}};
  m.help_topics = {"run", "slurm", "recipes"};
  for (const auto* s : all_transforms()) {
    m.tools.emplace_back(s->name, first_sentence(s->summary));
    m.commands.push_back(command_of(std::string(s->name), "", s->summary, {&s->options, &common_options()}, true));
    for (const auto& sub : s->subcommands) {
      std::vector<const std::vector<OptionSpec>*> sets = {&sub.options};
      if (sub.takes_common_options) sets.push_back(&common_options());
      m.commands.push_back(
          command_of(std::string(s->name), std::string(sub.name), sub.summary, sets, sub.takes_common_options));
    }
  }
  m.commands.push_back(command_of("run", "", "Run a YAML recipe", {&run_options(), &common_options()}, true));
  m.commands.push_back(command_of("slurm", "", "Write Slurm batch jobs for a recipe", {&slurm_options()}, true));
  return m;
}

StatusOr<std::string> completion_script(std::string_view shell) {
  if (shell == "bash") return bash_completion(completion_model());
  if (shell == "zsh") return zsh_completion(completion_model());
  if (shell == "fish") return fish_completion(completion_model());
  return Status::Usage("completion: give bash, zsh or fish, not '" + std::string(shell) + "'");
}

}  // namespace dpk::runtime
