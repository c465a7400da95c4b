// warc_document_source.h — a WARC file read as JSONL documents.
//
// Wraps the decoded bytes of one WARC file and yields one JSON line per kept
// record (response by default; resource and conversion on request), so the
// runtime runs the rest of a dpk-warc run as over any JSONL input. A record
// that cannot become a document (malformed, truncated, not text) still
// yields a line, with `warc_problem`, so the warc step drops it with a
// counted reason and the counts balance.
#pragma once

#include <memory>
#include <set>
#include <string>

#include "dpk/byte_stream.h"

namespace dpk {

struct WarcSourceOptions {
  std::set<std::string> types = {"response"};
  uint64_t max_body = 0;  // 0 = no limit
};

std::unique_ptr<ByteSource> make_warc_document_source(std::unique_ptr<ByteSource> raw, const std::string& path,
                                                      WarcSourceOptions options);

}  // namespace dpk
