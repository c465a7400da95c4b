#include "text_measure.h"

namespace dpk::select {
namespace {

// Byte length of the space character at text[i], or 0 when it is not one.
// Decoded by hand from the UTF-8 bytes: no locale, no allocation.
size_t space_at(std::string_view text, size_t i) {
  const auto b = [&](size_t k) { return i + k < text.size() ? static_cast<unsigned char>(text[i + k]) : 0u; };
  const unsigned c = b(0);
  if (c < 0x80) return (c == ' ' || (c >= '\t' && c <= '\r')) ? 1 : 0;
  if (c == 0xC2) return (b(1) == 0x85 || b(1) == 0xA0) ? 2 : 0;                  // U+0085, U+00A0
  if (c == 0xE1) return (b(1) == 0x9A && b(2) == 0x80) ? 3 : 0;                  // U+1680
  if (c == 0xE3) return (b(1) == 0x80 && b(2) == 0x80) ? 3 : 0;                  // U+3000
  if (c == 0xE2) {
    const unsigned c1 = b(1), c2 = b(2);
    if (c1 == 0x80) {
      // U+2000..U+200A, U+2028, U+2029, U+202F
      return ((c2 >= 0x80 && c2 <= 0x8A) || c2 == 0xA8 || c2 == 0xA9 || c2 == 0xAF) ? 3 : 0;
    }
    if (c1 == 0x81 && c2 == 0x9F) return 3;  // U+205F
  }
  return 0;
}

}  // namespace

uint64_t count_code_points(std::string_view text) {
  uint64_t n = 0;
  for (char ch : text) n += (static_cast<unsigned char>(ch) & 0xC0) != 0x80 ? 1 : 0;
  return n;
}

uint64_t count_words(std::string_view text) {
  uint64_t words = 0;
  bool in_word = false;
  size_t i = 0;
  while (i < text.size()) {
    const size_t sp = space_at(text, i);
    if (sp != 0) {
      in_word = false;
      i += sp;
    } else {
      // Any other byte (a continuation byte included) belongs to a word.
      if (!in_word) ++words;
      in_word = true;
      ++i;
    }
  }
  return words;
}

}  // namespace dpk::select
