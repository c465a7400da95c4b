#include <gtest/gtest.h>

#include <zlib.h>

#include <random>
#include <string>

#include "dpk/byte_stream.h"
#include "dpk/compression.h"
#include "test_util.h"

namespace dpk {
namespace {

using testing_util::read_file;
using testing_util::ScratchDir;
using testing_util::write_file;

// Some text that compresses, with every byte value in it somewhere.
std::string sample_text(size_t n, unsigned seed) {
  std::mt19937 rng(seed);
  static const char* words[] = {"alpha ", "beta ", "gamma\n", "délta ", "日本語 ", "x"};
  std::string s;
  while (s.size() < n) {
    if (rng() % 50 == 0) {
      s.push_back(static_cast<char>(rng() % 256));
    } else {
      s += words[rng() % 6];
    }
  }
  s.resize(n);
  return s;
}

std::string compress_frames(Codec c, const std::vector<std::string>& parts, int level = 3) {
  BlockCompressor comp(c, level);
  std::string out;
  for (const auto& p : parts) {
    Status s = comp.compress(p, out);
    EXPECT_TRUE(s.ok()) << s.message();
  }
  return out;
}

// Reads a file through open_input with a small, odd buffer size.
StatusOr<std::string> read_all(const std::string& path, size_t buf_size = 777) {
  auto src = open_input(path);
  if (!src.ok()) return src.status();
  std::string all;
  std::string buf(buf_size, '\0');
  for (;;) {
    auto n = (*src)->read(buf.data(), buf.size());
    if (!n.ok()) return n.status();
    if (*n == 0) break;
    all.append(buf.data(), *n);
  }
  return all;
}

TEST(Codec, NamesAndExtensions) {
  EXPECT_EQ(codec_for_path("a/b.jsonl.zst"), Codec::kZstd);
  EXPECT_EQ(codec_for_path("b.jsonl.gz"), Codec::kGzip);
  EXPECT_EQ(codec_for_path("b.jsonl"), Codec::kNone);
  EXPECT_EQ(codec_for_path("zst"), Codec::kNone);
  EXPECT_EQ(parse_codec("gz"), Codec::kGzip);
  EXPECT_EQ(parse_codec("zstd"), Codec::kZstd);
  EXPECT_EQ(parse_codec("none"), Codec::kNone);
  EXPECT_FALSE(parse_codec("bzip2").has_value());
  EXPECT_EQ(codec_extension(Codec::kZstd), ".zst");
  EXPECT_EQ(codec_extension(Codec::kGzip), ".gz");
  EXPECT_EQ(codec_extension(Codec::kNone), "");
}

TEST(Codec, MagicBytes) {
  EXPECT_EQ(codec_for_magic(std::string("\x1f\x8b\x08\x00", 4)), Codec::kGzip);
  EXPECT_EQ(codec_for_magic(std::string("\x28\xb5\x2f\xfd", 4)), Codec::kZstd);
  EXPECT_EQ(codec_for_magic("{\"te"), Codec::kNone);
  EXPECT_EQ(codec_for_magic(""), Codec::kNone);
  EXPECT_EQ(codec_for_magic(std::string("\x1f", 1)), Codec::kNone);
  // Read only: bzip2 ("BZh" and a block size digit) and xz.
  EXPECT_EQ(codec_for_magic("BZh9"), Codec::kBzip2);
  EXPECT_EQ(codec_for_magic("BZhx"), Codec::kNone);
  EXPECT_EQ(codec_for_magic(std::string("\xfd" "7zXZ", 5)), Codec::kXz);
}

TEST(Codec, ReadOnlyCodecsAreNeverChosenForOutput) {
  EXPECT_EQ(codec_for_path("a.jsonl.bz2"), Codec::kNone);
  EXPECT_EQ(codec_for_path("a.jsonl.xz"), Codec::kNone);
  EXPECT_TRUE(has_read_only_codec_extension("a.jsonl.xz"));
  EXPECT_TRUE(has_read_only_codec_extension("a.jsonl.bz2"));
  EXPECT_FALSE(has_read_only_codec_extension("a.jsonl.zst"));
  EXPECT_EQ(strip_codec_extension("a.jsonl.bz2"), "a.jsonl");
  EXPECT_EQ(strip_codec_extension("a.jsonl.xz"), "a.jsonl");
  EXPECT_FALSE(parse_codec("xz").has_value());
  BlockCompressor c(Codec::kXz, 3);
  std::string out;
  EXPECT_FALSE(c.compress("x", out).ok());
}

class RoundTrip : public ::testing::TestWithParam<Codec> {};

TEST_P(RoundTrip, ConcatenatedFramesReadBackAsOneStream) {
  ScratchDir dir;
  const Codec c = GetParam();
  std::vector<std::string> parts = {sample_text(100000, 1), "", sample_text(10, 2), sample_text(300000, 3)};
  std::string framed = compress_frames(c, parts);
  if (c != Codec::kNone) {
    EXPECT_LT(framed.size(), 400010u) << "compression did not compress";
    EXPECT_EQ(codec_for_magic(framed.substr(0, 4)), c);
  }
  const std::string path = dir.file("data" + std::string(codec_extension(c)));
  write_file(path, framed);
  auto back = read_all(path);
  ASSERT_TRUE(back.ok()) << back.status().message();
  EXPECT_EQ(*back, parts[0] + parts[1] + parts[2] + parts[3]);
  // Reads of a few bytes: what the decoder holds back is delivered later.
  auto small = read_all(path, 3);
  ASSERT_TRUE(small.ok()) << small.status().message();
  EXPECT_EQ(*small, *back);
  auto src = open_input(path);
  ASSERT_TRUE(src.ok());
  EXPECT_EQ((*src)->codec(), c);
}

TEST_P(RoundTrip, DetectedByMagicWhateverTheName) {
  ScratchDir dir;
  const Codec c = GetParam();
  const std::string text = sample_text(5000, 9);
  const std::string path = dir.file("misleading.jsonl.gz.txt");  // no codec in the name
  write_file(path, compress_frames(c, {text}));
  auto src = open_input(path);
  ASSERT_TRUE(src.ok());
  EXPECT_EQ((*src)->codec(), c);
  auto back = read_whole_input(path);
  ASSERT_TRUE(back.ok()) << back.status().message();
  EXPECT_EQ(*back, text);
}

TEST_P(RoundTrip, EmptyFrameIsAnEmptyStream) {
  ScratchDir dir;
  const std::string path = dir.file("empty");
  write_file(path, compress_frames(GetParam(), {""}));
  auto back = read_all(path);
  ASSERT_TRUE(back.ok()) << back.status().message();
  EXPECT_EQ(*back, "");
}

TEST_P(RoundTrip, RawOffsetReachesTheFileSize) {
  ScratchDir dir;
  const std::string path = dir.file("f");
  const std::string framed = compress_frames(GetParam(), {sample_text(200000, 4)});
  write_file(path, framed);
  auto src = open_input(path);
  ASSERT_TRUE(src.ok());
  std::string buf(4096, '\0');
  uint64_t total = 0;
  for (;;) {
    auto n = (*src)->read(buf.data(), buf.size());
    ASSERT_TRUE(n.ok()) << n.status().message();
    if (*n == 0) break;
    total += *n;
  }
  EXPECT_EQ(total, 200000u);
  EXPECT_EQ((*src)->raw_offset(), framed.size());
}

INSTANTIATE_TEST_SUITE_P(Codecs, RoundTrip, ::testing::Values(Codec::kNone, Codec::kGzip, Codec::kZstd),
                         [](const auto& info) { return std::string(info.param == Codec::kNone ? "plain" : codec_name(info.param)); });

class Truncated : public ::testing::TestWithParam<Codec> {};

TEST_P(Truncated, IsADataErrorNamingFileAndByteOffset) {
  ScratchDir dir;
  const Codec c = GetParam();
  const std::string text = sample_text(300000, 5);
  std::string framed = compress_frames(c, {text.substr(0, 150000), text.substr(150000)});
  const size_t cut = framed.size() * 3 / 4;
  framed.resize(cut);
  const std::string path = dir.file("cut" + std::string(codec_extension(c)));
  write_file(path, framed);
  auto back = read_all(path, 65536);
  ASSERT_FALSE(back.ok()) << "a truncated stream read back without error";
  EXPECT_EQ(back.status().code(), StatusCode::kData);
  const std::string& m = back.status().message();
  EXPECT_NE(m.find(path), std::string::npos) << m;
  EXPECT_NE(m.find("byte"), std::string::npos) << m;
  EXPECT_NE(m.find(std::to_string(cut)), std::string::npos) << "offset " << cut << " not named: " << m;
}

TEST_P(Truncated, CutInsideTheHeaderIsAnError) {
  ScratchDir dir;
  std::string framed = compress_frames(GetParam(), {sample_text(1000, 6)});
  framed.resize(6);
  const std::string path = dir.file("tiny");
  write_file(path, framed);
  auto back = read_all(path);
  ASSERT_FALSE(back.ok());
  EXPECT_EQ(back.status().code(), StatusCode::kData);
}

TEST_P(Truncated, CorruptBytesAreAnError) {
  ScratchDir dir;
  std::string framed = compress_frames(GetParam(), {sample_text(100000, 7)});
  for (size_t i = framed.size() / 3; i < framed.size() / 3 + 64; ++i) framed[i] = static_cast<char>(framed[i] ^ 0x5a);
  const std::string path = dir.file("corrupt");
  write_file(path, framed);
  auto back = read_all(path);
  EXPECT_FALSE(back.ok() && *back == sample_text(100000, 7));
  if (!back.ok()) {
    EXPECT_EQ(back.status().code(), StatusCode::kData);
  }
}

INSTANTIATE_TEST_SUITE_P(Codecs, Truncated, ::testing::Values(Codec::kGzip, Codec::kZstd),
                         [](const auto& info) { return std::string(codec_name(info.param)); });

// A gzip member written with every optional header field (extra, name,
// comment, header CRC), as zlib's gzip writer does when asked.
std::string gzip_member_with_header_fields(const std::string& text) {
  z_stream zs{};
  EXPECT_EQ(deflateInit2(&zs, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY), Z_OK);
  static unsigned char extra[] = {'d', 'k', 2, 0, 'h', 'i'};
  static char name[] = "pages.warc";
  static char comment[] = "a comment";
  gz_header h{};
  h.extra = extra;
  h.extra_len = sizeof extra;
  h.name = reinterpret_cast<Bytef*>(name);
  h.comment = reinterpret_cast<Bytef*>(comment);
  h.hcrc = 1;
  EXPECT_EQ(deflateSetHeader(&zs, &h), Z_OK);
  std::string out(deflateBound(&zs, text.size()) + 64, '\0');
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(text.data()));
  zs.avail_in = static_cast<uInt>(text.size());
  zs.next_out = reinterpret_cast<Bytef*>(out.data());
  zs.avail_out = static_cast<uInt>(out.size());
  EXPECT_EQ(deflate(&zs, Z_FINISH), Z_STREAM_END);
  out.resize(zs.total_out);
  deflateEnd(&zs);
  return out;
}

// The header fields are read past, the header CRC checked, in every member
// (the first one's header reaches the decoder in two reads).
TEST(GzipInput, MembersWithEveryHeaderFieldReadBack) {
  ScratchDir dir;
  const std::string a = sample_text(5000, 4), b = sample_text(70000, 5);
  const std::string path = dir.file("fields.gz");
  write_file(path, gzip_member_with_header_fields(a) + gzip_member_with_header_fields(b));
  for (size_t buf_size : {size_t{3}, size_t{777}, size_t{1} << 16}) {
    auto back = read_all(path, buf_size);
    ASSERT_TRUE(back.ok()) << back.status().message();
    EXPECT_EQ(*back, a + b) << "reads of " << buf_size;
  }
}

TEST(OpenInput, MissingFileIsUsageAndDirectoryIsUsage) {
  ScratchDir dir;
  auto a = open_input(dir.file("nope.jsonl"));
  ASSERT_FALSE(a.ok());
  EXPECT_EQ(a.status().code(), StatusCode::kUsage);
  EXPECT_NE(a.status().message().find("nope.jsonl"), std::string::npos);
  auto b = open_input(dir.path().string());
  ASSERT_FALSE(b.ok());
  EXPECT_EQ(b.status().code(), StatusCode::kUsage);
}

TEST(OpenInput, ShortPlainFilesAreNotMistakenForCompressed) {
  ScratchDir dir;
  for (const std::string& s : {std::string(""), std::string("{"), std::string("\x1f", 1), std::string("ab\n")}) {
    write_file(dir.file("s"), s);
    auto back = read_all(dir.file("s"));
    ASSERT_TRUE(back.ok()) << back.status().message();
    EXPECT_EQ(*back, s);
  }
}

TEST(OpenOutput, CommitRenamesAndAbandonLeavesNothing) {
  ScratchDir dir;
  const std::string path = dir.file("sub/dir/out.jsonl");
  {
    auto sink = open_output(path);
    ASSERT_TRUE(sink.ok()) << sink.status().message();
    ASSERT_TRUE((*sink)->write("abc\n").ok());
    EXPECT_FALSE(std::filesystem::exists(path)) << "final name exists before commit";
    ASSERT_TRUE((*sink)->commit().ok());
  }
  EXPECT_EQ(read_file(path), "abc\n");
  const std::string other = dir.file("sub/dir/abandoned.jsonl");
  {
    auto sink = open_output(other);
    ASSERT_TRUE(sink.ok());
    ASSERT_TRUE((*sink)->write("partial").ok());
  }
  EXPECT_FALSE(std::filesystem::exists(other));
  size_t n = 0;
  for ([[maybe_unused]] const auto& e : std::filesystem::directory_iterator(dir.file("sub/dir"))) ++n;
  EXPECT_EQ(n, 1u) << "a temporary file was left behind";
}

}  // namespace
}  // namespace dpk
