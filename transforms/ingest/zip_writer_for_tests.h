// zip_writer_for_tests.h — a zip of named parts, built in memory with
// libarchive's writer: how the office tests and the office fuzz target make
// the files they read. Header only, so libdpk does not carry it; a target
// that includes it links libarchive.
#pragma once

#include <archive.h>
#include <archive_entry.h>

#include <string>
#include <utility>
#include <vector>

namespace dpk {

using ZipPartList = std::vector<std::pair<std::string, std::string>>;

// Deflated entries by default; stored (uncompressed) ones with deflate = false.
inline std::string write_zip_in_memory(const ZipPartList& parts, bool deflate = true) {
  std::string out;
  struct archive* a = archive_write_new();
  archive_write_set_format_zip(a);
  if (deflate) {
    archive_write_zip_set_compression_deflate(a);
  } else {
    archive_write_zip_set_compression_store(a);
  }
  archive_write_open(
      a, &out, nullptr,
      [](struct archive*, void* self, const void* buf, size_t n) -> la_ssize_t {
        static_cast<std::string*>(self)->append(static_cast<const char*>(buf), n);
        return static_cast<la_ssize_t>(n);
      },
      nullptr);
  for (const auto& [name, data] : parts) {
    struct archive_entry* e = archive_entry_new();
    archive_entry_set_pathname(e, name.c_str());
    archive_entry_set_filetype(e, AE_IFREG);
    archive_entry_set_perm(e, 0644);
    archive_entry_set_size(e, static_cast<la_int64_t>(data.size()));
    archive_write_header(a, e);
    archive_write_data(a, data.data(), data.size());
    archive_entry_free(e);
  }
  archive_write_close(a);
  archive_write_free(a);
  return out;
}

}  // namespace dpk
