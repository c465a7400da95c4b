#include "archive_filter_source.h"

#include <archive.h>
#include <archive_entry.h>

#include <vector>

namespace dpk {
namespace {

constexpr size_t kRawChunk = 1 << 17;

class ArchiveFilterSource final : public ByteSource {
 public:
  ArchiveFilterSource(std::unique_ptr<FdSource> fd, Codec codec)
      : fd_(std::move(fd)), codec_(codec), in_(kRawChunk), archive_(archive_read_new()) {}
  ~ArchiveFilterSource() override {
    if (archive_ != nullptr) archive_read_free(archive_);
  }

  Status open() {
    if (archive_ == nullptr) return Status::Io(fd_->name() + ": out of memory opening the " + name() + " decoder");
    int rc = codec_ == Codec::kBzip2 ? archive_read_support_filter_bzip2(archive_)
                                     : archive_read_support_filter_xz(archive_);
    // ARCHIVE_WARN: libarchive would run an external program instead of its
    // own library; dpk refuses that rather than start processes.
    if (rc != ARCHIVE_OK) return Status::Io(fd_->name() + ": this build cannot decode " + name());
    archive_read_support_format_raw(archive_);
    if (archive_read_open(archive_, this, nullptr, &ArchiveFilterSource::read_callback, nullptr) != ARCHIVE_OK ||
        archive_read_next_header(archive_, &entry_) != ARCHIVE_OK) {
      // libarchive decodes the first block to start: a file cut or corrupt
      // there is bad input like any later damage, reported by read().
      pending_ = error_status("truncated or corrupt");
      if (pending_.code() != StatusCode::kData) return pending_;
    }
    return Status::Ok();
  }

  StatusOr<size_t> read(char* buf, size_t n) override {
    if (!pending_.ok()) return pending_;
    const la_ssize_t got = archive_read_data(archive_, buf, n);
    if (got >= 0) return static_cast<size_t>(got);
    pending_ = error_status("truncated or corrupt");
    return pending_;
  }
  uint64_t raw_offset() const override { return fd_->offset(); }
  Codec codec() const override { return codec_; }

 private:
  static la_ssize_t read_callback(struct archive* a, void* self_ptr, const void** out) {
    auto* self = static_cast<ArchiveFilterSource*>(self_ptr);
    auto n = self->fd_->read(self->in_.data(), self->in_.size());
    if (!n.ok()) {
      self->read_error_ = n.status();
      archive_set_error(a, EIO, "%s", n.status().message().c_str());
      return -1;
    }
    *out = self->in_.data();
    return static_cast<la_ssize_t>(*n);
  }

  std::string name() const { return std::string(codec_name(codec_)); }

  // A failure to read the file is I/O (exit 3); anything else the decoder
  // reports is bad input, named with the compressed byte offset.
  Status error_status(const std::string& what) const {
    if (!read_error_.ok()) return read_error_;
    const char* msg = archive_error_string(archive_);
    return Status::Data(fd_->name() + ": " + what + " " + name() + " stream (near byte " +
                        std::to_string(fd_->offset()) + ")" + (msg ? std::string(": ") + msg : std::string()));
  }

  std::unique_ptr<FdSource> fd_;
  Codec codec_;
  std::vector<char> in_;
  struct archive* archive_;
  struct archive_entry* entry_ = nullptr;
  Status read_error_;
  Status pending_;
};

}  // namespace

StatusOr<std::unique_ptr<ByteSource>> open_archive_filter_source(std::unique_ptr<FdSource> fd, Codec codec) {
  auto src = std::make_unique<ArchiveFilterSource>(std::move(fd), codec);
  DPK_RETURN_IF_ERROR(src->open());
  return std::unique_ptr<ByteSource>(std::move(src));
}

}  // namespace dpk
