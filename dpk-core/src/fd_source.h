// fd_source.h (internal to dpk-core) — reads a file descriptor for the
// decoders of byte_stream.cpp and archive_filter_source.cpp, with the first
// bytes kept back so the codec can be chosen by magic before decoding.
#pragma once

#include <poll.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <cstring>
#include <string>

#include "dpk/status.h"

namespace dpk {

class FdSource final {
 public:
  FdSource(int fd, bool owned, std::string name) : fd_(fd), owned_(owned), name_(std::move(name)) {
    struct stat st;
    // A file or block device always has its bytes at hand; a pipe, terminal
    // or socket waits for its writer.
    can_stall_ = ::fstat(fd_, &st) != 0 || !(S_ISREG(st.st_mode) || S_ISBLK(st.st_mode));
  }
  ~FdSource() {
    if (owned_ && fd_ >= 0) ::close(fd_);
  }
  FdSource(const FdSource&) = delete;
  FdSource& operator=(const FdSource&) = delete;

  StatusOr<size_t> read(char* buf, size_t n) {
    if (pushback_pos_ < pushback_.size()) {
      size_t k = std::min(n, pushback_.size() - pushback_pos_);
      std::memcpy(buf, pushback_.data() + pushback_pos_, k);
      pushback_pos_ += k;
      offset_ += k;
      return k;
    }
    for (;;) {
      ssize_t r = ::read(fd_, buf, n);
      if (r >= 0) {
        drained_ = can_stall_ && static_cast<size_t>(r) < n;
        offset_ += static_cast<uint64_t>(r);
        return static_cast<size_t>(r);
      }
      if (errno == EINTR) continue;
      return Status::Io(name_ + ": read failed: " + std::strerror(errno));
    }
  }
  // Reads up to 4 bytes and keeps them to be read again.
  StatusOr<std::string> peek_magic() {
    std::string head(4, '\0');
    size_t got = 0;
    while (got < 4) {
      ssize_t r = ::read(fd_, head.data() + got, 4 - got);
      if (r == 0) break;
      if (r < 0) {
        if (errno == EINTR) continue;
        return Status::Io(name_ + ": read failed: " + std::strerror(errno));
      }
      got += static_cast<size_t>(r);
    }
    head.resize(got);
    pushback_ = head;
    return head;
  }
  // See ByteSource::can_stall().
  bool can_stall() const { return can_stall_; }
  // The last read got less than it asked of a file that can stall: the
  // writer is not keeping up, and a read now may wait for it.
  bool drained() const { return drained_; }
  // See ByteSource::wait_readable().
  bool wait_readable(int timeout_ms) {
    if (!can_stall_ || pushback_pos_ < pushback_.size()) return true;
    struct pollfd p = {fd_, POLLIN, 0};
    return ::poll(&p, 1, timeout_ms) != 0;  // an error: let the read report it
  }
  uint64_t offset() const { return offset_; }
  const std::string& name() const { return name_; }

 private:
  int fd_;
  bool owned_;
  std::string name_;
  std::string pushback_;
  size_t pushback_pos_ = 0;
  uint64_t offset_ = 0;
  bool can_stall_ = false;
  bool drained_ = false;
};

}  // namespace dpk
