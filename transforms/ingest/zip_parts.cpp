#include "zip_parts.h"

#include <archive.h>
#include <archive_entry.h>

#include <memory>

namespace dpk {
namespace {

struct ArchiveFree {
  void operator()(struct archive* a) const { archive_read_free(a); }
};

std::string error_of(struct archive* a) {
  const char* e = archive_error_string(a);
  return e ? std::string(e) : std::string("unreadable zip");
}

}  // namespace

ZipParts::Result ZipParts::read(std::string_view zip, bool (*wanted)(std::string_view), const ZipLimits& limits,
                                std::string& why) {
  count_ = 0;
  why.clear();
  if (zip.substr(0, 2) != "PK") {
    why = "not a zip archive";
    return kCorrupt;
  }
  std::unique_ptr<struct archive, ArchiveFree> a(archive_read_new());
  archive_read_support_format_zip(a.get());
  // From memory, libarchive seeks: the central directory is read, so parts
  // whose sizes are only in a data descriptor are found too.
  if (archive_read_open_memory(a.get(), zip.data(), zip.size()) != ARCHIVE_OK) {
    why = error_of(a.get());
    return kCorrupt;
  }
  if (chunk_.empty()) chunk_.resize(1 << 16);
  uint64_t total = 0;
  for (;;) {
    struct archive_entry* entry = nullptr;
    const int r = archive_read_next_header(a.get(), &entry);
    if (r == ARCHIVE_EOF) break;
    if (r < ARCHIVE_WARN) {
      why = error_of(a.get());
      return kCorrupt;
    }
    if (archive_entry_filetype(entry) != AE_IFREG) continue;
    const char* n = archive_entry_pathname(entry);
    const std::string_view name = n ? std::string_view(n) : std::string_view();
    if (!wanted(name)) continue;  // archive_read_next_header skips its data
    if (archive_entry_is_encrypted(entry)) {
      why = "part " + std::string(name) + " is encrypted";
      return kEncrypted;
    }
    auto too_large = [&](uint64_t part) {
      if (part > limits.max_part_bytes) {
        why = "part " + std::string(name) + " decompresses past " + std::to_string(limits.max_part_bytes >> 20) +
              " MiB (a zip bomb?)";
        return true;
      }
      if (total + part > limits.max_total_bytes) {
        why = "its parts decompress past " + std::to_string(limits.max_total_bytes >> 20) + " MiB (a zip bomb?)";
        return true;
      }
      return false;
    };
    // The size the zip declares is checked first; the bytes inflated are
    // counted too, since a declared size can lie.
    if (archive_entry_size_is_set(entry) && too_large(static_cast<uint64_t>(archive_entry_size(entry)))) {
      return kTooLarge;
    }
    if (count_ == parts_.size()) parts_.emplace_back();
    Part& p = parts_[count_++];
    p.name.assign(name);
    p.data.clear();
    for (;;) {
      const la_ssize_t k = archive_read_data(a.get(), chunk_.data(), chunk_.size());
      if (k == 0) break;
      if (k < 0) {
        why = "part " + p.name + ": " + error_of(a.get());
        return kCorrupt;
      }
      p.data.append(chunk_.data(), static_cast<size_t>(k));
      if (too_large(p.data.size())) return kTooLarge;
    }
    total += p.data.size();
  }
  return kOk;
}

const std::string* ZipParts::find(std::string_view name) const {
  for (size_t i = 0; i < count_; ++i) {
    if (parts_[i].name == name) return &parts_[i].data;
  }
  return nullptr;
}

void ZipParts::shrink(size_t keep_bytes) {
  for (Part& p : parts_) {
    if (p.data.capacity() > keep_bytes) std::string().swap(p.data);
  }
}

}  // namespace dpk
