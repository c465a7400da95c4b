// spacy_rules.h — spaCy's tokenizer rules for one language: the data that
// SpacyTokenizer runs spaCy's algorithm over. They are exported from the
// spaCy package by scripts/export_spacy_tokenizer_rules.py into
// data/spacy-tokenizer-rules.txt.zst, which the build compiles into the
// library; a language's rules are parsed and compiled on first use and then
// shared, read-only, by every thread.
//
//   const dpk::quality::SpacyRules* en = dpk::quality::spacy_rules("en");
//   if (en == nullptr) { /* no rules for this language */ }
#pragma once

#include <unicode/regex.h>

#include <bitset>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace dpk::quality {

// Hash for string-keyed maps looked up by string_view without a copy.
struct StringHash {
  using is_transparent = void;
  size_t operator()(std::string_view s) const noexcept { return std::hash<std::string_view>{}(s); }
};
template <class V>
using StringMap = std::unordered_map<std::string, V, StringHash, std::equal_to<>>;

struct SpacyRules {
  std::string language;
  // Null when the language has none. prefix and token/url are matched at the
  // start of a string, suffix searched for (it is anchored at the end), infix
  // found repeatedly.
  std::unique_ptr<icu::RegexPattern> prefix, suffix, infix, token_match, url_match;
  // The suffix pattern split in two, when the export could: alternatives
  // that match at most `suffix_window` code points (tried only near the
  // end) and the others (tried everywhere). Null when not split.
  std::unique_ptr<icu::RegexPattern> suffix_bounded, suffix_unbounded;
  int32_t suffix_window = -1;
  // The bounded alternatives that are plain strings ("," "'s", 70 of 81 in
  // English), taken out of suffix_bounded (null when none is left) and
  // compared directly: ICU tries every alternative at every position, so
  // these made up most of the suffix search. suffix_bounded_whole is the
  // pattern as exported, for the one string the split does not hold for
  // (see SpacyTokenizer::suffix_length).
  std::vector<icu::UnicodeString> suffix_literals;
  std::unique_ptr<icu::RegexPattern> suffix_bounded_whole;
  // Special cases: a string -> the token texts it becomes (they concatenate to it).
  StringMap<std::vector<std::string>> specials;
  // Special cases spaCy also looks for across tokens, by first token: the
  // token texts the string splits into without special cases, and the string.
  struct SpanCase {
    std::vector<std::string> pieces;
    std::string string;
  };
  StringMap<std::vector<SpanCase>> span_cases;
  // The sentencizer's sentence-ending punctuation, one code point each.
  std::unordered_set<std::string, StringHash, std::equal_to<>> sentence_punct;
  size_t sentence_punct_longest = 0;  // bytes
  // The characters a prefix match can begin with, a suffix match end with,
  // an infix match begin with (ASCII ones, and whether any non-ASCII one):
  // a string without such a character cannot match. Unknown: no filter.
  struct Edge {
    bool known = false;
    bool non_ascii = true;
    std::bitset<128> ascii;
    bool may_be(UChar32 c) const { return !known || (c < 128 ? ascii[static_cast<size_t>(c)] : non_ascii); }
  };
  Edge prefix_first, suffix_last, infix_first;
  // A chunk of only letters and marks (or only ASCII digits) that is not a
  // special case is one token: the export proved no affix pattern matches it.
  bool plain_letters = false, plain_digits = false;

  // Quick rejection before a hash lookup: whether some special case (or span
  // case's first token) starts with byte F and ends with byte L.
  bool may_be_special(std::string_view s) const { return !s.empty() && special_edges[edge(s)]; }
  bool may_start_span_case(std::string_view s) const { return !s.empty() && span_case_edges[edge(s)]; }
  static size_t edge(std::string_view s) {
    return static_cast<size_t>(static_cast<unsigned char>(s.front())) << 8 | static_cast<unsigned char>(s.back());
  }
  std::vector<bool> special_edges = std::vector<bool>(1 << 16), span_case_edges = std::vector<bool>(1 << 16);
};

// The rules of `language` (a spaCy language code: "en", "de", ...), or
// nullptr when none were exported for it. Thread-safe.
const SpacyRules* spacy_rules(std::string_view language);

}  // namespace dpk::quality
