#include "text_scan.h"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

namespace dpk::quality {

bool is_space(UChar32 c) {
  if (c < 0x80) return (c >= 0x09 && c <= 0x0d) || (c >= 0x1c && c <= 0x20);
  switch (c) {
    case 0x85: case 0xa0: case 0x1680: case 0x2028: case 0x2029:
    case 0x202f: case 0x205f: case 0x3000:
      return true;
    default:
      return c >= 0x2000 && c <= 0x200a;
  }
}

bool is_sentence_terminal(UChar32 c) {
  if (c < 0x80) return c == '.' || c == '!' || c == '?';
  return u_hasBinaryProperty(c, UCHAR_S_TERM);
}

bool is_symbol(UChar32 c) {
  if (c < 0x80) {
    // Controls other than tab and newline; every ASCII punctuation or symbol.
    if (c < 0x20) return c != 0x09 && c != 0x0a;
    if (c == 0x7f) return true;
    return (c >= 0x21 && c <= 0x2f) || (c >= 0x3a && c <= 0x40) || (c >= 0x5b && c <= 0x60) ||
           (c >= 0x7b && c <= 0x7e);
  }
  if (c < 0xa0) return true;  // C1 controls
  switch (c) {
    case 0xab: case 0xb4: case 0xbb:                                  // « ´ »
    case 0x2013: case 0x2014: case 0x2019: case 0x201c: case 0x201d:  // – — ’ “ ”
    case 0x201e: case 0x2026: case 0x2236: case 0x2501: case 0x25ba:  // „ … ∶ ━ ►
    case 0x3001: case 0x3002: case 0x3008: case 0x3009: case 0x300a:  // 、 。 〈 〉 《
    case 0x300b: case 0x300c: case 0x300d: case 0x3010: case 0x3011:  // 》 「 」 【 】
    case 0xff01: case 0xff05: case 0xff08: case 0xff09: case 0xff0c:  // ！ ％ （ ） ，
    case 0xff0e: case 0xff11: case 0xff1a: case 0xff1b: case 0xff1f:  // ． １ ： ； ？
    case 0xff5e:                                                      // ～
      return true;
    default:
      return u_hasBinaryProperty(c, UCHAR_S_TERM);
  }
}

bool is_letter(UChar32 c) {
  if (c < 0x80) return (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
  return u_isalpha(c);
}

size_t code_points(std::string_view s) {
  size_t n = 0;
  for (unsigned char ch : s) n += (ch & 0xc0) != 0x80;
  return n;
}

UChar32 first_code_point(std::string_view s) {
  int32_t i = 0;
  UChar32 c;
  U8_NEXT(s.data(), i, static_cast<int32_t>(s.size()), c);
  return c;
}

UChar32 last_code_point(std::string_view s) {
  int32_t i = static_cast<int32_t>(s.size());
  UChar32 c;
  U8_PREV(s.data(), 0, i, c);
  return c;
}

std::string_view lstrip(std::string_view s) {
  int32_t i = 0;
  const int32_t n = static_cast<int32_t>(s.size());
  while (i < n) {
    int32_t j = i;
    UChar32 c;
    U8_NEXT(s.data(), j, n, c);
    if (!is_space(c)) break;
    i = j;
  }
  return s.substr(static_cast<size_t>(i));
}

std::string_view rstrip(std::string_view s) {
  int32_t i = static_cast<int32_t>(s.size());
  while (i > 0) {
    int32_t j = i;
    UChar32 c;
    U8_PREV(s.data(), 0, j, c);
    if (!is_space(c)) break;
    i = j;
  }
  return s.substr(0, static_cast<size_t>(i));
}

std::string_view strip(std::string_view s) { return rstrip(lstrip(s)); }
bool is_blank(std::string_view s) { return lstrip(s).empty(); }

void split_lines(std::string_view text, std::vector<std::string_view>& out) {
  out.clear();
  const int32_t n = static_cast<int32_t>(text.size());
  int32_t start = 0, i = 0;
  while (i < n) {
    const int32_t at = i;
    UChar32 c;
    U8_NEXT(text.data(), i, n, c);
    const bool brk = (c >= 0x0a && c <= 0x0d) || (c >= 0x1c && c <= 0x1e) || c == 0x85 ||
                     c == 0x2028 || c == 0x2029;
    if (!brk) continue;
    out.push_back(text.substr(static_cast<size_t>(start), static_cast<size_t>(at - start)));
    if (c == '\r' && i < n && text[static_cast<size_t>(i)] == '\n') ++i;
    start = i;
  }
  if (start < n) out.push_back(text.substr(static_cast<size_t>(start)));
}

void split_whitespace(std::string_view text, std::vector<std::string_view>& out) {
  out.clear();
  const int32_t n = static_cast<int32_t>(text.size());
  int32_t i = 0, start = -1;
  while (i < n) {
    const int32_t at = i;
    UChar32 c;
    U8_NEXT(text.data(), i, n, c);
    if (is_space(c)) {
      if (start >= 0) out.push_back(text.substr(static_cast<size_t>(start), static_cast<size_t>(at - start)));
      start = -1;
    } else if (start < 0) {
      start = at;
    }
  }
  if (start >= 0) out.push_back(text.substr(static_cast<size_t>(start)));
}

size_t count_occurrences(std::string_view text, std::string_view needle) {
  size_t n = 0;
  for (size_t at = text.find(needle); at != std::string_view::npos; at = text.find(needle, at + needle.size())) ++n;
  return n;
}

}  // namespace dpk::quality
