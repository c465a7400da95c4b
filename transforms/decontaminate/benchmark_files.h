// benchmark_files.h — reads the benchmarks named by --benchmark into an
// n-gram index.
//
// A benchmark is NAME=PATH[:FIELD]. A JSONL file (.jsonl or .json, plain or
// compressed) gives one text per line, from FIELD (default "text"); any
// other file is plain text, one text per non-blank line. N-grams never
// cross from one text into the next.
//
//   auto specs = dpk::decontaminate::parse_benchmark("mmlu=bench/mmlu.jsonl:question");
#pragma once

#include <string>
#include <vector>

#include "dpk/status.h"
#include "ngram_index.h"

namespace dpk::decontaminate {

struct BenchmarkSource {
  std::string name;
  std::string path;
  std::string field;  // empty for plain text
};

StatusOr<BenchmarkSource> parse_benchmark(const std::string& spec);

struct LoadedBenchmarks {
  NgramIndex index;
  std::vector<std::string> names;     // by benchmark number
  std::vector<uint64_t> texts;        // texts read, by benchmark number
};

// Reads every benchmark; a missing file or a bad line is an error naming
// the file and line.
StatusOr<LoadedBenchmarks> load_benchmarks(const std::vector<BenchmarkSource>& sources, int n);

}  // namespace dpk::decontaminate
