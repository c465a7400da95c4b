// fd_source.h (internal to dpk-core) — reads a file descriptor for the
// decoders of byte_stream.cpp and archive_filter_source.cpp, with the first
// bytes kept back so the codec can be chosen by magic before decoding.
#pragma once

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
  FdSource(int fd, bool owned, std::string name) : fd_(fd), owned_(owned), name_(std::move(name)) {}
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
  uint64_t offset() const { return offset_; }
  const std::string& name() const { return name_; }

 private:
  int fd_;
  bool owned_;
  std::string name_;
  std::string pushback_;
  size_t pushback_pos_ = 0;
  uint64_t offset_ = 0;
};

}  // namespace dpk
