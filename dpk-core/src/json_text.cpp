#include "dpk/json_text.h"

#include <bit>
#include <charconv>
#include <cmath>
#include <cstring>

namespace dpk {

namespace {
// Of the eight bytes at `p`, the first that must be escaped (below 0x20, '"'
// or '\\'), or 8 when none is. The word is read least significant byte
// first, so a borrow can only mark a byte after one that is marked already
// and the first mark is exact.
inline unsigned first_escape(const char* p) {
  uint64_t w;
  std::memcpy(&w, p, 8);
  if constexpr (std::endian::native == std::endian::big) w = __builtin_bswap64(w);
  constexpr uint64_t kOnes = 0x0101010101010101ULL;
  constexpr uint64_t kHigh = 0x8080808080808080ULL;
  const uint64_t quote = w ^ (kOnes * '"');
  const uint64_t backslash = w ^ (kOnes * '\\');
  const uint64_t below_space = (w - kOnes * 0x20) & ~w;
  const uint64_t is_quote = (quote - kOnes) & ~quote;
  const uint64_t is_backslash = (backslash - kOnes) & ~backslash;
  const uint64_t marks = (below_space | is_quote | is_backslash) & kHigh;
  return marks == 0 ? 8 : static_cast<unsigned>(std::countr_zero(marks)) / 8;
}

inline bool byte_needs_escape(unsigned char c) { return c < 0x20 || c == '"' || c == '\\'; }
}  // namespace

void append_json_string(std::string& out, std::string_view s) {
  static constexpr char kHex[] = "0123456789abcdef";
  out.reserve(out.size() + s.size() + s.size() / 16 + 2);
  out.push_back('"');
  // HTML has a quote or a line break every few dozen bytes: the quoted text
  // is built in a small buffer by plain stores and appended a block at a time.
  constexpr size_t kBlock = 4096;
  char buf[kBlock + 8];
  size_t b = 0;
  const char* p = s.data();
  const size_t n = s.size();
  size_t i = 0;
  while (i < n) {
    if (b > kBlock - 8) {
      out.append(buf, b);
      b = 0;
    }
    if (i + 8 <= n) {
      // The word goes to the buffer whole; only its bytes before the first
      // one to escape count.
      std::memcpy(buf + b, p + i, 8);
      const unsigned plain = first_escape(p + i);
      b += plain;
      i += plain;
      if (plain == 8) continue;
    }
    const auto c = static_cast<unsigned char>(p[i++]);
    if (!byte_needs_escape(c)) {
      buf[b++] = static_cast<char>(c);
      continue;
    }
    buf[b++] = '\\';
    switch (c) {
      case '"': buf[b++] = '"'; break;
      case '\\': buf[b++] = '\\'; break;
      case '\n': buf[b++] = 'n'; break;
      case '\r': buf[b++] = 'r'; break;
      case '\t': buf[b++] = 't'; break;
      case '\b': buf[b++] = 'b'; break;
      case '\f': buf[b++] = 'f'; break;
      default:
        buf[b++] = 'u';
        buf[b++] = '0';
        buf[b++] = '0';
        buf[b++] = kHex[c >> 4];
        buf[b++] = kHex[c & 15];
    }
  }
  out.append(buf, b);
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

// Writes `cp` as UTF-8 at `d`; returns the bytes written (1 to 4).
size_t put_utf8(char* d, uint32_t cp) {
  if (cp < 0x80) {
    d[0] = static_cast<char>(cp);
    return 1;
  }
  if (cp < 0x800) {
    d[0] = static_cast<char>(0xC0 | (cp >> 6));
    d[1] = static_cast<char>(0x80 | (cp & 0x3F));
    return 2;
  }
  if (cp < 0x10000) {
    d[0] = static_cast<char>(0xE0 | (cp >> 12));
    d[1] = static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    d[2] = static_cast<char>(0x80 | (cp & 0x3F));
    return 3;
  }
  d[0] = static_cast<char>(0xF0 | (cp >> 18));
  d[1] = static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
  d[2] = static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
  d[3] = static_cast<char>(0x80 | (cp & 0x3F));
  return 4;
}

// Of the eight bytes at `p`, the first that is a backslash, or 8 when none
// is (exact for the first, as in first_escape).
inline unsigned first_backslash(const char* p) {
  uint64_t w;
  std::memcpy(&w, p, 8);
  if constexpr (std::endian::native == std::endian::big) w = __builtin_bswap64(w);
  constexpr uint64_t kOnes = 0x0101010101010101ULL;
  const uint64_t x = w ^ (kOnes * '\\');
  const uint64_t marks = (x - kOnes) & ~x & (kOnes * 0x80);
  return marks == 0 ? 8 : static_cast<unsigned>(std::countr_zero(marks)) / 8;
}
}  // namespace

bool decode_json_string(std::string_view raw, std::string& out) {
  out.clear();
  raw = trim_json_ws(raw);
  if (raw.size() < 2 || raw.front() != '"' || raw.back() != '"') return false;
  std::string_view s = raw.substr(1, raw.size() - 2);
  // Decoding never lengthens: the text is written in place at `d`, eight
  // bytes a store up to the next backslash (HTML has one every few dozen
  // bytes), and the string cut to its length at the end.
  out.resize(s.size());
  char* d = out.data();
  size_t o = 0;
  size_t i = 0;
  while (i < s.size()) {
    if (i + 8 <= s.size()) {
      std::memcpy(d + o, s.data() + i, 8);
      const unsigned plain = first_backslash(s.data() + i);
      o += plain;
      i += plain;
      if (plain == 8) continue;
    } else if (s[i] != '\\') {
      d[o++] = s[i++];
      continue;
    }
    if (i + 1 >= s.size()) return false;
    char e = s[i + 1];
    i += 2;
    switch (e) {
      case '"': d[o++] = '"'; break;
      case '\\': d[o++] = '\\'; break;
      case '/': d[o++] = '/'; break;
      case 'b': d[o++] = '\b'; break;
      case 'f': d[o++] = '\f'; break;
      case 'n': d[o++] = '\n'; break;
      case 'r': d[o++] = '\r'; break;
      case 't': d[o++] = '\t'; break;
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
        o += put_utf8(d + o, cp);
        break;
      }
      default: return false;
    }
  }
  out.resize(o);
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
