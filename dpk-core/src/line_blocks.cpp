#include "dpk/line_blocks.h"

#include <algorithm>
#include <cstring>

#include "dpk/document_parser.h"

namespace dpk {

LineBlockReader::LineBlockReader(std::unique_ptr<ByteSource> source, size_t block_size, uint64_t max_line_bytes)
    : source_(std::move(source)),
      block_size_(std::max<size_t>(block_size, 4096)),
      max_line_bytes_(std::max<uint64_t>(max_line_bytes, 1)) {}

StatusOr<bool> LineBlockReader::next(LineBlock& block) {
  constexpr size_t kPad = DocumentParser::kPadding;
  block.overlong = false;
  block.overlong_bytes = 0;
  if (!pending_.ok()) return pending_;  // carry_ keeps the torn tail
  std::string& s = block.storage;
  // No buffer needs more than the limit plus one byte to see that a line is
  // too long.
  const size_t cap = max_line_bytes_ >= SIZE_MAX / 2 ? SIZE_MAX / 2 : static_cast<size_t>(max_line_bytes_) + 1;
  size_t used = carry_.size();
  size_t want = std::max(block_size_, std::min(used * 2, cap));
  s.resize(want + kPad);
  std::memcpy(s.data(), carry_.data(), used);
  carry_.clear();
  size_t cut = std::string::npos;  // one past the last newline
  size_t scanned = 0;              // bytes looked at for a first whole line
  std::optional<std::chrono::steady_clock::time_point> deadline;  // when the block is cut short
  for (;;) {
    if (!eof_ && used < want) {
      auto n = source_->read(s.data() + used, want - used);
      if (!n.ok()) {
        // A resource or I/O failure ends the run at once; bad data (a
        // truncated or corrupt stream) first lets the whole lines out.
        if (n.status().code() != StatusCode::kData) return n.status();
        pending_ = n.status();
        eof_ = true;
      } else if (*n == 0) {
        eof_ = true;
      } else {
        used += *n;
        decoded_ += *n;
        // Fill the block before cutting, unless a stalled source has kept
        // a whole line waiting for the flush interval.
        if (used < want && !flush_due(s.data(), scanned, used, deadline)) continue;
      }
    }
    const void* nl = used ? memrchr(s.data(), '\n', used) : nullptr;
    if (nl != nullptr) {
      cut = static_cast<size_t>(static_cast<const char*>(nl) - s.data()) + 1;
      break;
    }
    if (eof_) {
      // The last line without a newline, or nothing at all; after an error
      // the bytes are a torn tail, not a line.
      cut = pending_.ok() ? used : 0;
      break;
    }
    if (used > max_line_bytes_) {
      // The buffer is all one line and it is too long: keep its head, read
      // on to its end without keeping it.
      uint64_t length = used;
      Status skipped = skip_rest_of_line(length);
      if (!skipped.ok() && skipped.code() != StatusCode::kData) return skipped;
      pending_ = skipped;
      block.size = static_cast<size_t>(std::min<uint64_t>(used, max_line_bytes_));
      std::memset(s.data() + block.size, ' ', kPad);
      block.overlong = true;
      block.overlong_bytes = length;
      block.first_line = next_line_++;
      block.raw_end = source_->raw_offset();
      return true;
    }
    want = std::max(want, std::min(want * 2, cap));  // a line longer than the block: grow
    s.resize(want + kPad);
  }
  if (cut == 0) {
    carry_.assign(s.data(), used);
    s.resize(kPad);
    block.size = 0;
    if (!pending_.ok()) return pending_;
    return false;
  }
  carry_.assign(s.data() + cut, used - cut);
  block.size = cut;
  std::memset(s.data() + cut, ' ', std::min(kPad, s.size() - cut));
  s.resize(std::max(s.size(), cut + kPad));
  block.first_line = next_line_;
  block.raw_end = source_->raw_offset();
  next_line_ += static_cast<uint64_t>(std::count(s.data(), s.data() + cut, '\n'));
  if (s[cut - 1] != '\n') ++next_line_;  // the last line, without its newline
  return true;
}

// After a read that got less than asked: true when the block should be cut
// now, because its first whole line has waited the flush interval and the
// source sent nothing more in that time. Waits (poll) at most until then.
bool LineBlockReader::flush_due(const char* data, size_t& scanned, size_t used,
                                std::optional<std::chrono::steady_clock::time_point>& deadline) {
  using Clock = std::chrono::steady_clock;
  if (flush_interval_.count() <= 0 || !source_->can_stall()) return false;
  if (!deadline) {
    if (std::memchr(data + scanned, '\n', used - scanned) == nullptr) {
      scanned = used;
      return false;  // no whole line yet: nothing to hand on
    }
    deadline = Clock::now() + flush_interval_;
  }
  const auto left = std::chrono::ceil<std::chrono::milliseconds>(*deadline - Clock::now());
  if (left.count() <= 0) return true;
  return !source_->wait_readable(static_cast<int>(std::min<int64_t>(left.count(), INT32_MAX)));
}

// Reads past the rest of an overlong line, adding its bytes to `length`;
// what follows its newline becomes carry_.
Status LineBlockReader::skip_rest_of_line(uint64_t& length) {
  std::string scratch(block_size_, '\0');
  for (;;) {
    auto n = source_->read(scratch.data(), scratch.size());
    if (!n.ok()) {
      eof_ = true;
      return n.status();
    }
    if (*n == 0) {
      eof_ = true;
      return Status::Ok();
    }
    decoded_ += *n;
    const char* nl = static_cast<const char*>(std::memchr(scratch.data(), '\n', *n));
    if (nl == nullptr) {
      length += *n;
      continue;
    }
    const size_t at = static_cast<size_t>(nl - scratch.data());
    length += at;
    carry_.assign(nl + 1, *n - at - 1);
    return Status::Ok();
  }
}

}  // namespace dpk
