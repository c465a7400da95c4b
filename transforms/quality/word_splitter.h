// word_splitter.h — words and sentences, by one of two sets of rules:
//
// WordRules::kSpacy (the presets' default): spaCy's tokenizer algorithm over
// spaCy's exported rules for the language (spacy_tokenizer.h), so words and
// sentences are those of datatrove's filters; whitespace tokens are dropped
// from the words, as datatrove drops them.
//
// WordRules::kIcu: ICU break iterators. Words are ICU word-boundary segments that are not all whitespace, adjusted
// toward the tokenizer the reference filters use (spaCy's rule-based one):
//   - a run of periods or of hyphens is one token ("...", "--");
//   - a URL (http://, https://, www.) is one token, trailing punctuation apart;
//   - a hyphen stays on a word it touches on one side only ("Thermen-",
//     "-5"), and letter-hyphen-digit stays whole ("COVID-19");
//   - a period stays on a single letter ("A."), on a dotted abbreviation
//     ("e.g.", "U.S.") and, for English, on common abbreviations ("Mr.");
//   - for English, clitics are tokens ("don't" -> "do" "n't") and so are
//     the parts of apostrophe-less contractions ("dont" -> "do" "nt").
// The iterators are made once per instance and re-pointed at each text
// through a UText over the UTF-8 bytes (no copy).
//
//   dpk::quality::WordSplitter ws("en");
//   std::vector<std::string_view> words;
//   ws.split("Don't stop...", words);   // "Do" "n't" "stop" "..."
#pragma once

#include <unicode/brkiter.h>
#include <unicode/utext.h>

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "spacy_tokenizer.h"

namespace dpk::quality {

enum class WordRules { kSpacy, kIcu };

// "spacy" or "icu"; nullopt otherwise.
std::optional<WordRules> parse_word_rules(std::string_view name);
// The spaCy language code of a locale ("en_US" -> "en").
std::string spacy_language(std::string_view locale);

class WordSplitter {
 public:
  // With kSpacy, spacy_rules(spacy_language(language)) must exist (callers
  // check when they read their options).
  explicit WordSplitter(const std::string& language, WordRules rules = WordRules::kIcu);
  ~WordSplitter();
  WordSplitter(const WordSplitter&) = delete;
  WordSplitter& operator=(const WordSplitter&) = delete;

  // Replaces `out` with the words of `text` (views into it).
  void split(std::string_view text, std::vector<std::string_view>& out);
  // Number of sentences in `text` (at least 1 for text that is not blank).
  size_t count_sentences(std::string_view text);

 private:
  void split_uncached(std::string_view text, std::vector<std::string_view>& out);
  void push_word(std::string_view w, std::vector<std::string_view>& out);
  void join_infixes(std::vector<std::string_view>& out);

  std::string key_;  // rules and language: splitters with the same key split alike
  std::unique_ptr<icu::BreakIterator> words_;
  std::unique_ptr<icu::BreakIterator> sentences_;
  UText* utext_ = nullptr;
  bool english_ = false;
  std::unique_ptr<SpacyTokenizer> spacy_;
  std::vector<SpacyToken> tokens_;
};

}  // namespace dpk::quality
