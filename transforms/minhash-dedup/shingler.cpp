#include "shingler.h"

#include <unicode/ubrk.h>
#include <unicode/uchar.h>
#include <unicode/utext.h>
#include <unicode/utf8.h>

#if defined(__x86_64__)
#include <immintrin.h>
#endif

#include <array>
#include <cstring>
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

// Per code point below kTableSize (the two-byte UTF-8 ones: the common
// scripts of European languages, Greek, Cyrillic, Hebrew, Arabic): class,
// lowercase already in UTF-8 (at most 3 bytes, zero-padded to 4), and the
// two joins_plainly answers, computed once.
constexpr UChar32 kTableSize = 0x800;
struct CpInfo {
  uint32_t lower_utf8;
  uint8_t lower_len;
  CpClass cls;
  bool plain_first, plain_rest;
};
const CpInfo* cp_table() {
  static const std::vector<CpInfo> table = [] {
    std::vector<CpInfo> t(kTableSize);
    for (UChar32 c = 0; c < kTableSize; ++c) {
      const UChar32 lower = u_tolower(c);
      uint8_t bytes[4] = {0, 0, 0, 0};
      int32_t n = 0;
      U8_APPEND_UNSAFE(bytes, n, lower);
      uint32_t utf8;
      std::memcpy(&utf8, bytes, 4);
      t[static_cast<size_t>(c)] = {utf8, static_cast<uint8_t>(n), classify(c), joins_plainly(lower, true),
                                   joins_plainly(lower, false)};
    }
    return t;
  }();
  return table.data();
}

#if defined(__x86_64__)
// The state of normalization between ASCII blocks and the scalar loop.
struct AsciiState {
  char* out;
  size_t runs;  // runs started so far
  bool pending_space, at_word_start;
};

// For a mask of 8 bytes, the shuffle that packs the marked ones to the front.
constexpr auto kPackShuffle = [] {
  std::array<uint64_t, 256> t{};
  for (unsigned m = 0; m < 256; ++m) {
    uint64_t v = 0;
    unsigned k = 0;
    for (unsigned j = 0; j < 8; ++j) {
      if (m & (1u << j)) v |= static_cast<uint64_t>(j) << (8 * k++);
    }
    t[m] = v;
  }
  return t;
}();

// Normalizes whole 32-byte blocks of ASCII from `s` (stops at the first
// block with another byte, or fewer than 32 left); returns the bytes read.
// Per block: K marks kept bytes ([a-z0-9] after lowercasing). A kept byte
// after a separator starts a run; the separator just before it becomes the
// space, unless nothing was written yet (E: the bytes written). Separators
// at the block's end leave a pending space, as in the scalar loop.
__attribute__((target("avx2,popcnt,bmi"))) size_t ascii_blocks_avx2(const uint8_t* s, size_t len,
                                                                     const char* begin, uint32_t* runs,
                                                                     AsciiState& st) {
  size_t i = 0;
  const __m256i lower_bit = _mm256_set1_epi8(0x20);
  const __m256i spaces = _mm256_set1_epi8(' ');
  const __m128i eight = _mm_set1_epi8(8);
  for (; i + 32 <= len; i += 32) {
    const __m256i v = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(s + i));
    if (_mm256_movemask_epi8(v) != 0) break;
    // All bytes < 0x80: signed compares are unsigned ones here.
    const __m256i low = _mm256_or_si256(v, lower_bit);  // letters lowercased, digits unchanged
    const __m256i letter = _mm256_and_si256(_mm256_cmpgt_epi8(low, _mm256_set1_epi8('a' - 1)),
                                            _mm256_cmpgt_epi8(_mm256_set1_epi8('z' + 1), low));
    const __m256i digit = _mm256_and_si256(_mm256_cmpgt_epi8(v, _mm256_set1_epi8('0' - 1)),
                                           _mm256_cmpgt_epi8(_mm256_set1_epi8('9' + 1), v));
    const __m256i keep = _mm256_or_si256(letter, digit);
    const uint32_t k = static_cast<uint32_t>(_mm256_movemask_epi8(keep));
    const __m256i mapped = _mm256_blendv_epi8(spaces, low, keep);
    uint32_t e = k | (~k & (k >> 1));
    if (st.out == begin) e &= ~((k & (0u - k)) - 1);  // no space before the first word
    uint32_t starts = k & ~((k << 1) | (st.at_word_start ? 0u : 1u));
    if (st.pending_space && (k & 1)) *st.out++ = ' ';
    const uint32_t base = static_cast<uint32_t>(st.out - begin);
    for (; starts != 0; starts &= starts - 1) {
      const uint32_t j = static_cast<uint32_t>(__builtin_ctz(starts));
      runs[st.runs++] = base + static_cast<uint32_t>(__builtin_popcount(e & ((1u << j) - 1)));
    }
    const __m128i halves[2] = {_mm256_castsi256_si128(mapped), _mm256_extracti128_si256(mapped, 1)};
    for (int g = 0; g < 4; ++g) {
      const uint32_t m = (e >> (8 * g)) & 0xFF;
      __m128i ctrl = _mm_cvtsi64_si128(static_cast<long long>(kPackShuffle[m]));
      if (g & 1) ctrl = _mm_add_epi8(ctrl, eight);
      _mm_storel_epi64(reinterpret_cast<__m128i*>(st.out), _mm_shuffle_epi8(halves[g >> 1], ctrl));
      st.out += __builtin_popcount(m);
    }
    st.at_word_start = (k >> 31) == 0;
    st.pending_space = st.at_word_start && st.out != begin;
  }
  return i;
}

bool cpu_has_avx2() {
  static const bool v = [] {
    __builtin_cpu_init();
    return __builtin_cpu_supports("avx2") && __builtin_cpu_supports("popcnt") && __builtin_cpu_supports("bmi");
  }();
  return v;
}
#else
bool cpu_has_avx2() { return false; }
#endif

// Facts about one code point of the Basic Multilingual Plane, one byte
// each: its class, the two joins_plainly answers for its lowercase, and
// whether lowercasing changes it (rare above U+0800: Georgian, Greek
// extended, fullwidth Latin).
enum CpBits : uint8_t {
  kClassMask = 3,  // CpClass
  kPlainFirst = 4,
  kPlainRest = 8,
  kLowerDiffers = 16,
};

uint8_t cp_bits(UChar32 c) {
  const UChar32 lower = u_tolower(c);
  return static_cast<uint8_t>(static_cast<uint8_t>(classify(c)) | (joins_plainly(lower, true) ? kPlainFirst : 0) |
                              (joins_plainly(lower, false) ? kPlainRest : 0) | (lower != c ? kLowerDiffers : 0));
}

}  // namespace

Shingler::Shingler(ShingleKind kind, int ngram)
    : kind_(kind), ngram_(ngram), avx2_(cpu_has_avx2()), bmp_page_ready_(0x100, 0) {
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

void Shingler::fill_bmp_page(uint32_t page) {
  if (bmp_info_.empty()) bmp_info_.resize(0x10000);
  uint8_t* info = bmp_info_.data() + (page << 8);
  for (uint32_t j = 0; j < 0x100; ++j) info[j] = cp_bits(static_cast<UChar32>((page << 8) | j));
  bmp_page_ready_[page] = 1;
}

void Shingler::segment(std::string_view text) {
  if (general_) {
    normalize_general(text);
  } else {
    normalize(text);
  }
  if (kind_ == ShingleKind::kChar) return char_units();
  if (general_) {
    starts_.clear();
    words_.clear();
    icu_words(0, norm_.size());
    return use_units(words_, starts_);
  }
  words();
}

void Shingler::use_units(const std::string& text, const std::vector<uint32_t>& starts, size_t count) {
  unit_text_ = &text;
  unit_starts_ = starts.data();
  unit_count_ = count;
}

// The definition, one code point at a time through ICU.
void Shingler::normalize_general(std::string_view text) {
  norm_.clear();
  const auto* s = reinterpret_cast<const uint8_t*>(text.data());
  const int32_t len = static_cast<int32_t>(text.size());
  bool pending_space = false;
  for (int32_t i = 0; i < len;) {
    UChar32 c;
    U8_NEXT(s, i, len, c);
    if (c < 0) c = 0xFFFD;
    const CpClass cls = classify(c);
    if (cls == CpClass::kRemove) continue;
    if (cls == CpClass::kSpace) {
      pending_space = !norm_.empty();
      continue;
    }
    if (pending_space) norm_.push_back(' ');
    pending_space = false;
    char buf[U8_MAX_LENGTH];
    int32_t n = 0;
    U8_APPEND_UNSAFE(buf, n, u_tolower(c));
    norm_.append(buf, static_cast<size_t>(n));
  }
}

void Shingler::normalize(std::string_view text) {
  icu_runs_.clear();
  const CpInfo* table = cp_table();
  // Lowercasing can grow a code point from 2 to 3 bytes: size for the worst
  // case once, write through a pointer, trim at the end. The ASCII steps
  // store up to 41 bytes past the output's end (discarded or overwritten):
  // the slack covers them.
  norm_.resize(text.size() * 3 / 2 + 64);
  // Every run starts at a kept code point: at most one run per input byte.
  if (run_starts_.size() < text.size() + 1) run_starts_.resize(text.size() + 1);
  uint32_t* runs = run_starts_.data();
  size_t nr = 0;
  char* out = norm_.data();
  char* const begin = out;
  const auto* s = reinterpret_cast<const uint8_t*>(text.data());
  const size_t len = text.size();
  bool pending_space = false;  // a separator came after some output
  bool at_word_start = true;
  // One ASCII byte, no branch on its class: [a-z0-9] kept (lowercased), the
  // rest a separator. A kept byte after a separator writes the space first
  // and starts a run (so does the first kept byte of all).
  auto ascii = [&](uint8_t c) {
    const char m = kAsciiKeep[c];
    const bool keep = m != 0;
    const bool space = keep & pending_space;
    const bool starts_run = keep & (pending_space | (out == begin));
    *out = ' ';
    out += space;
    runs[nr] = static_cast<uint32_t>(out - begin);
    nr += starts_run;
    *out = m;
    out += keep;
    pending_space = !keep & (out != begin);
    at_word_start = !keep;
  };
#if defined(__x86_64__)
  size_t retry_blocks_at = 0;
#endif
  for (size_t i = 0; i < len;) {
#if defined(__x86_64__)
    // Blocks of 32 ASCII bytes in AVX2. The test (SSE2) is here, so mixed
    // text pays no call for a failed block; after one, the next try waits
    // until the last non-ASCII byte of the failed block is passed.
    if (avx2_ && i >= retry_blocks_at && len - i >= 32) {
      const __m128i lo = _mm_loadu_si128(reinterpret_cast<const __m128i*>(s + i));
      const __m128i hi = _mm_loadu_si128(reinterpret_cast<const __m128i*>(s + i + 16));
      const uint32_t high_bits = static_cast<uint32_t>(_mm_movemask_epi8(lo)) |
                                 static_cast<uint32_t>(_mm_movemask_epi8(hi)) << 16;
      if (high_bits == 0) {
        AsciiState st{out, nr, pending_space, at_word_start};
        i += ascii_blocks_avx2(s + i, len - i, begin, runs, st);
        out = st.out;
        nr = st.runs;
        pending_space = st.pending_space;
        at_word_start = st.at_word_start;
        continue;
      }
      retry_blocks_at = i + 32 - static_cast<size_t>(__builtin_clz(high_bits));
    }
#endif
    if (i + 8 <= len) {
      uint64_t eight;
      std::memcpy(&eight, s + i, 8);
      if ((eight & 0x8080808080808080ull) == 0) {
        for (int j = 0; j < 8; ++j) ascii(s[i + j]);
        i += 8;
        continue;
      }
    }
    if (s[i] < 0x80) {
      ascii(s[i++]);
      continue;
    }
    // Another code point: its class, whether it keeps the fast word path,
    // and its lowercase in UTF-8 (4 bytes written, `enc_len` kept).
    CpClass cls;
    bool plain;
    uint32_t enc;
    uint32_t enc_len;
    const uint8_t lead = s[i];
    if (lead >= 0xC2 && lead <= 0xDF && i + 1 < len && (s[i + 1] & 0xC0) == 0x80) {
      // Two bytes, well formed: U+0080..U+07FF, all in the table.
      const CpInfo& t = table[((lead & 0x1F) << 6) | (s[i + 1] & 0x3F)];
      i += 2;
      cls = t.cls;
      plain = at_word_start ? t.plain_first : t.plain_rest;
      enc = t.lower_utf8;
      enc_len = t.lower_len;
    } else {
      UChar32 c;
      int32_t ii = static_cast<int32_t>(i);
      U8_NEXT(s, ii, static_cast<int32_t>(len), c);
      i = static_cast<size_t>(ii);
      if (c < 0) c = 0xFFFD;
      // Three bytes, four bytes, or ill-formed (U+FFFD).
      if (c < 0x10000) {
        const uint8_t bits = bmp_page(static_cast<uint32_t>(c) >> 8)[c & 0xFF];
        cls = static_cast<CpClass>(bits & kClassMask);
        plain = (bits & (at_word_start ? kPlainFirst : kPlainRest)) != 0;
        if (bits & kLowerDiffers) c = u_tolower(c);
      } else {
        cls = classify(c);
        c = u_tolower(c);
        plain = joins_plainly(c, at_word_start);
      }
      uint8_t bytes[4] = {0, 0, 0, 0};
      int32_t n = 0;
      U8_APPEND_UNSAFE(bytes, n, c);
      std::memcpy(&enc, bytes, 4);
      enc_len = static_cast<uint32_t>(n);
    }
    if (cls == CpClass::kRemove) continue;
    if (cls == CpClass::kSpace) {
      pending_space = out != begin;
      at_word_start = true;
      continue;
    }
    if (pending_space || out == begin) {
      if (pending_space) *out++ = ' ';
      runs[nr++] = static_cast<uint32_t>(out - begin);
      pending_space = false;
    }
    if (!plain && (icu_runs_.empty() || icu_runs_.back() != nr - 1)) icu_runs_.push_back(static_cast<uint32_t>(nr - 1));
    std::memcpy(out, &enc, 4);
    out += enc_len;
    at_word_start = false;
  }
  run_count_ = nr;
  norm_.resize(static_cast<size_t>(out - begin));
}

void Shingler::char_units() {
  starts_.clear();
  const auto* s = reinterpret_cast<const uint8_t*>(norm_.data());
  const int32_t len = static_cast<int32_t>(norm_.size());
  for (int32_t i = 0; i < len;) {
    starts_.push_back(static_cast<uint32_t>(i));
    U8_FWD_1_UNSAFE(s, i);
  }
  use_units(norm_, starts_);
}

void Shingler::add_word(size_t begin, size_t end) {
  if (!words_.empty()) words_.push_back(' ');
  starts_.push_back(static_cast<uint32_t>(words_.size()));
  words_.append(norm_, begin, end - begin);
}

void Shingler::words() {
  if (icu_runs_.empty()) {
    // Fast path: the runs are the words, and norm_ is them joined by a space.
    return use_units(norm_, run_starts_, run_count_);
  }
  starts_.clear();
  words_.clear();
  // A word never spans a space (UAX #29 breaks before a space, and after it
  // unless a combining mark follows, which stays with the space), so each
  // run between spaces can be segmented alone: ICU gets the run with the
  // space before it, the same context it has in the whole text.
  size_t next_icu = 0;
  for (size_t r = 0; r < run_count_; ++r) {
    const size_t b = run_starts_[r];
    const size_t e = r + 1 < run_count_ ? run_starts_[r + 1] - 1 : norm_.size();
    if (next_icu < icu_runs_.size() && icu_runs_[next_icu] == r) {
      ++next_icu;
      icu_words(b == 0 ? 0 : b - 1, e);
    } else {
      add_word(b, e);
    }
  }
  use_units(words_, starts_);
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
  const uint32_t gap = kind_ == ShingleKind::kChar ? 0 : 1;
  for (size_t i = 0; i < unit_count_; ++i) {
    const uint32_t end = i + 1 < unit_count_ ? unit_starts_[i + 1] - gap : static_cast<uint32_t>(unit_text_->size());
    out.emplace_back(unit_text_->data() + unit_starts_[i], end - unit_starts_[i]);
  }
  return out;
}

}  // namespace dpk
