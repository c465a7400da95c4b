#include "dpk/byte_stream.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <isa-l/igzip_lib.h>
#include <zstd.h>
#include <zstd_errors.h>

#include <cerrno>
#include <algorithm>
#include <cstring>
#include <filesystem>
#include <vector>

#include "archive_filter_source.h"
#include "fd_source.h"

namespace dpk {
namespace {

std::string errno_text() { return std::strerror(errno); }

class PlainSource final : public ByteSource {
 public:
  explicit PlainSource(std::unique_ptr<FdSource> fd) : fd_(std::move(fd)) {}
  StatusOr<size_t> read(char* buf, size_t n) override { return fd_->read(buf, n); }
  uint64_t raw_offset() const override { return fd_->offset(); }
  Codec codec() const override { return Codec::kNone; }
  bool can_stall() const override { return fd_->can_stall(); }
  bool wait_readable(int timeout_ms) override { return fd_->wait_readable(timeout_ms); }

 private:
  std::unique_ptr<FdSource> fd_;
};

constexpr size_t kRawChunk = 1 << 17;
constexpr std::string_view kTemporaryMarker = ".tmp-";

// Bytes of the gzip member header at `p` (RFC 1952), or 0 while the `n`
// bytes there do not hold all of it. igzip checks a header CRC (FHCRC) wrongly
// when the header comes to it in two pieces, so a member is begun only with
// its header whole. Bytes that are not a gzip header, or a header past 1 MiB,
// are handed over as they are for igzip to reject.
size_t gzip_header_size(const uint8_t* p, size_t n) {
  constexpr size_t kMaxHeader = size_t{1} << 20;
  if (n >= 2 && (p[0] != 0x1f || p[1] != 0x8b)) return n;
  if (n < 10) return 0;
  const uint8_t flags = p[3];
  size_t at = 10;
  if (flags & 4) {  // FEXTRA: a length, then that many bytes
    if (n < at + 2) return 0;
    at += 2 + (size_t{p[at]} | size_t{p[at + 1]} << 8);
  }
  for (uint8_t field : {uint8_t{8}, uint8_t{16}}) {  // FNAME, FCOMMENT: ended by a NUL
    if ((flags & field) == 0) continue;
    const void* nul = at < n ? std::memchr(p + at, 0, n - at) : nullptr;
    if (nul == nullptr) return n >= kMaxHeader ? n : 0;
    at = static_cast<size_t>(static_cast<const uint8_t*>(nul) - p) + 1;
  }
  if (flags & 2) at += 2;  // FHCRC
  if (at <= n) return at;
  return n >= kMaxHeader ? n : 0;
}

// gzip through ISA-L's inflate (igzip), two to three times zlib's speed on
// the same streams: a .warc.gz is one member per record, and inflating it is
// most of what reading a crawl costs.
class GzipSource final : public ByteSource {
 public:
  explicit GzipSource(std::unique_ptr<FdSource> fd) : fd_(std::move(fd)), in_(kRawChunk) {
    isal_inflate_init(&st_);
    st_.crc_flag = ISAL_GZIP;
  }
  uint64_t raw_offset() const override { return fd_->offset(); }
  Codec codec() const override { return Codec::kGzip; }
  bool can_stall() const override { return fd_->can_stall(); }
  bool wait_readable(int timeout_ms) override { return st_.avail_in > 0 || fd_->wait_readable(timeout_ms); }

  StatusOr<size_t> read(char* buf, size_t n) override {
    if (!pending_.ok()) return pending_;
    st_.next_out = reinterpret_cast<uint8_t*>(buf);
    st_.avail_out = static_cast<uint32_t>(std::min<size_t>(n, 1u << 30));
    while (st_.avail_out > 0) {
      if (st_.avail_in == 0 && !eof_) {
        // What is decoded goes out rather than wait on a stalled writer.
        if (reinterpret_cast<char*>(st_.next_out) != buf && fd_->drained()) break;
        auto r = fd_->read(in_.data(), in_.size());
        if (!r.ok()) return r.status();
        if (*r == 0) {
          eof_ = true;
        } else {
          st_.next_in = reinterpret_cast<uint8_t*>(in_.data());
          st_.avail_in = static_cast<uint32_t>(*r);
        }
      }
      if (at_member_end_) {  // another gzip member follows: start it afresh
        if (st_.avail_in == 0) break;
        uint8_t* next_in = st_.next_in;
        const uint32_t avail_in = st_.avail_in;
        isal_inflate_reset(&st_);
        st_.next_in = next_in;
        st_.avail_in = avail_in;
        st_.crc_flag = ISAL_GZIP;
        at_member_end_ = false;
        at_member_start_ = true;
      }
      if (at_member_start_) {
        if (gzip_header_size(st_.next_in, st_.avail_in) == 0 && !eof_) {
          if (reinterpret_cast<char*>(st_.next_out) != buf && fd_->drained()) break;
          auto more = read_more();
          if (!more.ok()) return more;
          continue;
        }
        at_member_start_ = false;
      }
      const uint8_t* before = st_.next_out;
      const int rc = isal_inflate(&st_);
      if (rc != ISAL_DECOMP_OK) {
        pending_ = Status::Data(fd_->name() + ": corrupt gzip stream near byte " +
                                std::to_string(fd_->offset() - st_.avail_in) + ": " + inflate_problem(rc));
        break;
      }
      if (st_.block_state == ISAL_BLOCK_FINISH) {
        at_member_end_ = true;
      } else if (eof_ && st_.avail_in == 0 && st_.next_out == before) {
        break;  // the input ended inside a member
      }
    }
    size_t produced = static_cast<size_t>(reinterpret_cast<char*>(st_.next_out) - buf);
    if (produced == 0 && eof_ && !at_member_end_ && pending_.ok()) {
      pending_ = Status::Data(fd_->name() + ": truncated gzip stream (ends at byte " +
                              std::to_string(fd_->offset()) + ")");
    }
    // What was decoded before an error is delivered first; the error comes
    // with the next read.
    if (produced == 0 && !pending_.ok()) return pending_;
    return produced;
  }

 private:
  static std::string inflate_problem(int rc) {
    switch (rc) {
      case ISAL_INVALID_BLOCK: return "invalid block";
      case ISAL_INVALID_SYMBOL: return "invalid symbol";
      case ISAL_INVALID_LOOKBACK: return "invalid distance too far back";
      case ISAL_INVALID_WRAPPER: return "incorrect header check";
      case ISAL_UNSUPPORTED_METHOD: return "unknown compression method";
      case ISAL_INCORRECT_CHECKSUM: return "incorrect data check";
      case ISAL_NEED_DICT: return "needs a preset dictionary";
      default: return "inflate error " + std::to_string(rc);
    }
  }

  // More input after what igzip has not taken yet, which moves to the front.
  Status read_more() {
    if (st_.avail_in > 0) std::memmove(in_.data(), st_.next_in, st_.avail_in);
    if (in_.size() - st_.avail_in < kRawChunk / 2) in_.resize(in_.size() * 2);
    auto r = fd_->read(in_.data() + st_.avail_in, in_.size() - st_.avail_in);
    if (!r.ok()) return r.status();
    if (*r == 0) eof_ = true;
    st_.next_in = reinterpret_cast<uint8_t*>(in_.data());
    st_.avail_in += static_cast<uint32_t>(*r);
    return Status::Ok();
  }

  std::unique_ptr<FdSource> fd_;
  std::vector<char> in_;
  inflate_state st_{};
  bool eof_ = false;
  bool at_member_end_ = false;
  bool at_member_start_ = true;
  Status pending_;
};

class ZstdSource final : public ByteSource {
 public:
  explicit ZstdSource(std::unique_ptr<FdSource> fd)
      : fd_(std::move(fd)), in_(ZSTD_DStreamInSize()), ds_(ZSTD_createDStream()) {}
  ~ZstdSource() override { ZSTD_freeDStream(ds_); }
  uint64_t raw_offset() const override { return fd_->offset(); }
  Codec codec() const override { return Codec::kZstd; }
  bool can_stall() const override { return fd_->can_stall(); }
  bool wait_readable(int timeout_ms) override { return input_.pos < input_.size || fd_->wait_readable(timeout_ms); }

  StatusOr<size_t> read(char* buf, size_t n) override {
    if (!pending_.ok()) return pending_;
    ZSTD_outBuffer out{buf, n, 0};
    while (out.pos < out.size) {
      if (input_.pos == input_.size) {
        if (eof_) break;
        // What is decoded goes out rather than wait on a stalled writer.
        if (out.pos > 0 && fd_->drained()) break;
        auto r = fd_->read(in_.data(), in_.size());
        if (!r.ok()) return r.status();
        if (*r == 0) {
          eof_ = true;
          break;
        }
        input_ = ZSTD_inBuffer{in_.data(), *r, 0};
      }
      size_t rc = ZSTD_decompressStream(ds_, &out, &input_);
      if (ZSTD_isError(rc)) {
        if (ZSTD_getErrorCode(rc) == ZSTD_error_memory_allocation) {
          pending_ = Status::Io(fd_->name() + ": out of memory decoding zstd");
        } else {
          pending_ = Status::Data(fd_->name() + ": corrupt zstd stream near byte " +
                                  std::to_string(fd_->offset() - (input_.size - input_.pos)) + ": " +
                                  ZSTD_getErrorName(rc));
        }
        break;
      }
      frame_open_ = rc != 0;
    }
    if (out.pos == 0 && eof_ && frame_open_ && pending_.ok()) {
      pending_ = Status::Data(fd_->name() + ": truncated zstd stream (ends at byte " +
                              std::to_string(fd_->offset()) + ")");
    }
    // What was decoded before an error is delivered first; the error comes
    // with the next read.
    if (out.pos == 0 && !pending_.ok()) return pending_;
    return out.pos;
  }

 private:
  std::unique_ptr<FdSource> fd_;
  std::vector<char> in_;
  ZSTD_DStream* ds_;
  ZSTD_inBuffer input_{nullptr, 0, 0};
  bool eof_ = false;
  bool frame_open_ = false;
  Status pending_;
};

class FdSink final : public ByteSink {
 public:
  FdSink(int fd, std::string final_path, std::string tmp_path)
      : fd_(fd), path_(std::move(final_path)), tmp_(std::move(tmp_path)) {}
  ~FdSink() override {
    if (fd_ > 2) ::close(fd_);
    if (!tmp_.empty()) ::unlink(tmp_.c_str());  // never committed: leave nothing behind
  }
  Status write(std::string_view bytes) override {
    while (!bytes.empty()) {
      ssize_t w = ::write(fd_, bytes.data(), bytes.size());
      if (w < 0) {
        if (errno == EINTR) continue;
        return Status::Io(path_ + ": write failed: " + errno_text());
      }
      bytes.remove_prefix(static_cast<size_t>(w));
    }
    return Status::Ok();
  }
  Status commit() override {
    if (tmp_.empty()) return Status::Ok();  // stdout
    if (::fsync(fd_) != 0 && errno != EINVAL) {
      return Status::Io(path_ + ": fsync failed: " + errno_text());
    }
    if (::close(fd_) != 0) return Status::Io(path_ + ": close failed: " + errno_text());
    fd_ = -1;
    if (::rename(tmp_.c_str(), path_.c_str()) != 0) {
      ::unlink(tmp_.c_str());
      return Status::Io(path_ + ": rename failed: " + errno_text());
    }
    tmp_.clear();
    return Status::Ok();
  }
  const std::string& path() const override { return path_; }

 private:
  int fd_;
  std::string path_;
  std::string tmp_;
};

// `jsonl`: the bytes are to be read as lines, so a known other format is refused.
StatusOr<std::unique_ptr<ByteSource>> open_decoded(const std::string& path, bool jsonl) {
  std::unique_ptr<FdSource> fd;
  if (path == "-") {
    fd = std::make_unique<FdSource>(0, false, "<stdin>");
  } else {
    int f = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (f < 0) {
      if (errno == ENOENT) return Status::Usage(path + ": no such file");
      return Status::Io(path + ": cannot open: " + errno_text());
    }
    struct stat st;
    if (::fstat(f, &st) == 0 && S_ISDIR(st.st_mode)) {
      ::close(f);
      return Status::Usage(path + ": is a directory");
    }
    fd = std::make_unique<FdSource>(f, true, path);
  }
  auto magic = fd->peek_magic();
  if (!magic.ok()) return magic.status();
  if (jsonl && *magic == "PAR1") {
    return Status::Usage(fd->name() + ": Parquet input is not supported yet (convert it to JSONL)");
  }
  switch (const Codec codec = codec_for_magic(*magic)) {
    case Codec::kGzip: return std::unique_ptr<ByteSource>(new GzipSource(std::move(fd)));
    case Codec::kZstd: return std::unique_ptr<ByteSource>(new ZstdSource(std::move(fd)));
    case Codec::kBzip2:
    case Codec::kXz: return open_archive_filter_source(std::move(fd), codec);
    case Codec::kNone: break;
  }
  return std::unique_ptr<ByteSource>(new PlainSource(std::move(fd)));
}

}  // namespace

StatusOr<std::unique_ptr<ByteSource>> open_input(const std::string& path) { return open_decoded(path, false); }

StatusOr<std::unique_ptr<ByteSource>> open_jsonl_input(const std::string& path) { return open_decoded(path, true); }

StatusOr<std::string> read_whole_input(const std::string& path) {
  auto src = open_input(path);
  if (!src.ok()) return src.status();
  std::string all;
  std::vector<char> buf(1 << 16);
  for (;;) {
    auto n = (*src)->read(buf.data(), buf.size());
    if (!n.ok()) return n.status();
    if (*n == 0) break;
    all.append(buf.data(), *n);
  }
  return all;
}

StatusOr<std::unique_ptr<ByteSink>> open_output(const std::string& path) {
  if (path == "-") return std::unique_ptr<ByteSink>(new FdSink(1, "<stdout>", ""));
  if (path.rfind("/dev/", 0) == 0) {  // a device (stderr, null): no temporary name
    int f = ::open(path.c_str(), O_WRONLY | O_CLOEXEC);
    if (f < 0) return Status::Io(path + ": cannot open: " + errno_text());
    return std::unique_ptr<ByteSink>(new FdSink(f, path, ""));
  }
  std::filesystem::path p(path);
  std::error_code ec;
  if (p.has_parent_path()) {
    std::filesystem::create_directories(p.parent_path(), ec);
    if (ec) return Status::Io(path + ": cannot create directory: " + ec.message());
  }
  std::string tmp = temporary_output_name(path);
  int f = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (f < 0) return Status::Io(path + ": cannot create: " + errno_text());
  return std::unique_ptr<ByteSink>(new FdSink(f, path, tmp));
}

std::string temporary_output_name(const std::string& path) {
  return path + std::string(kTemporaryMarker) + std::to_string(::getpid());
}

bool is_temporary_output_name(std::string_view file_name) {
  const size_t at = file_name.rfind(kTemporaryMarker);
  if (at == std::string_view::npos || at == 0) return false;
  const std::string_view pid = file_name.substr(at + kTemporaryMarker.size());
  return !pid.empty() && pid.find_first_not_of("0123456789") == std::string_view::npos;
}

StatusOr<size_t> ProducedByteSource::read(char* buf, size_t n) {
  while (out_.size() - out_pos_ < n && !done_) {
    if (out_pos_ > 0) {  // drop what was read before making more
      out_.erase(0, out_pos_);
      out_pos_ = 0;
    }
    DPK_RETURN_IF_ERROR(produce());
  }
  const size_t k = std::min(n, out_.size() - out_pos_);
  std::memcpy(buf, out_.data() + out_pos_, k);
  out_pos_ += k;
  return k;
}

}  // namespace dpk
