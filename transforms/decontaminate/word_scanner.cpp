#include "word_scanner.h"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <array>

namespace dpk::decontaminate {
namespace {

// Non-ASCII characters of datatrove's PUNCTUATION list (every ASCII
// character other than letters, digits and whitespace is on it too).
constexpr std::u32string_view kPunctuation =
    U"\u2014\u201d\uff05\uff11\u3008\u3001\u2501\u3010\u300c\u300d\uff0c\u3011\uff1b\u201c\u300a\u201e\u2019"
    U"\u2236\u00b4\u2013\uff1f\uff01\uff1a\uff5e\u00ab\u3009\u300b\uff09\u3002\u2026\u25ba\u00bb\uff08\uff0e";

bool is_separator(char32_t c) {
  return c == '.' || c == ',' || c == 0x60C || c == 0x66B || c == 0x2396 || c == 0x2397 || c == 0x2398;
}

// Python's str.isspace(), which `\s` of datatrove's whitespace pattern uses.
bool is_python_space(char32_t c) {
  if (c < 0x80) return c == ' ' || (c >= 9 && c <= 13) || (c >= 0x1c && c <= 0x1f);
  if (c == 0x85 || c == 0xa0 || c == 0x2028 || c == 0x2029) return true;
  return u_charType(static_cast<UChar32>(c)) == U_SPACE_SEPARATOR;
}

bool ends_word(char32_t c) {
  if (c < 0x80) return !(c >= 'a' && c <= 'z') && !(c >= 'A' && c <= 'Z') && !(c >= '0' && c <= '9');
  if (c <= 0x9f) return true;  // C1 controls are on the punctuation list
  return kPunctuation.find(c) != std::u32string_view::npos || is_python_space(c);
}

// Letters, numbers, marks and format characters (a zero-width space) stay
// inside a word; any other character left after simplification is a
// prefix, suffix or symbol to spaCy: a word alone.
bool stands_alone(char32_t c) {
  const uint32_t mask = U_GC_L_MASK | U_GC_N_MASK | U_GC_M_MASK | U_GC_CF_MASK;
  return (U_GET_GC_MASK(static_cast<UChar32>(c)) & mask) == 0;
}

bool is_digit(char32_t c) {
  if (c < 0x80) return c >= '0' && c <= '9';
  return u_charType(static_cast<UChar32>(c)) == U_DECIMAL_DIGIT_NUMBER;
}

char32_t next_code_point(std::string_view s, size_t& i) {
  UChar32 c;
  int32_t at = static_cast<int32_t>(i);
  U8_NEXT(reinterpret_cast<const uint8_t*>(s.data()), at, static_cast<int32_t>(s.size()), c);
  i = static_cast<size_t>(at);
  return c < 0 ? U'\uFFFD' : static_cast<char32_t>(c);
}

struct Split {
  std::string_view word;
  std::array<std::string_view, 3> parts;
};
// spaCy's English exceptions for contractions written without an
// apostrophe (its tokenizer.rules, keys of lowercase ASCII letters only).
constexpr Split kSplits[] = {
#include "contraction_splits.inc"
};

// Units spaCy's suffix rules cut off after a digit (lowercase spellings).
constexpr std::string_view kUnits[] = {"km", "dm", "cm", "mm", "m", "ha", "\u00b5m", "nm", "yd", "in", "ft", "kg",
                                       "g", "mg", "\u00b5g", "t", "lb", "oz", "kmh", "mph", "mbar", "mb", "kb", "gb",
                                       "tb"};

const Split* find_split(std::string_view w) {
  for (const Split& s : kSplits) {
    if (s.word == w) return &s;
  }
  return nullptr;
}

}  // namespace

void WordScanner::open_word(uint32_t at) {
  if (in_word_) return;
  in_word_ = true;
  word_norm_begin_ = static_cast<uint32_t>(norm_.size());
  word_text_begin_ = at;
}

void WordScanner::close_word(uint32_t text_end) {
  if (!in_word_) return;
  in_word_ = false;
  const uint32_t b = word_norm_begin_, e = static_cast<uint32_t>(norm_.size());
  if (b == e) return;  // only marks, all dropped
  const std::string_view w = std::string_view(norm_).substr(b, e - b);
  if (w.size() >= 2 && w.size() <= 9 && w.front() >= 'a' && w.front() <= 'z') {
    if (const Split* s = find_split(w)) {
      uint32_t at = b;
      for (std::string_view p : s->parts) {
        if (p.empty()) break;
        words_.push_back({at, at + static_cast<uint32_t>(p.size()), word_text_begin_, text_end});
        at += static_cast<uint32_t>(p.size());
      }
      return;
    }
  }
  for (std::string_view u : kUnits) {
    if (w.size() > u.size() && w.ends_with(u) && w[w.size() - u.size() - 1] == '0') {
      const uint32_t cut = e - static_cast<uint32_t>(u.size());
      words_.push_back({b, cut, word_text_begin_, text_end});
      words_.push_back({cut, e, word_text_begin_, text_end});
      return;
    }
  }
  words_.push_back({b, e, word_text_begin_, text_end});
}

void WordScanner::append(char32_t cp) {
  char buf[4];
  int32_t n = 0;
  U8_APPEND_UNSAFE(buf, n, static_cast<UChar32>(cp));
  norm_.append(buf, static_cast<size_t>(n));
}

// A number as datatrove's pattern matches it: digits, then at most one
// separator followed by more digits. Returns the index after it.
size_t WordScanner::scan_number(std::string_view text, size_t i) {
  auto digits = [&](size_t j) {
    while (j < text.size()) {
      size_t k = j;
      if (!is_digit(next_code_point(text, k))) break;
      j = k;
    }
    return j;
  };
  i = digits(i);
  if (i < text.size()) {
    size_t k = i;
    if (is_separator(next_code_point(text, k)) && k < text.size()) {
      size_t d = k;
      if (is_digit(next_code_point(text, d))) i = digits(k);
    }
  }
  return i;
}

void WordScanner::scan(std::string_view text) {
  norm_.clear();
  words_.clear();
  in_word_ = false;
  thread_local icu::UnicodeString decomposed;
  UErrorCode err = U_ZERO_ERROR;
  static const icu::Normalizer2* nfd = icu::Normalizer2::getNFDInstance(err);
  size_t i = 0;
  while (i < text.size()) {
    const uint32_t at = static_cast<uint32_t>(i);
    const unsigned char b = static_cast<unsigned char>(text[i]);
    if (b < 0x80) {
      if (b >= 'A' && b <= 'Z') {
        open_word(at);
        norm_.push_back(static_cast<char>(b + 32));
        ++i;
      } else if ((b >= 'a' && b <= 'z')) {
        open_word(at);
        norm_.push_back(static_cast<char>(b));
        ++i;
      } else if (b >= '0' && b <= '9') {
        open_word(at);
        norm_.push_back('0');
        i = scan_number(text, i);
      } else {
        close_word(at);
        ++i;
      }
      continue;
    }
    size_t next = i;
    const char32_t cp = static_cast<char32_t>(u_tolower(static_cast<UChar32>(next_code_point(text, next))));
    if (is_digit(cp)) {
      open_word(at);
      norm_.push_back('0');
      i = scan_number(text, i);
      continue;
    }
    if (ends_word(cp)) {
      close_word(at);
      i = next;
      continue;
    }
    if (!nfd || !nfd->getDecomposition(static_cast<UChar32>(cp), decomposed)) decomposed.setTo(static_cast<UChar32>(cp));
    for (int32_t k = 0; k < decomposed.length();) {
      const UChar32 c = decomposed.char32At(k);
      k += U16_LENGTH(c);
      if (u_charType(c) == U_NON_SPACING_MARK) continue;
      if (stands_alone(static_cast<char32_t>(c))) {
        close_word(at);
        open_word(at);
        append(static_cast<char32_t>(c));
        close_word(static_cast<uint32_t>(next));
        continue;
      }
      open_word(at);
      append(static_cast<char32_t>(c));
    }
    i = next;
  }
  close_word(static_cast<uint32_t>(text.size()));
}

}  // namespace dpk::decontaminate
