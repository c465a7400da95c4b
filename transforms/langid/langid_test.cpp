#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <memory>
#include <set>
#include <string>

#include <cstdio>

#include "cld2_identifier.h"
#include "dpk/document_parser.h"
#include "dpk/json_text.h"
#include "dpk/transform.h"
#include "fasttext_features.h"
#include "fasttext_identifier.h"
#include "language_identifier.h"
#include "model_locator.h"
#include "../../tests/unit/test_util.h"

namespace dpk {
namespace {

// A document as the runtime makes it: parsed from its JSON line.
struct TestDoc {
  std::string buf;
  Document doc;
};

std::unique_ptr<TestDoc> make_doc(std::string_view text) {
  static DocumentParser parser;
  static const Schema schema;
  auto d = std::make_unique<TestDoc>();
  std::string line = "{\"id\":1,\"text\":";
  append_json_string(line, text);
  line += "}";
  d->buf = line + std::string(DocumentParser::kPadding, ' ');
  std::string error;
  EXPECT_TRUE(parser.parse(std::string_view(d->buf.data(), line.size()), d->buf.size(), schema, d->doc, error))
      << error;
  return d;
}

std::unique_ptr<Transform> make_langid(std::map<std::string, std::string> opts) {
  const TransformSpec* spec = find_transform("langid");
  EXPECT_NE(spec, nullptr);
  OptionValues v;
  for (auto& [k, val] : opts) v.set(k, val);
  Status s = validate_options(spec->options, v, "");
  EXPECT_TRUE(s.ok()) << s.message();
  auto step = spec->configure(v, StepContext{});
  if (!step.ok()) {
    ADD_FAILURE() << step.status().message();
    return nullptr;
  }
  return step->make();
}

void apply(Transform& t, Document& d) { static_cast<DocumentTransform&>(t).apply(d); }

std::string serialized(const Document& d) {
  std::string out;
  d.serialize(out);
  return out;
}

TEST(LangIdPrefix, CutsOnCodePointBoundaries) {
  EXPECT_EQ(prefix_of_code_points("h\xc3\xa9llo", 2), "h\xc3\xa9");
  EXPECT_EQ(prefix_of_code_points("h\xc3\xa9llo", 0), "h\xc3\xa9llo");
  EXPECT_EQ(prefix_of_code_points("\xe4\xb8\xad\xe6\x96\x87", 1), "\xe4\xb8\xad");
  EXPECT_EQ(prefix_of_code_points("abc", 3), "abc");
  EXPECT_EQ(prefix_of_code_points("abcd", 3), "abc");
}

TEST(LangIdCld2, AnnotatesLanguageAndScore) {
  auto t = make_langid({});
  auto d = make_doc("Der schnelle braune Fuchs springt über den faulen Hund, und alle Kinder lachen laut darüber.");
  apply(*t, d->doc);
  std::string lang;
  ASSERT_TRUE(d->doc.get_string("lang", lang));
  EXPECT_EQ(lang, "de");
  auto score = d->doc.get_number("lang_score");
  ASSERT_TRUE(score.has_value());
  EXPECT_GT(*score, 0.5);
  EXPECT_LE(*score, 1.0);
  EXPECT_FALSE(d->doc.has_field("lang_scores"));
  EXPECT_FALSE(d->doc.dropped());
}

TEST(LangIdCld2, FullTablesAreLinked) {
  // Hawaiian is only in CLD2's full tables: a build that links the small
  // tables alone answers "st" or similar here.
  auto id = make_cld2_identifier();
  std::vector<LanguageGuess> g;
  id->identify("Aia hiki i na kanaka a pau ke hanau ia mai, he kuokoa, ua like ka hanohano a me na pono kivila", 1, g);
  ASSERT_EQ(g.size(), 1u);
  EXPECT_EQ(g[0].label, "haw");
}

TEST(LangIdCld2, KeepDropsOtherLanguagesWithReason) {
  auto t = make_langid({{"langs", "en,fr"}});
  auto de = make_doc("Die Bundesregierung hat am Mittwoch neue Regeln für den Wohnungsbau beschlossen.");
  auto fr = make_doc("Le gouvernement a adopté mercredi de nouvelles règles pour la construction de logements.");
  apply(*t, de->doc);
  apply(*t, fr->doc);
  EXPECT_TRUE(de->doc.dropped());
  EXPECT_EQ(de->doc.drop_reason(), "lang");
  EXPECT_FALSE(fr->doc.dropped());
}

TEST(LangIdCld2, MinScoreDropsUnreliableText) {
  auto t = make_langid({{"min-score", "0.5"}});
  auto d = make_doc("12345 67890 ++ -- ;;");
  apply(*t, d->doc);
  EXPECT_TRUE(d->doc.dropped());
  EXPECT_EQ(d->doc.drop_reason(), "lang:min_score");
  EXPECT_EQ(d->doc.get_number("lang_score").value_or(-1), 0.0);
}

TEST(LangIdCld2, TopKWritesScoresObject) {
  auto t = make_langid({{"top-k", "3"}});
  auto d = make_doc(
      "This is an English sentence about the weather and the news of the day, with many words in it. "
      "Ceci est une phrase en français qui parle du temps et des nouvelles du jour, avec beaucoup de mots en plus.");
  apply(*t, d->doc);
  auto scores = d->doc.field("lang_scores");
  ASSERT_TRUE(scores.has_value()) << serialized(d->doc);
  EXPECT_NE(scores->find("\"en\":"), std::string_view::npos) << *scores;
  EXPECT_NE(scores->find("\"fr\":"), std::string_view::npos) << *scores;
}

TEST(LangIdCld2, InvalidUtf8IsUnknownNotACrash) {
  auto id = make_cld2_identifier();
  std::vector<LanguageGuess> g;
  id->identify(std::string_view("abc \xff\xfe def \xc3", 12), 1, g);
  ASSERT_EQ(g.size(), 1u);
  EXPECT_EQ(g[0].score, 0.0f);
  id->identify("", 1, g);
  ASSERT_EQ(g.size(), 1u);
  EXPECT_EQ(g[0].label, "un");
}

TEST(LangIdCld2, ControlCharactersDoNotSilenceCld2) {
  // Valid UTF-8 that CLD2's checking entry point refuses (a C0 control).
  auto id = make_cld2_identifier();
  std::vector<LanguageGuess> g;
  id->identify("Die Bundesregierung hat am Mittwoch \x01neue Regeln f\xc3\xbcr den Wohnungsbau beschlossen.", 1, g);
  ASSERT_EQ(g.size(), 1u);
  EXPECT_EQ(g[0].label, "de");
  EXPECT_GT(g[0].score, 0.5f);
}

TEST(LangIdCld2, MaxCharsLimitsWhatTheModelSees) {
  // The first 40 characters are German; the rest is French.
  std::string text = "Die Kinder spielen heute im Garten hinter";
  for (int i = 0; i < 20; ++i) text += " Les enfants jouent aujourd'hui dans le jardin derrière la maison.";
  auto cut = make_langid({{"prefix-chars", "41"}});
  auto all = make_langid({{"prefix-chars", "0"}});
  auto a = make_doc(text), b = make_doc(text);
  apply(*cut, a->doc);
  apply(*all, b->doc);
  std::string la, lb;
  a->doc.get_string("lang", la);
  b->doc.get_string("lang", lb);
  EXPECT_EQ(la, "de");
  EXPECT_EQ(lb, "fr");
}

TEST(LangIdOptions, FastTextWithMissingModelIsAUsageError) {
  const TransformSpec* spec = find_transform("langid");
  OptionValues v;
  v.set("backend", "fasttext");
  v.set("model", "/nonexistent/lid.176.ftz");
  ASSERT_TRUE(validate_options(spec->options, v, "").ok());
  auto step = spec->configure(v, StepContext{});
  ASSERT_FALSE(step.ok());
  EXPECT_EQ(step.status().code(), StatusCode::kUsage);
  EXPECT_NE(step.status().message().find("/nonexistent/lid.176.ftz"), std::string::npos);
}

// Label the sentence set carries for a CLD2 answer: CLD2 says "no" for
// Norwegian Bokmål and "zh-Hant" for traditional Chinese.
std::string as_set_label(std::string_view cld2) {
  if (cld2 == "no") return "nb";
  if (cld2 == "zh-Hant") return "zh";
  return std::string(cld2);
}

TEST(LangIdCld2, AccuracyOnLabelledSentences) {
  // The first 40 sentences of each language of the labelled set
  // (testdata/langid holds the first 150 of each) whose label CLD2 knows.
  // Floor: 0.90, measured 0.9430 on these 3,000 sentences (the same ones the
  // test read from the full set; see benchmarks/RESULTS-langid.md); a backend
  // or table regression falls well below it.
  const std::vector<std::string> lines = testing_util::testdata_lines("langid/sentences.jsonl.zst");
  ASSERT_FALSE(lines.empty());
  auto id = make_cld2_identifier();
  std::map<std::string, int> taken;
  std::set<std::string> unknown_to_cld2;
  int total = 0, right = 0;
  std::string text, label;
  std::vector<LanguageGuess> g;
  for (const std::string& line : lines) {
    // Parse the line itself (it has text and lang).
    static DocumentParser parser;
    static const Schema schema;
    TestDoc td;
    td.buf = line + std::string(DocumentParser::kPadding, ' ');
    std::string error;
    ASSERT_TRUE(parser.parse(std::string_view(td.buf.data(), line.size()), td.buf.size(), schema, td.doc, error));
    ASSERT_TRUE(td.doc.get_string("lang", label));
    const std::string cld2_name = label == "nb" ? "no" : label;
    if (!cld2_knows_language(cld2_name.c_str())) {
      unknown_to_cld2.insert(label);
      continue;
    }
    if (taken[label]++ >= 40) continue;
    id->identify(td.doc.text(), 1, g);
    ++total;
    if (!g.empty() && as_set_label(g[0].label) == label) ++right;
  }
  ASSERT_GT(total, 2000);
  const double accuracy = static_cast<double>(right) / total;
  std::printf("cld2 accuracy %.4f on %d sentences, %zu languages (%zu not in CLD2)\n", accuracy, total,
              taken.size(), unknown_to_cld2.size());
  EXPECT_GE(accuracy, 0.90);
}

TEST(LangIdFastText, AgreesWithTheModelOnClearSentences) {
  std::vector<std::string> tried;
  std::optional<std::string> path = locate_fasttext_model(tried);
  if (!path) GTEST_SKIP() << "no fastText model installed (run scripts/install-models.sh or set DPK_LANGID_MODEL)";
  auto model = FastTextModel::load(*path);
  ASSERT_TRUE(model.ok()) << model.status().message();
  auto id = make_fasttext_identifier(*model);
  std::vector<LanguageGuess> g;
  id->identify("The quick brown fox jumps over the lazy dog.\nIt was a sunny day.", 3, g);
  ASSERT_FALSE(g.empty());
  EXPECT_EQ(g[0].label, "en");
  EXPECT_GT(g[0].score, 0.5f);
  for (size_t i = 1; i < g.size(); ++i) EXPECT_LE(g[i].score, g[i - 1].score);
  id->identify("Le gouvernement a adopté mercredi de nouvelles règles.", 1, g);
  ASSERT_EQ(g.size(), 1u);
  EXPECT_EQ(g[0].label, "fr");
  id->identify("", 1, g);  // only the end-of-line token: still an answer, as in Python
  EXPECT_EQ(g.size(), 1u);
}

// The rows FastTextFeatures computes must be exactly libfasttext's
// Dictionary::getLine rows, on real text in many scripts.
TEST(LangIdFastText, FeaturesEqualLibfasttextGetLine) {
  std::vector<std::string> tried;
  std::optional<std::string> path = locate_fasttext_model(tried);
  if (!path) GTEST_SKIP() << "no fastText model installed (run scripts/install-models.sh or set DPK_LANGID_MODEL)";
  auto model = FastTextModel::load(*path);
  ASSERT_TRUE(model.ok()) << model.status().message();
  const fasttext::FastText& ft = (*model)->model();
  const FastTextFeatures& features = (*model)->features();
  std::vector<std::string> texts = {"", " ", "\n", "a", "__label__en hello", "tab\tsep\vx\fy\rz end",
                                    "\xff\xfe broken \xc3 utf8"};
  for (const char* file : {"langid/sentences.jsonl.zst", "web/pages.jsonl.zst"}) {
    const std::vector<std::string> lines = testing_util::testdata_lines(file);
    ASSERT_FALSE(lines.empty()) << file;
    static DocumentParser parser;
    static const Schema schema;
    for (size_t n = 0; n < lines.size(); ++n) {
      if (file[0] == 'l' && n % 10 != 0) continue;  // every 10th sentence: 15 of each language
      const std::string& line = lines[n];
      TestDoc td;
      td.buf = line + std::string(DocumentParser::kPadding, ' ');
      std::string error;
      ASSERT_TRUE(parser.parse(std::string_view(td.buf.data(), line.size()), td.buf.size(), schema, td.doc, error));
      texts.emplace_back(td.doc.text());
    }
  }
  ASSERT_GT(texts.size(), 500u);
  std::vector<int32_t> ours, hashes, theirs;
  std::string scratch;
  size_t checked = 0;
  for (std::string t : texts) {
    for (char& c : t) {
      if (c == '\n') c = ' ';
    }
    t.push_back('\n');
    features.rows(t, ours, hashes, scratch);
    fasttext_getline_rows(ft, t, theirs);
    ASSERT_EQ(ours, theirs) << "text: " << t.substr(0, 200);
    ++checked;
  }
  EXPECT_EQ(checked, texts.size());
}

}  // namespace
}  // namespace dpk
