#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "dpk/options.h"

namespace dpk {
namespace {

const std::vector<OptionSpec>& specs() {
  static const std::vector<OptionSpec> kSpecs = {
      {"mode", OptionType::kChoice, "hash", "how", "hash|seq"},
      {"count", OptionType::kInt, "10", "how many"},
      {"ratio", OptionType::kDouble, "", "a number"},
      {"flag", OptionType::kFlag, "", "a flag"},
      {"name", OptionType::kString, "", "text"},
      {"keep", OptionType::kList, "", "list"},
      {"buffer", OptionType::kSize, "1M", "bytes"},
  };
  return kSpecs;
}

Status check(OptionValues& v, const std::string& where = "") { return validate_options(specs(), v, where); }

TEST(Options, UnknownOptionIsNamed) {
  OptionValues v;
  v.set("colour", "red");
  Status s = check(v, "recipe.yaml:7: ");
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.code(), StatusCode::kUsage);
  EXPECT_EQ(s.message().rfind("recipe.yaml:7: ", 0), 0u) << s.message();
  EXPECT_NE(s.message().find("'colour'"), std::string::npos) << s.message();
}

TEST(Options, BadIntegers) {
  for (const std::string bad : {"ten", "1.5", "", "12abc", "0x10", " 3"}) {
    OptionValues v;
    v.set("count", bad);
    Status s = check(v);
    EXPECT_FALSE(s.ok()) << "accepted count=" << bad;
    EXPECT_EQ(s.code(), StatusCode::kUsage);
    EXPECT_NE(s.message().find("count"), std::string::npos);
  }
  OptionValues v;
  v.set("count", "-7");
  ASSERT_TRUE(check(v).ok());
  EXPECT_EQ(v.get_int("count"), -7);
}

TEST(Options, BadDoublesAndFlags) {
  for (const std::string bad : {"abc", "1,5", "nan", "inf"}) {
    OptionValues v;
    v.set("ratio", bad);
    EXPECT_FALSE(check(v).ok()) << "accepted ratio=" << bad;
  }
  OptionValues f;
  f.set("flag", "maybe");
  EXPECT_FALSE(check(f).ok());
  for (const std::string yes : {"true", "1", "yes", "on"}) {
    OptionValues v;
    v.set("flag", yes);
    ASSERT_TRUE(check(v).ok());
    EXPECT_TRUE(v.get_flag("flag"));
  }
  OptionValues n;
  n.set("flag", "off");
  ASSERT_TRUE(check(n).ok());
  EXPECT_FALSE(n.get_flag("flag"));
}

TEST(Options, BadChoiceListsTheChoices) {
  OptionValues v;
  v.set("mode", "random");
  Status s = check(v);
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.message().find("'random'"), std::string::npos) << s.message();
  EXPECT_NE(s.message().find("hash|seq"), std::string::npos) << s.message();
  // A prefix or a substring of a choice is not a choice.
  for (const std::string bad : {"has", "hash|seq", "", "sequence", "HASH"}) {
    OptionValues w;
    w.set("mode", bad);
    EXPECT_FALSE(check(w).ok()) << "accepted mode=" << bad;
  }
}

TEST(Options, DefaultsAreFilledIn) {
  OptionValues v;
  ASSERT_TRUE(check(v).ok());
  EXPECT_EQ(v.get_string("mode"), "hash");
  EXPECT_EQ(v.get_int("count"), 10);
  EXPECT_EQ(v.get_size("buffer"), 1u << 20);
  EXPECT_FALSE(v.has("ratio"));
  EXPECT_FALSE(v.get_flag("flag"));
  // A given value wins over the default.
  OptionValues w;
  w.set("mode", "seq");
  ASSERT_TRUE(check(w).ok());
  EXPECT_EQ(w.get_string("mode"), "seq");
}

TEST(Options, Sizes) {
  uint64_t z = 0;
  ASSERT_TRUE(parse_size("64M", z));
  EXPECT_EQ(z, 64ull << 20);
  ASSERT_TRUE(parse_size("4K", z));
  EXPECT_EQ(z, 4096u);
  ASSERT_TRUE(parse_size("4k", z));
  EXPECT_EQ(z, 4096u);
  ASSERT_TRUE(parse_size("1.5G", z));
  EXPECT_EQ(z, 3ull << 29);
  ASSERT_TRUE(parse_size("1000", z));
  EXPECT_EQ(z, 1000u);
  ASSERT_TRUE(parse_size("2MB", z));
  EXPECT_EQ(z, 2ull << 20);
  for (const std::string bad : {"", "M", "-1K", "12Q", "1.2.3M", "K4"}) {
    EXPECT_FALSE(parse_size(bad, z)) << "accepted size " << bad;
  }
  OptionValues v;
  v.set("buffer", "lots");
  Status s = check(v);
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.message().find("buffer"), std::string::npos);
  OptionValues w;
  w.set("buffer", "64M");
  ASSERT_TRUE(check(w).ok());
  EXPECT_EQ(w.get_size("buffer"), 64ull << 20);
}

TEST(Options, ListsSplitOnCommasAndRepeat) {
  OptionValues v;
  v.add("keep", "en,de");
  v.add("keep", "fr");
  v.add("keep", ",pl,,");
  ASSERT_TRUE(check(v).ok());
  EXPECT_EQ(v.get_list("keep"), (std::vector<std::string>{"en", "de", "fr", "pl"}));
  EXPECT_TRUE(v.get_list("name").empty());
}

TEST(Options, LastValueOfARepeatedScalarWins) {
  OptionValues v;
  v.add("count", "1");
  v.add("count", "2");
  ASSERT_TRUE(check(v).ok());
  EXPECT_EQ(v.get_int("count"), 2);
  OptionValues bad;
  bad.add("count", "1");
  bad.add("count", "x");
  EXPECT_FALSE(check(bad).ok()) << "a bad earlier or later value must be caught";
}

const std::vector<OptionSpec>& ranged_specs() {
  static const std::vector<OptionSpec> kSpecs = {
      {"level", OptionType::kInt, "3", "a level", {}, 0, "N", 1, 22},
      {"fraction", OptionType::kDouble, "", "a fraction", {}, 0, "F", 0, 1},
      {"count", OptionType::kInt, "", "a count", {}, 0, "N", 0},
      {"block", OptionType::kSize, "", "bytes", {}, 0, "SIZE", 4096},
  };
  return kSpecs;
}

Status check_one(const std::string& name, const std::string& value) {
  OptionValues v;
  v.set(name, value);
  return validate_options(ranged_specs(), v, "r.yaml:3: ");
}

TEST(OptionRange, ValuesOutsideTheRangeAreUsageErrorsNamingOptionAndRange) {
  for (const char* bad : {"99", "23", "0", "-5"}) {
    Status s = check_one("level", bad);
    ASSERT_FALSE(s.ok()) << bad;
    EXPECT_EQ(s.exit_code(), 2);
    EXPECT_EQ(s.message(), std::string("r.yaml:3: option 'level': ") + bad +
                               " is out of range (expected an integer from 1 to 22)");
  }
  Status s = check_one("fraction", "1.5");
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.message().find("expected a number from 0 to 1"), std::string::npos) << s.message();
  s = check_one("count", "-1");
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.message().find("expected an integer, 0 or more"), std::string::npos) << s.message();
  s = check_one("block", "1K");
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.message().find("'block': 1K is out of range (expected a size such as 64M, 4K or more)"),
            std::string::npos)
      << s.message();
}

TEST(OptionRange, BoundsThemselvesAndValuesInsideAreAccepted) {
  for (const char* ok : {"1", "3", "22"}) EXPECT_TRUE(check_one("level", ok).ok()) << ok;
  for (const char* ok : {"0", "0.5", "1"}) EXPECT_TRUE(check_one("fraction", ok).ok()) << ok;
  EXPECT_TRUE(check_one("count", "0").ok());
  EXPECT_TRUE(check_one("block", "4K").ok());
}

TEST(OptionRange, AMalformedValueNamesTheRangeToo) {
  Status s = check_one("level", "fast");
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.message(), "r.yaml:3: option 'level': invalid value 'fast' (expected an integer from 1 to 22)");
}

TEST(OptionRange, RangeText) {
  EXPECT_EQ(option_range_text(ranged_specs()[0]), "1 to 22");
  EXPECT_EQ(option_range_text(ranged_specs()[2]), "0 or more");
  EXPECT_EQ(option_range_text(ranged_specs()[3]), "4K or more");
  EXPECT_EQ(option_range_text(specs()[1]), "");
}

}  // namespace
}  // namespace dpk
