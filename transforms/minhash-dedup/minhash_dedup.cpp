// minhash-dedup — near-duplicate removal with MinHash and LSH bands.
#include "dpk/transform.h"
#include "minhash_config.h"
#include "minhash_dedup_step.h"
#include "minhash_stages.h"

namespace dpk {

namespace {
// A stage entry: minhash_stage_main reads the stage name from argv[0].
Subcommand stage(std::string_view name, std::string_view summary, std::string_view usage,
                 std::vector<std::string_view> examples) {
  Subcommand sub;
  sub.name = name;
  sub.summary = summary;
  sub.usage = usage;
  sub.options = minhash_stage_options(name);
  sub.takes_common_options = name == "signatures" || name == "filter";
  sub.run = [name](int argc, char** argv) {
    std::string stage_name(name);
    argv[0] = stage_name.data();
    return minhash_stage_main(argc, argv);
  };
  sub.examples = std::move(examples);
  return sub;
}
}  // namespace

const TransformSpec& dpk_transform_minhash_dedup() {
  static const TransformSpec spec{
      "minhash-dedup",
      TransformKind::kGlobal,
      "Remove near-duplicate documents (MinHash signatures, LSH bands, union-find clusters).",
      "Each text is normalized (simple Unicode lowercase; punctuation, symbols and whitespace folded "
      "to one space; format characters removed) and cut into shingles: n-grams of ICU words "
      "(--shingle word, the default) or of characters (--shingle char). A MinHash signature of "
      "--num-perm values is computed per document; documents that agree on all rows of any of the "
      "--bands bands are candidate pairs (with --verify-jaccard only pairs whose estimated Jaccard "
      "reaches --threshold count). Connected pairs form clusters; the document with the smallest "
      "position (input file, then line) of each cluster is kept, the others are dropped with reason "
      "minhash_dup, or with --annotate all are kept and marked with dup_cluster.\n\n"
      "--hash-scheme datasketch gives signatures identical to datasketch's MinHash (scheme "
      "'legacy', SHA-1 token hash) for the same shingles, seed and --num-perm; the default xxh3 "
      "scheme is much faster.\n\n"
      "Without a stage name the whole job runs here, with threads. For many machines, run the "
      "stages 'signatures' (per input shard), 'buckets' (per band), 'clusters' (once) and 'filter' "
      "(per input shard) with the same options and one --work DIR: the result is the same.",
      minhash_options(),
      {{"dup_cluster", "with --annotate: position of the cluster's kept document, (file index << 40) | line"}},
      {"dpk-minhash-dedup -o dedup/ data/",
       "dpk-minhash-dedup --threshold 0.7 --verify-jaccard corpus.jsonl.zst > dedup.jsonl",
       "dpk-minhash-dedup signatures --work W --shard-index 0 --shard-count 4 data/   # then buckets, clusters, filter"},
      "-",
      [](const OptionValues& v, const StepContext& ctx) -> StatusOr<ConfiguredStep> {
        auto cfg = minhash_config_from(v, ctx.schema);
        if (!cfg.ok()) return cfg.status();
        ConfiguredStep c;
        const MinHashConfig config = *cfg;
        const int si = ctx.shard_index, sc = ctx.shard_count;
        c.make = [config, si, sc]() {
          return std::make_unique<MinHashDedupStep>(config, MinHashDedupStep::Mode::kInProcess, "", si, sc);
        };
        c.explain = config.fingerprint() + (config.annotate ? ", annotate" : ", drop duplicates");
        return c;
      },
      {
          stage("signatures", "Stage 1, per input shard: signatures, partitioned by band, into --work DIR.",
                "--work DIR --shard-index I --shard-count N [OPTIONS] INPUT...",
                {"dpk-minhash-dedup signatures --work work/ --shard-index $I --shard-count 64 data/   # each shard",
                 "dpk-minhash-dedup signatures --work work/ --threshold 0.7 --shingle char --ngram 5 corpus.jsonl"}),
          stage("buckets", "Stage 2, per band (--band-index/--band-count): candidate pairs of documents that agree "
                "on all rows of a band.",
                "--work DIR [--band-index I --band-count N] [OPTIONS]",
                {"dpk-minhash-dedup buckets --work work/ --band-index $B --band-count 14   # each band",
                 "dpk-minhash-dedup buckets --work work/                                 # every band here"}),
          stage("clusters", "Stage 3, once: union-find over all pairs; the first document of each cluster is kept.",
                "--work DIR [OPTIONS]", {"dpk-minhash-dedup clusters --work work/"}),
          stage("filter", "Stage 4, per input shard: drop (or --annotate) the duplicates found.",
                "--work DIR --shard-index I --shard-count N [OPTIONS] INPUT... -o OUT/",
                {"dpk-minhash-dedup filter --work work/ --shard-index $I --shard-count 64 data/ -o out/   # each shard",
                 "dpk-minhash-dedup filter --work work/ --annotate corpus.jsonl > marked.jsonl"}),
      },
  };
  return spec;
}

}  // namespace dpk
