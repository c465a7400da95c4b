// benchmark_options.h — the options that name the benchmarks (--benchmark,
// --ngram, and --work for an index saved by the index stage), shared by the filter and its index stage, and the one
// place that turns them into a loaded index.
//
//   std::vector<dpk::decontaminate::BenchmarkSource> sources;
//   auto loaded = dpk::decontaminate::load_from_options(values, sources);
#pragma once

#include <string>
#include <vector>

#include "benchmark_files.h"
#include "dpk/options.h"

namespace dpk::decontaminate {

const OptionSpec& benchmark_option();
const OptionSpec& ngram_option();

// Where the index stage saves the index in its work directory.
std::string index_path(const std::string& work);

// The benchmarks of --benchmark (read now; `sources` set to them) or of the
// index saved in --work (its n must be --ngram). Giving both, or neither, is kUsage.
StatusOr<LoadedBenchmarks> load_from_options(const OptionValues& v, std::vector<BenchmarkSource>& sources);

}  // namespace dpk::decontaminate
