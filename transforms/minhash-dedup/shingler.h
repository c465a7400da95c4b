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
    normalize(text);
    if (kind_ == ShingleKind::kChar) {
      char_units();
    } else {
      words();
    }
    const size_t n = starts_.size();
    if (n == 0) return;
    const std::string& buf = kind_ == ShingleKind::kChar ? norm_ : words_;
    const size_t k = static_cast<size_t>(ngram_);
    if (n < k) {
      emit(std::string_view(buf.data() + starts_[0], ends_[n - 1] - starts_[0]));
      return;
    }
    for (size_t i = 0; i + k <= n; ++i) {
      emit(std::string_view(buf.data() + starts_[i], ends_[i + k - 1] - starts_[i]));
    }
  }

  // The normalized text and the words of the last call (for tests).
  const std::string& normalized() const { return norm_; }
  std::vector<std::string_view> last_words() const;
  // Forces the ICU path (tests compare it with the fast path).
  void set_always_icu(bool v) { always_icu_ = v; }

 private:
  void normalize(std::string_view text);
  void char_units();
  void words();
  void icu_words(size_t from, size_t to);
  void add_word(size_t begin, size_t end);

  ShingleKind kind_;
  int ngram_;
  bool always_icu_ = false;
  std::vector<uint32_t> icu_runs_;  // starts of runs the fast path cannot split
  std::string norm_;
  std::string words_;       // words joined by one space
  std::vector<uint32_t> starts_, ends_;  // units in norm_ (char) or words_ (word)
  UBreakIterator* breaker_ = nullptr;
  UText* utext_ = nullptr;
};

}  // namespace dpk
