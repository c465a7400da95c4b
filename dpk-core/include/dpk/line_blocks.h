// dpk/line_blocks.h — cuts a byte stream into blocks of whole lines.
//
// Each block holds complete lines (the last one may lack its newline at end
// of stream) followed by DocumentParser::kPadding readable bytes, so lines
// are parsed where they lie. Memory is one block plus one partial line, and
// a partial line never grows past the line limit: a longer line comes as a
// block of its own with `overlong` set and only its first `limit` bytes
// kept; the rest is read and thrown away up to the next newline.
//
// A stream that can stall (a pipe, terminal or socket; see
// ByteSource::can_stall) and comes slower than blocks fill is not held for a
// whole block: with a flush interval set, a block of whole lines is cut once
// its first line has waited that long. A file, or a pipe that keeps up,
// never waits on a clock: the timed wait only follows a read that got less
// than it asked of a source that can stall.
//
// When the stream fails part way (a truncated or corrupt .gz/.zst), every
// complete line before the failure is delivered first; the next call then
// returns the error, and torn_tail() holds the decoded bytes of the line the
// failure cut (the "torn tail"), which never passes for a line.
//
//   dpk::LineBlockReader r(std::move(source), 1 << 20, 256 << 20);
//   dpk::LineBlock b;
//   while (true) {
//     auto more = r.next(b);
//     if (!more.ok()) { report(more.status(), r.torn_tail()); break; }
//     if (!*more) break;
//     if (b.overlong) reject(b.first_line, b.overlong_bytes); else parse(b);
//   }
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "dpk/byte_stream.h"

namespace dpk {

struct LineBlock {
  std::string storage;   // bytes() plus padding
  size_t size = 0;       // bytes of whole lines in storage
  uint64_t first_line = 1;  // 1-based line number of the first line
  uint64_t raw_end = 0;     // compressed bytes consumed when the block was cut
  // Set for a block that stands for one line longer than the limit: the
  // line's full length (without its newline). bytes() then holds its first
  // `limit` bytes, which are not a line to parse.
  bool overlong = false;
  uint64_t overlong_bytes = 0;
  std::string_view bytes() const { return {storage.data(), size}; }
  size_t readable_from(const char* p) const {
    return static_cast<size_t>(storage.data() + storage.size() - p);
  }
};

class LineBlockReader {
 public:
  static constexpr uint64_t kNoLimit = UINT64_MAX;

  // `max_line_bytes`: the longest line (without its newline) read whole.
  LineBlockReader(std::unique_ptr<ByteSource> source, size_t block_size, uint64_t max_line_bytes = kNoLimit);
  // Fills `block` with the next lines. Returns false at end of stream, and
  // the stream's error (with torn_tail() set) after its last whole line.
  StatusOr<bool> next(LineBlock& block);
  uint64_t raw_offset() const { return source_->raw_offset(); }
  // The longest a whole line waits in a partial block of a stalling source
  // (0, the default: until the block is full or the stream ends).
  void set_flush_interval(std::chrono::milliseconds interval) { flush_interval_ = interval; }
  // Lines cut so far (a last line without a newline, and an overlong line,
  // count; a torn tail does not).
  uint64_t lines() const { return next_line_ - 1; }
  // After next() returned an error: the decoded bytes of the line the error
  // cut short (possibly empty), and the decoded offset where they start.
  std::string_view torn_tail() const { return carry_; }
  uint64_t torn_tail_offset() const { return decoded_ - carry_.size(); }

 private:
  Status skip_rest_of_line(uint64_t& length);
  bool flush_due(const char* data, size_t& scanned, size_t used,
                 std::optional<std::chrono::steady_clock::time_point>& deadline);

  std::unique_ptr<ByteSource> source_;
  size_t block_size_;
  uint64_t max_line_bytes_;
  std::string carry_;  // the partial line left over from the last read
  uint64_t next_line_ = 1;
  uint64_t decoded_ = 0;  // decoded bytes read from the source
  bool eof_ = false;
  std::chrono::milliseconds flush_interval_{0};
  Status pending_;  // the stream's error, returned once the whole lines are out
};

}  // namespace dpk
