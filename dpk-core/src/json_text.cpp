#include "dpk/json_text.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstring>

namespace dpk {

namespace {
// True when one of the eight bytes of `w` must be escaped: below 0x20, '"' or
// '\\'. A borrow can only flag a byte above one that is flagged already, so
// the answer for the word is exact; the caller finds the byte itself.
inline bool word_needs_escape(uint64_t w) {
  constexpr uint64_t kOnes = 0x0101010101010101ULL;
  constexpr uint64_t kHigh = 0x8080808080808080ULL;
  const uint64_t quote = w ^ (kOnes * '"');
  const uint64_t backslash = w ^ (kOnes * '\\');
  const uint64_t below_space = (w - kOnes * 0x20) & ~w;
  const uint64_t is_quote = (quote - kOnes) & ~quote;
  const uint64_t is_backslash = (backslash - kOnes) & ~backslash;
  return ((below_space | is_quote | is_backslash) & kHigh) != 0;
}

inline bool byte_needs_escape(unsigned char c) { return c < 0x20 || c == '"' || c == '\\'; }
}  // namespace

void append_json_string(std::string& out, std::string_view s) {
  static constexpr char kHex[] = "0123456789abcdef";
  out.reserve(out.size() + s.size() + 2);
  out.push_back('"');
  const char* p = s.data();
  const size_t n = s.size();
  size_t run = 0;  // start of the pending run of bytes that need no escape
  size_t i = 0;
  while (i < n) {
    // Pages are long runs of plain bytes: pass over them a word at a time.
    while (i + 8 <= n) {
      uint64_t w;
      std::memcpy(&w, p + i, 8);
      if (word_needs_escape(w)) break;
      i += 8;
    }
    const size_t stop = std::min(n, i + 8);
    for (; i < stop; ++i) {
      const auto c = static_cast<unsigned char>(p[i]);
      if (!byte_needs_escape(c)) continue;
      out.append(p + run, i - run);
      run = i + 1;
      switch (c) {
        case '"': out.append("\\\""); break;
        case '\\': out.append("\\\\"); break;
        case '\n': out.append("\\n"); break;
        case '\r': out.append("\\r"); break;
        case '\t': out.append("\\t"); break;
        case '\b': out.append("\\b"); break;
        case '\f': out.append("\\f"); break;
        default: {
          const char esc[6] = {'\\', 'u', '0', '0', kHex[c >> 4], kHex[c & 15]};
          out.append(esc, 6);
        }
      }
    }
  }
  out.append(p + run, n - run);
  out.push_back('"');
}

void append_json_number(std::string& out, double v) {
  if (!std::isfinite(v)) {
    out.append("null");
    return;
  }
  char buf[32];
  auto r = std::to_chars(buf, buf + sizeof buf, v);
  out.append(buf, r.ptr);
}

void append_json_int(std::string& out, int64_t v) {
  char buf[24];
  auto r = std::to_chars(buf, buf + sizeof buf, v);
  out.append(buf, r.ptr);
}

namespace {
int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

bool read_hex4(std::string_view s, size_t i, uint32_t& v) {
  if (i + 4 > s.size()) return false;
  v = 0;
  for (size_t k = 0; k < 4; ++k) {
    int h = hex_value(s[i + k]);
    if (h < 0) return false;
    v = v * 16 + static_cast<uint32_t>(h);
  }
  return true;
}

void append_utf8(std::string& out, uint32_t cp) {
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}
}  // namespace

bool decode_json_string(std::string_view raw, std::string& out) {
  out.clear();
  raw = trim_json_ws(raw);
  if (raw.size() < 2 || raw.front() != '"' || raw.back() != '"') return false;
  std::string_view s = raw.substr(1, raw.size() - 2);
  out.reserve(s.size());
  size_t i = 0;
  while (i < s.size()) {
    const char* bs = static_cast<const char*>(std::memchr(s.data() + i, '\\', s.size() - i));
    size_t stop = bs ? static_cast<size_t>(bs - s.data()) : s.size();
    out.append(s.data() + i, stop - i);
    i = stop;
    if (i >= s.size()) break;
    if (i + 1 >= s.size()) return false;
    char e = s[i + 1];
    i += 2;
    switch (e) {
      case '"': out.push_back('"'); break;
      case '\\': out.push_back('\\'); break;
      case '/': out.push_back('/'); break;
      case 'b': out.push_back('\b'); break;
      case 'f': out.push_back('\f'); break;
      case 'n': out.push_back('\n'); break;
      case 'r': out.push_back('\r'); break;
      case 't': out.push_back('\t'); break;
      case 'u': {
        uint32_t cp;
        if (!read_hex4(s, i, cp)) return false;
        i += 4;
        if (cp >= 0xD800 && cp < 0xDC00) {  // high surrogate: expect a low one
          uint32_t lo;
          if (i + 6 <= s.size() && s[i] == '\\' && s[i + 1] == 'u' && read_hex4(s, i + 2, lo) &&
              lo >= 0xDC00 && lo < 0xE000) {
            cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
            i += 6;
          } else {
            cp = 0xFFFD;  // lone surrogate: not representable in UTF-8
          }
        } else if (cp >= 0xDC00 && cp < 0xE000) {
          cp = 0xFFFD;
        }
        append_utf8(out, cp);
        break;
      }
      default: return false;
    }
  }
  return true;
}

std::optional<double> parse_json_number(std::string_view raw) {
  raw = trim_json_ws(raw);
  if (raw.empty()) return std::nullopt;
  double v = 0;
  auto r = std::from_chars(raw.data(), raw.data() + raw.size(), v);
  if (r.ec != std::errc() || r.ptr != raw.data() + raw.size()) return std::nullopt;
  return v;
}

std::string_view trim_json_ws(std::string_view s) {
  auto ws = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; };
  while (!s.empty() && ws(s.front())) s.remove_prefix(1);
  while (!s.empty() && ws(s.back())) s.remove_suffix(1);
  return s;
}

}  // namespace dpk
