#include <cmath>
#include <gtest/gtest.h>

#include "bloom_filter.h"
#include "text_units.h"

namespace dpk::line_dedup {
namespace {

std::vector<std::string_view> split(std::string_view t, Unit u) {
  std::vector<std::string_view> out;
  split_units(t, u, out);
  return out;
}

TEST(TextUnits, LinesRoundTripWhenAllAreKept) {
  const std::string t = "a\n\nb \nc\n";
  auto units = split(t, Unit::kLine);
  ASSERT_EQ(units.size(), 5u);
  std::string out;
  join_units(units, std::vector<bool>(units.size(), true), Unit::kLine, out);
  EXPECT_EQ(out, t);
}

TEST(TextUnits, ParagraphsAreRunsOfNonBlankLines) {
  auto units = split("\n p1 a\np1 b\n \t\n\np2\n", Unit::kParagraph);
  ASSERT_EQ(units.size(), 2u);
  EXPECT_EQ(units[0], " p1 a\np1 b");
  EXPECT_EQ(units[1], "p2");
  std::string out;
  join_units(units, {false, true}, Unit::kParagraph, out);
  EXPECT_EQ(out, "p2");
  join_units(units, {true, true}, Unit::kParagraph, out);
  EXPECT_EQ(out, " p1 a\np1 b\n\np2");
}

TEST(BloomFilter, InsertReportsRepeatsAndRateFollowsTheFill) {
  BloomFilter f(1 << 16, 4);
  EXPECT_FALSE(f.insert(42));
  EXPECT_TRUE(f.insert(42));
  EXPECT_TRUE(f.contains(42));
  for (uint64_t k = 0; k < 5000; ++k) f.insert(k * 0x9E3779B97F4A7C15ull + 7);
  // n = 5001 keys in m = 65536 bits, k = 4: (1 - e^(-4n/m))^4 ~ 0.0067.
  const double expected = std::pow(1 - std::exp(-4.0 * 5001 / 65536), 4);
  EXPECT_NEAR(f.false_positive_rate(), expected, expected * 0.2);
  EXPECT_NEAR(f.estimated_keys(), 5001, 250);
  int fp = 0;
  for (uint64_t k = 0; k < 20000; ++k) fp += f.contains(k * 0xC2B2AE3D27D4EB4Full + 12345);
  EXPECT_NEAR(fp / 20000.0, expected, 0.004);
}

}  // namespace
}  // namespace dpk::line_dedup
