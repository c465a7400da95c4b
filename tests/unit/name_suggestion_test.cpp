#include "dpk/name_suggestion.h"

#include <gtest/gtest.h>

namespace dpk {
namespace {

TEST(OsaDistance, CountsEditsAndAdjacentSwaps) {
  EXPECT_EQ(osa_distance("", ""), 0u);
  EXPECT_EQ(osa_distance("abc", ""), 3u);
  EXPECT_EQ(osa_distance("min-wrods", "min-words"), 1u);  // one swap
  EXPECT_EQ(osa_distance("selct", "select"), 1u);
  EXPECT_EQ(osa_distance("kitten", "sitting"), 3u);
  // Optimal string alignment edits no substring twice: "ca" -> "abc" takes 3, not 2.
  EXPECT_EQ(osa_distance("ca", "abc"), 3u);
}

TEST(SimilarNames, TyposPrefixesAndUnderscores) {
  const std::vector<std::string> names = {"min-bytes", "min-chars", "min-words", "max-words", "threads"};
  EXPECT_EQ(similar_names("min-wrods", names), std::vector<std::string>{"min-words"});
  EXPECT_EQ(similar_names("MIN_WORDS", names), std::vector<std::string>{"min-words"});
  EXPECT_EQ(similar_names("min", names), (std::vector<std::string>{"min-bytes", "min-chars", "min-words"}));
  EXPECT_EQ(similar_names("thread", names), std::vector<std::string>{"threads"});
  EXPECT_TRUE(similar_names("bogus", names).empty());
  EXPECT_TRUE(similar_names("", names).empty());
}

TEST(DidYouMean, FormatsOneOrSeveral) {
  EXPECT_EQ(did_you_mean("selct", {"select", "sample"}), " (did you mean select?)");
  EXPECT_EQ(did_you_mean("min", {"min-score"}, "--"), " (did you mean --min-score?)");
  EXPECT_EQ(did_you_mean("stpes", {"steps", "input"}, "", ":"), " (did you mean steps:?)");
  EXPECT_EQ(did_you_mean("mi", {"min-a", "min-b"}, "--"), " (did you mean --min-a or --min-b?)");
  EXPECT_EQ(did_you_mean("zzzz", {"select"}), "");
}

}  // namespace
}  // namespace dpk
