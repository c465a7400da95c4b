#include "benchmark_options.h"

#include "index_file.h"

namespace dpk::decontaminate {

namespace {

StatusOr<std::vector<BenchmarkSource>> benchmark_sources(const OptionValues& v) {
  std::vector<BenchmarkSource> sources;
  for (const std::string& s : v.get_list("benchmark")) {
    auto src = parse_benchmark(s);
    if (!src.ok()) return src.status();
    sources.push_back(*src);
  }
  return sources;
}

}  // namespace

std::string index_path(const std::string& work) { return work + (work.ends_with('/') ? "" : "/") + "ngrams.index"; }

StatusOr<LoadedBenchmarks> load_from_options(const OptionValues& v, std::vector<BenchmarkSource>& sources) {
  auto listed = benchmark_sources(v);
  if (!listed.ok()) return listed.status();
  sources = *listed;
  const int n = static_cast<int>(v.get_int("ngram"));
  const std::string work = v.has("work") ? v.get_string("work") : "";
  if (!work.empty()) {
    if (!sources.empty()) return Status::Usage("give --benchmark or --work (an index saved by the index stage), not both");
    const std::string index = index_path(work);
    auto file = read_index_file(index);
    if (!file.ok()) return file.status();
    if (file->n != n) {
      return Status::Usage("--work: " + index + " holds " + std::to_string(file->n) + "-grams; give --ngram " +
                           std::to_string(file->n));
    }
    return std::move(file->benchmarks);
  }
  if (sources.empty()) return Status::Usage("--benchmark: give at least one NAME=PATH[:FIELD], or --work DIR of the index stage");
  return load_benchmarks(sources, n);
}

const OptionSpec& benchmark_option() {
  static const OptionSpec o{"benchmark", OptionType::kList, "",
                            "A benchmark: NAME=PATH, or NAME=PATH:FIELD for a JSONL file (repeatable).",
                            {}, 0, "NAME=PATH[:FIELD]"};
  return o;
}

const OptionSpec& ngram_option() {
  static const OptionSpec o{"ngram", OptionType::kInt, "13", "Words in an n-gram.", {}, 0, "N", 1, kMaxNgram};
  return o;
}

}  // namespace dpk::decontaminate
