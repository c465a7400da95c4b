// The run record's setup and usage fields (docs/run-summary.md): schema
// version, build, host, resources, resolved options, model digests, and
// their totals over the processes of a spread-out run.
#include <gtest/gtest.h>
#include <simdjson.h>

#include <cstdio>
#include <filesystem>
#include <string>

#include "../../runtime/src/file_digest.h"
#include "../../runtime/src/process_usage.h"
#include "../../runtime/src/summary_exchange.h"
#include "dpk/runtime/build_info.h"
#include "dpk/runtime/cli.h"
#include "dpk/runtime/run_summary.h"

namespace dpk::runtime {
namespace {

RunSummary record_with_one_step() {
  RunSummary s;
  s.tool = "dpk-langid";
  s.host = "node7";
  s.threads = 4;
  s.cpu_seconds = 1.5;
  s.peak_rss_bytes = 123456789;
  s.common_options_json = R"({"threads":4})";
  s.steps.push_back({"langid", 3, 2, {{"lang_filter", 1}}, 0, 0.25});
  s.step_setups.push_back({R"({"backend":"fasttext","langs":["en"]})", {{"/m/lid.176.ftz", 938013, std::string(64, 'a')}}});
  InputCounts in;
  in.path = "in.jsonl.zst";
  in.bytes = 300;
  in.file_bytes = 120;
  s.inputs.push_back(in);
  return s;
}

TEST(RunRecord, ToJsonHasSchemaBuildHostResourcesOptionsAndModels) {
  const std::string json = record_with_one_step().to_json();
  simdjson::dom::parser p;
  simdjson::dom::element e = p.parse(json);
  EXPECT_EQ(int64_t(e["schema_version"]), 1);
  EXPECT_EQ(std::string_view(e["version"]), dpk_version());
  EXPECT_EQ(std::string_view(e["commit"]), dpk_git_commit());
  EXPECT_FALSE(std::string_view(e["commit"]).empty());
  EXPECT_EQ(std::string_view(e["build_type"]), dpk_build_type());
  EXPECT_EQ(std::string_view(e["host"]), "node7");
  EXPECT_EQ(int64_t(e["threads"]), 4);
  EXPECT_DOUBLE_EQ(double(e["cpu_seconds"]), 1.5);
  EXPECT_EQ(uint64_t(e["peak_rss_bytes"]), 123456789u);
  EXPECT_EQ(int64_t(e["common_options"]["threads"]), 4);
  simdjson::dom::element step = e["steps"].at(0);
  EXPECT_EQ(std::string_view(step["options"]["backend"]), "fasttext");
  EXPECT_EQ(std::string_view(step["options"]["langs"].at(0)), "en");
  EXPECT_EQ(std::string_view(step["models"].at(0)["path"]), "/m/lid.176.ftz");
  EXPECT_EQ(uint64_t(step["models"].at(0)["bytes"]), 938013u);
  EXPECT_EQ(std::string_view(step["models"].at(0)["sha256"]), std::string(64, 'a'));
  EXPECT_DOUBLE_EQ(double(step["seconds"]), 0.25);
  EXPECT_EQ(uint64_t(step["dropped"]["lang_filter"]), 1u);
  EXPECT_EQ(uint64_t(e["inputs"].at(0)["file_bytes"]), 120u);
  EXPECT_EQ(uint64_t(e["inputs"].at(0)["bytes"]), 300u);
}

TEST(RunRecord, AStepWithNoSetupStillHasOptionsAndModels) {
  RunSummary s;
  s.steps.push_back({"docid", 1, 1, {}, 0, 0});
  simdjson::dom::parser p;
  simdjson::dom::element step = p.parse(s.to_json())["steps"].at(0);
  EXPECT_TRUE(step["options"].is_object());
  EXPECT_EQ(simdjson::dom::array(step["models"]).size(), 0u);
}

TEST(RunRecord, ResolvedOptionsAreEveryDeclaredOptionTyped) {
  const std::vector<OptionSpec> specs = {
      {"mode", OptionType::kChoice, "hash", "", "hash|seq"},
      {"top", OptionType::kInt, "20", ""},
      {"score", OptionType::kDouble, "0.5", ""},
      {"verbose", OptionType::kFlag, "", ""},
      {"block", OptionType::kSize, "1M", ""},
      {"langs", OptionType::kList, "", ""},
      {"model", OptionType::kString, "", ""},
  };
  OptionValues v;
  v.add("langs", "en,de");
  ASSERT_TRUE(validate_options(specs, v, "").ok());
  simdjson::dom::parser p;
  simdjson::dom::element e = p.parse(resolved_options_json(specs, v));
  EXPECT_EQ(std::string_view(e["mode"]), "hash");
  EXPECT_EQ(int64_t(e["top"]), 20);
  EXPECT_DOUBLE_EQ(double(e["score"]), 0.5);
  EXPECT_FALSE(bool(e["verbose"]));
  EXPECT_EQ(uint64_t(e["block"]), 1048576u);
  EXPECT_EQ(simdjson::dom::array(e["langs"]).size(), 2u);
  EXPECT_EQ(std::string_view(e["langs"].at(1)), "de");
  EXPECT_TRUE(e["model"].is_null());
  EXPECT_EQ(simdjson::dom::object(e).size(), specs.size());
}

TEST(RunRecord, Sha256OfAFileIsItsDigestInHex) {
  const std::string path = ::testing::TempDir() + "dpk_sha256_abc";
  FILE* f = std::fopen(path.c_str(), "wb");
  ASSERT_NE(f, nullptr);
  std::fputs("abc", f);
  std::fclose(f);
  auto hex = sha256_file(path);
  ASSERT_TRUE(hex.ok()) << hex.status().message();
  EXPECT_EQ(*hex, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");  // FIPS 180-2 "abc"
  std::filesystem::remove(path);
  auto missing = sha256_file(path);
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.status().code(), StatusCode::kIo);
  EXPECT_NE(missing.status().message().find(path), std::string::npos);
}

TEST(RunRecord, ProcessUsageIsMeasured) {
  const ProcessUsage u = process_usage();
  EXPECT_GE(u.cpu_seconds, 0.0);
  EXPECT_GT(u.peak_rss_bytes, 0u);
  EXPECT_FALSE(host_name().empty());
}

TEST(RunRecord, UsageTotalsOverProcessesAddCpuAndStepTimeAndTakeTheLargestPeak) {
  RunSummary a = record_with_one_step();
  RunSummary b = record_with_one_step();
  b.cpu_seconds = 2.25;
  b.peak_rss_bytes = 999;
  b.steps[0].seconds = 0.5;
  RunSummary total;
  total.steps.push_back({"langid", 0, 0, {}, 0, 0});
  ASSERT_TRUE(add_counts(encode_counts(a) + encode_usage(a), total).ok());
  ASSERT_TRUE(add_counts(encode_counts(b) + encode_usage(b), total).ok());
  EXPECT_NEAR(total.cpu_seconds, 3.75, 1e-6);
  EXPECT_EQ(total.peak_rss_bytes, 123456789u);
  EXPECT_NEAR(total.steps[0].seconds, 0.75, 1e-6);
  EXPECT_EQ(total.steps[0].in, 6u);
  RunSummary wrong;  // no step 0
  EXPECT_FALSE(add_counts("step_time\t0\t5\n", wrong).ok());
}

}  // namespace
}  // namespace dpk::runtime
