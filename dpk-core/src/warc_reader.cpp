#include "dpk/warc_reader.h"

#include <algorithm>
#include <charconv>
#include <cstring>

#include <zlib.h>

namespace dpk {
namespace {

constexpr size_t kReadSize = 1 << 16;
// A header line longer than this is not a WARC header.
constexpr size_t kMaxHeaderLine = 1 << 16;

char lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c; }

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (lower(a[i]) != lower(b[i])) return false;
  }
  return true;
}

void add_problem(std::string& problems, const std::string& p) {
  if (!problems.empty()) problems += "; ";
  problems += p;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

// Splits "Name: value"; false when there is no colon.
bool split_field(std::string_view line, std::string_view& name, std::string_view& value) {
  size_t colon = line.find(':');
  if (colon == std::string_view::npos) return false;
  name = trim(line.substr(0, colon));
  value = trim(line.substr(colon + 1));
  return true;
}

bool parse_size(std::string_view s, uint64_t& out, int base = 10) {
  s = trim(s);
  if (s.empty()) return false;
  auto r = std::from_chars(s.data(), s.data() + s.size(), out, base);
  return r.ec == std::errc() && (r.ptr == s.data() + s.size() || base == 16);
}

// Inflates a gzip or zlib body; false when it is not one or is corrupt
// (a truncated stream keeps what was inflated). Stops, setting too_large,
// once `out` holds more than `cap` bytes (0 = no cap): a small bomb never
// takes more memory than the cap.
bool inflate_body(std::string_view in, std::string& out, uint64_t cap, bool& too_large) {
  z_stream z{};
  if (inflateInit2(&z, 15 + 32) != Z_OK) return false;
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
  z.avail_in = static_cast<uInt>(in.size());
  char buf[1 << 15];
  int rc = Z_OK;
  out.clear();
  while (rc == Z_OK) {
    z.next_out = reinterpret_cast<Bytef*>(buf);
    z.avail_out = sizeof buf;
    rc = inflate(&z, Z_NO_FLUSH);
    out.append(buf, sizeof buf - z.avail_out);
    if (cap != 0 && out.size() > cap) {
      too_large = true;
      break;
    }
    if (rc == Z_BUF_ERROR && z.avail_in == 0) break;
  }
  inflateEnd(&z);
  return too_large || rc == Z_STREAM_END || (rc == Z_BUF_ERROR && !out.empty());
}

}  // namespace

WarcReader::WarcReader(std::unique_ptr<ByteSource> source, uint64_t max_block)
    : source_(std::move(source)), max_block_(max_block) {}

bool WarcReader::pass_over(uint64_t n, uint64_t& passed) {
  passed = 0;
  while (passed < n) {
    if (pos_ == buf_.size() && !fill()) return false;
    const uint64_t k = std::min<uint64_t>(n - passed, buf_.size() - pos_);
    pos_ += static_cast<size_t>(k);
    passed += k;
  }
  return true;
}

bool WarcReader::fill() {
  if (eof_) return false;
  if (pos_ > 0 && pos_ >= buf_.size() / 2) {
    consumed_ += pos_;
    buf_.erase(0, pos_);
    pos_ = 0;
  }
  const size_t old = buf_.size();
  buf_.resize(old + kReadSize);
  auto n = source_->read(buf_.data() + old, kReadSize);
  if (!n.ok()) {
    buf_.resize(old);
    eof_ = true;
    stream_problem_ = n.status().message();
    return false;
  }
  buf_.resize(old + *n);
  if (*n == 0) eof_ = true;
  return *n > 0;
}

bool WarcReader::read_line(std::string_view& line) {
  while (true) {
    const char* start = buf_.data() + pos_;
    const void* nl = std::memchr(start, '\n', buf_.size() - pos_);
    if (nl != nullptr) {
      size_t len = static_cast<size_t>(static_cast<const char*>(nl) - start);
      line = std::string_view(start, len);
      if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
      pos_ += len + 1;
      return true;
    }
    if (buf_.size() - pos_ > kMaxHeaderLine || !fill()) {
      if (pos_ == buf_.size()) return false;
      line = std::string_view(buf_.data() + pos_, buf_.size() - pos_);
      pos_ = buf_.size();
      return true;
    }
  }
}

bool WarcReader::resync() {
  // Records start at a line beginning with "WARC/". The line's start is kept
  // as a stream offset: reading it may refill the buffer, which drops the
  // bytes before it and moves it to the front.
  while (true) {
    const uint64_t line_start = consumed_ + pos_;
    std::string_view line;
    if (!read_line(line)) return false;
    if (line.substr(0, 5) == "WARC/") {
      pos_ = static_cast<size_t>(line_start - consumed_);
      return true;
    }
  }
}

StatusOr<bool> WarcReader::next(WarcRecord& rec, std::string& problem) {
  problem.clear();
  while (true) {
    // Blank lines between records (the block's trailing CR LF CR LF).
    std::string_view line;
    uint64_t start = consumed_ + pos_;  // a stream offset: read_line may refill the buffer
    bool got = false;
    while ((got = read_line(line)) && trim(line).empty()) start = consumed_ + pos_;
    if (!got) {
      if (!stream_problem_.empty() && problem.empty()) {
        problem = "input ends in a corrupt or truncated stream at offset " + std::to_string(consumed_ + pos_) +
                  ": " + stream_problem_;
        stream_problem_.clear();
      }
      return false;
    }
    rec.offset = start;
    if (line.substr(0, 5) != "WARC/") {
      add_problem(problem, "malformed record at offset " + std::to_string(rec.offset) + ": no WARC/ version line");
      if (!resync()) return false;
      continue;
    }
    rec.version.assign(line);
    rec.type.clear();
    rec.target_uri.clear();
    rec.date.clear();
    rec.record_id.clear();
    rec.content_type.clear();
    rec.block.clear();
    rec.block_skipped = false;
    uint64_t length = 0;
    bool have_length = false;
    bool header_ok = true;
    while (true) {
      if (!read_line(line)) {
        header_ok = false;
        break;
      }
      if (line.empty()) break;
      std::string_view name, value;
      if (!split_field(line, name, value)) continue;  // tolerate a stray line
      if (iequals(name, "WARC-Type")) rec.type.assign(value);
      else if (iequals(name, "WARC-Target-URI")) {
        if (value.size() >= 2 && value.front() == '<' && value.back() == '>') value = value.substr(1, value.size() - 2);
        rec.target_uri.assign(value);
      } else if (iequals(name, "WARC-Date")) rec.date.assign(value);
      else if (iequals(name, "WARC-Record-ID")) rec.record_id.assign(value);
      else if (iequals(name, "Content-Type")) rec.content_type.assign(value);
      else if (iequals(name, "Content-Length")) have_length = parse_size(value, length);
    }
    if (!header_ok) {
      problem = "truncated record at offset " + std::to_string(rec.offset) + ": the input ends in its header";
      return false;
    }
    if (!have_length) {
      add_problem(problem, "malformed record at offset " + std::to_string(rec.offset) + ": no valid Content-Length");
      if (!resync()) return false;
      continue;
    }
    rec.length = length;
    if (max_block_ != 0 && length > max_block_) {
      uint64_t passed = 0;
      if (!pass_over(length, passed)) {
        problem = "truncated record at offset " + std::to_string(rec.offset) + ": block has " + std::to_string(passed) +
                  " of " + std::to_string(length) + " bytes";
        return false;
      }
      rec.block_skipped = true;
      return true;
    }
    while (buf_.size() - pos_ < length && fill()) {
    }
    const size_t have = std::min<uint64_t>(length, buf_.size() - pos_);
    rec.block.assign(buf_.data() + pos_, have);
    pos_ += have;
    if (have < length) {
      problem = "truncated record at offset " + std::to_string(rec.offset) + ": block has " + std::to_string(have) +
                " of " + std::to_string(length) + " bytes";
      return false;
    }
    return true;
  }
}

namespace {

void decode_content(bool compressed, uint64_t max_body, HttpResponse& out) {
  if (!compressed) {
    out.too_large = max_body != 0 && out.body.size() > max_body;
    return;
  }
  std::string inflated;
  if (inflate_body(out.body, inflated, max_body, out.too_large)) {
    out.body = std::move(inflated);
  } else if (out.body.substr(0, 2) == "\x1F\x8B") {
    out.bad_encoding = true;  // gzip that breaks: never its bytes as text
    out.body.clear();
  } else {
    out.encoding_ignored = true;  // stored decoded under the header (ClueWeb does)
    out.too_large = max_body != 0 && out.body.size() > max_body;
  }
}

// Undoes chunked transfer encoding: size in hex [;extensions] CR LF, data,
// CR LF ... 0 CR LF. Sets bad_chunking (and chunking_problem) when the
// chunking breaks once it has begun; leaves the body as stored when it does
// not begin with a chunk-size line (some captures store the body de-chunked
// and keep the header).
void dechunk(std::string_view body, HttpResponse& out) {
  size_t p = 0;
  bool began = false;
  while (p < body.size()) {
    size_t nl = body.find('\n', p);
    if (nl == std::string_view::npos && !began) nl = body.size();  // one line: a size line, or not chunked
    if (nl == std::string_view::npos) break;  // the body ends in a size line, after whole chunks
    std::string_view size_line = trim(body.substr(p, nl - p));
    size_line = trim(size_line.substr(0, size_line.find(';')));
    uint64_t n = 0;
    if (!parse_size(size_line, n, 16) || size_line.find_first_not_of("0123456789abcdefABCDEF") != std::string_view::npos) {
      if (!began) {
        out.chunking_ignored = true;
        out.body.assign(body);
        return;
      }
      out.bad_chunking = true;
      out.chunking_problem = "no chunk size at body byte " + std::to_string(p);
      break;
    }
    began = true;
    p = std::min(nl + 1, body.size());
    if (n == 0) return;
    if (n > body.size() - p) {
      out.bad_chunking = true;
      out.chunking_problem = "the chunk at body byte " + std::to_string(p) + " declares " + std::to_string(n) +
                             " bytes; " + std::to_string(body.size() - p) + " are left";
      break;
    }
    out.body.append(body.substr(p, n));
    p += n;
    if (body.substr(p, 2) == "\r\n") p += 2;
    else if (body.substr(p, 1) == "\n") p += 1;
  }
  if (out.bad_chunking) out.body.clear();  // never a chunk-size line in the body
}

}  // namespace

bool parse_http_response(std::string_view block, HttpResponse& out, uint64_t max_body) {
  out.status = 0;
  out.content_type.clear();
  out.charset.clear();
  out.body.clear();
  out.chunking_problem.clear();
  out.chunking_ignored = false;
  out.bad_chunking = false;
  out.encoding_ignored = false;
  out.bad_encoding = false;
  out.too_large = false;
  if (block.substr(0, 5) != "HTTP/") return false;
  bool compressed = false;
  size_t eol = block.find('\n');
  if (eol == std::string_view::npos) return false;
  std::string_view status_line = trim(block.substr(0, eol));
  size_t sp = status_line.find(' ');
  uint64_t code = 0;
  if (sp != std::string_view::npos) parse_size(status_line.substr(sp + 1, 3), code);
  out.status = static_cast<int>(code);
  bool chunked = false;
  size_t at = eol + 1;
  while (at < block.size()) {
    size_t nl = block.find('\n', at);
    std::string_view line = block.substr(at, nl == std::string_view::npos ? std::string_view::npos : nl - at);
    at = nl == std::string_view::npos ? block.size() : nl + 1;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty()) break;
    std::string_view name, value;
    if (!split_field(line, name, value)) continue;
    if (iequals(name, "Content-Type")) {
      out.content_type.assign(value);
      // charset=... among the parameters, quotes removed.
      std::string lowered;
      for (char c : value) lowered.push_back(lower(c));
      size_t cs = lowered.find("charset=");
      if (cs != std::string::npos) {
        std::string_view v = std::string_view(lowered).substr(cs + 8);
        v = v.substr(0, v.find(';'));
        v = trim(v);
        if (v.size() >= 2 && (v.front() == '"' || v.front() == '\'')) v = v.substr(1, v.size() - 2);
        out.charset.assign(trim(v));
      }
    } else if (iequals(name, "Transfer-Encoding")) {
      std::string lowered;
      for (char c : value) lowered.push_back(lower(c));
      chunked = lowered.find("chunked") != std::string::npos;
    } else if (iequals(name, "Content-Encoding")) {
      compressed = iequals(value, "gzip") || iequals(value, "x-gzip") || iequals(value, "deflate");
    }
  }
  std::string_view body = block.substr(std::min(at, block.size()));
  if (!chunked) {
    if (!compressed && max_body != 0 && body.size() > max_body) {
      out.too_large = true;  // not copied
      return true;
    }
    out.body.assign(body);
  } else {
    dechunk(body, out);
    if (out.bad_chunking) return true;
  }
  decode_content(compressed, max_body, out);
  return true;
}

}  // namespace dpk
