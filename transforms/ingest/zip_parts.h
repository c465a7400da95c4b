// zip_parts.h — the parts (entries) of a zip held in memory, as an office
// or e-book file is: read with libarchive, only the parts asked for, each
// one and all together under a size cap (a zip bomb stops at the cap).
//
//   dpk::ZipParts zip;
//   std::string why;
//   if (zip.read(bytes, [](std::string_view n) { return n == "content.xml"; }, limits, why) != ZipParts::kOk) ...
//   const std::string* content = zip.find("content.xml");
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace dpk {

struct ZipLimits {
  uint64_t max_part_bytes = uint64_t{64} << 20;    // one part, decompressed
  uint64_t max_total_bytes = uint64_t{256} << 20;  // the parts read, together
};

class ZipParts {
 public:
  enum Result {
    kOk,
    kCorrupt,    // not a zip, or a damaged one (why says how)
    kEncrypted,  // a wanted part is encrypted
    kTooLarge,   // a wanted part, or all of them, decompress past the limits
  };

  // Reads the regular entries whose name `wanted` accepts (the others are
  // skipped without being inflated); `why` says what went wrong.
  Result read(std::string_view zip, bool (*wanted)(std::string_view name), const ZipLimits& limits,
              std::string& why);

  // The part with this exact name, or null.
  const std::string* find(std::string_view name) const;
  size_t size() const { return count_; }
  const std::string& name(size_t i) const { return parts_[i].name; }
  const std::string& data(size_t i) const { return parts_[i].data; }

  // Frees buffers grown past `keep_bytes` (memory follows the files in flight).
  void shrink(size_t keep_bytes);

 private:
  struct Part {
    std::string name, data;
  };
  std::vector<Part> parts_;  // the first count_ are this file's; the rest keep their buffers
  size_t count_ = 0;
  std::vector<char> chunk_;
};

}  // namespace dpk
