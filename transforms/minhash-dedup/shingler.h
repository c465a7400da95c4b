// shingler.h — turns a document's text into MinHash shingles.
//
// Normalization (per code point, locale-independent): simple Unicode
// lowercase (u_tolower); punctuation (P*), symbols (S*), separators (Z*) and
// controls (Cc) become a space; format characters (Cf: soft hyphen, zero-width
// joiners, BOM) are removed; runs of spaces fold to one, ends are trimmed.
// Words are the ICU word-boundary segments of the normalized text that hold
// letters or numbers (ICU's dictionaries split Chinese, Japanese, Thai ...).
// A space-separated run of ordinary letters and digits is one ICU word, so
// such runs skip the break iterator; only the other runs go through ICU.
// Normalization records where each run starts as it writes, so a text of
// such runs only (most text in languages written with spaces) is its own
// word list: no second pass, no copy. ASCII bytes are handled without
// branches on the byte's class (word boundaries are unpredictable); other
// code points of the Basic Multilingual Plane use a per-instance table
// filled 256 code points at a time on first use, so ICU's property lookups
// run once per code point instead of once per character of text.
// Word shingles are `ngram` consecutive words joined by one space; character
// shingles are `ngram` consecutive code points of the normalized text. A text
// with fewer than `ngram` units gives one shingle of all of them; an empty
// normalized text gives none.
//
//   dpk::Shingler s(dpk::ShingleKind::kWord, 5);
//   s.shingle("Hello, World! ...", [](std::string_view sh) { hash(sh); });
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "minhash_config.h"

struct UBreakIterator;
struct UText;

namespace dpk {

class Shingler {
 public:
  Shingler(ShingleKind kind, int ngram);
  ~Shingler();
  Shingler(const Shingler&) = delete;
  Shingler& operator=(const Shingler&) = delete;

  // Calls `emit(std::string_view shingle)` for every shingle of `text`
  // (repeats included). The views are valid during the call only.
  template <typename Emit>
  void shingle(std::string_view text, Emit&& emit) {
    segment(text);
    const size_t n = unit_count_;
    if (n == 0) return;
    // Units are separated by `gap` bytes (a space between words, nothing
    // between code points): unit i ends where unit i + 1 starts, less the gap.
    const char* buf = unit_text_->data();
    const uint32_t size = static_cast<uint32_t>(unit_text_->size());
    const uint32_t gap = kind_ == ShingleKind::kChar ? 0 : 1;
    const uint32_t* starts = unit_starts_;
    const size_t k = static_cast<size_t>(ngram_);
    if (n < k) {
      emit(std::string_view(buf + starts[0], size - starts[0]));
      return;
    }
    for (size_t i = 0; i + k < n; ++i) emit(std::string_view(buf + starts[i], starts[i + k] - gap - starts[i]));
    emit(std::string_view(buf + starts[n - k], size - starts[n - k]));
  }

  // The normalized text and the words of the last call (for tests).
  const std::string& normalized() const { return norm_; }
  std::vector<std::string_view> last_words() const;
  // The general path: ICU's properties per code point and ICU's word breaks
  // over the whole text, no tables or shortcuts (tests compare it with the
  // fast paths).
  void set_general_path(bool v) { general_ = v; }
  // Off: no AVX2 blocks, the scalar ASCII steps only (tests compare them).
  void set_ascii_blocks(bool v) { avx2_ = v && avx2_; }

 private:
  // Normalizes `text` and sets the units (unit_text_, unit_starts_, unit_count_).
  void segment(std::string_view text);
  void normalize(std::string_view text);
  void normalize_general(std::string_view text);
  void char_units();
  void words();
  void icu_words(size_t from, size_t to);
  void add_word(size_t begin, size_t end);
  // The facts of the 256 code points from page << 8 (see CpBits).
  const uint8_t* bmp_page(uint32_t page) {
    if (!bmp_page_ready_[page]) fill_bmp_page(page);
    return bmp_info_.data() + (page << 8);
  }
  void fill_bmp_page(uint32_t page);
  void use_units(const std::string& text, const std::vector<uint32_t>& starts) {
    use_units(text, starts, starts.size());
  }
  void use_units(const std::string& text, const std::vector<uint32_t>& starts, size_t count);

  ShingleKind kind_;
  int ngram_;
  bool general_ = false;
  bool avx2_;  // the CPU runs the 32-byte ASCII blocks
  std::string norm_;
  // Runs of norm_ (maximal stretches between its spaces): where each starts
  // (sized for the largest text seen, run_count_ used), and the indices of
  // the runs the fast path cannot split, ascending.
  std::vector<uint32_t> run_starts_;
  size_t run_count_ = 0;
  std::vector<uint32_t> icu_runs_;
  std::string words_;             // words joined by one space (when ICU split a run)
  std::vector<uint32_t> starts_;  // units in norm_ (char) or words_ (word)
  const std::string* unit_text_ = &norm_;
  const uint32_t* unit_starts_ = nullptr;
  size_t unit_count_ = 0;
  // Code point facts (see CpBits in shingler.cpp) for U+0000..U+FFFF, a
  // page of 256 filled on first use.
  std::vector<uint8_t> bmp_info_;
  std::vector<uint8_t> bmp_page_ready_;
  UBreakIterator* breaker_ = nullptr;
  UText* utext_ = nullptr;
};

}  // namespace dpk
