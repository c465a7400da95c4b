#include <gtest/gtest.h>

#include <fstream>
#include <string>
#include <vector>

#include "benchmark_files.h"
#include "ngram_index.h"
#include "word_scanner.h"

namespace dpk::decontaminate {
namespace {

std::vector<std::string> words_of(std::string_view text) {
  WordScanner s;
  s.scan(text);
  std::vector<std::string> out;
  for (size_t i = 0; i < s.words().size(); ++i) out.emplace_back(s.word(i));
  return out;
}

using W = std::vector<std::string>;

TEST(WordScanner, LowercasesAndSplitsAtPunctuationAndWhitespace) {
  EXPECT_EQ(words_of("Hello,  World!\n\tA-b/c"), (W{"hello", "world", "a", "b", "c"}));
  EXPECT_EQ(words_of(""), W{});
  EXPECT_EQ(words_of(" ... "), W{});
  // Curly quotes, dashes, the ellipsis and fullwidth punctuation of datatrove's list separate words.
  EXPECT_EQ(words_of("\xe2\x80\x9cyes\xe2\x80\x9d\xe2\x80\x94no\xe2\x80\xa6maybe\xef\xbc\x8cok"),
            (W{"yes", "no", "maybe", "ok"}));
}

TEST(WordScanner, NumbersBecomeZeroWithOneSeparatorInside) {
  EXPECT_EQ(words_of("pay 3.50 now"), (W{"pay", "0", "now"}));
  EXPECT_EQ(words_of("3,000,000"), (W{"0", "0"}));  // as datatrove's pattern: "3,000" then "000"
  EXPECT_EQ(words_of("v1.2.3"), (W{"v0", "0"}));
  EXPECT_EQ(words_of("abc123def"), (W{"abc0def"}));
  EXPECT_EQ(words_of("\xd9\xa3\xd9\xa4"), (W{"0"}));  // Arabic-Indic digits
}

TEST(WordScanner, DiacriticsAreDropped) {
  EXPECT_EQ(words_of("Caf\xc3\xa9 cafe\xcc\x81"), (W{"cafe", "cafe"}));
  EXPECT_EQ(words_of("\xc3\x85NGSTR\xc3\x96M"), (W{"angstrom"}));
}

TEST(WordScanner, SplitsAsSpacyDoes) {
  EXPECT_EQ(words_of("Don't, you CANNOT"), (W{"don", "t", "you", "can", "not"}));
  EXPECT_EQ(words_of("dont gonna im"), (W{"do", "nt", "gon", "na", "i", "m"}));
  EXPECT_EQ(words_of("5kg 10 km 7th"), (W{"0", "kg", "0", "km", "0th"}));
  EXPECT_EQ(words_of("\xe2\x80\xa2item 20\xe2\x82\xac"), (W{"\xe2\x80\xa2", "item", "0", "\xe2\x82\xac"}));
  // A zero-width space stays inside its word, as in spaCy.
  EXPECT_EQ(words_of("a \xe2\x80\x8bnot"), (W{"a", "\xe2\x80\x8bnot"}));
}

TEST(WordScanner, WordsPointBackToTheirBytes) {
  WordScanner s;
  const std::string text = "  Don't\tstop 3.5kg";
  s.scan(text);
  ASSERT_EQ(s.words().size(), 5u);
  auto orig = [&](size_t i) { return text.substr(s.words()[i].text_begin, s.words()[i].text_end - s.words()[i].text_begin); };
  EXPECT_EQ(orig(0), "Don");
  EXPECT_EQ(orig(1), "t");
  EXPECT_EQ(orig(2), "stop");
  EXPECT_EQ(orig(3), "3.5kg");  // a split word keeps the bytes of the whole
}

std::vector<uint64_t> hashes(std::string_view text, int n) {
  WordScanner s;
  s.scan(text);
  std::vector<uint64_t> out;
  for_each_ngram(s, n, [&](uint64_t h, size_t) { out.push_back(h); });
  return out;
}

TEST(Ngrams, RollingHashEqualsHashOfTheWindowAlone) {
  const auto all = hashes("one two three four five six", 3);
  ASSERT_EQ(all.size(), 4u);
  EXPECT_EQ(all[0], hashes("one two three", 3)[0]);
  EXPECT_EQ(all[3], hashes("four five six", 3)[0]);
  EXPECT_EQ(all[1], hashes("TWO, three... four!", 3)[0]);
  EXPECT_NE(all[0], all[1]);
  EXPECT_NE(hashes("a b c", 3)[0], hashes("c b a", 3)[0]);
  EXPECT_TRUE(hashes("too short", 3).empty());
}

TEST(NgramIndex, FindsEveryNgramAddedAndNamesTheFirstBenchmark) {
  NgramIndexBuilder b(4);
  b.add_text(0, "the quick brown fox jumps over");
  b.add_text(1, "quick brown fox jumps high");  // shares one 4-gram with benchmark 0
  b.add_text(1, "an unrelated line of text here");
  const NgramIndex index = std::move(b).build();
  EXPECT_EQ(index.size(), 3u + 1u + 3u);
  EXPECT_EQ(index.find(hashes("quick brown fox jumps", 4)[0]), 0);
  EXPECT_EQ(index.find(hashes("brown fox jumps high", 4)[0]), 1);
  EXPECT_EQ(index.find(hashes("line of text here", 4)[0]), 1);
  EXPECT_EQ(index.find(hashes("fox jumps over the", 4)[0]), -1);
  // N-grams do not run from one text into the next.
  EXPECT_EQ(index.find(hashes("jumps over quick brown", 4)[0]), -1);
}

TEST(NgramIndex, LargeIndexFindsAllAndRejectsOthers) {
  NgramIndexBuilder b(2);
  std::string text;
  // Words of letters only (digits would all read as 0).
  auto word = [](int i) {
    std::string w = "w";
    for (; i > 0; i /= 26) w += static_cast<char>('a' + i % 26);
    return w;
  };
  for (int i = 0; i < 20000; ++i) text += word(i) + " ";
  b.add_text(0, text);
  const NgramIndex index = std::move(b).build();
  const auto all = hashes(text, 2);  // a few words split ("wed" -> "we" "d")
  EXPECT_GE(all.size(), 19999u);
  EXPECT_EQ(index.size(), all.size());
  size_t found = 0;
  for (uint64_t h : all) found += index.find(h) == 0;
  EXPECT_EQ(found, all.size());
  size_t wrong = 0;
  for (uint64_t h : hashes(word(1) + " " + word(0) + " " + word(3) + " " + word(2) + " " + word(5), 2)) wrong += index.find(h) >= 0;
  EXPECT_EQ(wrong, 0u);
}

TEST(BenchmarkSpec, ParsesNamePathAndField) {
  auto a = parse_benchmark("mmlu=data/mmlu.jsonl:question");
  ASSERT_TRUE(a.ok());
  EXPECT_EQ(a->name, "mmlu");
  EXPECT_EQ(a->path, "data/mmlu.jsonl");
  EXPECT_EQ(a->field, "question");
  auto b = parse_benchmark("gsm=gsm.jsonl.zst");
  ASSERT_TRUE(b.ok());
  EXPECT_EQ(b->field, "text");
  auto c = parse_benchmark("plain=/tmp/x:y/q.txt");
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(c->path, "/tmp/x:y/q.txt");
  EXPECT_EQ(c->field, "");
  EXPECT_FALSE(parse_benchmark("nopath").ok());
  EXPECT_FALSE(parse_benchmark("=x.txt").ok());
  EXPECT_FALSE(parse_benchmark("a b=x.txt").ok());
  EXPECT_FALSE(parse_benchmark("a=x.txt:field").ok());
}

TEST(BenchmarkFiles, BadLineNamesFileAndLine) {
  const std::string path = ::testing::TempDir() + "/decontaminate_bad.jsonl";
  std::ofstream(path) << "{\"q\": \"a fine question with words\"}\n\n{\"q\": 3}\n";
  auto loaded = load_benchmarks({{"b", path, "q"}}, 2);
  ASSERT_FALSE(loaded.ok());
  EXPECT_NE(loaded.status().message().find(path + ":3"), std::string::npos) << loaded.status().message();
  std::ofstream(path) << "{\"q\": \"a fine question with words\"}\n\n{\"q\": \"another one\"}\n";
  loaded = load_benchmarks({{"b", path, "q"}}, 2);
  ASSERT_TRUE(loaded.ok());
  EXPECT_EQ(loaded->texts[0], 2u);
  EXPECT_EQ(loaded->index.size(), 4u + 1u);
}

}  // namespace
}  // namespace dpk::decontaminate
