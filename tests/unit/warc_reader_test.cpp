#include "dpk/warc_reader.h"

#include "dpk/compression.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <string>
#include <vector>

#include "test_util.h"

namespace dpk {
namespace {

std::string warc_file(const std::string& name) { return testing_util::testdata_path("warc/" + name); }

struct ReadAll {
  std::vector<WarcRecord> records;
  std::vector<std::string> problems;
};

ReadAll read_all(std::unique_ptr<ByteSource> src) {
  ReadAll out;
  WarcReader r(std::move(src));
  WarcRecord rec;
  std::string problem;
  for (int guard = 0; guard < 100000; ++guard) {
    auto more = r.next(rec, problem);
    EXPECT_TRUE(more.ok()) << more.status().message();
    if (!problem.empty()) out.problems.push_back(problem);
    if (!more.ok() || !*more) break;
    out.records.push_back(rec);
  }
  return out;
}

ReadAll read_file(const std::string& path) {
  auto src = open_input(path);
  EXPECT_TRUE(src.ok()) << path;
  if (!src.ok()) return {};
  return read_all(std::move(*src));
}

std::map<std::string, int> types(const ReadAll& r) {
  std::map<std::string, int> t;
  for (const auto& rec : r.records) t[rec.type]++;
  return t;
}

TEST(WarcReader, ReadsPlainAndGzipMembersAlike) {
  ReadAll plain = read_file(warc_file("warcio-example.warc"));
  ReadAll gz = read_file(warc_file("warcio-example.warc.gz"));
  EXPECT_TRUE(plain.problems.empty()) << plain.problems[0];
  EXPECT_TRUE(gz.problems.empty()) << gz.problems[0];
  ASSERT_EQ(plain.records.size(), 6u);
  ASSERT_EQ(gz.records.size(), plain.records.size());
  for (size_t i = 0; i < plain.records.size(); ++i) {
    EXPECT_EQ(plain.records[i].type, gz.records[i].type);
    EXPECT_EQ(plain.records[i].block, gz.records[i].block);
    EXPECT_EQ(plain.records[i].record_id, gz.records[i].record_id);
  }
  const WarcRecord* resp = nullptr;
  for (const auto& r : plain.records) if (r.type == "response") resp = &r;
  ASSERT_NE(resp, nullptr);
  EXPECT_EQ(resp->version, "WARC/1.0");
  EXPECT_EQ(resp->target_uri, "http://example.com/");
  EXPECT_FALSE(resp->date.empty());
  EXPECT_EQ(resp->record_id.substr(0, 10), "<urn:uuid:");
  HttpResponse http;
  ASSERT_TRUE(parse_http_response(resp->block, http));
  EXPECT_EQ(http.status, 200);
  EXPECT_NE(http.content_type.find("text/html"), std::string::npos);
  EXPECT_NE(http.body.find("<html"), std::string::npos);
  EXPECT_EQ(http.body.find("HTTP/1."), std::string::npos) << "headers must be stripped";
}

TEST(WarcReader, CommonCrawlExcerpt) {
  ReadAll r = read_file(warc_file("resiliparse-warcfile.warc.gz"));
  EXPECT_TRUE(r.problems.empty());
  auto t = types(r);
  EXPECT_EQ(t["warcinfo"], 1);
  EXPECT_EQ(t["request"], 17);
  EXPECT_EQ(t["response"], 16);
  EXPECT_EQ(t["metadata"], 16);
}

TEST(WarcReader, OldVersionHeaders) {
  ReadAll r = read_file(warc_file("resiliparse-clueweb-quirk.warc.gz"));
  auto t = types(r);
  EXPECT_EQ(t["response"], 29);
  EXPECT_EQ(t["warcinfo"], 1);
  ASSERT_FALSE(r.records.empty());
  EXPECT_EQ(r.records[0].version, "WARC/0.18");
}

TEST(WarcReader, ChunkedBodiesAreDecoded) {
  ReadAll r = read_file(warc_file("warcio-example-iana.org-chunked.warc"));
  ASSERT_TRUE(r.problems.empty());
  const WarcRecord* resp = nullptr;
  for (const auto& rec : r.records) if (rec.type == "response") resp = &rec;
  ASSERT_NE(resp, nullptr);
  HttpResponse http;
  ASSERT_TRUE(parse_http_response(resp->block, http));
  EXPECT_FALSE(http.bad_chunking);
  EXPECT_EQ(http.body.substr(0, 15), "<!doctype html>");
  EXPECT_NE(http.body.find("</html>"), std::string::npos);
}

TEST(WarcReader, GzipMembersNotAlignedWithRecords) {
  ReadAll r = read_file(warc_file("warcio-example-wrong-chunks.warc.gz"));
  EXPECT_TRUE(r.problems.empty());
  const WarcRecord* resp = nullptr;
  for (const auto& rec : r.records) if (rec.type == "response") resp = &rec;
  ASSERT_NE(resp, nullptr);
  HttpResponse http;
  ASSERT_TRUE(parse_http_response(resp->block, http));
  EXPECT_NE(http.body.find("Example Domain"), std::string::npos);
}

std::string warc_record(const std::string& uri, const std::string& block) {
  return "WARC/1.0\r\nWARC-Type: resource\r\nWARC-Target-URI: " + uri + "\r\nContent-Length: " +
         std::to_string(block.size()) + "\r\n\r\n" + block + "\r\n\r\n";
}

// A block longer than max_block is passed over, never held whole.
TEST(WarcReader, BlocksPastMaxBlockArePassedOverUnread) {
  const std::string path = ::testing::TempDir() + "/dpk-warc-max-block.warc";
  const std::string big(3 << 20, 'x');
  const std::string file = warc_record("http://a/", big) + warc_record("http://b/", "small");
  {
    std::ofstream f(path, std::ios::binary);
    f << file;
  }
  auto src = open_input(path);
  ASSERT_TRUE(src.ok());
  WarcReader r(std::move(*src), 1 << 20);
  WarcRecord rec;
  std::string problem;
  ASSERT_TRUE(*r.next(rec, problem));
  EXPECT_TRUE(rec.block_skipped);
  EXPECT_EQ(rec.block, "");
  EXPECT_EQ(rec.length, big.size());
  EXPECT_EQ(rec.target_uri, "http://a/");
  ASSERT_TRUE(*r.next(rec, problem));
  EXPECT_FALSE(rec.block_skipped);
  EXPECT_EQ(rec.block, "small");
  EXPECT_FALSE(*r.next(rec, problem));
  EXPECT_TRUE(problem.empty()) << problem;
  // Cut inside the long block: a truncated record, as when it is read.
  {
    std::ofstream f(path, std::ios::binary);
    f << file.substr(0, 2 << 20);
  }
  src = open_input(path);
  ASSERT_TRUE(src.ok());
  WarcReader cut(std::move(*src), 1 << 20);
  EXPECT_FALSE(*cut.next(rec, problem));
  EXPECT_NE(problem.find("truncated record at offset 0"), std::string::npos) << problem;
  std::remove(path.c_str());
}

TEST(HttpResponse, ABodyStoredDechunkedIsKeptAsStored) {
  HttpResponse h;
  ASSERT_TRUE(parse_http_response("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nabc\r\n0\r\n\r\n", h));
  EXPECT_FALSE(h.bad_chunking);
  EXPECT_TRUE(h.chunking_ignored);
  EXPECT_EQ(h.body, "zz\r\nabc\r\n0\r\n\r\n");
  ASSERT_TRUE(parse_http_response("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n2;x=y\r\nde\r\n0\r\n\r\n", h));
  EXPECT_FALSE(h.bad_chunking);
  EXPECT_FALSE(h.chunking_ignored);
  EXPECT_EQ(h.body, "abcde");
}

// Once the chunking has begun, a break in it never puts chunk-size lines
// into the body: the body is empty and the problem says where.
TEST(HttpResponse, BrokenChunkingLeaksNoSizeLines) {
  HttpResponse h;
  ASSERT_TRUE(parse_http_response("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nFFFFFFFF\r\n<html>short</html>", h));
  EXPECT_TRUE(h.bad_chunking);
  EXPECT_EQ(h.body, "");
  EXPECT_NE(h.chunking_problem.find("declares 4294967295 bytes"), std::string::npos) << h.chunking_problem;
  ASSERT_TRUE(parse_http_response("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\nzz\r\nde\r\n0\r\n\r\n", h));
  EXPECT_TRUE(h.bad_chunking);
  EXPECT_EQ(h.body, "");
  EXPECT_NE(h.chunking_problem.find("no chunk size at body byte 8"), std::string::npos) << h.chunking_problem;
}

std::string gzip_of(std::string_view bytes) {
  BlockCompressor z(Codec::kGzip, 6);
  std::string out;
  EXPECT_TRUE(z.compress(bytes, out).ok());
  return out;
}

// A gzip bomb (64 MiB of zeros in 64 KiB) is inflated only up to max_body.
TEST(HttpResponse, InflatingStopsAtMaxBody) {
  const std::string bomb = gzip_of(std::string(size_t{64} << 20, '\0'));
  ASSERT_LT(bomb.size(), size_t{1} << 20);
  const std::string block = "HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\n\r\n" + bomb;
  HttpResponse h;
  ASSERT_TRUE(parse_http_response(block, h, 1 << 20));
  EXPECT_TRUE(h.too_large);
  EXPECT_FALSE(h.bad_encoding);
  EXPECT_LE(h.body.size(), (size_t{1} << 20) + (64 << 10));
  // Chunked and gzipped: de-chunked, then inflated up to the cap.
  char size_line[32];
  std::snprintf(size_line, sizeof size_line, "%zx\r\n", bomb.size());
  const std::string chunked = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nContent-Encoding: gzip\r\n\r\n" +
                              std::string(size_line) + bomb + "\r\n0\r\n\r\n";
  ASSERT_TRUE(parse_http_response(chunked, h, 1 << 20));
  EXPECT_TRUE(h.too_large);
  EXPECT_LE(h.body.size(), (size_t{1} << 20) + (64 << 10));
  // Under the cap, or with none, the body is whole.
  ASSERT_TRUE(parse_http_response("HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\n\r\n" + gzip_of("hello"), h, 1 << 20));
  EXPECT_FALSE(h.too_large);
  EXPECT_EQ(h.body, "hello");
  ASSERT_TRUE(parse_http_response("HTTP/1.1 200 OK\r\n\r\n" + std::string(100, 'x'), h, 10));
  EXPECT_TRUE(h.too_large);
}

TEST(WarcReader, TruncatedFilesAreReportedNotFatal) {
  for (const char* name : {"warcio-example-trunc.warc", "resiliparse-clipped.warc.gz"}) {
    ReadAll r = read_file(warc_file(name));
    ASSERT_FALSE(r.problems.empty()) << name;
    EXPECT_NE(r.problems.back().find("offset"), std::string::npos) << r.problems.back();
  }
}

class StringSource final : public ByteSource {
 public:
  explicit StringSource(std::string s) : s_(std::move(s)) {}
  StatusOr<size_t> read(char* buf, size_t n) override {
    n = std::min(n, s_.size() - at_);
    std::copy(s_.data() + at_, s_.data() + at_ + n, buf);
    at_ += n;
    return n;
  }
  uint64_t raw_offset() const override { return at_; }
  Codec codec() const override { return Codec::kNone; }

 private:
  std::string s_;
  size_t at_ = 0;
};

TEST(WarcReader, GarbageBetweenRecordsIsSkipped) {
  std::string rec1 = "WARC/1.1\r\nWARC-Type: resource\r\nContent-Length: 5\r\n\r\nhello\r\n\r\n";
  std::string junk = "this is not a record\r\nWARC-Type: x\r\n\r\n";
  std::string bad = "WARC/1.1\r\nWARC-Type: resource\r\nContent-Length: abc\r\n\r\nxx\r\n\r\n";
  std::string rec2 = "WARC/1.1\r\nWARC-Type: conversion\r\nContent-Length: 3\r\n\r\nabc\r\n\r\n";
  ReadAll r = read_all(std::make_unique<StringSource>(rec1 + junk + bad + rec2));
  ASSERT_EQ(r.records.size(), 2u);
  EXPECT_EQ(r.records[0].block, "hello");
  EXPECT_EQ(r.records[1].type, "conversion");
  EXPECT_EQ(r.records[1].block, "abc");
  EXPECT_EQ(r.records[1].offset, rec1.size() + junk.size() + bad.size());
  ASSERT_EQ(r.problems.size(), 1u);  // both met in one call, joined
  EXPECT_NE(r.problems[0].find("offset " + std::to_string(rec1.size()) + ":"), std::string::npos) << r.problems[0];
  EXPECT_NE(r.problems[0].find("no valid Content-Length"), std::string::npos) << r.problems[0];
}

// A gzip body that breaks is never passed on as text; a body stored decoded
// under a gzip header (ClueWeb) is kept as stored.
TEST(HttpResponse, ContentEncodingThatBreaksOrWasUndoneAlready) {
  HttpResponse h;
  ASSERT_TRUE(parse_http_response("HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\n\r\n\x1f\x8b\x08garbage", h));
  EXPECT_TRUE(h.bad_encoding);
  EXPECT_EQ(h.body, "");
  ASSERT_TRUE(parse_http_response("HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\n\r\n<html>stored</html>", h));
  EXPECT_FALSE(h.bad_encoding);
  EXPECT_TRUE(h.encoding_ignored);
  EXPECT_EQ(h.body, "<html>stored</html>");
}

TEST(HttpResponse, CharsetAndStatus) {
  HttpResponse h;
  ASSERT_TRUE(parse_http_response("HTTP/1.1 404 Not Found\r\nContent-Type: text/html; Charset=\"ISO-8859-1\"\r\n\r\nbody", h));
  EXPECT_EQ(h.status, 404);
  EXPECT_EQ(h.charset, "iso-8859-1");
  EXPECT_EQ(h.body, "body");
  EXPECT_FALSE(parse_http_response("GET / HTTP/1.1\r\n\r\n", h));
}

}  // namespace
}  // namespace dpk
