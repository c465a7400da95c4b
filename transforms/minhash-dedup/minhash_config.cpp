#include "minhash_config.h"

#include <cmath>
#include <limits>

namespace dpk {
namespace {

// Adaptive Simpson integration: the curves are smooth polynomials in s, so
// this matches scipy's quad to far more digits than the choice needs.
template <typename F>
double simpson(F f, double a, double b, double fa, double fm, double fb, double whole, double eps, int depth) {
  const double m = (a + b) / 2, lm = (a + m) / 2, rm = (m + b) / 2;
  const double flm = f(lm), frm = f(rm);
  const double left = (m - a) / 6 * (fa + 4 * flm + fm);
  const double right = (b - m) / 6 * (fm + 4 * frm + fb);
  if (depth <= 0 || std::fabs(left + right - whole) <= 15 * eps) return left + right + (left + right - whole) / 15;
  return simpson(f, a, m, fa, flm, fm, left, eps / 2, depth - 1) +
         simpson(f, m, b, fm, frm, fb, right, eps / 2, depth - 1);
}

template <typename F>
double integrate(F f, double a, double b) {
  const double fa = f(a), fb = f(b), fm = f((a + b) / 2);
  return simpson(f, a, b, fa, fm, fb, (b - a) / 6 * (fa + 4 * fm + fb), 1e-12, 50);
}

}  // namespace

std::pair<int, int> optimal_lsh_params(double threshold, int num_perm) {
  double best = std::numeric_limits<double>::infinity();
  std::pair<int, int> opt{0, 0};
  for (int b = 1; b <= num_perm; ++b) {
    for (int r = 1; r <= num_perm / b; ++r) {
      auto p_candidate = [&](double s) { return 1 - std::pow(1 - std::pow(s, r), b); };
      const double fp = integrate(p_candidate, 0.0, threshold);
      const double fn = integrate([&](double s) { return 1 - p_candidate(s); }, threshold, 1.0);
      const double err = 0.5 * fp + 0.5 * fn;
      if (err < best) {
        best = err;
        opt = {b, r};
      }
    }
  }
  return opt;
}

Status resolve_lsh_params(MinHashConfig& c) {
  if (c.num_perm < 1 || c.num_perm > 4096) return Status::Usage("--num-perm must be between 1 and 4096");
  if (c.ngram < 1) return Status::Usage("--ngram must be at least 1");
  if (!(c.threshold > 0 && c.threshold <= 1)) return Status::Usage("--threshold must be in (0, 1]");
  if (c.bands == 0 && c.rows == 0) {
    auto [b, r] = optimal_lsh_params(c.threshold, c.num_perm);
    c.bands = b;
    c.rows = r;
  }
  if (c.bands < 1 || c.rows < 1) return Status::Usage("--bands and --rows must both be given and positive");
  if (c.bands * c.rows > c.num_perm) {
    return Status::Usage("--bands x --rows (" + std::to_string(c.bands * c.rows) + ") exceeds --num-perm (" +
                         std::to_string(c.num_perm) + ")");
  }
  return Status::Ok();
}

std::string MinHashConfig::fingerprint() const {
  return std::string("shingle=") + (shingle == ShingleKind::kWord ? "word" : "char") +
         " ngram=" + std::to_string(ngram) +
         " scheme=" + (scheme == HashScheme::kXxh3 ? "xxh3" : "datasketch") +
         " num_perm=" + std::to_string(num_perm) + " bands=" + std::to_string(bands) +
         " rows=" + std::to_string(rows) + " seed=" + std::to_string(seed) +
         " verify=" + (verify_jaccard ? std::to_string(threshold) : "off") +
         " text_key=" + schema.text_key;
}

const std::vector<OptionSpec>& minhash_options() {
  static const std::vector<OptionSpec> kOptions = {
      {"shingle", OptionType::kChoice, "word", "Shingles are n-grams of words or of characters.", "word|char"},
      {"ngram", OptionType::kInt, "5", "Words (or characters) per shingle.", {}, 0, "N", 1},
      {"num-perm", OptionType::kInt, "112", "Hash permutations per signature.", {}, 0, "N", 1},
      {"bands", OptionType::kInt, "", "LSH bands (default 14 with --rows 8; derived from --threshold when "
                                      "--threshold is given without --bands/--rows).", {}, 0, "N", 1},
      {"rows", OptionType::kInt, "", "Signature rows per band (default 8).", {}, 0, "N", 1},
      {"threshold", OptionType::kDouble, "", "Jaccard similarity of near-duplicates (default 0.8): picks "
                                             "bands x rows when they are not given, and is the bar of "
                                             "--verify-jaccard.", {}, 0, "X", 0, 1},
      {"seed", OptionType::kInt, "1", "Seed of the hash and the permutations."},
      {"hash-scheme", OptionType::kChoice, "xxh3",
       "xxh3 (fast) or datasketch (signatures identical to datasketch's MinHash, scheme 'legacy').",
       "xxh3|datasketch"},
      {"verify-jaccard", OptionType::kFlag, "",
       "Keep only candidate pairs whose estimated Jaccard (from signatures) reaches the threshold."},
      {"annotate", OptionType::kFlag, "", "Keep duplicates and mark every clustered document with dup_cluster."},
  };
  return kOptions;
}

StatusOr<MinHashConfig> minhash_config_from(const OptionValues& v, const Schema& schema) {
  MinHashConfig c;
  c.schema = schema;
  c.shingle = v.get_string("shingle") == "char" ? ShingleKind::kChar : ShingleKind::kWord;
  c.ngram = static_cast<int>(v.get_int("ngram"));
  c.num_perm = static_cast<int>(v.get_int("num-perm"));
  c.scheme = v.get_string("hash-scheme") == "datasketch" ? HashScheme::kDatasketch : HashScheme::kXxh3;
  c.seed = static_cast<uint64_t>(v.get_int("seed"));
  c.verify_jaccard = v.get_flag("verify-jaccard");
  c.annotate = v.get_flag("annotate");
  const bool has_threshold = v.has("threshold");
  if (has_threshold) c.threshold = v.get_double("threshold");
  const bool has_bands = v.has("bands"), has_rows = v.has("rows");
  if (has_bands || has_rows) {
    c.bands = has_bands ? static_cast<int>(v.get_int("bands")) : 14;
    c.rows = has_rows ? static_cast<int>(v.get_int("rows")) : 8;
  } else if (has_threshold) {
    c.bands = c.rows = 0;
  }
  if (c.scheme == HashScheme::kDatasketch && c.seed > 0xFFFFFFFFull) {
    return Status::Usage("--seed must be below 2^32 with --hash-scheme datasketch (numpy's RandomState)");
  }
  DPK_RETURN_IF_ERROR(resolve_lsh_params(c));
  return c;
}

}  // namespace dpk
