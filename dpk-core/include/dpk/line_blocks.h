// dpk/line_blocks.h — cuts a byte stream into blocks of whole lines.
//
// Each block holds complete lines (the last one may lack its newline at end
// of stream) followed by DocumentParser::kPadding readable bytes, so lines
// are parsed where they lie. Memory is one block plus one partial line.
//
//   dpk::LineBlockReader r(std::move(source), 1 << 20);
//   dpk::LineBlock b;
//   while (true) { auto more = r.next(b); if (!more.ok() || !*more) break; ... }
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "dpk/byte_stream.h"

namespace dpk {

struct LineBlock {
  std::string storage;   // bytes() plus padding
  size_t size = 0;       // bytes of whole lines in storage
  uint64_t first_line = 1;  // 1-based line number of the first line
  uint64_t raw_end = 0;     // compressed bytes consumed when the block was cut
  std::string_view bytes() const { return {storage.data(), size}; }
  size_t readable_from(const char* p) const {
    return static_cast<size_t>(storage.data() + storage.size() - p);
  }
};

class LineBlockReader {
 public:
  LineBlockReader(std::unique_ptr<ByteSource> source, size_t block_size);
  // Fills `block` with the next lines. Returns false at end of stream.
  StatusOr<bool> next(LineBlock& block);
  uint64_t raw_offset() const { return source_->raw_offset(); }
  // Lines cut so far (a last line without a newline counts).
  uint64_t lines() const { return next_line_ - 1; }

 private:
  std::unique_ptr<ByteSource> source_;
  size_t block_size_;
  std::string carry_;  // the partial line left over from the last read
  uint64_t next_line_ = 1;
  bool eof_ = false;
};

}  // namespace dpk
