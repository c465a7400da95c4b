#include "dpk/line_blocks.h"

#include <algorithm>
#include <cstring>

#include "dpk/document_parser.h"

namespace dpk {

LineBlockReader::LineBlockReader(std::unique_ptr<ByteSource> source, size_t block_size)
    : source_(std::move(source)), block_size_(std::max<size_t>(block_size, 4096)) {}

StatusOr<bool> LineBlockReader::next(LineBlock& block) {
  constexpr size_t kPad = DocumentParser::kPadding;
  std::string& s = block.storage;
  size_t used = carry_.size();
  size_t want = std::max(block_size_, used * 2);
  s.resize(want + kPad);
  std::memcpy(s.data(), carry_.data(), used);
  carry_.clear();
  size_t cut = std::string::npos;  // one past the last newline
  for (;;) {
    if (!eof_ && used < want) {
      auto n = source_->read(s.data() + used, want - used);
      if (!n.ok()) return n.status();
      if (*n == 0) {
        eof_ = true;
      } else {
        used += *n;
        if (used < want) continue;  // fill the block before cutting
      }
    }
    const void* nl = used ? memrchr(s.data(), '\n', used) : nullptr;
    if (nl != nullptr) {
      cut = static_cast<size_t>(static_cast<const char*>(nl) - s.data()) + 1;
      break;
    }
    if (eof_) {
      cut = used;  // last line without a newline, or nothing at all
      break;
    }
    want *= 2;  // a line longer than the block: grow
    s.resize(want + kPad);
  }
  if (cut == 0) {
    s.resize(kPad);
    block.size = 0;
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

}  // namespace dpk
