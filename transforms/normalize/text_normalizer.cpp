#include "text_normalizer.h"

#include <unicode/bytestream.h>
#include <unicode/casemap.h>
#include <unicode/normalizer2.h>

#include <climits>
#include <cstdint>

namespace dpk {
namespace {

constexpr uint32_t kInvalid = 0xFFFFFFFF;

// Decodes the code point at text[i]; returns its length in bytes. A byte
// that does not start a well-formed sequence is returned alone as kInvalid
// and is copied through unchanged: normalization never loses bytes.
size_t decode(std::string_view text, size_t i, uint32_t& cp) {
  const auto* s = reinterpret_cast<const unsigned char*>(text.data());
  const size_t n = text.size();
  const unsigned char b = s[i];
  if (b < 0x80) {
    cp = b;
    return 1;
  }
  size_t len;
  uint32_t c;
  if (b >= 0xC2 && b <= 0xDF) {
    len = 2, c = b & 0x1F;
  } else if (b >= 0xE0 && b <= 0xEF) {
    len = 3, c = b & 0x0F;
  } else if (b >= 0xF0 && b <= 0xF4) {
    len = 4, c = b & 0x07;
  } else {
    cp = kInvalid;
    return 1;
  }
  if (i + len > n) {
    cp = kInvalid;
    return 1;
  }
  for (size_t k = 1; k < len; ++k) {
    if ((s[i + k] & 0xC0) != 0x80) {
      cp = kInvalid;
      return 1;
    }
    c = (c << 6) | (s[i + k] & 0x3F);
  }
  // Overlong forms, surrogates and values past U+10FFFF are not characters.
  if ((len == 3 && c < 0x800) || (len == 4 && (c < 0x10000 || c > 0x10FFFF)) || (c >= 0xD800 && c <= 0xDFFF)) {
    cp = kInvalid;
    return 1;
  }
  cp = c;
  return len;
}

bool is_line_break(uint32_t cp) { return cp == 0x85 || cp == 0x2028 || cp == 0x2029; }

// Characters that print nothing and carry no meaning in running text.
bool is_removable_control(uint32_t cp) {
  if (cp < 0x20) return cp != '\t' && cp != '\n' && cp != '\r';
  if (cp < 0x7F) return false;
  if (cp <= 0x9F) return true;  // DEL and the C1 controls
  switch (cp) {
    case 0x00AD:  // soft hyphen
    case 0x180E:  // Mongolian vowel separator
    case 0x200B:  // zero-width space
    case 0x2060:  // word joiner
    case 0x2061: case 0x2062: case 0x2063: case 0x2064:  // invisible operators
    case 0xFEFF:  // byte order mark / zero-width no-break space
    case 0xFFF9: case 0xFFFA: case 0xFFFB:  // interlinear annotation marks
      return true;
    default:
      return false;
  }
}

bool is_horizontal_space(uint32_t cp) {
  switch (cp) {
    case ' ': case '\t': case '\v': case '\f':
    case 0x00A0: case 0x1680: case 0x202F: case 0x205F: case 0x3000:
      return true;
    default:
      return cp >= 0x2000 && cp <= 0x200A;
  }
}

// ASCII replacement for a punctuation character, or "".
std::string_view ascii_punctuation(uint32_t cp) {
  switch (cp) {
    case 0x2018: case 0x2019: case 0x201A: case 0x201B: case 0x2032: case 0x2039: case 0x203A:
      return "'";
    case 0x201C: case 0x201D: case 0x201E: case 0x201F: case 0x2033: case 0x00AB: case 0x00BB:
    case 0x300C: case 0x300D: case 0x300E: case 0x300F:
      return "\"";
    case 0x2010: case 0x2011: case 0x2012: case 0x2013: case 0x2014: case 0x2015: case 0x2212:
      return "-";
    case 0x2026: return "...";
    case 0x3001: return ",";
    case 0x3002: return ".";
    default: break;
  }
  if (cp < 0xFF01 || cp > 0xFF5E) return {};
  // Fullwidth forms of ASCII punctuation (U+FF01..U+FF5E minus letters and
  // digits, which are NFKC's business).
  static const char kAscii[] = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~";
  const char c = static_cast<char>(cp - 0xFEE0);
  for (const char* p = kAscii; *p != '\0'; ++p) {
    if (*p == c) return std::string_view(p, 1);
  }
  return {};
}

}  // namespace

TextNormalizer::TextNormalizer(const TextNormalizerOptions& options) : options_(options) {
  UErrorCode ec = U_ZERO_ERROR;
  if (options_.form == NormalizationForm::kNfc) normalizer_ = icu::Normalizer2::getNFCInstance(ec);
  if (options_.form == NormalizationForm::kNfkc) normalizer_ = icu::Normalizer2::getNFKCInstance(ec);
  if (U_FAILURE(ec)) normalizer_ = nullptr;  // ICU data missing: leave the form as it is
}

void TextNormalizer::line_endings_and_controls(std::string_view in, std::string& out) const {
  out.clear();
  out.reserve(in.size());
  for (size_t i = 0; i < in.size();) {
    uint32_t cp;
    const size_t len = decode(in, i, cp);
    if (options_.line_endings && (cp == '\r' || is_line_break(cp))) {
      out.push_back('\n');
      i += len;
      if (cp == '\r' && i < in.size() && in[i] == '\n') ++i;
      continue;
    }
    if (!(options_.controls && is_removable_control(cp))) out.append(in.data() + i, len);
    i += len;
  }
}

void TextNormalizer::punctuation_and_whitespace(std::string_view in, std::string& out) const {
  out.clear();
  out.reserve(in.size());
  if (!options_.whitespace) {
    for (size_t i = 0; i < in.size();) {
      uint32_t cp;
      const size_t len = decode(in, i, cp);
      // Only punctuation is on here (whitespace is off).
      if (const std::string_view a = ascii_punctuation(cp); !a.empty()) {
        out.append(a);
      } else {
        out.append(in.data() + i, len);
      }
      i += len;
    }
    return;
  }
  // Whitespace is held back until the next visible character shows whether
  // it is indentation (kept), a gap inside the line (one space), or the end
  // of a line or of the text (cut). Held back as offsets into `in`, so no
  // copying.
  size_t newlines = 0;          // line breaks since the last visible character
  size_t gap_begin = 0, gap_end = 0;  // the held-back run of spaces
  size_t gap_chars = 0;
  bool at_line_start = true;
  const size_t max_breaks = static_cast<size_t>(options_.max_blank_lines < 0 ? 0 : options_.max_blank_lines) + 1;
  for (size_t i = 0; i < in.size();) {
    uint32_t cp;
    const size_t len = decode(in, i, cp);
    if (cp == '\n') {
      ++newlines;
      gap_chars = 0;
      at_line_start = true;
      i += len;
      continue;
    }
    if (is_horizontal_space(cp)) {
      if (gap_chars == 0) gap_begin = i;
      gap_end = i + len;
      ++gap_chars;
      i += len;
      continue;
    }
    // A visible character: first the line breaks and space before it.
    if (!out.empty()) out.append(newlines < max_breaks ? newlines : max_breaks, '\n');
    newlines = 0;
    if (gap_chars > 0) {
      const bool plain = gap_chars == 1 && (in[gap_begin] == ' ' || in[gap_begin] == '\t');
      if (at_line_start || plain) {
        out.append(in.data() + gap_begin, gap_end - gap_begin);
      } else {
        out.push_back(' ');
      }
      gap_chars = 0;
    }
    at_line_start = false;
    if (const std::string_view a = options_.punctuation ? ascii_punctuation(cp) : std::string_view();
        !a.empty()) {
      out.append(a);
    } else {
      out.append(in.data() + i, len);
    }
    i += len;
  }
}

void TextNormalizer::normalize(std::string_view text, std::string& out) {
  out.assign(text);
  // ICU takes int32 lengths: larger texts skip its steps rather than fail.
  const bool icu_fits = text.size() < static_cast<size_t>(INT32_MAX) / 4;
  if (options_.line_endings || options_.controls) {
    line_endings_and_controls(out, scratch_);
    out.swap(scratch_);
  }
  if (options_.lowercase && icu_fits) {
    UErrorCode ec = U_ZERO_ERROR;
    scratch_.clear();
    icu::StringByteSink<std::string> sink(&scratch_, static_cast<int32_t>(out.size()));
    // "" = the root locale: the same result on every machine and for every
    // language (no Turkish dotless i, no Lithuanian dot rules).
    icu::CaseMap::utf8ToLower("", 0, icu::StringPiece(out.data(), static_cast<int32_t>(out.size())), sink,
                              nullptr, ec);
    if (U_SUCCESS(ec)) out.swap(scratch_);
  }
  if (normalizer_ != nullptr && icu_fits) {
    UErrorCode ec = U_ZERO_ERROR;
    const icu::StringPiece sp(out.data(), static_cast<int32_t>(out.size()));
    // Most text is already normalized: checking is cheaper than rewriting.
    if (!normalizer_->isNormalizedUTF8(sp, ec) && U_SUCCESS(ec)) {
      scratch_.clear();
      icu::StringByteSink<std::string> sink(&scratch_, static_cast<int32_t>(out.size()));
      normalizer_->normalizeUTF8(0, sp, sink, nullptr, ec);
      if (U_SUCCESS(ec)) out.swap(scratch_);
    }
  }
  if (options_.punctuation || options_.whitespace) {
    punctuation_and_whitespace(out, scratch_);
    out.swap(scratch_);
  }
}

}  // namespace dpk
