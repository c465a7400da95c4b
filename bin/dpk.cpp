// dpk — the driver: `dpk list`, `dpk help NAME`, `dpk NAME ARGS...`,
// `dpk run [--explain] RECIPE.yaml`, `dpk man NAME|--all DIR`. Invoked as
// `dpk-NAME` (a link to this program), it runs transform NAME directly.
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <string>

#include "dpk/document_parser.h"
#include "dpk/runtime/cli.h"
#include "dpk/runtime/pipeline.h"
#include "dpk/runtime/recipe.h"
#include "dpk/transform.h"

namespace {

using dpk::Status;
namespace rt = dpk::runtime;

void usage(FILE* out) {
  std::fprintf(out,
               "Usage: dpk COMMAND [ARGS...]\n\n"
               "Commands:\n"
               "  list                      List the transforms.\n"
               "  help NAME                 Show the options of a transform.\n"
               "  NAME [OPTIONS] [INPUT...] Run a transform (same as dpk-NAME).\n"
               "  run [--explain] RECIPE    Run a YAML recipe, all streaming steps fused in one pass.\n"
               "  man NAME | --all DIR      Print a transform's man page, or write them all to DIR.\n"
               "  --version                 Show the version.\n");
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
  const dpk::TransformSpec* spec = dpk::find_transform(argv[2]);
  if (!spec) return rt::report_error("dpk", Status::Usage(std::string("unknown transform '") + argv[2] + "' (see 'dpk list')"));
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
  if (!spec) return rt::report_error("dpk", Status::Usage(std::string("unknown transform '") + argv[2] + "'"));
  std::fputs(rt::man_page(*spec).c_str(), stdout);
  return 0;
}

int cmd_run(int argc, char** argv) {
  // dpk run [--explain] RECIPE [COMMON OPTIONS] [INPUT...]
  bool explain = false;
  std::vector<char*> args = {argv[0]};
  std::string recipe;
  for (int i = 2; i < argc; ++i) {
    if (std::strcmp(argv[i], "--explain") == 0) {
      explain = true;
    } else if (recipe.empty() && argv[i][0] != '-') {
      recipe = argv[i];
    } else {
      args.push_back(argv[i]);
    }
  }
  if (recipe.empty()) return rt::report_error("dpk", Status::Usage("run: give a recipe file (dpk run RECIPE.yaml)"));
  dpk::OptionValues overrides;
  std::vector<std::string> inputs;
  bool help = false, version = false;
  Status s = rt::parse_command_line({&rt::common_options()}, static_cast<int>(args.size()), args.data(),
                                    overrides, inputs, help, version);
  if (!s.ok()) return rt::report_error("dpk run", s);
  auto plan = rt::load_recipe(recipe, overrides, inputs);
  if (!plan.ok()) return rt::report_error("dpk run", plan.status());
  s = rt::configure_plan(*plan);
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

}  // namespace

int main(int argc, char** argv) {
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
    std::printf("dpk %s\n", rt::dpk_version());
    return 0;
  }
  if (cmd == "list") return cmd_list();
  if (cmd == "help") return cmd_help(argc, argv);
  if (cmd == "man") return cmd_man(argc, argv);
  if (cmd == "run") return cmd_run(argc, argv);
  if (const dpk::TransformSpec* spec = dpk::find_transform(cmd)) {
    std::string name = "dpk-" + cmd;
    argv[1] = name.data();
    return rt::tool_main(*spec, argc - 1, argv + 1);
  }
  return rt::report_error("dpk", Status::Usage("unknown command '" + cmd + "' (see 'dpk --help' and 'dpk list')"));
}
