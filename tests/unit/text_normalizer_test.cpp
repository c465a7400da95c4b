#include "dpk/text_normalizer.h"

#include <gtest/gtest.h>

namespace dpk {
namespace {

TEST(TextNormalizer, NoFoldsReturnsTheTextItself) {
  TextNormalizer n;
  std::string_view t = "  A,b ";
  EXPECT_EQ(n.normalize(t).data(), t.data());
}

TEST(TextNormalizer, FoldsCaseWithIcuBeyondAscii) {
  TextNormalizer n;
  ASSERT_TRUE(n.parse_folds("lower"));
  EXPECT_EQ(n.normalize("Straße ÄÖÜ ΣΑΣ"), "straße äöü σασ");
}

TEST(TextNormalizer, CollapsesUnicodeWhitespaceAndTrims) {
  TextNormalizer n;
  ASSERT_TRUE(n.parse_folds("whitespace"));
  EXPECT_EQ(n.normalize(" \t a\u00a0\u2003 b\n\nc  "), "a b c");
}

TEST(TextNormalizer, RemovesUnicodePunctuationButNotSymbols) {
  TextNormalizer n;
  ASSERT_TRUE(n.parse_folds("punctuation,whitespace"));
  EXPECT_EQ(n.normalize("«Hello», world! 1+1=2 — ok…"), "Hello world 1+1=2 ok");
}

TEST(TextNormalizer, KeepsInvalidUtf8BytesAndRejectsUnknownFolds) {
  TextNormalizer n;
  ASSERT_TRUE(n.parse_folds("lower"));
  EXPECT_EQ(n.normalize("A\xff" "B"), "a\xff" "b");
  EXPECT_FALSE(n.parse_folds("lower,stem"));
  EXPECT_TRUE(n.lower);  // unchanged by the failed parse
}

}  // namespace
}  // namespace dpk
