// index_stage.h — `dpk-decontaminate index`: reads the benchmarks once and
// writes their n-gram index to --work DIR, which runs given that --work load.
//
//   spec.subcommands = {dpk::decontaminate::index_stage()};
#pragma once

#include "dpk/transform.h"

namespace dpk::decontaminate {

Subcommand index_stage();

}  // namespace dpk::decontaminate
