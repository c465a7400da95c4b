#include "compressed_file.h"

#include <archive.h>
#include <archive_entry.h>

#include <memory>

#include "file_type.h"

namespace dpk {
namespace {

struct ArchiveFree {
  void operator()(struct archive* a) const { archive_read_free(a); }
};

std::string error_of(struct archive* a) {
  const char* e = archive_error_string(a);
  return e != nullptr ? e : "unknown error";
}

}  // namespace

std::string_view single_file_compression(std::string_view head) {
  if (head.substr(0, 2) == "\x1F\x8B") return "gzip";
  if (head.substr(0, 4) == "\x28\xB5\x2F\xFD") return "zstd";
  if (head.substr(0, 3) == "BZh") return "bzip2";
  if (head.substr(0, 6) == std::string_view("\xFD" "7zXZ\0", 6)) return "xz";
  return "";
}

std::string_view strip_compression_extension(std::string_view name) {
  for (std::string_view ext : {".gz", ".zst", ".zstd", ".bz2", ".xz"}) {
    if (ends_with_ci(name, ext) && name.size() > ext.size()) return name.substr(0, name.size() - ext.size());
  }
  return name;
}

SingleFileResult decompress_single_file(std::string_view compressed, uint64_t max_bytes, std::string& out,
                                        std::string& why) {
  out.clear();
  std::unique_ptr<struct archive, ArchiveFree> a(archive_read_new());
  // Only the four single_file_compression() tells: no external programs.
  archive_read_support_filter_gzip(a.get());
  archive_read_support_filter_zstd(a.get());
  archive_read_support_filter_bzip2(a.get());
  archive_read_support_filter_xz(a.get());
  archive_read_support_format_raw(a.get());
  struct archive_entry* entry = nullptr;
  if (archive_read_open_memory(a.get(), compressed.data(), compressed.size()) != ARCHIVE_OK ||
      archive_read_next_header(a.get(), &entry) != ARCHIVE_OK) {
    why = error_of(a.get());
    return SingleFileResult::kCorrupt;
  }
  if (archive_filter_code(a.get(), 0) == ARCHIVE_FILTER_NONE) {
    // Too short for libarchive to take it for what its first bytes say:
    // the raw format would hand back the compressed bytes as they are.
    const std::string_view kind = single_file_compression(compressed);
    why = "too short to be a " + std::string(kind.empty() ? "compressed" : kind) + " stream";
    return SingleFileResult::kCorrupt;
  }
  const uint64_t cap = max_bytes == 0 ? UINT64_MAX : max_bytes;
  char chunk[1 << 16];
  for (;;) {
    const la_ssize_t n = archive_read_data(a.get(), chunk, sizeof chunk);
    if (n == 0) break;
    if (n < 0) {
      why = error_of(a.get());
      return SingleFileResult::kCorrupt;
    }
    out.append(chunk, static_cast<size_t>(n));
    if (out.size() > cap) return SingleFileResult::kTooLarge;
  }
  return SingleFileResult::kOk;
}

}  // namespace dpk
