// dpk/compression.h — codecs for JSONL streams: detection by magic bytes and
// by file name, and compression of one block into an independent frame.
//
// dpk writes compressed output as a series of independent frames (one per
// block of documents), which lets blocks be compressed in parallel. A series
// of zstd frames or of gzip members is one valid .zst or .gz stream.
//
//   dpk::Codec c = dpk::codec_for_path("out.jsonl.zst");   // Codec::kZstd
//   dpk::BlockCompressor z(c, 3);
//   std::string frame; z.compress(block, frame);
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "dpk/status.h"

namespace dpk {

// kBzip2 and kXz are read only: inputs in them are decoded, but dpk writes
// none, gzip or zstd (parse_codec and codec_for_path never give them).
enum class Codec { kNone, kGzip, kZstd, kBzip2, kXz };

std::string_view codec_name(Codec c);
std::optional<Codec> parse_codec(std::string_view name);  // none|gzip|gz|zstd|zst
// The codec an output named `path` is written in, from its extension (.gz,
// .zst); kNone otherwise.
Codec codec_for_path(std::string_view path);
// From the first bytes of a stream; kNone when they match no known magic.
Codec codec_for_magic(std::string_view first_bytes);
// The extension that goes with a codec ("", ".gz", ".zst", ".bz2", ".xz").
std::string_view codec_extension(Codec c);
// True for a name ending in an extension of a codec dpk reads but does not
// write (.bz2, .xz).
bool has_read_only_codec_extension(std::string_view name);
// `name` without a trailing .gz, .zst, .zstd, .bz2 or .xz ("a.jsonl.zst" -> "a.jsonl").
std::string strip_codec_extension(std::string name);

// Compression levels a codec takes: zstd 1 to 22, gzip 1 to 9 (the
// --compression-level option declares 1 to 22; this narrows it per codec).
// Usage error naming the option, the codec and its range, or Ok.
Status check_compression_level(Codec codec, int level);

class BlockCompressor {
 public:
  BlockCompressor(Codec codec, int level);
  ~BlockCompressor();
  BlockCompressor(const BlockCompressor&) = delete;
  BlockCompressor& operator=(const BlockCompressor&) = delete;

  Codec codec() const { return codec_; }
  // Appends `in` compressed as one self-contained frame to `out` (or a copy
  // of `in` for kNone).
  Status compress(std::string_view in, std::string& out);

 private:
  Codec codec_;
  int level_;
  struct State;
  std::unique_ptr<State> state_;
};

}  // namespace dpk
