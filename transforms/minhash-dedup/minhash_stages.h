// minhash_stages.h — MinHash deduplication as four stages a scheduler can run
// as separate processes (one per input shard or band), sharing WORK/:
//
//   signatures  per input shard: band keys (and signatures) into WORK/
//   buckets     per band: candidate pairs of documents sharing a band key
//   clusters    once: union-find over all pairs; the kept document of a
//               cluster is the one with the smallest global position
//   filter      per input shard: drop duplicates ("minhash_dup") or, with
//               --annotate, mark clustered documents with dup_cluster
//
// Running them in order gives the same output as the one-process transform.
//
//   dpk-minhash-dedup signatures --work W --shard-index 0 --shard-count 2 in/
//   dpk-minhash-dedup buckets --work W --band-index 0 --band-count 14
//   dpk-minhash-dedup clusters --work W
//   dpk-minhash-dedup filter --work W --shard-index 0 --shard-count 2 -o out/ in/
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "dpk/runtime/run_config.h"
#include "minhash_config.h"

namespace dpk {

// The options a stage takes besides the common ones (signatures and filter
// also take those): every minhash-dedup option (they must agree across the
// stages), --work, and for buckets --band-index/--band-count; buckets and
// clusters also take -q. For parsing and for the stage's help.
const std::vector<OptionSpec>& minhash_stage_options(std::string_view stage);

Status minhash_signatures(const MinHashConfig& cfg, const std::string& work, runtime::RunConfig run);
// Bands b with b % band_count == band_index.
Status minhash_buckets(const MinHashConfig& cfg, const std::string& work, int band_index, int band_count);
Status minhash_clusters(const MinHashConfig& cfg, const std::string& work);
Status minhash_filter(const MinHashConfig& cfg, const std::string& work, runtime::RunConfig run);

// `dpk-minhash-dedup STAGE ...`: argv[0] is the stage name.
int minhash_stage_main(int argc, char** argv);

}  // namespace dpk
