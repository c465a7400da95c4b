// Every option a transform or the runtime declares is consistent with its
// own range: its default lies inside it, and only numeric options have one.
// Recipes check the YAML shape of a value against the declared type.
#include <gtest/gtest.h>

#include <string>

#include "dpk/compression.h"
#include "dpk/options.h"
#include "dpk/runtime/recipe.h"
#include "dpk/runtime/run_config.h"
#include "dpk/transform.h"
#include "test_util.h"

namespace dpk {
namespace {

using testing_util::ScratchDir;
using testing_util::write_file;

void expect_defaults_in_range(const std::string& owner, const std::vector<OptionSpec>& specs) {
  for (const OptionSpec& o : specs) {
    const bool numeric = o.type == OptionType::kInt || o.type == OptionType::kDouble ||
                         o.type == OptionType::kSize || o.type == OptionType::kDuration;
    if (!numeric) {
      EXPECT_FALSE(o.min || o.max) << owner << " --" << o.name << ": a range on a non-numeric option";
    }
    if (o.min && o.max) {
      EXPECT_LE(*o.min, *o.max) << owner << " --" << o.name;
    }
  }
  for (const OptionSpec& o : specs) {
    if (o.default_value.empty()) continue;
    OptionValues v;
    v.set(std::string(o.name), std::string(o.default_value));
    Status s = validate_options(specs, v, owner + ": ");
    EXPECT_TRUE(s.ok()) << s.message();
  }
}

TEST(OptionDeclarations, EveryDefaultIsInsideItsRange) {
  expect_defaults_in_range("common", runtime::common_options());
  for (const TransformSpec* t : all_transforms()) expect_defaults_in_range(std::string(t->name), t->options);
}

TEST(OptionDeclarations, CountsAndThresholdsHaveRanges) {
  auto find = [](const std::vector<OptionSpec>& specs, std::string_view name) -> const OptionSpec* {
    for (const auto& o : specs) {
      if (o.name == name) return &o;
    }
    return nullptr;
  };
  const OptionSpec* level = find(runtime::common_options(), "compression-level");
  ASSERT_NE(level, nullptr);
  EXPECT_EQ(option_range_text(*level), "1 to 22");
  const OptionSpec* words = find(find_transform("select")->options, "min-words");
  ASSERT_NE(words, nullptr);
  EXPECT_EQ(option_range_text(*words), "0 or more");
  const OptionSpec* fraction = find(find_transform("sample")->options, "fraction");
  ASSERT_NE(fraction, nullptr);
  EXPECT_EQ(option_range_text(*fraction), "0 to 1");
}

TEST(CompressionLevel, EachCodecHasItsOwnRange) {
  EXPECT_TRUE(check_compression_level(Codec::kZstd, 1).ok());
  EXPECT_TRUE(check_compression_level(Codec::kZstd, 22).ok());
  EXPECT_TRUE(check_compression_level(Codec::kGzip, 9).ok());
  EXPECT_TRUE(check_compression_level(Codec::kNone, 22).ok());  // no codec, nothing to check
  Status s = check_compression_level(Codec::kGzip, 12);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.exit_code(), 2);
  EXPECT_EQ(s.message(), "option 'compression-level': 12 is out of range for gzip (expected an integer from 1 to 9)");
  EXPECT_FALSE(check_compression_level(Codec::kZstd, 23).ok());
  EXPECT_FALSE(check_compression_level(Codec::kZstd, 0).ok());
}

Status load(const std::string& yaml) {
  ScratchDir dir;
  const std::string path = dir.file("r.yaml");
  write_file(path, yaml);
  auto plan = runtime::load_recipe(path, OptionValues{}, {});
  if (!plan.ok()) return plan.status();
  return Status::Ok();
}

TEST(RecipeOptionTypes, AListWhereOneValueIsExpectedIsAnError) {
  Status s = load("input: a.jsonl\nsteps:\n  - select: {min-words: [1, 2]}\n");
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.exit_code(), 2);
  EXPECT_NE(s.message().find("r.yaml:3: option 'min-words': got a list (expected an integer, 0 or more)"),
            std::string::npos)
      << s.message();
}

TEST(RecipeOptionTypes, AMappingOrNoValueIsAnErrorForAValueOption) {
  Status s = load("input: a.jsonl\nsteps:\n  - select:\n      min-words: {a: 1}\n");
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.message().find("option 'min-words': got a mapping"), std::string::npos) << s.message();
  s = load("input: a.jsonl\nsteps:\n  - select:\n      min-words:\n");
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.message().find("option 'min-words': no value"), std::string::npos) << s.message();
  s = load("input: a.jsonl\ncompression-level: [3, 4]\nsteps:\n  - docid: {}\n");
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.message().find("r.yaml:2: option 'compression-level': got a list"), std::string::npos) << s.message();
}

TEST(RecipeOptionTypes, ListsFlagsAndScalarsOfTheRightTypeLoad) {
  EXPECT_TRUE(load("input: a.jsonl\nsteps:\n  - langid: {langs: [en, fr]}\n  - select: {min-words: 5, invert:}\n").ok());
  EXPECT_TRUE(load("input: a.jsonl\nsteps:\n  - langid: {langs: en}\n").ok());
}

}  // namespace
}  // namespace dpk
