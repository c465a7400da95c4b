// archive_filter_source.h (internal to dpk-core) — bzip2 and xz inputs,
// decoded by libarchive's filters over its "raw" format (one stream, no
// archive entries), so dpk reads them like .gz and .zst.
#pragma once

#include <memory>

#include "dpk/byte_stream.h"
#include "fd_source.h"

namespace dpk {

// `codec` is Codec::kBzip2 or Codec::kXz (as found by codec_for_magic).
StatusOr<std::unique_ptr<ByteSource>> open_archive_filter_source(std::unique_ptr<FdSource> fd, Codec codec);

}  // namespace dpk
