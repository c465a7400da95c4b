// json_walk.h — a tiny walker over raw JSON values, enough to follow a dotted
// path (a.b.c) into nested objects without building a DOM.
//
// The walker never allocates except to decode a key that contains escapes
// (into a caller-owned scratch string). It assumes nothing about validity:
// malformed input gives "not found", never a read past the end.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace dpk::select {

enum class JsonType { kString, kNumber, kTrue, kFalse, kNull, kObject, kArray, kInvalid };

// The type of a raw JSON value, from its first byte (and the literal words).
JsonType json_type(std::string_view raw);

// End (one past the last byte) of the JSON value that starts at s[pos], or
// npos when it is malformed or runs off the end.
size_t skip_json_value(std::string_view s, size_t pos);

// Raw value of member `key` of the raw JSON object `obj` (first one wins, as
// for top-level fields); nullopt when `obj` is not an object or lacks `key`.
std::optional<std::string_view> find_member(std::string_view obj, std::string_view key,
                                            std::string& scratch);

}  // namespace dpk::select
