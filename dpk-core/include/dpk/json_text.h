// dpk/json_text.h — JSON text helpers for the hot path: quoting strings,
// decoding string literals and scalars taken raw from a document, and
// formatting numbers the same way on every machine (no locale).
//
//   std::string out;
//   dpk::append_json_string(out, "a \"quoted\" word");   // "a \"quoted\" word"
//   std::string s; dpk::decode_json_string("\"x\\n\"", s);  // s == "x\n"
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace dpk {

// Appends `s` as a JSON string literal (with quotes). Control characters and
// the two mandatory characters are escaped; other bytes are copied as is.
void append_json_string(std::string& out, std::string_view s);

// Appends a number in shortest round-trip form ("0.5", "12", "1e-07").
// Non-finite values become null, as JSON has no representation for them.
void append_json_number(std::string& out, double v);
void append_json_int(std::string& out, int64_t v);

// Decodes a raw JSON string literal (with its quotes) into `out`.
// Returns false when `raw` is not a well-formed string literal.
bool decode_json_string(std::string_view raw, std::string& out);

// Interprets a raw JSON scalar: a number literal.
std::optional<double> parse_json_number(std::string_view raw);

// Trims JSON whitespace at both ends.
std::string_view trim_json_ws(std::string_view s);

}  // namespace dpk
