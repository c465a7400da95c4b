#include "word_splitter.h"

#include <unicode/locid.h>
#include <unicode/utf8.h>

#include "english_tokens.h"
#include "text_scan.h"

namespace dpk::quality {
namespace {

bool all_of_char(std::string_view w, char c) { return !w.empty() && w.find_first_not_of(c) == std::string_view::npos; }

bool adjacent(std::string_view a, std::string_view b) { return a.data() + a.size() == b.data(); }

bool is_word_char(UChar32 c) { return is_letter(c) || u_isdigit(c); }

// "e.g", "U.S", "a.m": letters with inner periods.
bool is_dotted_letters(std::string_view w) {
  bool dot = false;
  for (int32_t i = 0, n = static_cast<int32_t>(w.size()); i < n;) {
    UChar32 c;
    U8_NEXT(w.data(), i, n, c);
    if (c == '.') {
      dot = true;
    } else if (!is_letter(c)) {
      return false;
    }
  }
  return dot;
}

// Length of a URL starting at `s` (up to the next whitespace), or 0.
size_t url_length(std::string_view s) {
  auto starts = [&](std::string_view p) {
    if (s.size() <= p.size()) return false;
    for (size_t i = 0; i < p.size(); ++i) {
      char c = s[i];
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
      if (c != p[i]) return false;
    }
    return true;
  };
  if (!starts("http://") && !starts("https://") && !starts("www.") && !starts("ftp://")) return 0;
  size_t n = 0;
  for (int32_t i = 0, len = static_cast<int32_t>(s.size()); i < len;) {
    UChar32 c;
    U8_NEXT(s.data(), i, len, c);
    if (is_space(c)) break;
    n = static_cast<size_t>(i);
  }
  return n;
}

}  // namespace

std::optional<WordRules> parse_word_rules(std::string_view name) {
  if (name == "spacy") return WordRules::kSpacy;
  if (name == "icu") return WordRules::kIcu;
  return std::nullopt;
}

std::string spacy_language(std::string_view locale) {
  return std::string(locale.substr(0, locale.find_first_of("_-@")));
}

WordSplitter::WordSplitter(const std::string& language, WordRules rules)
    : key_((rules == WordRules::kSpacy ? "spacy:" : "icu:") + language) {
  if (rules == WordRules::kSpacy) {
    spacy_ = std::make_unique<SpacyTokenizer>(*spacy_rules(spacy_language(language)));
    return;
  }
  UErrorCode st = U_ZERO_ERROR;
  icu::Locale loc(language.c_str());
  words_.reset(icu::BreakIterator::createWordInstance(loc, st));
  // "ss=standard" keeps common abbreviations ("Mr.", "e.g.") from ending a sentence.
  UErrorCode st2 = U_ZERO_ERROR;
  icu::Locale sloc((language + "@ss=standard").c_str());
  sentences_.reset(icu::BreakIterator::createSentenceInstance(sloc, st2));
  english_ = language == "en" || language.rfind("en_", 0) == 0 || language.rfind("en-", 0) == 0;
}

WordSplitter::~WordSplitter() {
  if (utext_ != nullptr) utext_close(utext_);
}

void WordSplitter::push_word(std::string_view w, std::vector<std::string_view>& out) {
  if (!out.empty() && adjacent(out.back(), w)) {
    std::string_view& prev = out.back();
    const auto merge = [&] { prev = std::string_view(prev.data(), prev.size() + w.size()); };
    if (w == ".") {
      const bool single_letter = code_points(prev) == 1 && is_letter(first_code_point(prev));
      if (all_of_char(prev, '.') || single_letter || is_dotted_letters(prev) ||
          (english_ && is_english_abbreviation(prev))) {
        merge();
        return;
      }
    } else if ((w == "-" && all_of_char(prev, '-')) || (w == "=" && prev == "=")) {
      merge();
      return;
    }
  }
  if (english_) {
    if (size_t cl = english_clitic_length(w); cl != 0) {
      out.push_back(w.substr(0, w.size() - cl));
      out.push_back(w.substr(w.size() - cl));
      return;
    }
    if (size_t at = english_contraction_split(w); at != 0) {
      out.push_back(w.substr(0, at));
      out.push_back(w.substr(at));
      return;
    }
  }
  out.push_back(w);
}

// A hyphen that touches a word on one side only stays on it; between a
// letter and a digit it joins both ("COVID-19"). Times, fractions and
// "A&W" stay whole.
void WordSplitter::join_infixes(std::vector<std::string_view>& out) {
  size_t o = 0;
  for (size_t i = 0; i < out.size(); ++i) {
    std::string_view t = out[i];
    const bool infix_sym = t == ":" || t == "/" || t == "=" || t == "==" || t == "<" || t == ">";
    if (infix_sym || t == "&") {
      // Inside a word these split only before a letter ("a/b", "x=y");
      // "10:30", "2/3", "python:3.8", "pkg==1.0" and "A&W" stay whole.
      const bool both = o > 0 && i + 1 < out.size() && adjacent(out[o - 1], t) && adjacent(t, out[i + 1]) &&
                        is_word_char(last_code_point(out[o - 1]));
      const bool glue =
          both && (t == "&" ? is_letter(last_code_point(out[o - 1])) && is_letter(first_code_point(out[i + 1]))
                            : u_isdigit(first_code_point(out[i + 1])));
      if (glue) {
        std::string_view& prev = out[o - 1];
        prev = std::string_view(prev.data(), prev.size() + t.size() + out[i + 1].size());
        ++i;
        continue;
      }
    }
    if (!all_of_char(t, '-')) {
      out[o++] = t;
      continue;
    }
    const bool left = o > 0 && adjacent(out[o - 1], t) && is_word_char(last_code_point(out[o - 1]));
    const bool right = i + 1 < out.size() && adjacent(t, out[i + 1]) && is_word_char(first_code_point(out[i + 1]));
    if (left && right) {
      if (is_letter(last_code_point(out[o - 1])) && u_isdigit(first_code_point(out[i + 1]))) {
        std::string_view& prev = out[o - 1];
        prev = std::string_view(prev.data(), prev.size() + t.size() + out[i + 1].size());
        ++i;
        continue;
      }
      out[o++] = t;
    } else if (left) {
      std::string_view& prev = out[o - 1];
      prev = std::string_view(prev.data(), prev.size() + t.size());
    } else if (right && (o == 0 || !adjacent(out[o - 1], t))) {
      out[o++] = std::string_view(t.data(), t.size() + out[i + 1].size());
      ++i;
    } else {
      out[o++] = t;
    }
  }
  out.resize(o);
}

namespace {

// The words of the last text split on this thread, as offsets. The presets
// of a recipe run one after another on a document in the same thread, so
// the second preset to split the same text (same rules and language) reuses
// the first one's words instead of splitting it again.
struct LastSplit {
  std::string key;  // rules and language
  std::string text;
  std::vector<std::pair<uint32_t, uint32_t>> words;
};
thread_local LastSplit last_split;

}  // namespace

void WordSplitter::split(std::string_view text, std::vector<std::string_view>& out) {
  out.clear();
  LastSplit& last = last_split;
  if (last.key == key_ && last.text == text) {
    for (auto [b, n] : last.words) out.push_back(text.substr(b, n));
    return;
  }
  split_uncached(text, out);
  last.key = key_;
  last.text.assign(text);
  last.words.clear();
  for (auto w : out) last.words.emplace_back(static_cast<uint32_t>(w.data() - text.data()), static_cast<uint32_t>(w.size()));
}

void WordSplitter::split_uncached(std::string_view text, std::vector<std::string_view>& out) {
  if (spacy_) {
    spacy_->tokenize(text, tokens_);
    for (const auto& t : tokens_) {
      if (t.space) continue;
      const std::string_view w = strip(t.text);
      if (!w.empty()) out.push_back(w);
    }
    return;
  }
  UErrorCode st = U_ZERO_ERROR;
  utext_ = utext_openUTF8(utext_, text.data(), static_cast<int64_t>(text.size()), &st);
  words_->setText(utext_, st);
  if (U_FAILURE(st)) return;
  int32_t begin = words_->first();
  for (int32_t end = words_->next(); end != icu::BreakIterator::DONE; begin = end, end = words_->next()) {
    const auto b = static_cast<size_t>(begin);
    std::string_view w = text.substr(b, static_cast<size_t>(end) - b);
    if (is_blank(w)) continue;
    const bool chunk_start = b == 0 || is_space(last_code_point(text.substr(0, b)));
    if (size_t url = chunk_start ? url_length(text.substr(b)) : 0; url != 0) {
      // Trailing punctuation is not part of the URL.
      std::string_view u = text.substr(b, url);
      size_t cut = u.size();
      while (cut > 0 && std::string_view(".,;:!?)]\"'").find(u[cut - 1]) != std::string_view::npos) --cut;
      out.push_back(u.substr(0, cut));
      for (size_t k = cut; k < u.size(); ++k) out.push_back(u.substr(k, 1));
      end = words_->following(static_cast<int32_t>(b + url - 1));
      if (end == icu::BreakIterator::DONE) break;
      continue;
    }
    w = strip(w);
    // A word may start with "/" ("/tmp") or "+" before a digit ("+49").
    if (chunk_start && (w == "/" || w == "+")) {
      const auto e = static_cast<size_t>(end);
      if (e < text.size() && !is_space(first_code_point(text.substr(e))) &&
          (w == "/" || u_isdigit(first_code_point(text.substr(e))))) {
        const int32_t after = words_->next();
        if (after != icu::BreakIterator::DONE) {
          out.push_back(text.substr(b, static_cast<size_t>(after) - b));
          end = after;
          continue;
        }
      }
    }
    push_word(w, out);
  }
  join_infixes(out);
}

size_t WordSplitter::count_sentences(std::string_view text) {
  if (spacy_) return spacy_->count_sentences(text);
  UErrorCode st = U_ZERO_ERROR;
  utext_ = utext_openUTF8(utext_, text.data(), static_cast<int64_t>(text.size()), &st);
  sentences_->setText(utext_, st);
  if (U_FAILURE(st)) return 1;
  size_t n = 0;
  int32_t begin = sentences_->first();
  for (int32_t end = sentences_->next(); end != icu::BreakIterator::DONE; begin = end, end = sentences_->next()) {
    if (!is_blank(text.substr(static_cast<size_t>(begin), static_cast<size_t>(end - begin)))) ++n;
  }
  return n;
}

}  // namespace dpk::quality
