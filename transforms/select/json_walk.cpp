#include "json_walk.h"

#include <cstring>

#include "dpk/json_text.h"

namespace dpk::select {
namespace {

constexpr size_t npos = std::string_view::npos;

bool is_ws(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

size_t skip_ws(std::string_view s, size_t i) {
  while (i < s.size() && is_ws(s[i])) ++i;
  return i;
}

// s[pos] is the opening quote; returns one past the closing quote.
size_t skip_string(std::string_view s, size_t pos) {
  for (size_t i = pos + 1; i < s.size(); ++i) {
    if (s[i] == '\\') {
      ++i;  // the escaped byte can never close the string
    } else if (s[i] == '"') {
      return i + 1;
    }
  }
  return npos;
}

// s[pos] opens an object or array; brackets are counted, strings skipped.
size_t skip_container(std::string_view s, size_t pos) {
  size_t depth = 0;
  for (size_t i = pos; i < s.size(); ++i) {
    const char c = s[i];
    if (c == '"') {
      i = skip_string(s, i);
      if (i == npos) return npos;
      --i;  // the loop's ++i moves past the closing quote
    } else if (c == '{' || c == '[') {
      ++depth;
    } else if (c == '}' || c == ']') {
      if (--depth == 0) return i + 1;
    }
  }
  return npos;
}

}  // namespace

JsonType json_type(std::string_view raw) {
  raw = trim_json_ws(raw);
  if (raw.empty()) return JsonType::kInvalid;
  switch (raw.front()) {
    case '"': return JsonType::kString;
    case '{': return JsonType::kObject;
    case '[': return JsonType::kArray;
    case 't': return raw == "true" ? JsonType::kTrue : JsonType::kInvalid;
    case 'f': return raw == "false" ? JsonType::kFalse : JsonType::kInvalid;
    case 'n': return raw == "null" ? JsonType::kNull : JsonType::kInvalid;
    default: return JsonType::kNumber;  // confirmed by whoever parses it
  }
}

size_t skip_json_value(std::string_view s, size_t pos) {
  if (pos >= s.size()) return npos;
  const char c = s[pos];
  if (c == '"') return skip_string(s, pos);
  if (c == '{' || c == '[') return skip_container(s, pos);
  size_t i = pos;
  while (i < s.size() && !is_ws(s[i]) && s[i] != ',' && s[i] != '}' && s[i] != ']') ++i;
  return i == pos ? npos : i;
}

std::optional<std::string_view> find_member(std::string_view obj, std::string_view key,
                                            std::string& scratch) {
  obj = trim_json_ws(obj);
  if (obj.empty() || obj.front() != '{') return std::nullopt;
  size_t i = skip_ws(obj, 1);
  if (i < obj.size() && obj[i] == '}') return std::nullopt;
  while (i < obj.size()) {
    if (obj[i] != '"') return std::nullopt;
    const size_t key_end = skip_string(obj, i);
    if (key_end == npos) return std::nullopt;
    const std::string_view raw_key = obj.substr(i, key_end - i);
    i = skip_ws(obj, key_end);
    if (i >= obj.size() || obj[i] != ':') return std::nullopt;
    const size_t value_begin = skip_ws(obj, i + 1);
    const size_t value_end = skip_json_value(obj, value_begin);
    if (value_end == npos) return std::nullopt;
    // Most keys have no escapes: compare the bytes between the quotes.
    const std::string_view inner = raw_key.substr(1, raw_key.size() - 2);
    const bool match = inner.find('\\') == std::string_view::npos
                           ? inner == key
                           : decode_json_string(raw_key, scratch) && scratch == key;
    if (match) return obj.substr(value_begin, value_end - value_begin);
    i = skip_ws(obj, value_end);
    if (i >= obj.size() || obj[i] != ',') return std::nullopt;
    i = skip_ws(obj, i + 1);
  }
  return std::nullopt;
}

}  // namespace dpk::select
