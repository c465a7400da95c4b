// dpk/warc_reader.h — WARC records, one at a time, from a .warc, .warc.gz
// (one gzip member per record, or one for the file) or .warc.zst stream.
//
// Accepts WARC/1.0, WARC/1.1 and the older WARC/0.x headers. A record whose
// header is malformed, or whose block ends before its Content-Length, is
// reported as a problem (with the offset of the record in the decoded
// stream) and the reader looks for the next "WARC/" line: a bad record never
// stops the file, and never crashes it.
//
//   dpk::WarcReader r(std::move(*dpk::open_input("crawl.warc.gz")));
//   dpk::WarcRecord rec;
//   std::string problem;
//   while (true) {
//     auto more = r.next(rec, problem);
//     if (!more.ok()) { /* I/O error */ }
//     if (!problem.empty()) { /* count and report it */ }
//     if (!*more) break;
//     if (rec.type == "response") { auto http = dpk::parse_http_response(rec.block); ... }
//   }
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "dpk/byte_stream.h"
#include "dpk/status.h"

namespace dpk {

struct WarcRecord {
  uint64_t offset = 0;      // of "WARC/" in the decoded stream
  std::string version;      // "WARC/1.0"
  std::string type;         // WARC-Type: response, resource, conversion ...
  std::string target_uri;   // WARC-Target-URI (angle brackets removed)
  std::string date;         // WARC-Date
  std::string record_id;    // WARC-Record-ID
  std::string content_type; // Content-Type of the block
  std::string block;        // the record's content block
  uint64_t length = 0;      // its Content-Length
  bool block_skipped = false;  // longer than the reader's max_block: not read (block is empty)
};

class WarcReader {
 public:
  // `max_block` (0 = none): a record whose block is longer is passed over
  // without being held in memory, and comes back with block_skipped set.
  explicit WarcReader(std::unique_ptr<ByteSource> source, uint64_t max_block = 0);

  // Fills `rec` with the next record and returns true; false at the end.
  // `problem` is set (else cleared) when a malformed or truncated record was
  // skipped on the way, or the stream ended inside one (several are joined
  // with "; ", each naming its offset). An unreadable or
  // corrupt compressed stream ends the file with a problem, not an error;
  // only an I/O failure is an error.
  StatusOr<bool> next(WarcRecord& rec, std::string& problem);

 private:
  bool fill();  // reads more; false at the end of the stream
  // Next line (without CR LF), or false at the end.
  bool read_line(std::string_view& line);
  bool resync();  // skips to the next line that starts with "WARC/"
  // Passes over `n` bytes holding at most one read's worth; false when the
  // stream ends first (`passed` says how many there were).
  bool pass_over(uint64_t n, uint64_t& passed);

  std::unique_ptr<ByteSource> source_;
  uint64_t max_block_ = 0;
  std::string buf_;
  size_t pos_ = 0;
  uint64_t consumed_ = 0;  // decoded bytes before buf_[0]
  bool eof_ = false;
  std::string stream_problem_;
};

// An HTTP response inside a WARC response record.
struct HttpResponse {
  int status = 0;
  std::string content_type;  // the Content-Type header, as sent
  std::string charset;       // its charset parameter, lower-cased ("" if none)
  std::string body;          // de-chunked, and inflated for gzip/deflate Content-Encoding
  // Transfer-Encoding: chunked, but the body does not begin with a chunk-size
  // line (a capture that stored it de-chunked): body is the bytes as stored.
  bool chunking_ignored = false;
  // Chunked, and the chunking breaks after it began (a size line that is not
  // one, a chunk longer than what is left): body is empty, never the raw
  // bytes with their size lines; chunking_problem says where.
  bool bad_chunking = false;
  std::string chunking_problem;
  // Content-Encoding gzip/deflate over a body that is neither (a capture
  // that stored it decoded): body is the bytes as stored.
  bool encoding_ignored = false;
  // A gzip body that does not inflate: body is empty, never the compressed
  // bytes read as text.
  bool bad_encoding = false;
  // The body is longer than max_body: decoding stopped there (body holds
  // what was decoded, or nothing), so a compression bomb costs no more.
  bool too_large = false;
};

// Parses status line and headers and decodes the body; false when `block`
// is not an HTTP response. `max_body` (0 = no cap) bounds the decoded body
// (see too_large).
bool parse_http_response(std::string_view block, HttpResponse& out, uint64_t max_body = 0);

}  // namespace dpk
