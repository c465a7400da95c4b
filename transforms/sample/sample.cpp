// sample — seeded, reproducible sampling: a fraction, or exactly K documents.
#include <cmath>
#include <memory>

#include "dpk/transform.h"
#include "samplers.h"

namespace dpk {
namespace {

StatusOr<ConfiguredStep> configure(const OptionValues& v, const StepContext&) {
  const bool by_fraction = v.has("fraction");
  const bool by_count = v.has("count");
  if (by_fraction == by_count) return Status::Usage("give exactly one of --fraction and --count");
  const auto seed = static_cast<uint64_t>(v.get_int("seed"));
  ConfiguredStep c;
  if (by_fraction) {
    const double f = v.get_double("fraction");
    if (!(f >= 0.0 && f <= 1.0)) {
      return Status::Usage("option 'fraction': invalid value '" + v.get_string("fraction") +
                           "' (expected a number from 0 to 1)");
    }
    c.make = [seed, f] { return std::make_unique<sample::FractionSampler>(seed, f); };
    c.explain = "keep each document with probability " + v.get_string("fraction") + ", seed " +
                std::to_string(seed);
  } else {
    const int64_t k = v.get_int("count");
    if (k < 0) return Status::Usage("option 'count': must not be negative");
    c.make = [seed, k] { return std::make_unique<sample::CountSampler>(seed, static_cast<uint64_t>(k)); };
    c.explain = "keep exactly " + std::to_string(k) + " documents (bottom-k), seed " + std::to_string(seed);
  }
  return c;
}

}  // namespace

const TransformSpec& dpk_transform_sample() {
  static const TransformSpec spec{
      "sample",
      TransformKind::kGlobal,
      "Keep a seeded, reproducible random sample of the documents.",
      "Every document gets a priority: the 64-bit XXH3 hash, seeded with --seed, of its position "
      "in the input (its ordinal, and its chunk index after a splitter). The choice therefore "
      "depends only on the input and the seed, never on --threads or --block-size, and a rerun "
      "keeps the same documents. Dropped documents have the reason 'sample'.\n\n"
      "--fraction F keeps each document on its own when priority / 2^64 < F: about F*N of N "
      "documents, not exactly. --count K keeps exactly min(K, N): the K documents of smallest "
      "priority (bottom-k sampling, a uniform sample without replacement). It reads the input "
      "twice, and holds up to K keys (24 bytes each) per worker in memory, O(K).\n\n"
      "Give exactly one of --fraction and --count. Positions count from the start of the input this "
      "process reads, so one shard of a sharded run (--shard-count, a Slurm array) refuses the step, "
      "unless --shard-local asks for each shard to sample its own input on its own.",
      {
          {"fraction", OptionType::kDouble, "", "Keep about this fraction (0..1) of the documents.", {}, 0, "F", 0, 1},
          {"count", OptionType::kInt, "", "Keep exactly this many documents (all, if fewer).", {}, 0, "K", 0},
          {"seed", OptionType::kInt, "42", "Seed of the priority hash: another seed, another sample.", {}, 0, "N"},
      },
      {},
      {"dpk-sample --fraction 0.01 corpus.jsonl.zst > one-percent.jsonl",
       "dpk-sample --count 1000 --seed 7 -o sample/ data/"},
      "-",
      configure,
  };
  return spec;
}

}  // namespace dpk
