// base64_text.h — bytes as base64 text (RFC 4648, with padding, no line
// breaks), so a binary file can travel inside a JSONL record.
//
// dpk-ingest's reading stage puts a PDF's bytes in a record this way; the
// parallel step decodes them and extracts the text, so PDFs are read on all
// threads instead of in the serial reading stage.
#pragma once

#include <string>
#include <string_view>

namespace dpk {

// Appends the base64 text of `bytes` to `out`.
void append_base64(std::string& out, std::string_view bytes);
// Replaces `out` with the bytes `text` encodes; false when `text` is not
// base64 (a length that is not a multiple of 4, a character outside the
// alphabet, misplaced padding).
bool decode_base64(std::string_view text, std::string& out);

}  // namespace dpk
