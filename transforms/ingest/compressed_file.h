// compressed_file.h — one file compressed on its own (page.html.gz,
// notes.txt.zst, table.csv.bz2, book.md.xz), as found in a folder or as an
// archive entry: told by its first bytes and decompressed from memory by
// libarchive's raw format, never past a size cap (a small bomb cannot take
// more memory than the cap).
//
//   if (!single_file_compression(bytes).empty()) {
//     std::string inner, why;
//     switch (decompress_single_file(bytes, max_size, inner, why)) {
//       case SingleFileResult::kOk: /* inner holds the file */ break;
//       case SingleFileResult::kTooLarge: /* past max_size */ break;
//       case SingleFileResult::kCorrupt: /* why says what is wrong */ break;
//     }
//   }
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace dpk {

// "gzip", "zstd", "bzip2" or "xz" for bytes that open like one of them;
// "" otherwise.
std::string_view single_file_compression(std::string_view head);

// The name without its compression extension (".gz", ".zst", ".zstd",
// ".bz2", ".xz", any case): "page.html.gz" -> "page.html". The name itself
// when it has none.
std::string_view strip_compression_extension(std::string_view name);

enum class SingleFileResult { kOk, kTooLarge, kCorrupt };

// Decompresses `compressed` into `out`. kTooLarge as soon as `out` holds
// more than `max_bytes` (0 = no cap), so at most one 64 KiB piece more;
// kCorrupt, with `why`, for a damaged or truncated stream.
SingleFileResult decompress_single_file(std::string_view compressed, uint64_t max_bytes, std::string& out,
                                        std::string& why);

}  // namespace dpk
