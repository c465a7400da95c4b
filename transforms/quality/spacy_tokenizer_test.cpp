#include "spacy_tokenizer.h"

#include <gtest/gtest.h>

#include <string>
#include <unordered_map>

#include "dpk/byte_stream.h"
#include "dpk/document_parser.h"
#include "word_splitter.h"

namespace dpk {
namespace {

std::vector<std::string> words(const char* lang, std::string_view text) {
  quality::WordSplitter ws(lang, quality::WordRules::kSpacy);
  std::vector<std::string_view> w;
  ws.split(text, w);
  return {w.begin(), w.end()};
}

// Expected tokens are spaCy 3.8's (spacy.blank(LANG), token texts).
TEST(QualitySpacyTokenizer, SplitsAsSpacyDoes) {
  EXPECT_EQ(words("en",
                  "and/or 6oz, don't (see http://x.com/a). U.S. e.g. :) 10a.m. Peter's co-op 1-2 x=y"),
            (std::vector<std::string>{"and/or", "6", "oz", ",", "do", "n't", "(", "see", "http://x.com/a", ")", ".",
                                      "U.S.", "e.g.", ":)", "10", "a.m.", "Peter", "'s", "co", "-", "op", "1", "-",
                                      "2", "x", "=", "y"}));
  EXPECT_EQ(words("en", "Hello:) \"quoted\" ...and... 3.5km $20"),
            (std::vector<std::string>{"Hello", ":)", "\"", "quoted", "\"", "...", "and", "...", "3.5", "km", "$",
                                      "20"}));
  // A run of CJK characters stays whole under English rules.
  EXPECT_EQ(words("en", "CJK \xe6\x9d\xb1\xe4\xba\xac\xe9\x83\xbd\xe3\x80\x82\xe6\x98\x8e"),
            (std::vector<std::string>{"CJK", "\xe6\x9d\xb1\xe4\xba\xac\xe9\x83\xbd\xe3\x80\x82\xe6\x98\x8e"}));
  EXPECT_EQ(words("de", "Die Stra\xc3\x9f" "e z.B. bzw. 3. Mai (usw.) Anna's"),
            (std::vector<std::string>{"Die", "Stra\xc3\x9f" "e", "z.B.", "bzw.", "3.", "Mai", "(", "usw.", ")",
                                      "Anna's"}));
}

// Tokens are views into the text, in order, and what lies between them is
// only the single spaces spaCy drops; also on bytes that are not UTF-8.
TEST(QualitySpacyTokenizer, TokensTileTheText) {
  quality::SpacyTokenizer tok(*quality::spacy_rules("en"));
  std::vector<quality::SpacyToken> t;
  for (std::string_view text : {std::string_view("  (a)  b.\n\n\"c,\" d...e:f 3km U.S.A.'s  "),
                                std::string_view("x \xff\xfe y \xe2\x80 z"), std::string_view("\xf0\x9f\x98\x80:)"),
                                std::string_view(" "), std::string_view("a")}) {
    tok.tokenize(text, t);
    const char* at = text.data();
    for (const auto& x : t) {
      ASSERT_GE(x.text.data(), at) << text;
      for (const char* p = at; p < x.text.data(); ++p) EXPECT_EQ(*p, ' ') << text;
      EXPECT_FALSE(x.text.empty()) << text;
      at = x.text.data() + x.text.size();
    }
    for (const char* p = at; p < text.data() + text.size(); ++p) EXPECT_EQ(*p, ' ') << text;
  }
}

TEST(QualitySpacyTokenizer, CountsSentencesAsTheSentencizer) {
  quality::WordSplitter ws("en", quality::WordRules::kSpacy);
  // The whitespace token after "!" starts a sentence, as in spaCy.
  EXPECT_EQ(ws.count_sentences("It rained. Then it stopped!  Did it?\nYes."), 4u);
  EXPECT_EQ(ws.count_sentences("No end mark"), 1u);
  EXPECT_EQ(ws.count_sentences("  \n "), 0u);
}

// Word and sentence counts against spaCy's on the quality conformance set
// (tests/quality/spacy-tokens.jsonl.zst, made by
// benchmarks/quality/make_spacy_token_reference.py).
TEST(QualitySpacyTokenizer, CountsMatchSpacy) {
  const std::string dir = std::string(DPK_SOURCE_DIR) + "/tests/quality/";
  auto input = read_whole_input(dir + "conformance-input.jsonl.zst");
  auto ref = read_whole_input(dir + "spacy-tokens.jsonl.zst");
  ASSERT_TRUE(input.ok()) << input.status().message();
  ASSERT_TRUE(ref.ok()) << ref.status().message();
  DocumentParser parser;
  Schema schema, counts_schema;
  counts_schema.text_required = false;
  Document doc;
  std::string err, line;
  auto each_line = [&](std::string_view all, const Schema& schema, auto&& fn) {
    while (!all.empty()) {
      const size_t nl = all.find('\n');
      line.assign(all.substr(0, nl));
      all = nl == std::string_view::npos ? std::string_view() : all.substr(nl + 1);
      if (line.empty()) continue;
      const size_t len = line.size();
      line.append(DocumentParser::kPadding, ' ');
      ASSERT_TRUE(parser.parse(std::string_view(line.data(), len), line.size(), schema, doc, err)) << err;
      fn();
    }
  };
  struct Want {
    long words, sentences, lang_words = -1, lang_sentences = -1;
  };
  std::unordered_map<std::string, Want> want;
  each_line(*ref, counts_schema, [&] {
    auto num = [&](const char* key) { return static_cast<long>(doc.get_number(key).value_or(-1)); };
    Want w{num("words"), num("sentences"), num("lang_words"), num("lang_sentences")};
    want[std::string(doc.id())] = w;
  });
  quality::WordSplitter en("en", quality::WordRules::kSpacy);
  std::unordered_map<std::string, std::unique_ptr<quality::WordSplitter>> other;
  std::vector<std::string_view> w;
  size_t docs = 0, words_same = 0, sentences_same = 0, lang_docs = 0, lang_same = 0, shown = 0;
  each_line(*input, schema, [&] {
    auto it = want.find(std::string(doc.id()));
    ASSERT_NE(it, want.end()) << "no reference for " << doc.id();
    ++docs;
    en.split(doc.text(), w);
    const bool wsame = static_cast<long>(w.size()) == it->second.words;
    const bool ssame = static_cast<long>(en.count_sentences(doc.text())) == it->second.sentences;
    words_same += wsame;
    sentences_same += ssame;
    if ((!wsame || !ssame) && shown++ < 10)
      ADD_FAILURE() << doc.id() << ": words " << w.size() << " (spaCy " << it->second.words << "), sentences "
                    << en.count_sentences(doc.text()) << " (spaCy " << it->second.sentences << ")";
    if (it->second.lang_words >= 0) {
      std::string lang;
      ASSERT_TRUE(doc.get_string("lang", lang));
      auto& ws = other[lang];
      if (!ws) ws = std::make_unique<quality::WordSplitter>(lang, quality::WordRules::kSpacy);
      ws->split(doc.text(), w);
      ++lang_docs;
      const bool same = static_cast<long>(w.size()) == it->second.lang_words &&
                        static_cast<long>(ws->count_sentences(doc.text())) == it->second.lang_sentences;
      lang_same += same;
      if (!same && shown++ < 10) ADD_FAILURE() << doc.id() << " (" << lang << " rules): words " << w.size()
                                               << " (spaCy " << it->second.lang_words << ")";
    }
  });
  ASSERT_EQ(docs, want.size());
  // At least 99.9% identical (the tokenizer is exact but for Unicode-version
  // corners of Python's re against ICU's regex).
  EXPECT_GE(words_same * 1000, docs * 999) << words_same << " of " << docs;
  EXPECT_GE(sentences_same * 1000, docs * 999) << sentences_same << " of " << docs;
  EXPECT_GE(lang_same * 1000, lang_docs * 999) << lang_same << " of " << lang_docs;
  std::printf("spaCy counts: words %zu/%zu, sentences %zu/%zu, own-language rules %zu/%zu\n", words_same, docs,
              sentences_same, docs, lang_same, lang_docs);
}

}  // namespace
}  // namespace dpk
