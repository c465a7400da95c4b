// c4: the C4 line and page rules (Raffel et al. 2020) with the semantics of
// datatrove's C4QualityFilter: lines are checked in order (too-long word,
// citation removal, terminal punctuation, words per line, lorem ipsum,
// javascript, curly bracket, policy); failing lines are removed, two rules
// drop the whole page, and a page with too few sentences in its kept lines
// is dropped. The kept lines, stripped and joined by "\n", become the text.
#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>

#include "presets.h"
#include "text_scan.h"
#include "word_splitter.h"

namespace dpk::quality {
namespace {

char ascii_lower(char ch) { return (ch >= 'A' && ch <= 'Z') ? static_cast<char>(ch + 32) : ch; }

// Case-insensitive (ASCII) substring test; `needle` is lower case.
bool contains_lower(std::string_view hay, std::string_view needle) {
  if (needle.size() > hay.size()) return false;
  for (size_t i = 0; i + needle.size() <= hay.size(); ++i) {
    if (ascii_lower(hay[i]) != needle[0]) continue;
    size_t k = 1;
    while (k < needle.size() && ascii_lower(hay[i + k]) == needle[k]) ++k;
    if (k == needle.size()) return true;
  }
  return false;
}

// Length of a citation marker at `s` ("[12]", "[]", "[edit]", "[citation
// needed]"), or 0. Digits are any Unicode decimal digit.
size_t citation_at(std::string_view s) {
  if (s.empty() || s[0] != '[') return 0;
  for (std::string_view lit : {std::string_view("[edit]"), std::string_view("[citation needed]")}) {
    if (s.rfind(lit, 0) == 0) return lit.size();
  }
  int32_t i = 1;
  const int32_t n = static_cast<int32_t>(s.size());
  while (i < n) {
    if (s[static_cast<size_t>(i)] == ']') return static_cast<size_t>(i) + 1;
    UChar32 ch;
    U8_NEXT(s.data(), i, n, ch);
    if (u_charType(ch) != U_DECIMAL_DIGIT_NUMBER) return 0;
  }
  return 0;
}

constexpr std::string_view kPolicy[] = {"terms of use", "privacy policy", "cookie policy",
                                        "uses cookies",  "use of cookies", "use cookies"};

class C4Filter final : public DocumentTransform {
 public:
  explicit C4Filter(std::shared_ptr<const C4Config> c) : c_(std::move(c)), words_(c_->language, c_->words) {}

  void apply(Document& doc) override {
    std::string_view r = check(doc.text());
    if (!r.empty()) {
      doc.drop(r);
      return;
    }
    if (out_ != doc.text()) doc.set_text(out_);
  }

 private:
  std::string_view check(std::string_view text) {
    const auto& c = *c_;
    split_lines(text, lines_);
    out_.clear();
    long sentences = 0;
    size_t kept = 0;
    for (auto raw : lines_) {
      std::string_view line = strip(raw);
      split_whitespace(line, ws_);
      if (c.max_word_length != -1 &&
          std::any_of(ws_.begin(), ws_.end(), [&](std::string_view w) {
            return w.size() > static_cast<size_t>(c.max_word_length) &&
                   code_points(w) > static_cast<size_t>(c.max_word_length);
          }))
        continue;
      if (c.remove_citations && line.find('[') != std::string_view::npos) {
        line_buf_.clear();
        for (size_t i = 0; i < line.size();) {
          const size_t cut = line[i] == '[' ? citation_at(line.substr(i)) : 0;
          if (cut != 0) {
            i += cut;
          } else {
            line_buf_.push_back(line[i++]);
          }
        }
        line = line_buf_;
      }
      if (c.filter_no_terminal_punct) {
        const bool terminal = !line.empty() && (line.back() == '.' || line.back() == '?' || line.back() == '!' ||
                                                line.back() == '"' || line.back() == '\'');
        if (!terminal || line.ends_with("...")) continue;
      }
      if (static_cast<long>(ws_.size()) < c.min_words_per_line) continue;
      if (c.filter_lorem_ipsum && contains_lower(line, "lorem ipsum")) return "c4:lorem_ipsum";
      if (c.filter_javascript && contains_lower(line, "javascript")) continue;
      if (c.filter_curly_bracket && line.find('{') != std::string_view::npos) return "c4:curly_bracket";
      if (c.filter_policy &&
          std::any_of(std::begin(kPolicy), std::end(kPolicy), [&](std::string_view p) { return contains_lower(line, p); }))
        continue;
      if (c.min_num_sentences != -1) sentences += static_cast<long>(words_.count_sentences(line));
      if (kept++ != 0) out_.push_back('\n');
      out_.append(line);
    }
    if (sentences < c.min_num_sentences) return "c4:too_few_sentences";
    // The joined text is stripped once more, as the reference does.
    const std::string_view s = strip(out_);
    if (s.size() != out_.size()) out_ = std::string(s);
    return {};
  }

  std::shared_ptr<const C4Config> c_;
  WordSplitter words_;
  std::vector<std::string_view> lines_, ws_;
  std::string line_buf_, out_;
};

}  // namespace

std::unique_ptr<DocumentTransform> make_c4(std::shared_ptr<const C4Config> c) {
  return std::make_unique<C4Filter>(std::move(c));
}

}  // namespace dpk::quality
