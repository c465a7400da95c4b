#include "ingest_document_source.h"

#include <archive.h>
#include <archive_entry.h>

#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <vector>

#include "../warc/charset_decoder.h"
#include "base64_text.h"
#include "compressed_file.h"
#include "dpk/compression.h"
#include "dpk/json_text.h"
#include "file_type.h"

namespace dpk {
namespace {

constexpr size_t kHeadBytes = 512;     // enough for a tar header's magic
constexpr size_t kChunkBytes = 1 << 16;
constexpr size_t kSniffBytes = 8192;

bool is_blank(std::string_view s) { return s.find_first_not_of(" \t\r\n\f\v") == std::string_view::npos; }

class IngestDocumentSource final : public ProducedByteSource {
 public:
  IngestDocumentSource(std::unique_ptr<ByteSource> raw, std::string path, IngestSourceOptions options)
      : raw_(std::move(raw)), path_(std::move(path)), options_(std::move(options)) {
    chunk_.resize(kChunkBytes);
  }
  ~IngestDocumentSource() override {
    if (archive_ != nullptr) archive_read_free(archive_);
  }

  uint64_t raw_offset() const override {
    if (archive_ != nullptr && by_name_) return static_cast<uint64_t>(archive_filter_bytes(archive_, -1));
    return raw_->raw_offset();
  }
  Codec codec() const override { return raw_->codec(); }

 private:
  Status produce() override {
    if (!started_) {
      started_ = true;
      return start();
    }
    if (archive_ != nullptr) return next_entry();
    done_ = true;
    return Status::Ok();
  }

  Status start() {
    DPK_RETURN_IF_ERROR(fill(head_, kHeadBytes));
    // The file's name without the .gz/.zst the reader already undid.
    const std::string name = raw_->codec() == Codec::kNone ? path_ : strip_codec_extension(path_);
    if (head_.empty()) {
      // A 0-byte file is empty, whatever its name says (a 0-byte .zip too).
      done_ = true;
      emit_skip(path_, type_from_name(name), 0, "empty");
      return Status::Ok();
    }
    // Content decides only for names that say nothing: a .docx or .epub is
    // a zip, but not an archive of documents.
    if (is_archive_name(path_) || (is_archive_content(head_) && type_from_name(name).mime.empty())) {
      return open_archive();
    }
    content_ = head_;
    const uint64_t limit = options_.max_size == 0 ? UINT64_MAX : options_.max_size;
    DPK_RETURN_IF_ERROR(fill(content_, limit == UINT64_MAX ? SIZE_MAX : static_cast<size_t>(limit) + 1));
    done_ = true;
    if (content_.size() > limit) {
      uint64_t size = content_.size();
      std::error_code ec;
      if (raw_->codec() == Codec::kNone && path_ != "-") size = std::filesystem::file_size(path_, ec);
      emit_skip(path_, type_from_name(name), size, "oversized");
      return Status::Ok();
    }
    emit_file(path_, name, content_);
    return Status::Ok();
  }

  // Appends decoded bytes from raw_ to `into` until it holds `want` bytes or
  // the input ends.
  Status fill(std::string& into, size_t want) {
    while (into.size() < want) {
      const size_t n = std::min(kChunkBytes, want - into.size());
      auto got = raw_->read(chunk_.data(), n);
      if (!got.ok()) return got.status();
      if (*got == 0) break;
      into.append(chunk_.data(), *got);
    }
    return Status::Ok();
  }

  Status open_archive() {
    archive_ = archive_read_new();
    archive_read_support_filter_all(archive_);
    archive_read_support_format_all(archive_);
    int r;
    if (path_ == "-" && is_7z_content(head_)) {
      // 7z keeps its index at the end and must seek: stdin goes to a
      // temporary file first (unlinked once open, so it never outlives us).
      std::string spooled;
      DPK_RETURN_IF_ERROR(spool_to_temporary_file(spooled));
      by_name_ = true;
      r = archive_read_open_filename(archive_, spooled.c_str(), kChunkBytes);
      ::unlink(spooled.c_str());
    } else if (path_ == "-") {
      // stdin: formats that stream (tar, zip by its local headers).
      r = archive_read_open(archive_, this, nullptr, &IngestDocumentSource::read_callback, nullptr);
    } else {
      // By name, so libarchive can seek (zip's central directory, 7z).
      by_name_ = true;
      r = archive_read_open_filename(archive_, path_.c_str(), kChunkBytes);
    }
    if (r != ARCHIVE_OK) {
      emit_reject("corrupt archive", path_, archive_error_string(archive_));
      done_ = true;
    }
    return Status::Ok();
  }

  // The end of an archive: one that held no file is counted as empty, so
  // that every input yields at least one line.
  void end_archive() {
    done_ = true;
    if (!saw_file_) emit_skip(path_, type_from_name(path_), 0, "empty");
  }

  // Writes what is left of the input (head_ included) to a new file in
  // $TMPDIR (or /tmp) and names it in `path`.
  Status spool_to_temporary_file(std::string& path) {
    const char* dir = std::getenv("TMPDIR");
    path = std::string(dir != nullptr && *dir != '\0' ? dir : "/tmp") + "/dpk-ingest-stdin-XXXXXX";
    const int fd = ::mkstemp(path.data());
    if (fd < 0) return Status::Io("cannot make a temporary file for a 7z archive from stdin in " + path + ": " + std::strerror(errno));
    Status st = write_all(fd, head_);
    while (st.ok()) {
      auto got = raw_->read(chunk_.data(), chunk_.size());
      if (!got.ok()) st = got.status();
      if (!st.ok() || *got == 0) break;
      st = write_all(fd, std::string_view(chunk_.data(), *got));
    }
    if (::close(fd) != 0 && st.ok()) st = Status::Io("cannot write the temporary file " + path + ": " + std::strerror(errno));
    if (!st.ok()) ::unlink(path.c_str());
    return st;
  }

  static Status write_all(int fd, std::string_view bytes) {
    while (!bytes.empty()) {
      const ssize_t n = ::write(fd, bytes.data(), bytes.size());
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) return Status::Io(std::string("cannot spool a 7z archive from stdin: ") + std::strerror(errno));
      bytes.remove_prefix(static_cast<size_t>(n));
    }
    return Status::Ok();
  }

  static la_ssize_t read_callback(struct archive* a, void* self_ptr, const void** buffer) {
    auto* self = static_cast<IngestDocumentSource*>(self_ptr);
    if (self->head_pos_ < self->head_.size()) {
      *buffer = self->head_.data() + self->head_pos_;
      const size_t n = self->head_.size() - self->head_pos_;
      self->head_pos_ = self->head_.size();
      return static_cast<la_ssize_t>(n);
    }
    auto got = self->raw_->read(self->chunk_.data(), self->chunk_.size());
    if (!got.ok()) {
      archive_set_error(a, EIO, "%s", got.status().message().c_str());
      return -1;
    }
    *buffer = self->chunk_.data();
    return static_cast<la_ssize_t>(*got);
  }

  Status next_entry() {
    struct archive_entry* entry = nullptr;
    const int r = archive_read_next_header(archive_, &entry);
    if (r == ARCHIVE_EOF) {
      end_archive();
      return Status::Ok();
    }
    if (r < ARCHIVE_WARN) {
      saw_file_ = true;  // a damaged one
      emit_reject("corrupt archive", path_, archive_error_string(archive_));
      // After a fatal error libarchive cannot go on; a failed header can be skipped.
      if (r == ARCHIVE_FATAL || entry == nullptr) done_ = true;
      return Status::Ok();
    }
    if (archive_entry_filetype(entry) != AE_IFREG) return Status::Ok();
    saw_file_ = true;
    const char* name = archive_entry_pathname_utf8(entry);
    if (name == nullptr) name = archive_entry_pathname(entry);
    std::string_view stored = name ? std::string_view(name) : std::string_view();
    while (stored.substr(0, 2) == "./") stored.remove_prefix(2);  // `tar -C dir .` writes ./a/b
    decoder_.to_utf8(stored, "utf-8", entry_name_, charset_);
    display_ = path_;
    display_.push_back(kArchiveEntrySeparator);
    display_.append(entry_name_);

    const uint64_t limit = options_.max_size == 0 ? UINT64_MAX : options_.max_size;
    if (archive_entry_size_is_set(entry) && static_cast<uint64_t>(archive_entry_size(entry)) > limit) {
      emit_skip(display_, type_from_name(entry_name_), static_cast<uint64_t>(archive_entry_size(entry)), "oversized");
      archive_read_data_skip(archive_);
      return Status::Ok();
    }
    content_.clear();
    for (;;) {
      const la_ssize_t k = archive_read_data(archive_, chunk_.data(), chunk_.size());
      if (k == 0) break;
      if (k < 0) {
        emit_reject("unreadable archive entry", display_, archive_error_string(archive_));
        if (k == ARCHIVE_FATAL) done_ = true;
        return Status::Ok();
      }
      content_.append(chunk_.data(), static_cast<size_t>(k));
      if (content_.size() > limit) {
        emit_skip(display_, type_from_name(entry_name_), content_.size(), "oversized");
        archive_read_data_skip(archive_);
        return Status::Ok();
      }
    }
    emit_file(display_, entry_name_, content_);
    return Status::Ok();
  }

  void emit_file(std::string_view display, std::string_view name, std::string_view bytes) {
    // A file compressed on its own (page.html.gz) is read as what it holds;
    // a compressed archive inside another (x.tar.gz) stays unsupported.
    if (!single_file_compression(bytes.substr(0, 8)).empty() && !is_archive_name(name) &&
        (strip_compression_extension(name).size() < name.size() || type_from_name(name).mime.empty())) {
      return emit_decompressed(display, name, bytes);
    }
    emit_plain_file(display, name, bytes);
  }

  void emit_decompressed(std::string_view display, std::string_view name, std::string_view bytes) {
    const std::string_view inner_name = strip_compression_extension(name);
    switch (decompress_single_file(bytes, options_.max_size, inflated_, why_)) {
      case SingleFileResult::kOk:
        if (is_archive_name(inner_name) ||
            (is_archive_content(inflated_.substr(0, kHeadBytes)) && type_from_name(inner_name).mime.empty())) {
          // An archive in an archive is not read (ingest:unsupported_type).
          return emit_plain_file(display, name, bytes);
        }
        emit_plain_file(display, inner_name, inflated_);
        break;
      case SingleFileResult::kTooLarge:
        emit_skip(display, type_from_name(inner_name), inflated_.size(), "oversized");  // at least this much
        break;
      case SingleFileResult::kCorrupt:
        emit_reject("corrupt compressed file", display, why_);
        break;
    }
    // Memory follows the files in flight, not the largest one read.
    if (inflated_.capacity() > (size_t{4} << 20)) std::string().swap(inflated_);
  }

  void emit_plain_file(std::string_view display, std::string_view name, std::string_view bytes) {
    const FileType type = classify_file(name, bytes.substr(0, kSniffBytes));
    const uint64_t size = bytes.size();
    if (bytes.empty()) return emit_skip(display, type, size, "empty");
    if (type.kind == FileKind::kBinary) return emit_skip(display, type, size, "binary");
    if (type.kind == FileKind::kUnsupported) return emit_skip(display, type, size, "unsupported_type");
    if (const std::string_view bytes_field = bytes_field_for(type.kind); !bytes_field.empty()) {
      // A PDF, office or e-book file: the bytes travel to the ingest step,
      // which reads them on any thread (poppler takes milliseconds a page,
      // an office file is a zip to inflate and XML to parse; this stage is
      // serial).
      begin_doc(display, type, size);
      out_.append(",\"").append(bytes_field).append("\":\"");
      append_base64(out_, bytes);
      out_.append("\",\"text\":\"\"");
    } else {
      decoder_.to_utf8(bytes, "", text_, charset_);
      std::string_view text = text_;
      if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
      if (is_blank(text)) return emit_skip(display, type, size, "empty");
      begin_doc(display, type, size);
      if (charset_ != "utf-8" && charset_ != "UTF-8") field("charset", charset_);
      if (type.kind == FileKind::kHtml) {
        field("html", text);
        out_.append(",\"text\":\"\"");
      } else {
        field("text", text);
      }
    }
    out_.append("}\n");
  }

  void begin_doc(std::string_view display, const FileType& type, uint64_t size) {
    out_.append("{\"id\":");
    append_json_string(out_, display);
    field("path", display);
    out_.append(",\"size\":");
    out_.append(std::to_string(size));
    field("mime", type.mime.empty() ? std::string_view("application/octet-stream") : type.mime);
    field("file_type", file_kind_name(type.kind));
    if (!type.language.empty()) field("language", type.language);
  }

  void emit_skip(std::string_view display, const FileType& type, uint64_t size, std::string_view why) {
    begin_doc(display, type, size);
    field("ingest_problem", why);
    out_.append(",\"text\":\"\"}\n");
  }

  // A record the runtime rejects under --on-error (see TransformSpec::source).
  void emit_reject(std::string_view what, std::string_view display, const char* detail) {
    emit_reject(what, display, std::string_view(detail ? detail : "unknown error"));
  }
  void emit_reject(std::string_view what, std::string_view display, std::string_view detail) {
    message_.assign(what);
    message_.append(": ");
    message_.append(display);
    message_.append(": ");
    message_.append(detail);
    decoder_.to_utf8(message_, "utf-8", reject_utf8_, charset_);
    out_.append("{\"dpk_reject\":");
    append_json_string(out_, reject_utf8_);
    field("path", display);
    out_.append(",\"text\":\"\"}\n");
  }

  void field(std::string_view key, std::string_view value) {
    out_.push_back(',');
    append_json_string(out_, key);
    out_.push_back(':');
    append_json_string(out_, value);
  }

  std::unique_ptr<ByteSource> raw_;
  std::string path_;
  IngestSourceOptions options_;
  struct archive* archive_ = nullptr;
  bool by_name_ = false;
  bool started_ = false;
  std::string head_;
  size_t head_pos_ = 0;
  std::vector<char> chunk_;
  bool saw_file_ = false;  // an archive's entry that emitted a line
  std::string content_, text_, charset_, entry_name_, display_, message_, reject_utf8_, inflated_, why_;
  CharsetDecoder decoder_;
};

}  // namespace

bool is_archive_name(std::string_view path) {
  for (std::string_view ext : {".tar", ".tar.gz", ".tgz", ".tar.zst", ".tzst", ".tar.xz", ".txz", ".tar.bz2", ".tbz2",
                               ".zip", ".7z"}) {
    if (ends_with_ci(path, ext)) return true;
  }
  return false;
}

bool is_archive_content(std::string_view head) {
  if (head.size() >= 262 && head.substr(257, 5) == "ustar") return true;
  if (head.substr(0, 4) == std::string_view("PK\x03\x04", 4) || head.substr(0, 4) == std::string_view("PK\x05\x06", 4)) {
    return true;
  }
  return is_7z_content(head);
}

bool is_7z_content(std::string_view head) { return head.substr(0, 6) == std::string_view("7z\xBC\xAF\x27\x1C", 6); }

std::unique_ptr<ByteSource> make_ingest_document_source(std::unique_ptr<ByteSource> raw, const std::string& path,
                                                        IngestSourceOptions options) {
  return std::make_unique<IngestDocumentSource>(std::move(raw), path, std::move(options));
}

}  // namespace dpk
