// quality — heuristic quality filters for web text: one preset per step
// (gopher-quality, gopher-repetition, c4, fineweb, badwords); a recipe
// chains several. Each threshold is an option whose default is the
// published one; an option of another preset is a usage error.
#include <charconv>
#include <map>

#include "presets.h"

namespace dpk {
namespace {

using quality::BadWordsConfig;
using quality::C4Config;
using quality::FineWebConfig;
using quality::GopherQualityConfig;
using quality::GopherRepetitionConfig;

// Which preset each preset-specific option belongs to.
const std::map<std::string, std::string>& option_owner() {
  static const std::map<std::string, std::string> k = {
      {"min-doc-words", "gopher-quality"},         {"max-doc-words", "gopher-quality"},
      {"min-avg-word-length", "gopher-quality"},   {"max-avg-word-length", "gopher-quality"},
      {"max-symbol-word-ratio", "gopher-quality"}, {"max-bullet-lines-ratio", "gopher-quality"},
      {"max-ellipsis-lines-ratio", "gopher-quality"}, {"min-alpha-words-ratio", "gopher-quality"},
      {"min-stop-words", "gopher-quality"},        {"stop-words", "gopher-quality"},
      {"dup-line-frac", "gopher-repetition"},      {"dup-para-frac", "gopher-repetition"},
      {"dup-line-char-frac", "gopher-repetition"}, {"dup-para-char-frac", "gopher-repetition"},
      {"top-n-grams", "gopher-repetition"},        {"dup-n-grams", "gopher-repetition"},
      {"keep-citations", "c4"},                    {"allow-no-terminal-punct", "c4"},
      {"min-sentences", "c4"},                     {"min-words-per-line", "c4"},
      {"max-word-length", "c4"},                   {"allow-lorem-ipsum", "c4"},
      {"allow-javascript", "c4"},                  {"allow-curly-bracket", "c4"},
      {"allow-policy", "c4"},                      {"line-punct-thr", "fineweb"},
      {"line-punct-exclude-zero", "fineweb"},      {"short-line-thr", "fineweb"},
      {"short-line-length", "fineweb"},            {"char-duplicates-ratio", "fineweb"},
      {"new-line-ratio", "fineweb"},               {"words-dir", "badwords"},
      {"words", "badwords"},                       {"lang-key", "badwords"},
      {"default-lang", "badwords"},                {"lang", "*text"},
      {"word-splitter", "*text"},
  };
  return k;
}

double num(const OptionValues& v, const char* name, double dflt) { return v.has(name) ? v.get_double(name) : dflt; }
long integer(const OptionValues& v, const char* name, long dflt) {
  return v.has(name) ? static_cast<long>(v.get_int(name)) : dflt;
}

// "2:0.2,3:0.18" -> {{2,0.2},{3,0.18}}.
Status parse_grams(const OptionValues& v, const char* name, std::vector<std::pair<int, double>>& out) {
  if (!v.has(name)) return Status::Ok();
  out.clear();
  for (const auto& item : v.get_list(name)) {
    const auto colon = item.find(':');
    int n = 0;
    double f = 0;
    const char* b = item.data();
    const bool ok = colon != std::string::npos &&
                    std::from_chars(b, b + colon, n).ec == std::errc() && n >= 1 && n <= 64 &&
                    std::from_chars(b + colon + 1, b + item.size(), f).ec == std::errc();
    if (!ok) return Status::Usage(std::string("--") + name + ": expected N:FRACTION items, got '" + item + "'");
    out.emplace_back(n, f);
  }
  return Status::Ok();
}

StatusOr<ConfiguredStep> configure(const OptionValues& v, const StepContext&) {
  if (!v.has("preset")) return Status::Usage("--preset is required (gopher-quality|gopher-repetition|c4|fineweb|badwords)");
  const std::string preset = v.get_string("preset");
  for (const auto& [name, values] : v.all()) {
    auto it = option_owner().find(name);
    if (it == option_owner().end()) continue;
    const bool applies = it->second == preset || (it->second == "*text" && preset != "badwords");
    if (!applies) return Status::Usage("--" + name + " does not apply to --preset " + preset);
  }
  const std::string language = v.has("lang") ? v.get_string("lang") : "en";
  const auto words = quality::parse_word_rules(v.has("word-splitter") ? v.get_string("word-splitter") : "spacy");
  if (!words) return Status::Usage("--word-splitter: expected spacy or icu");
  if (*words == quality::WordRules::kSpacy && preset != "badwords" &&
      quality::spacy_rules(quality::spacy_language(language)) == nullptr)
    return Status::Usage("--word-splitter spacy has no rules for --lang " + language +
                         " (spaCy's rule-based languages only); use --word-splitter icu");
  ConfiguredStep step;
  if (preset == "gopher-quality") {
    auto c = std::make_shared<GopherQualityConfig>();
    c->language = language;
    c->words = *words;
    c->min_doc_words = num(v, "min-doc-words", c->min_doc_words);
    c->max_doc_words = num(v, "max-doc-words", c->max_doc_words);
    c->min_avg_word_length = num(v, "min-avg-word-length", c->min_avg_word_length);
    c->max_avg_word_length = num(v, "max-avg-word-length", c->max_avg_word_length);
    c->max_symbol_word_ratio = num(v, "max-symbol-word-ratio", c->max_symbol_word_ratio);
    c->max_bullet_lines_ratio = num(v, "max-bullet-lines-ratio", c->max_bullet_lines_ratio);
    c->max_ellipsis_lines_ratio = num(v, "max-ellipsis-lines-ratio", c->max_ellipsis_lines_ratio);
    c->min_alpha_words_ratio = num(v, "min-alpha-words-ratio", c->min_alpha_words_ratio);
    c->min_stop_words = num(v, "min-stop-words", c->min_stop_words);
    if (v.has("stop-words")) c->stop_words = v.get_list("stop-words");
    step.make = [c] { return quality::make_gopher_quality(c); };
  } else if (preset == "gopher-repetition") {
    auto c = std::make_shared<GopherRepetitionConfig>();
    c->language = language;
    c->words = *words;
    c->dup_line_frac = num(v, "dup-line-frac", c->dup_line_frac);
    c->dup_para_frac = num(v, "dup-para-frac", c->dup_para_frac);
    c->dup_line_char_frac = num(v, "dup-line-char-frac", c->dup_line_char_frac);
    c->dup_para_char_frac = num(v, "dup-para-char-frac", c->dup_para_char_frac);
    if (Status s = parse_grams(v, "top-n-grams", c->top_n_grams); !s.ok()) return s;
    if (Status s = parse_grams(v, "dup-n-grams", c->dup_n_grams); !s.ok()) return s;
    for (auto [n, f] : c->top_n_grams) c->top_reasons.push_back("gopher_repetition:top_" + std::to_string(n) + "_gram");
    for (auto [n, f] : c->dup_n_grams)
      c->dup_reasons.push_back("gopher_repetition:duplicated_" + std::to_string(n) + "_n_grams");
    step.make = [c] { return quality::make_gopher_repetition(c); };
  } else if (preset == "c4") {
    auto c = std::make_shared<C4Config>();
    c->language = language;
    c->words = *words;
    c->remove_citations = !v.get_flag("keep-citations");
    c->filter_no_terminal_punct = !v.get_flag("allow-no-terminal-punct");
    c->min_num_sentences = integer(v, "min-sentences", c->min_num_sentences);
    c->min_words_per_line = integer(v, "min-words-per-line", c->min_words_per_line);
    c->max_word_length = integer(v, "max-word-length", c->max_word_length);
    c->filter_lorem_ipsum = !v.get_flag("allow-lorem-ipsum");
    c->filter_javascript = !v.get_flag("allow-javascript");
    c->filter_curly_bracket = !v.get_flag("allow-curly-bracket");
    c->filter_policy = !v.get_flag("allow-policy");
    step.make = [c] { return quality::make_c4(c); };
  } else if (preset == "fineweb") {
    auto c = std::make_shared<FineWebConfig>();
    c->language = language;
    c->words = *words;
    c->line_punct_thr = num(v, "line-punct-thr", c->line_punct_thr);
    c->line_punct_exclude_zero = v.get_flag("line-punct-exclude-zero");
    c->short_line_thr = num(v, "short-line-thr", c->short_line_thr);
    c->short_line_length = integer(v, "short-line-length", c->short_line_length);
    c->char_duplicates_ratio = num(v, "char-duplicates-ratio", c->char_duplicates_ratio);
    c->new_line_ratio = num(v, "new-line-ratio", c->new_line_ratio);
    step.make = [c] { return quality::make_fineweb(c); };
  } else {  // badwords
    auto c = std::make_shared<BadWordsConfig>();
    const std::string dir = v.has("words-dir") ? v.get_string("words-dir") : "";
    const std::string file = v.has("words") ? v.get_string("words") : "";
    if (dir.empty() == file.empty()) return Status::Usage("--preset badwords needs one of --words-dir DIR or --words FILE");
    if (v.has("lang-key")) c->lang_key = v.get_string("lang-key");
    if (v.has("default-lang")) c->default_lang = v.get_string("default-lang");
    if (Status s = quality::load_badwords(dir, file, *c); !s.ok()) return s;
    step.make = [c] { return quality::make_badwords(c); };
  }
  step.explain = "preset " + preset;
  return step;
}

}  // namespace

const TransformSpec& dpk_transform_quality() {
  using T = OptionType;
  static const TransformSpec spec{
      "quality",
      TransformKind::kFilter,
      "Drop low-quality web text with the Gopher, C4 and FineWeb heuristics, or a bad-words list.",
      "One preset per step; chain steps for several (see recipes/pretrain-web.yaml). Every threshold "
      "is an option whose default is the published value; giving an option of another preset is a "
      "usage error. A threshold of 0 turns its check off (gopher-quality; gopher-repetition's line "
      "and paragraph checks).\n\n"
      "gopher-quality: word count, mean word length, '#' and ellipsis per word, bullet and "
      "ellipsis lines, words with a letter, stop words.\n\n"
      "gopher-repetition: duplicate paragraphs and lines (share and characters), the most frequent "
      "2-4-gram, characters in repeated 5-10-grams.\n\n"
      "c4: removes lines without terminal punctuation, with fewer than 3 words, mentioning "
      "javascript or cookie/terms policies, and citation markers; drops pages with 'lorem ipsum', a "
      "curly bracket, or fewer than 5 sentences left. It rewrites the text.\n\n"
      "fineweb: share of lines ending in punctuation, of short lines, characters in duplicated "
      "lines, newlines per word.\n\n"
      "badwords: drops a document containing an entry of its language's list (C4 rule: lower-cased "
      "text, entry flanked by non-word characters; anywhere for ja, th, zh). The language is the "
      "--lang-key field; a language without a list is kept.\n\n"
      "Words and sentences are cut by spaCy's tokenizer rules for --lang (English by default, "
      "whatever the text's language), as datatrove cuts them; --word-splitter icu uses ICU break "
      "iterators instead.",
      {
          {"preset", T::kChoice, "", "The filter this step applies.",
           "gopher-quality|gopher-repetition|c4|fineweb|badwords"},
          renamed("language", {"lang", T::kString, "", "Language of the word and sentence rules (default en).", {}, 0, "LANG"}),
          {"word-splitter", T::kChoice, "", "How words and sentences are cut: spacy (spaCy's tokenizer rules, "
           "as datatrove; default) or icu (ICU break iterators).", "spacy|icu"},
          {"min-doc-words", T::kInt, "", "gopher-quality: fewest words, symbols not counted (default 50).", {}, 0, "N"},
          {"max-doc-words", T::kInt, "", "gopher-quality: most words (default 100000).", {}, 0, "N"},
          {"min-avg-word-length", T::kDouble, "", "gopher-quality: lowest mean word length (default 3).", {}, 0, "X"},
          {"max-avg-word-length", T::kDouble, "", "gopher-quality: highest mean word length (default 10).", {}, 0, "X"},
          {"max-symbol-word-ratio", T::kDouble, "", "gopher-quality: most '#', and most ellipses, per word (default 0.1).", {}, 0, "X"},
          {"max-bullet-lines-ratio", T::kDouble, "", "gopher-quality: most lines starting with a bullet (default 0.9).", {}, 0, "X"},
          {"max-ellipsis-lines-ratio", T::kDouble, "", "gopher-quality: most lines ending with an ellipsis (default 0.3).", {}, 0, "X"},
          {"min-alpha-words-ratio", T::kDouble, "", "gopher-quality: least share of words with a letter (default 0.8).", {}, 0, "X"},
          {"min-stop-words", T::kInt, "", "gopher-quality: fewest distinct stop words (default 2).", {}, 0, "N"},
          {"stop-words", T::kList, "", "gopher-quality: the stop words (default the,be,to,of,and,that,have,with).", {}, 0, "WORD"},
          {"dup-line-frac", T::kDouble, "", "gopher-repetition: most duplicate lines (default 0.3).", {}, 0, "X"},
          {"dup-para-frac", T::kDouble, "", "gopher-repetition: most duplicate paragraphs (default 0.3).", {}, 0, "X"},
          {"dup-line-char-frac", T::kDouble, "", "gopher-repetition: most characters in duplicate lines (default 0.2).", {}, 0, "X"},
          {"dup-para-char-frac", T::kDouble, "", "gopher-repetition: most characters in duplicate paragraphs (default 0.2).", {}, 0, "X"},
          {"top-n-grams", T::kList, "", "gopher-repetition: N:MAX, most characters in the top N-gram (default 2:0.2,3:0.18,4:0.16).", {}, 0, "N:X"},
          {"dup-n-grams", T::kList, "", "gopher-repetition: N:MAX, most characters in repeated N-grams (default 5:0.15,6:0.14,7:0.13,8:0.12,9:0.11,10:0.10).", {}, 0, "N:X"},
          {"keep-citations", T::kFlag, "", "c4: keep citation markers ([1], [edit], [citation needed])."},
          {"allow-no-terminal-punct", T::kFlag, "", "c4: keep lines that do not end in . ? ! \" '."},
          {"min-sentences", T::kInt, "", "c4: fewest sentences left in the page; -1 off (default 5).", {}, 0, "N"},
          {"min-words-per-line", T::kInt, "", "c4: fewest words in a kept line; -1 off (default 3).", {}, 0, "N"},
          {"max-word-length", T::kInt, "", "c4: remove lines with a longer word; -1 off (default 1000).", {}, 0, "N"},
          {"allow-lorem-ipsum", T::kFlag, "", "c4: keep pages with 'lorem ipsum'."},
          {"allow-javascript", T::kFlag, "", "c4: keep lines mentioning javascript."},
          {"allow-curly-bracket", T::kFlag, "", "c4: keep pages with '{'."},
          {"allow-policy", T::kFlag, "", "c4: keep lines about terms of use, privacy or cookies."},
          {"line-punct-thr", T::kDouble, "", "fineweb: least share of lines ending in punctuation (default 0.12).", {}, 0, "X"},
          {"line-punct-exclude-zero", T::kFlag, "", "fineweb: keep documents where no line ends in punctuation."},
          {"short-line-thr", T::kDouble, "", "fineweb: most short lines (default 0.67).", {}, 0, "X"},
          {"short-line-length", T::kInt, "", "fineweb: a short line has at most this many characters (default 30).", {}, 0, "N"},
          {"char-duplicates-ratio", T::kDouble, "", "fineweb: most characters in duplicated lines (default 0.01).", {}, 0, "X"},
          {"new-line-ratio", T::kDouble, "", "fineweb: most newlines per word (default 0.3).", {}, 0, "X"},
          {"words-dir", T::kString, "", "badwords: folder of LANG.txt word lists, one entry a line.", {}, 0, "DIR"},
          {"words", T::kString, "", "badwords: one word list for every document.", {}, 0, "FILE"},
          {"lang-key", T::kString, "", "badwords: field that holds the language (default lang).", {}, 0, "KEY"},
          {"default-lang", T::kString, "", "badwords: language of documents without that field (default en).", {}, 0, "LANG"},
      },
      {{"text", "c4 only: rewritten to the kept lines (or the field named by --text-key)"}},
      {"dpk-quality --preset gopher-quality < web.jsonl > kept.jsonl",
       "dpk-quality --preset c4 --min-sentences 3 -o out/ data/",
       "dpk-quality --preset badwords --words-dir lists/ --lang-key lang < in.jsonl > out.jsonl"},
      "-",
      configure,
  };
  return spec;
}

}  // namespace dpk
