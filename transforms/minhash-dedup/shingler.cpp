#include "shingler.h"

#include <unicode/ubrk.h>
#include <unicode/uchar.h>
#include <unicode/utext.h>
#include <unicode/utf8.h>

#include <array>
#include <stdexcept>
#include <vector>

namespace dpk {
namespace {

enum class CpClass { kKeep, kSpace, kRemove };

CpClass classify(UChar32 c) {
  if (c < 0x80) {
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) return CpClass::kKeep;
    return CpClass::kSpace;  // ASCII punctuation, symbols, spaces, controls
  }
  switch (u_charType(c)) {
    case U_FORMAT_CHAR: return CpClass::kRemove;
    case U_CONNECTOR_PUNCTUATION: case U_DASH_PUNCTUATION: case U_START_PUNCTUATION:
    case U_END_PUNCTUATION: case U_INITIAL_PUNCTUATION: case U_FINAL_PUNCTUATION:
    case U_OTHER_PUNCTUATION: case U_MATH_SYMBOL: case U_CURRENCY_SYMBOL:
    case U_MODIFIER_SYMBOL: case U_OTHER_SYMBOL: case U_SPACE_SEPARATOR:
    case U_LINE_SEPARATOR: case U_PARAGRAPH_SEPARATOR: case U_CONTROL_CHAR:
      return CpClass::kSpace;
    default: return CpClass::kKeep;
  }
}

// True when a word-break segment made of this code point (as its first one
// when `first`) joins its neighbours under UAX #29 without ICU's dictionaries:
// letters (not Hangul, which ICU may treat with its CJK rules), digits,
// combining marks after a letter. Everything else goes through ICU.
bool joins_plainly(UChar32 c, bool first) {
  if (c < 0x80) return true;  // only [a-z0-9] survive normalization
  const int wb = u_getIntPropertyValue(c, UCHAR_WORD_BREAK);
  const bool letter = wb == U_WB_ALETTER || wb == U_WB_HEBREW_LETTER || wb == U_WB_NUMERIC;
  const bool extend = wb == U_WB_EXTEND;
  if (!(letter || (extend && !first))) return false;
  if (u_getIntPropertyValue(c, UCHAR_LINE_BREAK) == U_LB_COMPLEX_CONTEXT) return false;
  if (u_getIntPropertyValue(c, UCHAR_HANGUL_SYLLABLE_TYPE) != U_HST_NOT_APPLICABLE) return false;
  return true;
}

// ASCII byte -> itself lowercased when a letter or digit, else 0 (a space).
// Bytes >= 0x80 map to 0 too and stop a run of kept ASCII.
constexpr auto kAsciiKeep = [] {
  std::array<char, 256> t{};
  for (int c = '0'; c <= '9'; ++c) t[static_cast<size_t>(c)] = static_cast<char>(c);
  for (int c = 'a'; c <= 'z'; ++c) t[static_cast<size_t>(c)] = t[static_cast<size_t>(c - 32)] = static_cast<char>(c);
  return t;
}();

// Per code point below kTableSize: class, lowercase and the two
// joins_plainly answers, computed once (the common scripts of European
// languages, Greek, Cyrillic, Hebrew, Arabic live there).
constexpr UChar32 kTableSize = 0x800;
struct CpInfo {
  UChar32 lower;
  CpClass cls;
  bool plain_first, plain_rest;
};
const CpInfo* cp_table() {
  static const std::vector<CpInfo> table = [] {
    std::vector<CpInfo> t(kTableSize);
    for (UChar32 c = 0; c < kTableSize; ++c) {
      const UChar32 lower = u_tolower(c);
      t[static_cast<size_t>(c)] = {lower, classify(c), joins_plainly(lower, true), joins_plainly(lower, false)};
    }
    return t;
  }();
  return table.data();
}

}  // namespace

Shingler::Shingler(ShingleKind kind, int ngram) : kind_(kind), ngram_(ngram) {
  if (kind_ == ShingleKind::kWord) {
    UErrorCode err = U_ZERO_ERROR;
    breaker_ = ubrk_open(UBRK_WORD, "", nullptr, 0, &err);
    if (U_FAILURE(err)) throw std::runtime_error(std::string("ICU word break iterator: ") + u_errorName(err));
  }
}

Shingler::~Shingler() {
  if (breaker_) ubrk_close(breaker_);
  if (utext_) utext_close(utext_);
}

void Shingler::normalize(std::string_view text) {
  icu_runs_.clear();
  const CpInfo* table = cp_table();
  // Lowercasing can grow a code point from 2 to 3 bytes: size for the worst
  // case once, write through a pointer, trim at the end.
  norm_.resize(text.size() * 3 / 2 + 4);
  char* out = norm_.data();
  char* const begin = out;
  uint32_t run_start = 0;
  bool run_needs_icu = false;
  const auto* s = reinterpret_cast<const uint8_t*>(text.data());
  const int32_t len = static_cast<int32_t>(text.size());
  bool pending_space = false;
  bool at_word_start = true;
  for (int32_t i = 0; i < len;) {
    if (s[i] < 0x80) {
      // ASCII: [a-z0-9] kept (lowercased), everything else is a space.
      // Whole runs at a time: this is most of the bytes of most texts.
      if (kAsciiKeep[s[i]] == 0) {
        while (i < len && s[i] < 0x80 && kAsciiKeep[s[i]] == 0) ++i;
        pending_space = out != begin;
        at_word_start = true;
        continue;
      }
      if (pending_space) {
        if (run_needs_icu) icu_runs_.push_back(run_start);
        run_needs_icu = false;
        *out++ = ' ';
        run_start = static_cast<uint32_t>(out - begin);
        pending_space = false;
      }
      char m;
      while (i < len && (m = kAsciiKeep[s[i]]) != 0) {
        *out++ = m;
        ++i;
      }
      at_word_start = false;
      continue;
    }
    UChar32 c;
    U8_NEXT(s, i, len, c);
    if (c < 0) c = 0xFFFD;
    const bool small = c < kTableSize;
    const CpClass cls = small ? table[c].cls : classify(c);
    if (cls == CpClass::kRemove) continue;
    if (cls == CpClass::kSpace) {
      pending_space = out != begin;
      at_word_start = true;
      continue;
    }
    if (pending_space) {
      if (run_needs_icu) icu_runs_.push_back(run_start);
      run_needs_icu = false;
      *out++ = ' ';
      run_start = static_cast<uint32_t>(out - begin);
      pending_space = false;
    }
    bool plain;
    if (small) {
      plain = at_word_start ? table[c].plain_first : table[c].plain_rest;
      c = table[c].lower;
    } else {
      c = u_tolower(c);
      plain = joins_plainly(c, at_word_start);
    }
    run_needs_icu |= !plain;
    int32_t n = 0;
    U8_APPEND_UNSAFE(out, n, c);
    out += n;
    at_word_start = false;
  }
  if (run_needs_icu) icu_runs_.push_back(run_start);
  norm_.resize(static_cast<size_t>(out - begin));
}

void Shingler::char_units() {
  starts_.clear();
  ends_.clear();
  const auto* s = reinterpret_cast<const uint8_t*>(norm_.data());
  const int32_t len = static_cast<int32_t>(norm_.size());
  for (int32_t i = 0; i < len;) {
    starts_.push_back(static_cast<uint32_t>(i));
    U8_FWD_1_UNSAFE(s, i);
    ends_.push_back(static_cast<uint32_t>(i));
  }
}

void Shingler::add_word(size_t begin, size_t end) {
  if (!words_.empty()) words_.push_back(' ');
  starts_.push_back(static_cast<uint32_t>(words_.size()));
  words_.append(norm_, begin, end - begin);
  ends_.push_back(static_cast<uint32_t>(words_.size()));
}

void Shingler::words() {
  starts_.clear();
  ends_.clear();
  words_.clear();
  if (always_icu_) return icu_words(0, norm_.size());
  if (icu_runs_.empty()) {
    // Fast path: the normalized text already is the words joined by a space.
    words_.assign(norm_);
    size_t b = 0;
    while (b < words_.size()) {
      size_t e = words_.find(' ', b);
      if (e == std::string::npos) e = words_.size();
      starts_.push_back(static_cast<uint32_t>(b));
      ends_.push_back(static_cast<uint32_t>(e));
      b = e + 1;
    }
    return;
  }
  // A word never spans a space (UAX #29 breaks before a space, and after it
  // unless a combining mark follows, which stays with the space), so each
  // run between spaces can be segmented alone: ICU gets the run with the
  // space before it, the same context it has in the whole text.
  size_t next_icu = 0;
  size_t b = 0;
  while (b < norm_.size()) {
    size_t e = norm_.find(' ', b);
    if (e == std::string::npos) e = norm_.size();
    if (next_icu < icu_runs_.size() && icu_runs_[next_icu] == b) {
      ++next_icu;
      icu_words(b == 0 ? 0 : b - 1, e);
    } else {
      add_word(b, e);
    }
    b = e + 1;
  }
}

void Shingler::icu_words(size_t from, size_t to) {
  UErrorCode err = U_ZERO_ERROR;
  utext_ = utext_openUTF8(utext_, norm_.data() + from, static_cast<int64_t>(to - from), &err);
  ubrk_setUText(breaker_, utext_, &err);
  if (U_FAILURE(err)) throw std::runtime_error(std::string("ICU word break iterator: ") + u_errorName(err));
  int32_t begin = ubrk_first(breaker_);
  for (int32_t end = ubrk_next(breaker_); end != UBRK_DONE; begin = end, end = ubrk_next(breaker_)) {
    if (ubrk_getRuleStatus(breaker_) == UBRK_WORD_NONE) continue;
    add_word(from + static_cast<size_t>(begin), from + static_cast<size_t>(end));
  }
}

std::vector<std::string_view> Shingler::last_words() const {
  std::vector<std::string_view> out;
  const std::string& buf = kind_ == ShingleKind::kChar ? norm_ : words_;
  for (size_t i = 0; i < starts_.size(); ++i) out.emplace_back(buf.data() + starts_[i], ends_[i] - starts_[i]);
  return out;
}

}  // namespace dpk
