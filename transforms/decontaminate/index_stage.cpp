#include "index_stage.h"

#include <cstdio>
#include <filesystem>

#include "benchmark_options.h"
#include "dpk/runtime/cli.h"
#include "dpk/runtime/stage_command.h"
#include "index_file.h"

namespace dpk::decontaminate {

namespace {

const std::vector<OptionSpec>& index_options() {
  static const std::vector<OptionSpec> o{
      benchmark_option(),
      ngram_option(),
      runtime::work_option(),
      runtime::quiet_option(),
  };
  return o;
}

int run_index(int argc, char** argv) {
  const std::string prog = argv[0];
  OptionValues values;
  std::vector<std::string> positional;
  bool help = false, version = false;
  Status s = runtime::parse_command_line({&index_options()}, argc, argv, values, positional, help, version);
  runtime::print_option_warnings(prog, values.has("quiet"));
  if (s.ok()) s = validate_options(index_options(), values, "");
  if (s.ok() && !positional.empty()) s = Status::Usage("unexpected argument '" + positional[0] + "'");
  if (s.ok() && values.get_string("work").empty()) s = Status::Usage("give the work directory with --work DIR");
  if (!s.ok()) return runtime::report_error(prog, s);
  const std::string work = values.get_string("work");
  const std::string path = index_path(work);
  values.set("work", "");  // the index is to be written there, not read
  std::error_code ec;
  std::filesystem::create_directories(work, ec);
  if (ec) return runtime::report_error(prog, Status::Io("cannot create " + work + ": " + ec.message()));
  std::vector<BenchmarkSource> sources;
  auto loaded = load_from_options(values, sources);
  if (!loaded.ok()) return runtime::report_error(prog, loaded.status());
  const int n = static_cast<int>(values.get_int("ngram"));
  s = write_index_file(path, *loaded, n);
  if (!s.ok()) return runtime::report_error(prog, s);
  if (!values.get_flag("quiet")) {
    std::fprintf(stderr, "%s: %zu distinct %d-grams of %zu benchmarks written to %s\n", prog.c_str(),
                 loaded->index.size(), n, loaded->names.size(), path.c_str());
  }
  return 0;
}

}  // namespace

Subcommand index_stage() {
  return {"index",
          "Read the benchmarks once and save their n-grams in WORK/ngrams.index; runs given --work DIR then load "
          "it instead of --benchmark. --ngram must be the one the runs that load it give.",
          "--work DIR --benchmark NAME=PATH[:FIELD]... [--ngram N]",
          index_options(),
          false,
          run_index,
          {"dpk-decontaminate index --work bench/ --benchmark mmlu=mmlu.jsonl:question --benchmark gsm8k=gsm8k.txt",
           "dpk-decontaminate --work bench/ -o clean/ corpus/"}};
}

}  // namespace dpk::decontaminate
