#include <gtest/gtest.h>

#include "dpk/options.h"

namespace dpk {
namespace {

TEST(OptionDuration, UnitsAndPlainSeconds) {
  double s = -1;
  EXPECT_TRUE(parse_duration("250ms", s));
  EXPECT_DOUBLE_EQ(s, 0.25);
  EXPECT_TRUE(parse_duration("1s", s));
  EXPECT_DOUBLE_EQ(s, 1);
  EXPECT_TRUE(parse_duration("1.5", s));
  EXPECT_DOUBLE_EQ(s, 1.5);
  EXPECT_TRUE(parse_duration("2m", s));
  EXPECT_DOUBLE_EQ(s, 120);
  EXPECT_TRUE(parse_duration("1h", s));
  EXPECT_DOUBLE_EQ(s, 3600);
  EXPECT_TRUE(parse_duration("0", s));
  EXPECT_DOUBLE_EQ(s, 0);
  for (const char* bad : {"", "s", "ms", "-1s", "soon", "1x", "1 s"}) EXPECT_FALSE(parse_duration(bad, s)) << bad;
}

TEST(OptionDuration, ValidatedAndDefaulted) {
  const std::vector<OptionSpec> specs = {
      {"wait", OptionType::kDuration, "1s", "how long", {}, 0, "DURATION", 0, 60}};
  OptionValues given;
  ASSERT_TRUE(validate_options(specs, given, "").ok());
  EXPECT_DOUBLE_EQ(given.get_duration("wait"), 1);
  OptionValues late;
  late.set("wait", "2m");
  Status s = validate_options(specs, late, "");
  EXPECT_EQ(s.code(), StatusCode::kUsage);
  EXPECT_NE(s.message().find("out of range"), std::string::npos) << s.message();
  OptionValues bad;
  bad.set("wait", "soon");
  s = validate_options(specs, bad, "");
  EXPECT_NE(s.message().find("a duration such as 1s"), std::string::npos) << s.message();
}

}  // namespace
}  // namespace dpk
