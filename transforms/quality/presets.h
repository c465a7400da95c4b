// presets.h — the configuration of each quality preset and the factories
// that make a per-thread filter for it. quality.cpp turns options into these.
#pragma once

#include <memory>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

#include "dpk/transform.h"
#include "word_splitter.h"

namespace dpk::quality {

// Thresholds; a disabled check has its `use_*` false (datatrove: None/0).
struct GopherQualityConfig {
  std::string language = "en";
  WordRules words = WordRules::kSpacy;  // how words and sentences are cut
  double min_doc_words = 50, max_doc_words = 100000;
  double min_avg_word_length = 3, max_avg_word_length = 10;
  double max_symbol_word_ratio = 0.1;
  double max_bullet_lines_ratio = 0.9, max_ellipsis_lines_ratio = 0.3;
  double min_alpha_words_ratio = 0.8;
  double min_stop_words = 2;
  std::vector<std::string> stop_words = {"the", "be", "to", "of", "and", "that", "have", "with"};
};

struct GopherRepetitionConfig {
  std::string language = "en";
  WordRules words = WordRules::kSpacy;  // how words and sentences are cut
  double dup_line_frac = 0.3, dup_para_frac = 0.3;
  double dup_line_char_frac = 0.2, dup_para_char_frac = 0.2;
  std::vector<std::pair<int, double>> top_n_grams = {{2, 0.2}, {3, 0.18}, {4, 0.16}};
  std::vector<std::pair<int, double>> dup_n_grams = {{5, 0.15}, {6, 0.14}, {7, 0.13},
                                                     {8, 0.12}, {9, 0.11}, {10, 0.10}};
  // Reason strings for the n-gram checks, owned here so they outlive the run.
  std::vector<std::string> top_reasons, dup_reasons;
};

struct C4Config {
  std::string language = "en";
  WordRules words = WordRules::kSpacy;  // how words and sentences are cut
  bool remove_citations = true;
  bool filter_no_terminal_punct = true;
  long min_num_sentences = 5;   // -1 disables
  long min_words_per_line = 3;  // -1 disables
  long max_word_length = 1000;  // -1 disables
  bool filter_lorem_ipsum = true, filter_javascript = true;
  bool filter_curly_bracket = true, filter_policy = true;
};

struct FineWebConfig {
  std::string language = "en";
  WordRules words = WordRules::kSpacy;  // how words and sentences are cut
  double line_punct_thr = 0.12;
  bool line_punct_exclude_zero = false;
  double short_line_thr = 0.67;
  long short_line_length = 30;
  double char_duplicates_ratio = 0.01;
  double new_line_ratio = 0.3;
};

struct BadWordsConfig {
  std::string lang_key = "lang";
  std::string default_lang = "en";
  // Language -> RE2 pattern source; "*" applies to every document (--words).
  std::unordered_map<std::string, std::string> patterns;
  // Reason strings ("badwords:LANG"), owned here.
  std::unordered_map<std::string, std::string> reasons;
};

std::unique_ptr<DocumentTransform> make_gopher_quality(std::shared_ptr<const GopherQualityConfig> c);
std::unique_ptr<DocumentTransform> make_gopher_repetition(std::shared_ptr<const GopherRepetitionConfig> c);
std::unique_ptr<DocumentTransform> make_c4(std::shared_ptr<const C4Config> c);
std::unique_ptr<DocumentTransform> make_fineweb(std::shared_ptr<const FineWebConfig> c);
std::unique_ptr<DocumentTransform> make_badwords(std::shared_ptr<const BadWordsConfig> c);

// Reads word lists (one word or phrase a line) into `c.patterns`: a
// directory of LANG.txt files, or one FILE for every language.
Status load_badwords(const std::string& dir, const std::string& file, BadWordsConfig& c);

}  // namespace dpk::quality
