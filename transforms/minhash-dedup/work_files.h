// work_files.h — the intermediate data of a staged MinHash run, under WORK/:
//
//   WORK/params.txt                  parameters (MinHashConfig::fingerprint)
//   WORK/bands/BAND/shard-S.bin.zst   (band key u64, position u64) per document
//   WORK/signatures/shard-S.bin.zst   (position u64, num_perm x u32) with --verify-jaccard
//   WORK/pairs/band-BAND.bin.zst      (position u64, position u64) candidate edges
//   WORK/clusters.bin.zst             (position u64, kept position u64), sorted
//
// Records are raw little-endian words, zstd-compressed, written under a
// temporary name and renamed when complete. A position is
// (global input file index << 40) | line (1-based line in that file).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "dpk/status.h"
#include "dpk/work_files.h"  // write_words, read_words

namespace dpk {

constexpr int kPositionLineBits = 40;
inline uint64_t make_position(uint64_t file_index, uint64_t line) { return (file_index << kPositionLineBits) | line; }

// Files in `dir` whose name ends with `suffix`, sorted; empty when missing.
std::vector<std::string> list_work_files(const std::string& dir, const std::string& suffix);

Status write_params(const std::string& work, const std::string& fingerprint);
// kUsage when WORK/params.txt is missing or was written with other parameters.
Status check_params(const std::string& work, const std::string& fingerprint);

}  // namespace dpk
