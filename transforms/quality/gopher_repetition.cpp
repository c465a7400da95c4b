// gopher-repetition: Gopher's repetition heuristics (Rae et al. 2021, table
// A1), with the semantics of datatrove's GopherRepetitionFilter: duplicate
// paragraphs (split at 2+ newlines) and lines (split at 1+ newlines), the
// most frequent n-gram (words joined by a space), and the characters covered
// by repeated n-grams (words concatenated). Fractions are over the
// document's characters (code points).
#include <xxhash.h>

#include "hash_tally.h"
#include "presets.h"
#include "text_scan.h"
#include "word_splitter.h"

namespace dpk::quality {
namespace {

// Polynomial hash over bytes, mod 2^61-1, so that the hash of a
// concatenation follows from the hashes of its parts.
constexpr uint64_t kMod = (1ULL << 61) - 1;
constexpr uint64_t kBase = 1000003;
uint64_t mulmod(uint64_t a, uint64_t b) {
  unsigned __int128 p = static_cast<unsigned __int128>(a) * b;
  uint64_t r = static_cast<uint64_t>(p & kMod) + static_cast<uint64_t>(p >> 61);
  return r >= kMod ? r - kMod : r;
}
uint64_t addmod(uint64_t a, uint64_t b) {
  uint64_t r = a + b;
  return r >= kMod ? r - kMod : r;
}

class GopherRepetition final : public DocumentTransform {
 public:
  explicit GopherRepetition(std::shared_ptr<const GopherRepetitionConfig> c)
      : c_(std::move(c)), words_(c_->language, c_->words) {}

  void apply(Document& doc) override {
    std::string_view r = check(doc.text());
    if (!r.empty()) doc.drop(r);
  }

 private:
  // Splits `text` at runs of `min_run`+ newlines, like re.split(r"\n{k,}").
  void split_newline_runs(std::string_view text, size_t min_run, std::vector<std::string_view>& out) {
    out.clear();
    size_t start = 0, i = 0;
    while (i < text.size()) {
      if (text[i] != '\n') {
        ++i;
        continue;
      }
      size_t j = i;
      while (j < text.size() && text[j] == '\n') ++j;
      if (j - i >= min_run) {
        out.push_back(text.substr(start, i - start));
        start = j;
      }
      i = j;
    }
    out.push_back(text.substr(start));
  }

  // (duplicate elements, their characters), like datatrove's find_duplicates.
  std::pair<size_t, size_t> duplicates(const std::vector<std::string_view>& parts) {
    tally_.reset(parts.size());
    size_t dup = 0, chars = 0;
    for (auto p : parts) {
      if (tally_.add(XXH3_64bits(p.data(), p.size())) != 0) {
        ++dup;
        chars += code_points(p);
      }
    }
    return {dup, chars};
  }

  // Hash of words[i..j) concatenated, or joined by single spaces.
  uint64_t concat_hash(size_t i, size_t j) const {
    return sub(cat_[j], mulmod(cat_[i], power(cat_len_[j] - cat_len_[i])));
  }
  uint64_t spaced_hash(size_t i, size_t j) const {
    // spaced_[k]: the words before k, each followed by a space; ends_[j]: the
    // same up to word j-1 without its space.
    return sub(ends_[j], mulmod(spaced_[i], power(cat_len_[j] - cat_len_[i] + (j - i - 1))));
  }
  static uint64_t sub(uint64_t a, uint64_t b) { return a >= b ? a - b : a + kMod - b; }
  uint64_t power(size_t n) const { return pow_[n]; }

  // Prefix hashes of the words, so that any n-gram's hash costs O(1).
  void index_words() {
    const size_t nw = w_.size();
    cat_.resize(nw + 1);
    cat_len_.resize(nw + 1);
    spaced_.resize(nw + 1);
    ends_.resize(nw + 1);
    cps_.resize(nw);
    cat_[0] = spaced_[0] = ends_[0] = 0;
    cat_len_[0] = 0;
    for (size_t k = 0; k < nw; ++k) {
      uint64_t c = cat_[k], e = spaced_[k];
      for (unsigned char ch : w_[k]) {
        c = addmod(mulmod(c, kBase), ch);
        e = addmod(mulmod(e, kBase), ch);
      }
      cat_[k + 1] = c;
      ends_[k + 1] = e;
      spaced_[k + 1] = addmod(mulmod(e, kBase), ' ');
      cat_len_[k + 1] = cat_len_[k] + w_[k].size();
      cps_[k] = code_points(w_[k]);
    }
    // Powers of the base up to the longest span asked for (grown, kept).
    const size_t need = cat_len_[nw] + nw + 1;
    if (pow_.empty()) pow_.push_back(1);
    while (pow_.size() < need) pow_.push_back(mulmod(pow_.back(), kBase));
  }

  std::string_view check(std::string_view text) {
    const auto& c = *c_;
    if (text.empty()) return "gopher_repetition:empty";
    const double chars = static_cast<double>(code_points(text));

    split_newline_runs(strip(text), 2, parts_);
    auto [para_dup, para_chars] = duplicates(parts_);
    if (c.dup_para_frac > 0 && static_cast<double>(para_dup) / static_cast<double>(parts_.size()) > c.dup_para_frac)
      return "gopher_repetition:dup_para_frac";
    if (c.dup_para_char_frac > 0 && static_cast<double>(para_chars) / chars > c.dup_para_char_frac)
      return "gopher_repetition:dup_para_char_frac";

    split_newline_runs(text, 1, parts_);
    auto [line_dup, line_chars] = duplicates(parts_);
    if (c.dup_line_frac > 0 && static_cast<double>(line_dup) / static_cast<double>(parts_.size()) > c.dup_line_frac)
      return "gopher_repetition:dup_line_frac";
    if (c.dup_line_char_frac > 0 && static_cast<double>(line_chars) / chars > c.dup_line_char_frac)
      return "gopher_repetition:dup_line_char_frac";

    words_.split(text, w_);
    const size_t nw = w_.size();
    index_words();

    for (size_t t = 0; t < c.top_n_grams.size(); ++t) {
      const auto [n, frac] = c.top_n_grams[t];
      if (nw < static_cast<size_t>(n)) continue;
      const size_t grams = nw - static_cast<size_t>(n) + 1;
      tally_.reset(grams);
      for (size_t i = 0; i < grams; ++i) tally_.add(spaced_hash(i, i + static_cast<size_t>(n)), static_cast<uint32_t>(i));
      // The most frequent n-gram; among ties the one that occurs first.
      uint32_t best_count = 0, best_order = 0;
      tally_.for_each([&](uint64_t, uint32_t count, uint32_t order) {
        if (count > best_count || (count == best_count && order < best_order)) {
          best_count = count;
          best_order = order;
        }
      });
      size_t len = static_cast<size_t>(n) - 1;
      for (size_t k = best_order; k < best_order + static_cast<size_t>(n); ++k) len += cps_[k];
      if (static_cast<double>(len) * best_count / chars > frac) return c.top_reasons[t];
    }

    for (size_t t = 0; t < c.dup_n_grams.size(); ++t) {
      const auto [n, frac] = c.dup_n_grams[t];
      const size_t un = static_cast<size_t>(n);
      size_t repeated = 0;
      tally_.reset(nw);
      for (size_t i = 0; i + un <= nw;) {
        if (tally_.add(concat_hash(i, i + un)) != 0) {
          for (size_t k = i; k < i + un; ++k) repeated += cps_[k];
          i += un;
        } else {
          ++i;
        }
      }
      if (static_cast<double>(repeated) / chars > frac) return c.dup_reasons[t];
    }
    return {};
  }

  std::shared_ptr<const GopherRepetitionConfig> c_;
  WordSplitter words_;
  HashTally tally_;
  std::vector<std::string_view> parts_, w_;
  std::vector<uint64_t> cat_, spaced_, ends_, pow_;
  std::vector<size_t> cat_len_, cps_;
};

}  // namespace

std::unique_ptr<DocumentTransform> make_gopher_repetition(std::shared_ptr<const GopherRepetitionConfig> c) {
  return std::make_unique<GopherRepetition>(std::move(c));
}

}  // namespace dpk::quality
