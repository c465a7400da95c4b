// side_outputs.h (internal to the runtime) — the side files of a run: the
// dropped documents (--keep-dropped) and the rejected lines (--on-error
// quarantine --quarantine). Each is written in the codec its name says
// (.gz, .zst) or --compression says, under a temporary name renamed when
// the run completes, like the main output.
#pragma once

#include <memory>

#include "dpk/byte_stream.h"
#include "dpk/runtime/run_config.h"

namespace dpk::runtime {

struct SideSinks {
  std::unique_ptr<ByteSink> dropped;
  std::unique_ptr<ByteSink> quarantine;
};

// Opens the side files `cfg` asks for (none, one or both).
Status open_side_outputs(const RunConfig& cfg, SideSinks& side);

}  // namespace dpk::runtime
