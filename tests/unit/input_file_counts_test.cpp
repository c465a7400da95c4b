// The input-file counts of a run summary: every file one outcome, the
// walk's skipped files named in warnings and counted in the JSON.
#include "dpk/runtime/run_summary.h"

#include <gtest/gtest.h>
#include <simdjson.h>

#include <string>

namespace dpk::runtime {
namespace {

TEST(InputFileCounts, EveryListedFileHasOneOutcome) {
  InputFileCounts f;
  f.listed = 4;
  for (const char* o : {"read", "resumed", "rejected"}) f.add_outcome(o);
  EXPECT_FALSE(f.balanced());
  f.add_outcome("");  // a file that never finished counts nowhere
  EXPECT_FALSE(f.balanced());
  f.add_outcome("empty_input");
  EXPECT_TRUE(f.balanced());
  EXPECT_EQ(f.dropped.at("empty_input"), 1u);
}

TEST(InputFileCounts, WarningsNameTheFirstThreeAndCountTheRest) {
  InputFileCounts f;
  for (int i = 0; i < 5; ++i) f.add_skipped("d/loop" + std::to_string(i), "symlink_loop");
  f.add_skipped("d/.git", "hidden");
  f.add_skipped("d/x.jsonl.tmp-12", "dpk_temporary");  // dpk's own: counted, no warning
  f.add_skipped("d/notes.txt", "glob_mismatch");      // the user's filter: counted, no warning
  const auto lines = f.skip_warnings();
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_EQ(lines[0].rfind("skipped 1 input (hidden: ", 0), 0u) << lines[0];
  EXPECT_NE(lines[0].find("): d/.git"), std::string::npos) << lines[0];
  EXPECT_EQ(lines[1].rfind("skipped 5 inputs (symlink_loop: ", 0), 0u) << lines[1];
  EXPECT_NE(lines[1].find("d/loop0, d/loop1, d/loop2 and 2 more"), std::string::npos) << lines[1];
  EXPECT_EQ(f.skipped_total(), 8u);
}

TEST(RunSummary, InputFilesInTheJsonAndTheHumanLine) {
  RunSummary s;
  s.tool = "dpk-docid";
  s.inputs.push_back({"d/a.jsonl", 2, 0, 10, false, "read"});
  s.inputs.push_back({"d/e.jsonl", 0, 0, 0, false, "empty_input"});
  s.input_files.listed = 2;
  s.input_files.add_outcome("read");
  s.input_files.add_outcome("empty_input");
  s.input_files.add_skipped("d/sub/up", "symlink_loop");
  simdjson::dom::parser p;
  const std::string json = s.to_json();
  simdjson::dom::element e = p.parse(json);
  EXPECT_EQ(uint64_t(e["input_files"]["listed"]), 2u);
  EXPECT_EQ(uint64_t(e["input_files"]["read"]), 1u);
  EXPECT_EQ(uint64_t(e["input_files"]["dropped"]["empty_input"]), 1u);
  EXPECT_EQ(uint64_t(e["input_files"]["skipped"]["symlink_loop"]), 1u);
  EXPECT_EQ(std::string_view(e["input_files"]["skipped_examples"]["symlink_loop"].at(0)), "d/sub/up");
  EXPECT_TRUE(bool(e["input_files"]["balanced"]));
  EXPECT_EQ(std::string_view(e["inputs"].at(1)["outcome"]), "empty_input");
  EXPECT_NE(s.human().find("input files: 1 read, 1 dropped (empty_input=1); skipped: symlink_loop=1"), std::string::npos)
      << s.human();
}

}  // namespace
}  // namespace dpk::runtime
