// fineweb: the FineWeb line heuristics (Penedo et al. 2024) with the
// semantics of datatrove's FineWebQualityFilter, over the non-blank lines
// (split at "\n"): share of lines ending in a sentence terminator, share of
// short lines, characters in duplicated lines, and newlines per word.
#include "hash_tally.h"
#include "presets.h"
#include "text_scan.h"
#include "word_splitter.h"

#include <xxhash.h>

namespace dpk::quality {
namespace {

class FineWebFilter final : public DocumentTransform {
 public:
  explicit FineWebFilter(std::shared_ptr<const FineWebConfig> c) : c_(std::move(c)), words_(c_->language, c_->words) {}

  void apply(Document& doc) override {
    std::string_view r = check(doc.text());
    if (!r.empty()) doc.drop(r);
  }

 private:
  std::string_view check(std::string_view text) {
    const auto& c = *c_;
    lines_.clear();
    size_t newlines = 0;
    for (size_t start = 0;;) {
      const size_t end = text.find('\n', start);
      std::string_view line = text.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start);
      if (!is_blank(line)) lines_.push_back(line);
      if (end == std::string_view::npos) break;
      ++newlines;
      start = end + 1;
    }
    if (lines_.empty()) return "fineweb:empty";
    const double n = static_cast<double>(lines_.size());

    size_t punct = 0, short_lines = 0;
    for (auto line : lines_) {
      punct += is_sentence_terminal(last_code_point(line));
      short_lines += code_points(line) <= static_cast<size_t>(c.short_line_length);
    }
    const double punct_ratio = static_cast<double>(punct) / n;
    if (punct_ratio < c.line_punct_thr && !(punct_ratio == 0 && c.line_punct_exclude_zero))
      return "fineweb:line_punct_ratio";
    if (static_cast<double>(short_lines) / n > c.short_line_thr) return "fineweb:short_line_ratio";

    tally_.reset(lines_.size());
    size_t dup_chars = 0;
    for (auto line : lines_) {
      if (tally_.add(XXH3_64bits(line.data(), line.size())) != 0) dup_chars += code_points(line);
    }
    const size_t body = code_points(text) - newlines;  // len(text.replace("\n", ""))
    if (body != 0 && static_cast<double>(dup_chars) / static_cast<double>(body) > c.char_duplicates_ratio)
      return "fineweb:char_dup_ratio";

    words_.split(text, w_);
    if (w_.empty() || static_cast<double>(newlines) / static_cast<double>(w_.size()) > c.new_line_ratio)
      return "fineweb:list_ratio";
    return {};
  }

  std::shared_ptr<const FineWebConfig> c_;
  WordSplitter words_;
  HashTally tally_;
  std::vector<std::string_view> lines_, w_;
};

}  // namespace

std::unique_ptr<DocumentTransform> make_fineweb(std::shared_ptr<const FineWebConfig> c) {
  return std::make_unique<FineWebFilter>(std::move(c));
}

}  // namespace dpk::quality
