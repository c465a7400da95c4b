// gopher-quality: Gopher's document heuristics (Rae et al. 2021, table A1),
// with the semantics of datatrove's GopherQualityFilter.
#include <unicode/utf8.h>

#include <algorithm>

#include "presets.h"
#include "text_scan.h"
#include "word_splitter.h"

namespace dpk::quality {
namespace {

class GopherQuality final : public DocumentTransform {
 public:
  explicit GopherQuality(std::shared_ptr<const GopherQualityConfig> c) : c_(std::move(c)), words_(c_->language, c_->words) {}

  void apply(Document& doc) override {
    std::string_view r = check(doc.text());
    if (!r.empty()) doc.drop(r);
  }

 private:
  std::string_view check(std::string_view text) {
    const auto& c = *c_;
    words_.split(text, w_);
    const double n_words = static_cast<double>(w_.size());
    size_t n_word_like = 0, word_like_chars = 0, alpha_words = 0;
    for (auto w : w_) {
      bool symbol_only = true, alpha = false;
      size_t chars = 0;
      for (int32_t i = 0, n = static_cast<int32_t>(w.size()); i < n;) {
        UChar32 ch;
        U8_NEXT(w.data(), i, n, ch);
        ++chars;
        symbol_only = symbol_only && is_symbol(ch);
        alpha = alpha || is_letter(ch);
      }
      if (!symbol_only) {
        ++n_word_like;
        word_like_chars += chars;
      }
      alpha_words += alpha;
    }
    if (c.min_doc_words > 0 && static_cast<double>(n_word_like) < c.min_doc_words) return "gopher_quality:too_few_words";
    if (c.max_doc_words > 0 && static_cast<double>(n_word_like) > c.max_doc_words) return "gopher_quality:too_many_words";
    if (n_word_like > 0) {
      const double mean = static_cast<double>(word_like_chars) / static_cast<double>(n_word_like);
      if ((c.min_avg_word_length > 0 && mean < c.min_avg_word_length) ||
          (c.max_avg_word_length > 0 && mean > c.max_avg_word_length))
        return "gopher_quality:mean_word_length";
    }
    if (w_.empty()) return {};  // only reachable with the word-count checks off
    if (c.max_symbol_word_ratio > 0) {
      if (static_cast<double>(count_occurrences(text, "#")) / n_words > c.max_symbol_word_ratio)
        return "gopher_quality:hash_ratio";
      const double ell = static_cast<double>(count_occurrences(text, "...") + count_occurrences(text, "…"));
      if (ell / n_words > c.max_symbol_word_ratio) return "gopher_quality:ellipsis_ratio";
    }
    split_lines(text, lines_);
    if (!lines_.empty()) {
      size_t bullets = 0, ellipsis = 0;
      for (auto line : lines_) {
        auto head = lstrip(line);
        bullets += head.rfind("•", 0) == 0 || head.rfind("-", 0) == 0;
        auto tail = rstrip(line);
        ellipsis += tail.ends_with("...") || tail.ends_with("…");
      }
      const double n_lines = static_cast<double>(lines_.size());
      if (c.max_bullet_lines_ratio > 0 && static_cast<double>(bullets) / n_lines > c.max_bullet_lines_ratio)
        return "gopher_quality:bullet_lines";
      if (c.max_ellipsis_lines_ratio > 0 && static_cast<double>(ellipsis) / n_lines > c.max_ellipsis_lines_ratio)
        return "gopher_quality:ellipsis_lines";
    }
    if (c.min_alpha_words_ratio > 0 && static_cast<double>(alpha_words) / n_words < c.min_alpha_words_ratio)
      return "gopher_quality:alpha_words";
    if (c.min_stop_words > 0) {
      // Distinct stop words present, matched exactly (case-sensitive).
      size_t found = 0;
      for (const auto& s : c.stop_words) {
        found += std::find(w_.begin(), w_.end(), std::string_view(s)) != w_.end();
      }
      if (static_cast<double>(found) < c.min_stop_words) return "gopher_quality:stop_words";
    }
    return {};
  }

  std::shared_ptr<const GopherQualityConfig> c_;
  WordSplitter words_;
  std::vector<std::string_view> w_, lines_;
};

}  // namespace

std::unique_ptr<DocumentTransform> make_gopher_quality(std::shared_ptr<const GopherQualityConfig> c) {
  return std::make_unique<GopherQuality>(std::move(c));
}

}  // namespace dpk::quality
