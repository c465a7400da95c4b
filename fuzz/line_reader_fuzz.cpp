// Fuzz target: LineBlockReader over a plain, gzip or zstd stream, whole or
// cut short, with a line-length limit — the path every JSONL input takes.
// The first bytes of the input choose codec, cut and limit; the rest is the
// text. Oracle: the lines delivered are the text's lines in order (an
// overlong one as its length and first `limit` bytes); a cut stream ends in
// a data error whose torn tail continues the last delivered line; the
// block buffer never grows past the limit.
#include <sys/mman.h>
#include <unistd.h>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "dpk/byte_stream.h"
#include "dpk/compression.h"
#include "dpk/document_parser.h"
#include "dpk/line_blocks.h"
#include "fuzz_check.h"

namespace {

int memory_file() {
  static const int fd = memfd_create("dpk-fuzz-lines", 0);
  return fd;
}

bool write_all(int fd, std::string_view data) {
  if (ftruncate(fd, 0) != 0) return false;
  size_t done = 0;
  while (done < data.size()) {
    const ssize_t n = pwrite(fd, data.data() + done, data.size() - done, static_cast<off_t>(done));
    if (n <= 0) return false;
    done += static_cast<size_t>(n);
  }
  return true;
}

std::vector<std::string_view> split_lines(std::string_view text) {
  std::vector<std::string_view> lines;
  while (!text.empty()) {
    const size_t nl = text.find('\n');
    lines.push_back(text.substr(0, nl));
    text = nl == std::string_view::npos ? std::string_view() : text.substr(nl + 1);
  }
  return lines;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 4) return 0;
  const uint8_t flags = data[0];
  const uint64_t limit = 1 + (static_cast<uint64_t>(data[1]) * 131 + data[2]) % 6000;
  const size_t cut_per_256 = data[3];
  std::string_view text(reinterpret_cast<const char*>(data) + 4, size - 4);
  const dpk::Codec codec = (flags & 3) == 1 ? dpk::Codec::kGzip : (flags & 3) == 2 ? dpk::Codec::kZstd : dpk::Codec::kNone;
  const bool cut = (flags & 4) != 0;

  std::string stored;
  if (codec == dpk::Codec::kNone) {
    if (cut) text = text.substr(0, text.size() * cut_per_256 / 256);
    // Text that starts like a compressed stream (or Parquet) is read as one.
    if (dpk::codec_for_magic(text.substr(0, 4)) != dpk::Codec::kNone || text.substr(0, 4) == "PAR1") return 0;
    stored.assign(text);
  } else {
    // Two frames, so a cut can fall in either and the second starts afresh.
    dpk::BlockCompressor c(codec, 1);
    const size_t half = text.size() / 2;
    FUZZ_CHECK(c.compress(text.substr(0, half), stored).ok());
    FUZZ_CHECK(c.compress(text.substr(half), stored).ok());
    if (cut) stored.resize(stored.size() * cut_per_256 / 256);
    // Cut inside the magic: not this codec any more.
    if (dpk::codec_for_magic(stored.substr(0, 4)) != codec) return 0;
  }
  const int fd = memory_file();
  FUZZ_CHECK(fd >= 0);
  FUZZ_CHECK(write_all(fd, stored));
  auto src = dpk::open_input("/proc/self/fd/" + std::to_string(fd));
  FUZZ_CHECK(src.ok());

  const std::vector<std::string_view> want = split_lines(text);
  // A compressed stream cut at a frame's end is a clean, shorter stream: its
  // last line may be a line's start.
  const bool may_end_short = cut && codec != dpk::Codec::kNone;
  dpk::LineBlockReader reader(std::move(*src), 4096, limit);
  dpk::LineBlock block;
  size_t line = 0;        // index into `want` of the next line
  uint64_t consumed = 0;  // text bytes delivered as whole lines, newlines included
  bool last_was_cut_overlong = false;  // the last block was an overlong line of a cut stream
  const size_t max_storage = std::max<size_t>(4096, static_cast<size_t>(limit) + 1) + dpk::DocumentParser::kPadding;
  for (;;) {
    auto more = reader.next(block);
    if (!more.ok()) {
      // Only a compressed stream cut short (or whose cut made it corrupt) fails.
      FUZZ_CHECK(cut && codec != dpk::Codec::kNone);
      FUZZ_CHECK(more.status().code() == dpk::StatusCode::kData);
      const std::string_view tail = reader.torn_tail();
      FUZZ_CHECK(tail.find('\n') == std::string_view::npos);
      if (!last_was_cut_overlong) {
        FUZZ_CHECK(text.substr(consumed, tail.size()) == tail);
        FUZZ_CHECK(reader.torn_tail_offset() == consumed);
      }
      FUZZ_CHECK(!reader.next(block).ok());  // the error stays
      break;
    }
    if (!*more) {
      if (!may_end_short) FUZZ_CHECK(line == want.size());
      break;
    }
    FUZZ_CHECK(block.storage.size() <= max_storage);
    FUZZ_CHECK(block.first_line == line + 1);
    if (block.overlong) {
      FUZZ_CHECK(line < want.size());
      FUZZ_CHECK(block.overlong_bytes > limit);
      FUZZ_CHECK(block.bytes() == want[line].substr(0, limit));
      if (!may_end_short) FUZZ_CHECK(block.overlong_bytes == want[line].size());
      FUZZ_CHECK(block.overlong_bytes <= want[line].size());
      // Whether the stream broke inside this line or just after it (before
      // its newline) is not known here: no offset check if an error follows.
      last_was_cut_overlong = may_end_short;
      consumed += want[line].size() + 1;
      ++line;
      continue;
    }
    last_was_cut_overlong = false;
    FUZZ_CHECK(block.size > 0);
    const std::vector<std::string_view> got_lines = split_lines(block.bytes());
    for (size_t k = 0; k < got_lines.size(); ++k) {
      const std::string_view got = got_lines[k];
      const bool unterminated = k + 1 == got_lines.size() && block.bytes().back() != '\n';
      FUZZ_CHECK(line < want.size());
      if (may_end_short && unterminated) {
        FUZZ_CHECK(want[line].substr(0, got.size()) == got);
      } else {
        FUZZ_CHECK(got == want[line]);
      }
      consumed += got.size() + 1;
      ++line;
    }
    FUZZ_CHECK(reader.lines() == line);
  }
  return 0;
}
