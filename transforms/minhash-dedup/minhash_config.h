// minhash_config.h — the validated parameters of MinHash-LSH deduplication,
// shared by the in-process transform and the staged subcommands.
//
//   dpk::MinHashConfig c;               // 112 permutations, 14 bands x 8 rows
//   c.bands = 0; c.rows = 0;            // derive from the threshold instead:
//   dpk::Status s = dpk::resolve_lsh_params(c);   // 0.8, 112 -> 9 x 12
#pragma once

#include <cstdint>
#include <string>
#include <utility>

#include "dpk/document.h"
#include "dpk/options.h"
#include "dpk/status.h"

namespace dpk {

enum class ShingleKind { kWord, kChar };
// xxh3: 64-bit XXH3 token hash, multiply-add permutations (fast default).
// datasketch: datasketch's MinHash (scheme "legacy"): 32-bit SHA-1 token hash
// and (a*h+b) mod (2^61-1) truncated to 32 bits, a and b from numpy's
// RandomState(seed). Signatures are identical to datasketch's.
enum class HashScheme { kXxh3, kDatasketch };

struct MinHashConfig {
  ShingleKind shingle = ShingleKind::kWord;
  int ngram = 5;
  HashScheme scheme = HashScheme::kXxh3;
  int num_perm = 112;
  int bands = 14;   // 0 with rows 0: derived from `threshold`
  int rows = 8;
  double threshold = 0.8;
  uint64_t seed = 1;
  bool verify_jaccard = false;
  bool annotate = false;
  Schema schema;

  // One line naming every parameter that changes signatures or buckets; the
  // stages of a staged run check they agree on it.
  std::string fingerprint() const;
};

// datasketch's _optimal_param: the bands x rows (bands*rows <= num_perm) that
// minimize 0.5*P(false positive) + 0.5*P(false negative) at `threshold`.
std::pair<int, int> optimal_lsh_params(double threshold, int num_perm);

// Fills bands/rows from the threshold when both are 0; checks the rest.
Status resolve_lsh_params(MinHashConfig& c);

// The transform's options, declared once (the subcommands use them too).
const std::vector<OptionSpec>& minhash_options();
StatusOr<MinHashConfig> minhash_config_from(const OptionValues& v, const Schema& schema);

}  // namespace dpk
