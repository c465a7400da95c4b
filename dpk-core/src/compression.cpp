#include "dpk/compression.h"

#include <zlib.h>
#include <zstd.h>

#include <cstring>

namespace dpk {

std::string_view codec_name(Codec c) {
  switch (c) {
    case Codec::kGzip: return "gzip";
    case Codec::kZstd: return "zstd";
    case Codec::kBzip2: return "bzip2";
    case Codec::kXz: return "xz";
    default: return "none";
  }
}

std::optional<Codec> parse_codec(std::string_view name) {
  if (name == "none") return Codec::kNone;
  if (name == "gzip" || name == "gz") return Codec::kGzip;
  if (name == "zstd" || name == "zst") return Codec::kZstd;
  return std::nullopt;
}

static bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

Codec codec_for_path(std::string_view path) {
  if (ends_with(path, ".gz")) return Codec::kGzip;
  if (ends_with(path, ".zst") || ends_with(path, ".zstd")) return Codec::kZstd;
  return Codec::kNone;
}

Codec codec_for_magic(std::string_view b) {
  if (b.size() >= 2 && static_cast<unsigned char>(b[0]) == 0x1f &&
      static_cast<unsigned char>(b[1]) == 0x8b) {
    return Codec::kGzip;
  }
  if (b.size() >= 4 && std::memcmp(b.data(), "\x28\xb5\x2f\xfd", 4) == 0) return Codec::kZstd;
  // "BZh" and the block size digit; xz's magic is six bytes, of which the
  // first four (FD '7' 'z' 'X') already rule out JSON and plain text.
  if (b.size() >= 4 && b.substr(0, 3) == "BZh" && b[3] >= '1' && b[3] <= '9') return Codec::kBzip2;
  if (b.size() >= 4 && std::memcmp(b.data(), "\xfd\x37\x7a\x58", 4) == 0) return Codec::kXz;
  return Codec::kNone;
}

std::string_view codec_extension(Codec c) {
  switch (c) {
    case Codec::kGzip: return ".gz";
    case Codec::kZstd: return ".zst";
    case Codec::kBzip2: return ".bz2";
    case Codec::kXz: return ".xz";
    default: return "";
  }
}

bool has_read_only_codec_extension(std::string_view name) {
  return ends_with(name, ".bz2") || ends_with(name, ".xz");
}

std::string strip_codec_extension(std::string name) {
  for (std::string_view ext : {".gz", ".zst", ".zstd", ".bz2", ".xz"}) {
    if (name.size() > ext.size() && ends_with(name, ext)) {
      name.resize(name.size() - ext.size());
      break;
    }
  }
  return name;
}

Status check_compression_level(Codec codec, int level) {
  const int max = codec == Codec::kGzip ? 9 : codec == Codec::kZstd ? 22 : 0;
  if (max == 0 || (level >= 1 && level <= max)) return Status::Ok();
  return Status::Usage("option 'compression-level': " + std::to_string(level) + " is out of range for " +
                       std::string(codec_name(codec)) + " (expected an integer from 1 to " + std::to_string(max) + ")");
}

struct BlockCompressor::State {
  ZSTD_CCtx* zstd = nullptr;
  ~State() { ZSTD_freeCCtx(zstd); }
};

BlockCompressor::BlockCompressor(Codec codec, int level)
    : codec_(codec), level_(level), state_(std::make_unique<State>()) {
  if (codec_ == Codec::kZstd) state_->zstd = ZSTD_createCCtx();
}

BlockCompressor::~BlockCompressor() = default;

Status BlockCompressor::compress(std::string_view in, std::string& out) {
  const size_t start = out.size();
  switch (codec_) {
    case Codec::kBzip2:
    case Codec::kXz:
      return Status::Usage("dpk writes no " + std::string(codec_name(codec_)) + " (use gzip or zstd)");
    case Codec::kNone:
      out.append(in);
      return Status::Ok();
    case Codec::kZstd: {
      const size_t bound = ZSTD_compressBound(in.size());
      out.resize(start + bound);
      size_t n = ZSTD_compressCCtx(state_->zstd, out.data() + start, bound, in.data(), in.size(),
                                   level_);
      if (ZSTD_isError(n)) {
        out.resize(start);
        return Status::Io(std::string("zstd compression failed: ") + ZSTD_getErrorName(n));
      }
      out.resize(start + n);
      return Status::Ok();
    }
    case Codec::kGzip: {
      z_stream zs{};
      if (deflateInit2(&zs, level_ < 0 ? 6 : std::min(level_, 9), Z_DEFLATED, 15 + 16, 8,
                       Z_DEFAULT_STRATEGY) != Z_OK) {
        return Status::Io("gzip compression failed: deflateInit2");
      }
      const size_t bound = deflateBound(&zs, static_cast<uLong>(in.size())) + 32;
      out.resize(start + bound);
      zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
      zs.avail_in = static_cast<uInt>(in.size());
      zs.next_out = reinterpret_cast<Bytef*>(out.data() + start);
      zs.avail_out = static_cast<uInt>(bound);
      int rc = deflate(&zs, Z_FINISH);
      const size_t n = bound - zs.avail_out;
      deflateEnd(&zs);
      if (rc != Z_STREAM_END) {
        out.resize(start);
        return Status::Io("gzip compression failed");
      }
      out.resize(start + n);
      return Status::Ok();
    }
  }
  return Status::Ok();
}

}  // namespace dpk
