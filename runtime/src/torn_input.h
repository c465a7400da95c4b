// torn_input.h (internal to the runtime) — the messages for input the line
// reader could not deliver as whole lines: a stream cut short (its torn
// tail), a line over --max-line-bytes, a line too large for memory. Each
// names what the user needs to find the place: file, line, byte offsets.
#pragma once

#include <cstdint>
#include <string>

#include "dpk/line_blocks.h"
#include "dpk/status.h"

namespace dpk::runtime {

// `error` (from LineBlockReader::next) with the line and decoded byte offset
// of the torn tail added; errors other than bad data pass unchanged.
Status describe_torn_tail(const Status& error, const LineBlockReader& reader);

// "line too long: N bytes (--max-line-bytes is M)"; its reason key is
// line_too_long.
std::string line_too_long_message(uint64_t bytes, uint64_t limit);

// A resource error (exit 3) for a line that did not fit in memory.
Status out_of_memory_reading(const std::string& path, uint64_t line, uint64_t limit);

}  // namespace dpk::runtime
