// index_file.h — a saved n-gram index (`dpk-decontaminate index --work DIR` writes
// DIR/ngrams.index),
// so the benchmarks are read once and every run loads the result.
//
// Layout (little-endian): "DPKNGIX1"; u32 n (words per n-gram); u32 number
// of benchmarks; per benchmark u32 name length, the name, u64 texts read;
// u64 number of hashes; the hashes (u64, sorted, distinct); their benchmark
// numbers (u16). Written under a temporary name and renamed when complete.
//
//   auto s = dpk::decontaminate::write_index_file("bench.ngrams", loaded, 13);
//   auto back = dpk::decontaminate::read_index_file("bench.ngrams");   // back->n == 13
#pragma once

#include <string>

#include "benchmark_files.h"
#include "dpk/status.h"

namespace dpk::decontaminate {

struct IndexFile {
  int n = 0;
  LoadedBenchmarks benchmarks;
};

Status write_index_file(const std::string& path, const LoadedBenchmarks& b, int n);
// A missing file is kUsage; a file that is not a complete index names what is wrong.
StatusOr<IndexFile> read_index_file(const std::string& path);

}  // namespace dpk::decontaminate
