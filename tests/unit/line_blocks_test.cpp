#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "dpk/compression.h"
#include "dpk/document_parser.h"
#include "dpk/line_blocks.h"
#include "test_util.h"

namespace dpk {
namespace {

using testing_util::ScratchDir;
using testing_util::write_file;

struct Line {
  uint64_t number;
  std::string text;
};

// Cuts `bytes` (stored as `codec`) into blocks and splits them into numbered lines.
std::vector<Line> read_lines(const std::string& bytes, size_t block_size, Codec codec = Codec::kNone,
                             size_t* blocks = nullptr) {
  ScratchDir dir;
  std::string stored = bytes;
  if (codec != Codec::kNone) {
    BlockCompressor c(codec, 1);
    stored.clear();
    EXPECT_TRUE(c.compress(bytes, stored).ok());
  }
  write_file(dir.file("in"), stored);
  auto src = open_input(dir.file("in"));
  EXPECT_TRUE(src.ok());
  LineBlockReader r(std::move(*src), block_size);
  std::vector<Line> lines;
  LineBlock b;
  size_t n = 0;
  for (;;) {
    auto more = r.next(b);
    EXPECT_TRUE(more.ok()) << more.status().message();
    if (!more.ok() || !*more) break;
    ++n;
    EXPECT_GT(b.size, 0u);
    // Whole lines only: every block but the last ends in a newline.
    EXPECT_GE(b.storage.size(), b.size + DocumentParser::kPadding);
    std::string_view rest = b.bytes();
    uint64_t no = b.first_line;
    while (!rest.empty()) {
      size_t nl = rest.find('\n');
      lines.push_back({no++, std::string(rest.substr(0, nl))});
      rest = nl == std::string_view::npos ? std::string_view() : rest.substr(nl + 1);
    }
    EXPECT_EQ(r.lines(), no - 1);
  }
  if (blocks) *blocks = n;
  return lines;
}

std::string numbered(size_t n, size_t width) {
  std::string s;
  for (size_t i = 1; i <= n; ++i) {
    std::string line = "line " + std::to_string(i) + " ";
    line.resize(width, static_cast<char>('a' + i % 26));
    s += line + "\n";
  }
  return s;
}

TEST(LineBlockReader, LineNumbersCarryAcrossBlocks) {
  const std::string in = numbered(5000, 37);
  size_t blocks = 0;
  auto lines = read_lines(in, 4096, Codec::kNone, &blocks);
  EXPECT_GT(blocks, 10u);
  ASSERT_EQ(lines.size(), 5000u);
  for (size_t i = 0; i < lines.size(); ++i) {
    ASSERT_EQ(lines[i].number, i + 1);
    ASSERT_EQ(lines[i].text.rfind("line " + std::to_string(i + 1) + " ", 0), 0u) << lines[i].text;
  }
}

TEST(LineBlockReader, SameLinesThroughCompressedInput) {
  const std::string in = numbered(3000, 101);
  auto plain = read_lines(in, 4096);
  for (Codec c : {Codec::kGzip, Codec::kZstd}) {
    auto z = read_lines(in, 4096, c);
    ASSERT_EQ(z.size(), plain.size());
    for (size_t i = 0; i < z.size(); ++i) {
      ASSERT_EQ(z[i].number, plain[i].number);
      ASSERT_EQ(z[i].text, plain[i].text);
    }
  }
}

TEST(LineBlockReader, LinesLongerThanTheBlock) {
  std::string big1(50000, 'x'), big2(200001, 'y');
  const std::string in = "short\n" + big1 + "\nmid\n" + big2 + "\nend\n";
  auto lines = read_lines(in, 4096);
  ASSERT_EQ(lines.size(), 5u);
  EXPECT_EQ(lines[0].text, "short");
  EXPECT_EQ(lines[1].text, big1);
  EXPECT_EQ(lines[1].number, 2u);
  EXPECT_EQ(lines[2].text, "mid");
  EXPECT_EQ(lines[3].text, big2);
  EXPECT_EQ(lines[4].text, "end");
  EXPECT_EQ(lines[4].number, 5u);
}

TEST(LineBlockReader, LastLineWithoutNewline) {
  auto lines = read_lines("a\nb\nlast", 4096);
  ASSERT_EQ(lines.size(), 3u);
  EXPECT_EQ(lines[2].text, "last");
  EXPECT_EQ(lines[2].number, 3u);
  // Also when the unterminated last line is longer than a block.
  std::string tail(10000, 'z');
  lines = read_lines(numbered(300, 20) + tail, 4096);
  ASSERT_EQ(lines.size(), 301u);
  EXPECT_EQ(lines.back().text, tail);
  EXPECT_EQ(lines.back().number, 301u);
}

TEST(LineBlockReader, CrLfLinesKeepTheirCarriageReturn) {
  // The reader cuts at '\n' only; the '\r' stays for the parser's caller to strip.
  auto lines = read_lines("one\r\ntwo\r\n\r\nfour", 4096);
  ASSERT_EQ(lines.size(), 4u);
  EXPECT_EQ(lines[0].text, "one\r");
  EXPECT_EQ(lines[1].text, "two\r");
  EXPECT_EQ(lines[2].text, "\r");
  EXPECT_EQ(lines[3].text, "four");
}

TEST(LineBlockReader, EmptyInputHasNoBlocks) {
  size_t blocks = 7;
  auto lines = read_lines("", 4096, Codec::kNone, &blocks);
  EXPECT_TRUE(lines.empty());
  EXPECT_EQ(blocks, 0u);
  lines = read_lines("", 4096, Codec::kZstd, &blocks);
  EXPECT_TRUE(lines.empty());
  EXPECT_EQ(blocks, 0u);
}

TEST(LineBlockReader, BlankLinesAreCounted) {
  auto lines = read_lines("\n\n\nx\n\n", 4096);
  ASSERT_EQ(lines.size(), 5u);
  EXPECT_EQ(lines[3].text, "x");
  EXPECT_EQ(lines[3].number, 4u);
}

TEST(LineBlockReader, PaddingAfterTheBlockIsReadable) {
  ScratchDir dir;
  write_file(dir.file("in"), numbered(2000, 50));
  auto src = open_input(dir.file("in"));
  ASSERT_TRUE(src.ok());
  LineBlockReader r(std::move(*src), 4096);
  LineBlock b;
  while (true) {
    auto more = r.next(b);
    ASSERT_TRUE(more.ok());
    if (!*more) break;
    const char* last_line = b.storage.data() + b.size - 1;
    EXPECT_GE(b.readable_from(last_line), DocumentParser::kPadding + 1);
  }
}

TEST(LineBlockReader, TruncatedCompressedInputIsAnError) {
  ScratchDir dir;
  BlockCompressor c(Codec::kZstd, 1);
  std::string z;
  ASSERT_TRUE(c.compress(numbered(20000, 60), z).ok());
  z.resize(z.size() / 2);
  write_file(dir.file("t.zst"), z);
  auto src = open_input(dir.file("t.zst"));
  ASSERT_TRUE(src.ok());
  LineBlockReader r(std::move(*src), 4096);
  LineBlock b;
  Status err;
  for (int i = 0; i < 100000; ++i) {
    auto more = r.next(b);
    if (!more.ok()) {
      err = more.status();
      break;
    }
    if (!*more) break;
  }
  EXPECT_EQ(err.code(), StatusCode::kData) << "truncated stream ended without an error";
}

// Every line of a truncated stream before the cut comes out, and the torn
// tail is what follows the last of them, up to what could be decoded.
TEST(LineBlockReader, TruncatedStreamDeliversEveryCompleteLineFirst) {
  const std::string in = numbered(20000, 60);
  for (Codec codec : {Codec::kZstd, Codec::kGzip}) {
    ScratchDir dir;
    BlockCompressor c(codec, 1);
    std::string z;
    ASSERT_TRUE(c.compress(in, z).ok());
    z.resize(z.size() / 2);
    write_file(dir.file("t"), z);
    auto src = open_input(dir.file("t"));
    ASSERT_TRUE(src.ok());
    LineBlockReader r(std::move(*src), 4096);
    LineBlock b;
    std::string got;
    Status err;
    for (;;) {
      auto more = r.next(b);
      if (!more.ok()) {
        err = more.status();
        break;
      }
      ASSERT_TRUE(*more) << "a truncated stream ended without an error";
      got.append(b.bytes());
    }
    EXPECT_EQ(err.code(), StatusCode::kData);
    ASSERT_FALSE(got.empty());
    EXPECT_EQ(got.back(), '\n');
    // What came out is the input's start, whole lines only, and the torn
    // tail continues it.
    ASSERT_EQ(in.compare(0, got.size(), got), 0);
    const std::string tail(r.torn_tail());
    EXPECT_EQ(in.compare(got.size(), tail.size(), tail), 0);
    EXPECT_EQ(tail.find('\n'), std::string::npos);
    EXPECT_EQ(r.torn_tail_offset(), got.size());
    const uint64_t lines = static_cast<uint64_t>(std::count(got.begin(), got.end(), '\n'));
    EXPECT_EQ(r.lines(), lines);
    // Nearly all of the first half decodes: far more than a block was lost before.
    EXPECT_GT(got.size() + tail.size() + (1 << 17), in.size() / 4) << codec_name(codec);
    // The error stays: the next call returns it again.
    EXPECT_FALSE(r.next(b).ok());
  }
}

// A line over the limit comes as a block of its own: its head and its full
// length; the reader never holds much more than the limit of it.
TEST(LineBlockReader, LineOverTheLimitIsReportedNotHeld) {
  const std::string big(3 << 20, 'x');
  const std::string in = "first\n" + big + "\nafter\n" + std::string(5000, 'y');
  ScratchDir dir;
  write_file(dir.file("in"), in);
  auto src = open_input(dir.file("in"));
  ASSERT_TRUE(src.ok());
  const uint64_t limit = 10000;
  LineBlockReader r(std::move(*src), 4096, limit);
  LineBlock b;
  std::vector<std::string> lines;
  int overlong = 0;
  for (;;) {
    auto more = r.next(b);
    ASSERT_TRUE(more.ok()) << more.status().message();
    if (!*more) break;
    EXPECT_LE(b.storage.capacity(), 4 * limit + 4096 + DocumentParser::kPadding);
    if (b.overlong) {
      ++overlong;
      EXPECT_EQ(b.first_line, 2u);
      EXPECT_EQ(b.overlong_bytes, big.size());
      EXPECT_EQ(b.bytes(), big.substr(0, limit));
      lines.push_back("<overlong>");
      continue;
    }
    std::string_view rest = b.bytes();
    while (!rest.empty()) {
      size_t nl = rest.find('\n');
      lines.emplace_back(rest.substr(0, nl));
      rest = nl == std::string_view::npos ? std::string_view() : rest.substr(nl + 1);
    }
  }
  EXPECT_EQ(overlong, 1);
  ASSERT_EQ(lines.size(), 4u);
  EXPECT_EQ(lines[0], "first");
  EXPECT_EQ(lines[2], "after");
  EXPECT_EQ(lines[3], std::string(5000, 'y'));  // within the limit though longer than a block
  EXPECT_EQ(r.lines(), 4u);
}

// An overlong line at the end of the stream, with no newline: still one line.
TEST(LineBlockReader, OverlongLastLineWithoutNewline) {
  ScratchDir dir;
  BlockCompressor c(Codec::kZstd, 1);
  std::string z;
  ASSERT_TRUE(c.compress("a\n" + std::string(1 << 20, '\0'), z).ok());
  write_file(dir.file("bomb.zst"), z);
  auto src = open_input(dir.file("bomb.zst"));
  ASSERT_TRUE(src.ok());
  LineBlockReader r(std::move(*src), 4096, 2048);
  LineBlock b;
  auto more = r.next(b);
  ASSERT_TRUE(more.ok() && *more);
  EXPECT_EQ(b.bytes(), "a\n");
  more = r.next(b);
  ASSERT_TRUE(more.ok() && *more);
  EXPECT_TRUE(b.overlong);
  EXPECT_EQ(b.overlong_bytes, 1u << 20);
  EXPECT_EQ(b.size, 2048u);
  more = r.next(b);
  ASSERT_TRUE(more.ok());
  EXPECT_FALSE(*more);
  EXPECT_EQ(r.lines(), 2u);
}

}  // namespace
}  // namespace dpk
