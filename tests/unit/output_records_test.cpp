// Completion records: what they hold survives a round trip, and a rerun's
// differences are named.
#include <gtest/gtest.h>

#include "../../runtime/src/output_records.h"
#include "test_util.h"

namespace dpk::runtime {
namespace {

using testing_util::ScratchDir;
using testing_util::write_file;

TEST(OutputRecords, RecordRoundTrip) {
  ScratchDir d;
  CompletionRecord r;
  r.input = "in/a \"b\".jsonl";
  r.size = 1234;
  r.mtime_ns = 1700000000123456789;
  r.lines = 42;
  r.tool = "dpk-select";
  r.settings = {{"steps", "select"}, {"step 1 (select) --min-words", "50"}};
  r.counts = "totals\t1\t1\t0\t0\t0\t10\t10\n";
  write_file(d.file("r.json"), completion_record_json(r));
  auto back = read_completion_record(d.file("r.json"));
  ASSERT_TRUE(back.has_value());
  EXPECT_EQ(back->input, r.input);
  EXPECT_EQ(back->size, r.size);
  EXPECT_EQ(back->mtime_ns, r.mtime_ns);
  EXPECT_EQ(back->lines, r.lines);
  EXPECT_EQ(back->tool, r.tool);
  EXPECT_EQ(back->settings, r.settings);
  EXPECT_EQ(back->counts, r.counts);
  // A record cut short, or of an older layout, is no record.
  write_file(d.file("cut.json"), completion_record_json(r).substr(0, 40));
  EXPECT_FALSE(read_completion_record(d.file("cut.json")).has_value());
  write_file(d.file("old.json"), "{\"input\":\"a\",\"completed\":\"x\",\"lines\":3}\n");
  EXPECT_FALSE(read_completion_record(d.file("old.json")).has_value());
  EXPECT_FALSE(read_completion_record(d.file("missing.json")).has_value());
}

TEST(OutputRecords, DifferencesAreNamed) {
  RunSettings a = {{"steps", "select"}, {"step 1 (select) --min-words", "50"}, {"--compression", "auto"}};
  EXPECT_EQ(describe_differences(a, a), "");
  RunSettings b = a;
  b["step 1 (select) --min-words"] = "80";
  EXPECT_EQ(describe_differences(a, b), "step 1 (select) --min-words: '50' before, '80' now");
  RunSettings c = {{"steps", "docid"}, {"step 1 (docid) --mode", "hash"}, {"--compression", "auto"}};
  EXPECT_EQ(describe_differences(a, c), "steps: 'select' before, 'docid' now");
}

}  // namespace
}  // namespace dpk::runtime
