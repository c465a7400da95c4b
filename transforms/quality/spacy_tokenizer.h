// spacy_tokenizer.h — spaCy's rule-based tokenizer algorithm over exported
// rules (spacy_rules.h), so that words and sentences count as datatrove
// counts them. The text is cut at whitespace (a single space after a chunk
// is dropped, other whitespace becomes tokens); each chunk is a special case,
// or loses prefixes and suffixes until a special case, the token or URL
// pattern, or nothing more matches; what is left splits at infixes. Special
// cases that span several tokens are then joined, and the sentencizer ends a
// sentence before the first non-punctuation token after . ! ? (and the
// other sentence punctuation of the rules).
//
// One instance per thread: it holds ICU matchers and a cache of chunk
// splits (most chunks of a text repeat).
//
//   dpk::quality::SpacyTokenizer tok(*dpk::quality::spacy_rules("en"));
//   std::vector<dpk::quality::SpacyToken> t;
//   tok.tokenize("and/or 6oz", t);   // "and/or" "6" "oz"
#pragma once

#include <unicode/regex.h>
#include <unicode/unistr.h>

#include <cstdint>
#include <memory>
#include <string_view>
#include <vector>

#include "spacy_rules.h"

namespace dpk::quality {

struct SpacyToken {
  std::string_view text;  // a view into the tokenized text
  bool space;             // only whitespace (spaCy keeps such tokens; words drop them)
};

class SpacyTokenizer {
 public:
  explicit SpacyTokenizer(const SpacyRules& rules);
  ~SpacyTokenizer();
  SpacyTokenizer(const SpacyTokenizer&) = delete;
  SpacyTokenizer& operator=(const SpacyTokenizer&) = delete;

  // Replaces `out` with the tokens of `text`, whitespace tokens included.
  void tokenize(std::string_view text, std::vector<SpacyToken>& out);
  // Sentences of `text` as the sentencizer cuts them, not counting blank ones.
  size_t count_sentences(std::string_view text);

 private:
  void chunk(std::string_view c, std::vector<SpacyToken>& out);
  void split_chunk(std::string_view c, std::vector<SpacyToken>& out);
  void join_span_cases(std::string_view text, std::vector<SpacyToken>& out);
  bool is_special(std::string_view s) const;
  bool may_hold_infix(int32_t b, int32_t e) const;
  // Only letters and marks, or only ASCII digits, where the rules prove no
  // affix pattern can match such a string.
  bool is_plain(std::string_view s) const;
  int32_t prefix_length(int32_t b, int32_t e);
  int32_t suffix_length(int32_t b, int32_t e);
  bool starts_with_match(icu::RegexMatcher* m, int32_t b, int32_t e);
  std::string_view view(std::string_view c, int32_t b, int32_t e) const;

  const SpacyRules& rules_;
  std::unique_ptr<icu::RegexMatcher> prefix_, suffix_, infix_, token_, url_, suffix_bounded_, suffix_unbounded_,
      suffix_bounded_whole_;
  // Chunk -> byte lengths of its tokens.
  StringMap<std::vector<uint32_t>> cache_;
  // Scratch, reused across chunks and texts.
  icu::UnicodeString u_;
  std::vector<uint32_t> offset_;  // UTF-16 index -> byte offset in the chunk
  std::vector<std::pair<int32_t, int32_t>> prefixes_, suffixes_;
  std::vector<std::pair<size_t, size_t>> spans_;
  std::vector<SpacyToken> tokens_, joined_;
};

}  // namespace dpk::quality
