// dpk/document_parser.h — turns one JSONL line into a Document.
//
// One parser per worker thread (it owns simdjson's buffers). The line must
// lie in a buffer with at least kPadding readable bytes after it; the block
// readers of dpk guarantee that, so no line is copied before parsing.
//
//   dpk::DocumentParser p;
//   std::string err;
//   if (!p.parse(line, capacity, schema, doc, err)) report(err);
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>

#include "dpk/document.h"

namespace dpk {

class DocumentParser {
 public:
  static constexpr size_t kPadding = 64;  // == SIMDJSON_PADDING

  DocumentParser();
  ~DocumentParser();
  DocumentParser(const DocumentParser&) = delete;
  DocumentParser& operator=(const DocumentParser&) = delete;

  // Parses `line` (no newline) into `doc`. `readable` is the number of bytes
  // from line.data() that may be read (>= line.size() + kPadding). Returns
  // false with a one-line description in `error` for malformed JSON, invalid
  // UTF-8, a non-object line, or a missing or non-string text field.
  bool parse(std::string_view line, size_t readable, const Schema& schema, Document& doc,
             std::string& error);
  // After parse() returned false: true when it failed for want of memory
  // (the parser could not grow its buffers for this line), which says
  // nothing about the line; `error` then describes the resource failure.
  bool out_of_memory() const { return out_of_memory_; }

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
  bool out_of_memory_ = false;
};

// False (with the reason) when this CPU cannot run the parser's kernels.
bool cpu_supported(std::string& why);
// Name of the JSON parsing kernel in use ("haswell", "fallback", ...).
std::string_view json_kernel_name();

}  // namespace dpk
