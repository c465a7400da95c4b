// dpk/compressed_sink.h — an output file written in a codec, atomically.
//
// For side files written a piece at a time from one thread (dropped
// documents, quarantined lines): the bytes are gathered into frames of about
// 1 MiB, each compressed as one independent gzip member or zstd frame, so the
// file is one valid .gz or .zst stream. Like open_output(), the file is
// written under a temporary name and renamed on commit(); a file that got no
// bytes is still a valid (empty) compressed stream.
//
//   auto sink = dpk::open_compressed_output("dropped.jsonl.zst", dpk::Codec::kZstd, 3);
//   if (!sink.ok()) return sink.status();
//   DPK_RETURN_IF_ERROR((*sink)->write(line));
//   DPK_RETURN_IF_ERROR((*sink)->commit());
#pragma once

#include <memory>
#include <string>

#include "dpk/byte_stream.h"
#include "dpk/compression.h"

namespace dpk {

// Codec::kNone gives open_output(path) itself. kBzip2 and kXz: kUsage.
StatusOr<std::unique_ptr<ByteSink>> open_compressed_output(const std::string& path, Codec codec, int level);

}  // namespace dpk
