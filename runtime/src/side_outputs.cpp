#include "side_outputs.h"

#include "dpk/compressed_sink.h"
#include "dpk/compression.h"

namespace dpk::runtime {
namespace {

StatusOr<std::unique_ptr<ByteSink>> open_side_output(const RunConfig& cfg, const std::string& path,
                                                     const char* option) {
  if (has_read_only_codec_extension(path)) {
    return Status::Usage(std::string("--") + option + " " + path +
                         ": dpk reads .bz2 and .xz but writes only .gz and .zst");
  }
  // The same rule as the main output: --compression, else the name.
  const Codec codec = cfg.compression == "auto" ? codec_for_path(path)
                                                : parse_codec(cfg.compression).value_or(Codec::kNone);
  return open_compressed_output(path, codec, cfg.compression_level);
}

}  // namespace

Status open_side_outputs(const RunConfig& cfg, SideSinks& side) {
  if (!cfg.keep_dropped_path.empty()) {
    auto s = open_side_output(cfg, cfg.keep_dropped_path, "keep-dropped");
    if (!s.ok()) return s.status();
    side.dropped = std::move(*s);
  }
  if (cfg.on_error == OnError::kQuarantine) {
    auto s = open_side_output(cfg, cfg.quarantine_path, "quarantine");
    if (!s.ok()) return s.status();
    side.quarantine = std::move(*s);
  }
  return Status::Ok();
}

}  // namespace dpk::runtime
