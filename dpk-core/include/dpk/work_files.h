// work_files.h — the intermediate files of staged global steps (exact-dedup,
// line-dedup, minhash-dedup run as separate processes over a shared WORK/
// directory, e.g. as Slurm array jobs).
//
// Records are raw little-endian u64 words, zstd-compressed, written under a
// temporary name and renamed when complete. Per-shard files of a partition
// are named shard-IIII-of-NNNN.bin.zst, so a later stage can tell that every
// shard of one run is there.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "dpk/status.h"

namespace dpk {

// Writes `words` zstd-compressed to `path` (complete or not at all).
Status write_words(const std::string& path, const std::vector<uint64_t>& words);
// Reads a file written by write_words; appends to `words`.
Status read_words(const std::string& path, std::vector<uint64_t>& words);

// n with at least four digits: 0007.
std::string four_digits(uint64_t n);
// shard-IIII-of-NNNN.bin.zst
std::string shard_file_name(uint64_t index, uint64_t count);
// Entries of `dir` whose names start with `prefix`, sorted; temporaries
// (NAME.tmp-PID) skipped; empty when `dir` is missing.
std::vector<std::string> list_named(const std::string& dir, std::string_view prefix);

// The shard files of one partition directory, checked to be all the shards of
// one run. `records` names what they hold ("hash", "count") and `stage` the
// stage that writes them, for the errors (kUsage).
StatusOr<std::vector<std::string>> complete_shard_files(const std::string& dir, std::string_view records,
                                                        std::string_view stage);

// The partitions (part-PPPP under `dir`) a stage runs on: all, or `only`.
// kUsage when there are none (naming `stage`, the one that writes them) or
// `only` is out of range.
StatusOr<std::vector<std::string>> partitions_to_run(const std::string& dir, std::string_view stage,
                                                     std::optional<int64_t> only);

}  // namespace dpk
