#include "torn_input.h"

namespace dpk::runtime {

Status describe_torn_tail(const Status& error, const LineBlockReader& reader) {
  if (error.code() != StatusCode::kData) return error;
  const size_t tail = reader.torn_tail().size();
  std::string where = "; line " + std::to_string(reader.lines() + 1) + " is incomplete";
  if (tail > 0) {
    where += " (" + std::to_string(tail) + " decoded bytes from decoded byte " +
             std::to_string(reader.torn_tail_offset()) + ")";
  }
  return Status::Data(error.message() + where);
}

std::string line_too_long_message(uint64_t bytes, uint64_t limit) {
  return "line too long: " + std::to_string(bytes) + " bytes (--max-line-bytes is " + std::to_string(limit) + ")";
}

Status out_of_memory_reading(const std::string& path, uint64_t line, uint64_t limit) {
  return Status::Io(path + ":" + std::to_string(line) + ": out of memory reading the line (lines of up to " +
                    std::to_string(limit) + " bytes are held whole; a smaller --max-line-bytes bounds that)");
}

}  // namespace dpk::runtime
