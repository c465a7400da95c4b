// line_dedup_stages.h — line-dedup as three commands over files in WORK/,
// for runs over many processes (a Slurm array, or by hand):
//
//   count  (per input shard)  WORK/units/part-PPPP/shard-IIII-of-NNNN.bin.zst
//                             (hash, first position, documents) per distinct
//                             unit of the shard, partitioned by hash
//   merge  (per partition)    WORK/frequent/part-PPPP.bin.zst: (hash, first
//                             position) of every unit in more than
//                             --max-occurrences documents of the corpus
//   filter (per input shard)  removes the frequent units from its documents
//
// Every file starts with the fingerprint of the hashing options (unit,
// normalize, short-unit-chars), so stages run with different ones are refused. The
// output equals the one-process transform's (exact counting) for any shard
// and partition counts.
#pragma once

#include <vector>

#include "dpk/transform.h"

namespace dpk::line_dedup {

std::vector<Subcommand> line_dedup_stages();

}  // namespace dpk::line_dedup
