// dpk — the driver: `dpk list`, `dpk help NAME|run|slurm|recipes`, `dpk NAME ARGS...`,
// `dpk run [--explain] RECIPE.yaml`, `dpk slurm RECIPE.yaml --tasks N`,
// `dpk man NAME|--all DIR`, `dpk completion bash|zsh|fish`. Invoked as
// `dpk-NAME` (a link to this program), it runs transform NAME directly.
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <new>
#include <string>

#include "dpk/document_parser.h"
#include "dpk/name_suggestion.h"
#include "dpk/runtime/cli.h"
#include "dpk/runtime/driver_commands.h"
#include "dpk/runtime/pipeline.h"
#include "dpk/runtime/recipe.h"
#include "dpk/runtime/shell_completion.h"
#include "dpk/runtime/shipped_recipes.h"
#include "dpk/runtime/slurm_jobs.h"
#include "dpk/transform.h"

namespace {

using dpk::Status;
namespace rt = dpk::runtime;

void usage(FILE* out) {
  std::fprintf(out,
               "Usage: dpk COMMAND [ARGS...]\n\n"
               "Commands:\n"
               "  list                      List the transforms.\n"
               "  help NAME                 Show the options of a transform (or of run, slurm).\n"
               "  help recipes              Describe the recipe file format.\n"
               "  NAME [OPTIONS] [INPUT...] Run a transform (same as dpk-NAME).\n"
               "  run [--explain] RECIPE    Run a YAML recipe (a file, or the name of one shipped with dpk), all\n"
               "                            streaming steps fused in one pass.\n"
               "  slurm RECIPE --tasks N    Write (and with --submit, submit) Slurm batch jobs for a recipe.\n"
               "  man NAME | --all DIR      Print a transform's man page, or write them all to DIR.\n"
               "  completion bash|zsh|fish  Print a shell completion script for dpk and every dpk-NAME.\n"
               "  --version                 Show the version, commit, build type and features.\n\n"
               "'dpk COMMAND --help' shows a command's options.\n");
}

// The driver's commands and every transform: what a mistyped command is
// compared with.
std::vector<std::string> command_names(bool with_help_topics) {
  std::vector<std::string> names = {"list", "help", "man", "run", "slurm", "completion"};
  if (with_help_topics) names = {"run", "slurm", "recipes"};
  for (const auto* s : dpk::all_transforms()) names.emplace_back(s->name);
  return names;
}

std::string unknown_transform(const std::string& what, const std::string& name, bool help_topics) {
  const std::string hint = dpk::did_you_mean(name, command_names(help_topics));
  return "unknown " + what + " '" + name + "'" + (hint.empty() ? " (see 'dpk list')" : hint);
}

int cmd_list() {
  for (const auto* s : dpk::all_transforms()) {
    std::printf("%-16s %-10s %s\n", std::string(s->name).c_str(),
                std::string(dpk::transform_kind_name(s->kind)).c_str(), std::string(s->summary).c_str());
  }
  return 0;
}

int cmd_help(int argc, char** argv) {
  if (argc < 3) {
    usage(stdout);
    return 0;
  }
  const std::string topic = argv[2];
  if (topic == "run") return std::fputs(rt::run_help_text().c_str(), stdout), 0;
  if (topic == "slurm") return std::fputs(rt::slurm_help_text().c_str(), stdout), 0;
  if (topic == "recipes" || topic == "recipe") return std::fputs(rt::recipes_help_text().c_str(), stdout), 0;
  // Not in the usage text: a machine-readable inventory, for tests and docs.
  if (topic == "--options-json") return std::fputs(rt::options_inventory_jsonl().c_str(), stdout), 0;
  const dpk::TransformSpec* spec = dpk::find_transform(topic);
  if (!spec) return rt::report_error("dpk", Status::Usage(unknown_transform("transform or help topic", topic, true)));
  std::fputs(rt::help_text(*spec).c_str(), stdout);
  return 0;
}

int cmd_man(int argc, char** argv) {
  if (argc >= 4 && std::strcmp(argv[2], "--all") == 0) {
    std::filesystem::create_directories(argv[3]);
    for (const auto* s : dpk::all_transforms()) {
      std::ofstream f(std::string(argv[3]) + "/dpk-" + std::string(s->name) + ".1");
      f << rt::man_page(*s);
      if (!f) return rt::report_error("dpk", Status::Io(std::string(argv[3]) + ": cannot write man page"));
    }
    return 0;
  }
  if (argc < 3) return rt::report_error("dpk", Status::Usage("man: give a transform name or --all DIR"));
  const dpk::TransformSpec* spec = dpk::find_transform(argv[2]);
  if (!spec) return rt::report_error("dpk", Status::Usage(unknown_transform("transform", argv[2], false)));
  std::fputs(rt::man_page(*spec).c_str(), stdout);
  return 0;
}

int cmd_completion(int argc, char** argv) {
  if (argc < 3) return rt::report_error("dpk", Status::Usage("completion: give a shell: bash, zsh or fish"));
  auto script = rt::completion_script(argv[2]);
  if (!script.ok()) return rt::report_error("dpk", script.status());
  std::fputs(script->c_str(), stdout);
  return 0;
}

int cmd_run(int argc, char** argv) {
  // dpk run [--explain] RECIPE [COMMON OPTIONS] [INPUT...]: the first
  // positional argument is the recipe, the rest replace its input.
  dpk::OptionValues given, overrides;
  std::vector<std::string> inputs;
  bool help = false, version = false;
  Status s = rt::parse_command_line({&rt::common_options(), &rt::run_options()}, argc - 1, argv + 1, given, inputs,
                                    help, version);
  if (!s.ok()) return rt::report_error("dpk run", s);
  if (help) return std::fputs(rt::run_help_text().c_str(), stdout), 0;
  if (version) return std::fputs(rt::version_text("dpk").c_str(), stdout), 0;
  const bool explain = given.has("explain");
  for (const auto& [name, vals] : given.all()) {
    if (name == "explain") continue;
    for (const auto& v : vals) overrides.add(name, v);
  }
  if (inputs.empty()) return rt::report_error("dpk", Status::Usage("run: give a recipe file (dpk run RECIPE.yaml)"));
  const std::string recipe = inputs.front();
  inputs.erase(inputs.begin());
  // `dpk run quickstart`: a recipe shipped with dpk, its sample data beside it.
  auto shipped = rt::find_shipped_recipe(recipe);
  if (!shipped.ok()) return rt::report_error("dpk run", shipped.status());
  auto plan = rt::load_recipe(shipped->path.empty() ? recipe : shipped->path, overrides, inputs);
  if (!plan.ok()) return rt::report_error("dpk run", plan.status());
  if (inputs.empty()) rt::use_shipped_inputs(*shipped, *plan);
  s = rt::configure_plan(*plan);
  rt::print_option_warnings("dpk run", plan->config.quiet);
  if (!s.ok()) return rt::report_error("dpk run", s);
  if (explain) {
    std::fputs(rt::explain_plan(*plan).c_str(), stdout);
    return 0;
  }
  rt::RunSummary summary;
  s = rt::run_plan(*plan, summary);
  if (!s.ok()) return rt::report_error("dpk run", s);
  return 0;
}

int cmd_slurm(int argc, char** argv) {
  // dpk slurm RECIPE --tasks N [-o DIR/] [--partition P] [--time T] [--work DIR] [--sbatch ARG]... [--submit]
  //           [INPUT...]
  // Parsed by hand, not by parse_command_line: an --sbatch value starts with
  // dashes of its own (--sbatch --mem=8G). slurm_options() declares the same
  // options for the help page and the did-you-mean hints.
  rt::SlurmRequest req;
  dpk::OptionValues overrides;
  std::vector<std::string> inputs;
  bool submit = false;
  for (int i = 2; i < argc; ++i) {
    const std::string a = argv[i];
    auto value = [&](std::string& into) {
      if (i + 1 >= argc) return false;
      into = argv[++i];
      return true;
    };
    std::string v;
    if (a == "--help" || a == "-h") {
      std::fputs(rt::slurm_help_text().c_str(), stdout);
      return 0;
    } else if (a == "--version") {
      std::fputs(rt::version_text("dpk").c_str(), stdout);
      return 0;
    } else if (a == "--submit") {
      submit = true;
    } else if (a == "--tasks") {
      if (!value(v)) return rt::report_error("dpk slurm", Status::Usage("--tasks needs a value"));
      req.tasks = std::atoi(v.c_str());
    } else if (a == "-o" || a == "--output") {
      if (!value(v)) return rt::report_error("dpk slurm", Status::Usage(a + " needs a value"));
      overrides.set("output", v);
    } else if (a == "--partition" || a == "--time" || a == "--work" || a == "--sbatch") {
      if (!value(v)) return rt::report_error("dpk slurm", Status::Usage(a + " needs a value"));
      if (a == "--partition") req.partition = v;
      if (a == "--time") req.time = v;
      if (a == "--work") req.work = v;
      if (a == "--sbatch") req.sbatch_args.push_back(v);
    } else if (req.recipe.empty() && a[0] != '-') {
      req.recipe = a;
    } else if (a[0] != '-') {
      inputs.push_back(a);
    } else {
      std::vector<std::string> names = {"help", "version"};
      for (const auto& o : rt::slurm_options()) names.emplace_back(o.name);
      std::string hint = a.rfind("--", 0) == 0 ? dpk::did_you_mean(a.substr(2), names, "--") : "";
      if (hint.empty()) hint = " (see dpk slurm --help)";
      return rt::report_error("dpk slurm", Status::Usage("unknown option '" + a + "'" + hint));
    }
  }
  if (req.recipe.empty()) return rt::report_error("dpk slurm", Status::Usage("give a recipe file (dpk slurm RECIPE.yaml --tasks N)"));
  std::error_code ec;
  req.dpk = std::filesystem::read_symlink("/proc/self/exe", ec).string();
  if (ec) req.dpk = "dpk";
  auto shipped = rt::find_shipped_recipe(req.recipe);  // `dpk slurm quickstart`, as for dpk run
  if (!shipped.ok()) return rt::report_error("dpk slurm", shipped.status());
  if (!shipped->path.empty()) req.recipe = shipped->path;
  auto plan = rt::load_recipe(req.recipe, overrides, inputs);
  if (!plan.ok()) return rt::report_error("dpk slurm", plan.status());
  if (inputs.empty()) rt::use_shipped_inputs(*shipped, *plan);
  Status s = rt::configure_plan(*plan);
  rt::print_option_warnings("dpk slurm", plan->config.quiet);
  if (!s.ok()) return rt::report_error("dpk slurm", s);
  auto jobs = rt::write_slurm_jobs(req, *plan);
  if (!jobs.ok()) return rt::report_error("dpk slurm", jobs.status());
  for (const auto& j : jobs->scripts) std::printf("%s\n", j.c_str());
  std::printf("%s\n", jobs->submit.c_str());
  if (!submit) return 0;
  std::fflush(stdout);
  const int rc = std::system(("bash " + jobs->submit).c_str());
  if (rc != 0) return rt::report_error("dpk slurm", Status::Io(jobs->submit + " failed (sbatch; see above)"));
  return 0;
}

int dispatch(int argc, char** argv) {
  std::string prog = std::filesystem::path(argv[0]).filename().string();
  if (std::string why; !dpk::cpu_supported(why)) return rt::report_error(prog, Status::Usage(why));
  if (prog.rfind("dpk-", 0) == 0) {
    const dpk::TransformSpec* spec = dpk::find_transform(prog.substr(4));
    if (!spec) return rt::report_error(prog, Status::Usage("no transform named '" + prog.substr(4) + "'"));
    return rt::tool_main(*spec, argc, argv);
  }
  if (argc < 2) {
    usage(stderr);
    return 2;
  }
  const std::string cmd = argv[1];
  if (cmd == "--help" || cmd == "-h") {
    usage(stdout);
    return 0;
  }
  if (cmd == "--version") {
    std::fputs(rt::version_text("dpk").c_str(), stdout);
    return 0;
  }
  if (cmd == "list") return cmd_list();
  if (cmd == "help") return cmd_help(argc, argv);
  if (cmd == "man") return cmd_man(argc, argv);
  if (cmd == "run") return cmd_run(argc, argv);
  if (cmd == "slurm") return cmd_slurm(argc, argv);
  if (cmd == "completion") return cmd_completion(argc, argv);
  if (const dpk::TransformSpec* spec = dpk::find_transform(cmd)) {
    std::string name = "dpk-" + cmd;
    argv[1] = name.data();
    return rt::tool_main(*spec, argc - 1, argv + 1);
  }
  const std::string hint = dpk::did_you_mean(cmd, command_names(false));
  return rt::report_error("dpk", Status::Usage("unknown command '" + cmd + "'" +
                                               (hint.empty() ? " (see 'dpk --help' and 'dpk list')" : hint)));
}

}  // namespace

// No input may end dpk with a signal: running out of memory anywhere is a
// resource error (exit 3) with a message, like any other.
namespace {

int run_main(int argc, char** argv) {
  const std::string prog = argc > 0 ? std::filesystem::path(argv[0]).filename().string() : "dpk";
  try {
    return dispatch(argc, argv);
  } catch (const std::bad_alloc&) {
    return rt::report_error(prog, Status::Io("out of memory (a smaller --max-line-bytes, --block-size or "
                                             "--threads needs less)"));
  } catch (const std::exception& e) {
    return rt::report_error(prog, Status::Io(std::string("internal error: ") + e.what()));
  }
}

}  // namespace

int main(int argc, char** argv) {
  const int rc = run_main(argc, argv);
  if (rc == 3) {
    // An I/O or resource failure, often memory running out: a library's exit
    // handlers may then wait forever (OpenBLAS joins a pool thread that keeps
    // retrying its buffer allocation). Every output is committed or abandoned
    // by now, so end without them rather than hang.
    std::fflush(nullptr);
    std::_Exit(rc);
  }
  return rc;
}
