#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "dpk/document_parser.h"
#include "dpk/transform.h"
#include "text_scan.h"
#include "word_splitter.h"

namespace dpk {
namespace {

std::string json_escape(std::string_view s) {
  std::string o;
  for (char c : s) {
    if (c == '"' || c == '\\') {
      o += '\\';
      o += c;
    } else if (c == '\n') {
      o += "\\n";
    } else {
      o += c;
    }
  }
  return o;
}

struct Outcome {
  std::string reason;  // empty: kept
  std::string text;
};

StatusOr<ConfiguredStep> configure(std::vector<std::pair<std::string, std::string>> opts) {
  const TransformSpec* spec = find_transform("quality");
  OptionValues v;
  for (auto& [k, val] : opts) v.set(k, val);
  if (Status s = validate_options(spec->options, v, ""); !s.ok()) return s;
  return spec->configure(v, StepContext{});
}

Outcome run(std::vector<std::pair<std::string, std::string>> opts, std::string_view text, std::string extra = "") {
  auto step = configure(std::move(opts));
  EXPECT_TRUE(step.ok()) << step.status().message();
  auto t = step.value().make();
  auto* dt = dynamic_cast<DocumentTransform*>(t.get());
  EXPECT_NE(dt, nullptr);
  static DocumentParser parser;
  static Schema schema;
  std::string line = "{\"id\":\"1\",\"text\":\"" + json_escape(text) + "\"" + extra + "}";
  std::string buf = line + std::string(DocumentParser::kPadding, ' ');
  Document doc;
  std::string err;
  EXPECT_TRUE(parser.parse(std::string_view(buf.data(), line.size()), buf.size(), schema, doc, err)) << err;
  dt->apply(doc);
  return {std::string(doc.drop_reason()), std::string(doc.text())};
}

std::string repeat_lines(const std::string& line, int n) {
  std::string s;
  for (int i = 0; i < n; ++i) s += line + "\n";
  return s;
}

const std::string kGood =
    "The history of the town goes back to the twelfth century, when a small group of farmers settled "
    "on the banks of the river. They built a church and a mill, and over the following centuries the "
    "village grew into a market town with a busy harbour. Today it is known for its old houses, its "
    "annual music festival and the long walks that visitors can take along the coast. Many families "
    "have lived here for generations, and they are proud of the traditions that they keep alive.";

TEST(QualityTextScan, SplitLinesFollowsPythonSplitlines) {
  std::vector<std::string_view> lines;
  quality::split_lines("a\r\nb\x0b" "c\xe2\x80\xa8" "d\n\ne\n", lines);
  ASSERT_EQ(lines.size(), 6u);
  EXPECT_EQ(lines[0], "a");
  EXPECT_EQ(lines[3], "d");
  EXPECT_EQ(lines[4], "");
  EXPECT_EQ(lines[5], "e");
  EXPECT_EQ(quality::strip("\xc2\xa0 x y\xe3\x80\x80\t"), "x y");
  EXPECT_EQ(quality::code_points("h\xc3\xa9llo"), 5u);
  EXPECT_EQ(quality::count_occurrences("......", "..."), 2u);
}

TEST(QualityTextScan, SymbolsAreAsciiPunctuationAndSentenceTerminators) {
  EXPECT_TRUE(quality::is_symbol('#'));
  EXPECT_TRUE(quality::is_symbol(0x2026));  // …
  EXPECT_TRUE(quality::is_symbol(0x3002));  // 。
  EXPECT_FALSE(quality::is_symbol(0x2022)); // • is a word character for the word count
  EXPECT_FALSE(quality::is_symbol('a'));
  EXPECT_FALSE(quality::is_symbol('7'));
}

TEST(QualityWordSplitter, MatchesReferenceTokenization) {
  quality::WordSplitter ws("en");
  std::vector<std::string_view> w;
  ws.split("Don't stop... Mr. Smith's COVID-19 test at 10:30, see http://x.com/a. Thermen- und -5 A&W im", w);
  std::vector<std::string> got(w.begin(), w.end());
  std::vector<std::string> want = {"Do", "n't", "stop", "...", "Mr.", "Smith", "'s", "COVID-19", "test", "at",
                                   "10:30", ",", "see", "http://x.com/a", ".", "Thermen-", "und", "-5", "A&W",
                                   "i", "m"};
  EXPECT_EQ(got, want);
  EXPECT_EQ(ws.count_sentences("It rained. Then it stopped! Did it?"), 3u);
}

TEST(QualityGopher, KeepsProseDropsShortAndStopWordlessText) {
  EXPECT_EQ(run({{"preset", "gopher-quality"}}, kGood).reason, "");
  EXPECT_EQ(run({{"preset", "gopher-quality"}}, "Too short to be a page.").reason, "gopher_quality:too_few_words");
  std::string no_stop;
  for (int i = 0; i < 60; ++i) no_stop += "Kaffee Kuchen Zucker ";
  EXPECT_EQ(run({{"preset", "gopher-quality"}}, no_stop).reason, "gopher_quality:stop_words");
  EXPECT_EQ(run({{"preset", "gopher-quality"}, {"min-stop-words", "0"}}, no_stop).reason, "");
  EXPECT_EQ(run({{"preset", "gopher-quality"}}, repeat_lines("- the item of a long list of things", 12)).reason,
            "gopher_quality:bullet_lines");
  EXPECT_EQ(run({{"preset", "gopher-quality"}}, kGood + " #a #b #c #d #e #f #g #h #i #j #k #l #m #n").reason,
            "gopher_quality:hash_ratio");
}

TEST(QualityGopherRepetition, DropsRepeatedLinesAndNGrams) {
  EXPECT_EQ(run({{"preset", "gopher-repetition"}}, kGood).reason, "");
  EXPECT_EQ(run({{"preset", "gopher-repetition"}}, repeat_lines("Buy now and save!", 5) + kGood).reason,
            "gopher_repetition:dup_line_frac");
  std::string grams;
  for (int i = 0; i < 30; ++i) grams += "click here ";
  EXPECT_EQ(run({{"preset", "gopher-repetition"}}, kGood + " " + grams).reason, "gopher_repetition:top_2_gram");
  EXPECT_EQ(run({{"preset", "gopher-repetition"}, {"top-n-grams", "2:0.9"}, {"dup-n-grams", "5:0.9"}}, kGood + " " + grams)
                .reason,
            "");
}

TEST(QualityC4, RemovesLinesAndRewritesText) {
  const std::string page = "Menu\nHome | About\n" + kGood + "[12]\nThis site uses cookies to work well.\n"
                           "Please enable JavaScript in your browser now.\nShort line.\nA last line that ends well.\n";
  Outcome o = run({{"preset", "c4"}}, page);
  EXPECT_EQ(o.reason, "");
  EXPECT_EQ(o.text, kGood + "\nA last line that ends well.");
  EXPECT_EQ(run({{"preset", "c4"}}, kGood + "\nLorem ipsum dolor sit amet.").reason, "c4:lorem_ipsum");
  EXPECT_EQ(run({{"preset", "c4"}}, kGood + "\nfunction f() { return 1; }.").reason, "c4:curly_bracket");
  EXPECT_EQ(run({{"preset", "c4"}}, "One sentence only, with some words.").reason, "c4:too_few_sentences");
  EXPECT_EQ(run({{"preset", "c4"}, {"min-sentences", "1"}}, "One sentence only, with some words.").reason, "");
}

TEST(QualityFineWeb, DropsListsAndUnpunctuatedPages) {
  EXPECT_EQ(run({{"preset", "fineweb"}}, kGood).reason, "");
  EXPECT_EQ(run({{"preset", "fineweb"}}, "Home\nAbout us\nContact\nImprint\n").reason, "fineweb:line_punct_ratio");
  EXPECT_EQ(run({{"preset", "fineweb"}}, "").reason, "fineweb:empty");
  EXPECT_EQ(run({{"preset", "fineweb"}, {"short-line-thr", "1"}, {"char-duplicates-ratio", "1"}},
                "Yes.\nNo.\nMaybe.\nWell.\n")
                .reason,
            "fineweb:list_ratio");
}

TEST(QualityBadWords, MatchesWholeWordsOfTheDocumentsLanguage) {
  const auto dir = std::filesystem::temp_directory_path() / "dpk-quality-badwords-test";
  std::filesystem::create_directories(dir);
  std::ofstream(dir / "en.txt") << "casino\nonline dating\n";
  std::ofstream(dir / "de.txt") << "spielbank\n";
  const std::vector<std::pair<std::string, std::string>> o = {{"preset", "badwords"}, {"words-dir", dir.string()}};
  EXPECT_EQ(run(o, "Visit the CASINO!").reason, "badwords:en");  // no lang field: --default-lang en
  EXPECT_EQ(run(o, "Casinos are fine.").reason, "");           // not a whole word
  EXPECT_EQ(run(o, "try online dating", ",\"lang\":\"en\"").reason, "badwords:en");
  EXPECT_EQ(run(o, "the casino", ",\"lang\":\"de\"").reason, "");
  EXPECT_EQ(run(o, "die Spielbank", ",\"lang\":\"de\"").reason, "badwords:de");
  EXPECT_EQ(run(o, "casino", ",\"lang\":\"fr\"").reason, "");  // no list: kept
  std::filesystem::remove_all(dir);
}

TEST(QualityOptions, OtherPresetsOptionsAreUsageErrors) {
  auto s = configure({{"preset", "c4"}, {"min-doc-words", "3"}});
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.status().code(), StatusCode::kUsage);
  EXPECT_FALSE(configure({{"preset", "badwords"}}).ok());
  EXPECT_FALSE(configure({{"preset", "badwords"}, {"words-dir", "/x"}, {"lang", "de"}}).ok());
  EXPECT_FALSE(configure({{"preset", "gopher-repetition"}, {"top-n-grams", "2-0.2"}}).ok());
  EXPECT_FALSE(configure({}).ok());
  EXPECT_TRUE(configure({{"preset", "fineweb"}, {"lang", "de"}}).ok());
}

TEST(QualityOptions, WordSplitterNeedsRulesForTheLanguage) {
  EXPECT_TRUE(configure({{"preset", "gopher-quality"}, {"word-splitter", "spacy"}, {"language", "de"}}).ok());
  // spaCy cuts Chinese with an outside segmenter: no rules to run.
  auto zh = configure({{"preset", "gopher-quality"}, {"language", "zh"}});
  ASSERT_FALSE(zh.ok());
  EXPECT_EQ(zh.status().code(), StatusCode::kUsage);
  EXPECT_TRUE(configure({{"preset", "gopher-quality"}, {"word-splitter", "icu"}, {"language", "zh"}}).ok());
  EXPECT_FALSE(configure({{"preset", "badwords"}, {"words-dir", "/x"}, {"word-splitter", "icu"}}).ok());
}

// and/or is one spaCy token, 6oz two: the word counts, and so the decision,
// follow the splitter.
TEST(QualityGopher, WordCountFollowsTheSplitter) {
  std::string text;
  for (int i = 0; i < 13; ++i) text += "the and/or of ";
  EXPECT_EQ(run({{"preset", "gopher-quality"}, {"min-stop-words", "0"}}, text).reason, "gopher_quality:too_few_words");
  EXPECT_EQ(run({{"preset", "gopher-quality"}, {"min-stop-words", "0"}, {"word-splitter", "icu"}}, text).reason,
            "gopher_quality:mean_word_length");
}

}  // namespace
}  // namespace dpk
