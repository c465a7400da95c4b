// Output names of a run: every input its own mirrored name, and no output on
// an input or on another output, however the paths are spelled.
#include <gtest/gtest.h>

#include <filesystem>

#include "../../runtime/src/output_names.h"
#include "dpk/input_files.h"
#include "test_util.h"

namespace dpk::runtime {
namespace {

using testing_util::relatives;
using testing_util::ScratchDir;
using testing_util::write_file;

// Two inputs named data.jsonl in two folders used to share one output name.
TEST(OutputNames, SameFileNameInTwoFoldersGetsTwoNames) {
  ScratchDir d;
  write_file(d.file("ca/data.jsonl"), "{}\n");
  write_file(d.file("cb/data.jsonl"), "{}\n");
  std::vector<std::string> args = {d.file("ca/data.jsonl"), d.file("cb/data.jsonl")};
  auto files = list_inputs(args, "");
  ASSERT_TRUE(files.ok());
  name_below_common_folder(args, *files);
  EXPECT_EQ(relatives(*files), (std::vector<std::string>{"ca/data.jsonl", "cb/data.jsonl"}));

  args = {d.file("ca") + "/", d.file("cb")};
  files = list_inputs(args, "");
  ASSERT_TRUE(files.ok());
  name_below_common_folder(args, *files);
  EXPECT_EQ(relatives(*files), (std::vector<std::string>{"ca/data.jsonl", "cb/data.jsonl"}));
}

TEST(OutputNames, OneFolderOrFilesOfOneFolderKeepTheirNames) {
  ScratchDir d;
  write_file(d.file("in/a.jsonl"), "{}\n");
  write_file(d.file("in/sub/b.jsonl.gz"), "");
  std::vector<std::string> args = {d.file("in/")};
  auto files = list_inputs(args, "");
  ASSERT_TRUE(files.ok());
  name_below_common_folder(args, *files);
  EXPECT_EQ(relatives(*files), (std::vector<std::string>{"a.jsonl", "sub/b.jsonl.gz"}));

  args = {d.file("in/a.jsonl"), d.file("in/sub/../a.jsonl"), "-"};
  files = list_inputs(args, "");
  ASSERT_TRUE(files.ok());
  name_below_common_folder(args, *files);
  EXPECT_EQ(relatives(*files), (std::vector<std::string>{"a.jsonl", "a.jsonl", "stdin.jsonl"}));
}

TEST(OutputNames, AnOutputOnAnInputOrAnotherOutputIsRefused) {
  ScratchDir d;
  write_file(d.file("f.jsonl"), "{}\n");
  std::filesystem::create_symlink(d.file("f.jsonl"), d.file("link.jsonl"));
  std::vector<InputFile> inputs = {{d.file("f.jsonl"), "f.jsonl", 3, 0}};

  EXPECT_TRUE(check_distinct_outputs({{"-o", d.file("o.jsonl")}, {"--stats", d.file("s.json")}}, inputs).ok());
  Status s = check_distinct_outputs({{"-o", d.file("f.jsonl")}}, inputs);
  EXPECT_EQ(s.code(), StatusCode::kUsage);
  EXPECT_NE(s.message().find("names the input"), std::string::npos) << s.message();
  // Other spellings of the same file: a link, a detour through a missing folder.
  EXPECT_FALSE(check_distinct_outputs({{"-o", d.file("link.jsonl")}}, inputs).ok());
  EXPECT_FALSE(check_distinct_outputs({{"-o", d.file("nowhere/../f.jsonl")}}, inputs).ok());
  s = check_distinct_outputs({{"-o", d.file("o.jsonl")}, {"stats --report", d.file("./o.jsonl")}}, inputs);
  EXPECT_EQ(s.code(), StatusCode::kUsage);
  EXPECT_NE(s.message().find("same file"), std::string::npos) << s.message();
  EXPECT_NE(s.message().find("stats --report"), std::string::npos) << s.message();
  // Standard output and devices are not files two outputs can clash on.
  EXPECT_TRUE(check_distinct_outputs({{"-o", "-"}, {"stats --report", "-"}}, inputs).ok());
  EXPECT_TRUE(check_distinct_outputs({{"-o", "/dev/null"}, {"--keep-dropped", "/dev/null"}}, inputs).ok());
}

}  // namespace
}  // namespace dpk::runtime
