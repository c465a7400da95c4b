// exact_dedup_stages.h — exact dedup as three commands over files in WORK/,
// for runs over many processes (a Slurm array, MPI ranks, or by hand):
//
//   hashes  (per input shard)  WORK/hashes/part-PPPP/shard-IIII-of-NNNN.bin.zst
//                              (hash, position, id) records, partitioned by hash
//   resolve (per partition)    WORK/dups/part-PPPP.bin.zst: every member of every
//                              group of equal hashes, with the kept position
//   filter  (per input shard)  drops (or annotates) the copies in its files
//
// The kept set equals the one-process transform's for any shard counts.
#pragma once

#include <vector>

#include "dpk/transform.h"

namespace dpk::exact_dedup {

std::vector<Subcommand> exact_dedup_stages();

}  // namespace dpk::exact_dedup
