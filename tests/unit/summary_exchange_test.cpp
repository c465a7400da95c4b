// The counts a process of a spread-out run sends to rank 0: every number,
// per-step rejections included, arrives and adds up.
#include <gtest/gtest.h>

#include "../../runtime/src/summary_exchange.h"

namespace dpk::runtime {
namespace {

RunSummary with_steps() {
  RunSummary s;
  s.steps.resize(2);
  s.steps[0].name = "ingest";
  s.steps[1].name = "chunk";
  return s;
}

TEST(SummaryExchange, CountsRoundTripAndAdd) {
  RunSummary a = with_steps();
  a.documents_in = 10;
  a.documents_out = 6;
  a.rejected = 2;
  a.rejected_by_reason["corrupt PDF"] = 2;
  a.input_file_bytes = 100;
  a.steps[0].in = 10;
  a.steps[0].out = 7;
  a.steps[0].rejected = 2;
  a.steps[0].dropped["ingest:binary"] = 1;
  a.steps[1].in = 7;
  a.steps[1].out = 6;
  a.steps[1].dropped["chunk:empty"] = 1;
  RunSummary total = with_steps();
  ASSERT_TRUE(add_counts(encode_counts(a), total).ok());
  ASSERT_TRUE(add_counts(encode_counts(a), total).ok());
  EXPECT_EQ(total.documents_in, 20u);
  EXPECT_EQ(total.input_file_bytes, 200u);  // every rank decides --fail-on-empty on the totals
  EXPECT_EQ(total.rejected, 4u);
  EXPECT_EQ(total.rejected_by_reason["corrupt PDF"], 4u);
  EXPECT_EQ(total.steps[0].rejected, 4u);
  EXPECT_EQ(total.steps[0].out, 14u);
  EXPECT_EQ(total.steps[0].dropped["ingest:binary"], 2u);
  EXPECT_EQ(total.steps[1].rejected, 0u);
  EXPECT_EQ(total.steps[1].dropped["chunk:empty"], 2u);
  EXPECT_EQ(total.dropped(), 4u);
}

TEST(SummaryExchange, InputFileCountsAdd) {
  RunSummary a = with_steps();
  a.input_files.listed = 4;
  a.input_files.read = 2;
  a.input_files.resumed = 1;
  a.input_files.add_outcome("empty_input");
  a.input_files.add_skipped("in/.git", "hidden");
  RunSummary b = with_steps();
  b.input_files.listed = 1;
  b.input_files.add_outcome("rejected");
  RunSummary total = with_steps();
  ASSERT_TRUE(add_counts(encode_counts(a), total).ok());
  ASSERT_TRUE(add_counts(encode_counts(b), total).ok());
  EXPECT_EQ(total.input_files.listed, 5u);
  EXPECT_EQ(total.input_files.read, 2u);
  EXPECT_EQ(total.input_files.resumed, 1u);
  EXPECT_EQ(total.input_files.rejected, 1u);
  EXPECT_EQ(total.input_files.dropped["empty_input"], 1u);
  EXPECT_EQ(total.input_files.skipped["hidden"], 1u);
  EXPECT_TRUE(total.input_files.balanced());
}

TEST(SummaryExchange, MalformedCountsAreAnError) {
  RunSummary total = with_steps();
  EXPECT_FALSE(add_counts("step\t0\t5\n", total).ok());       // too few numbers
  EXPECT_FALSE(add_counts("step\t9\t1\t1\t0\n", total).ok());  // no such step
  EXPECT_FALSE(add_counts("totals\t1\tx\t0\t0\t0\t0\t0\n", total).ok());
}

// One input's share of a run (for its completion record): what was counted
// since the snapshot, so that adding every input's share gives the run.
TEST(SummaryExchange, CountsSinceASnapshotAreOneInputsShare) {
  RunSummary run = with_steps();
  run.documents_in = 4;
  run.steps[0].in = 4;
  run.steps[0].out = 3;
  run.steps[0].dropped["ingest:binary"] = 1;
  const RunSummary before = counts_of(run);
  run.documents_in += 5;
  run.documents_out += 4;
  run.rejected += 1;
  run.rejected_by_reason["bad json"] += 1;
  run.steps[0].in += 5;
  run.steps[0].out += 4;
  run.steps[0].rejected += 1;
  run.steps[1].in += 4;
  run.steps[1].out += 4;
  RunSummary share = with_steps();
  ASSERT_TRUE(add_counts(encode_counts_since(run, before), share).ok());
  EXPECT_EQ(share.documents_in, 5u);
  EXPECT_EQ(share.documents_out, 4u);
  EXPECT_EQ(share.rejected_by_reason["bad json"], 1u);
  EXPECT_EQ(share.steps[0].in, 5u);
  EXPECT_EQ(share.steps[0].dropped.count("ingest:binary"), 0u) << "a reason counted before the snapshot";
  EXPECT_EQ(share.steps[1].out, 4u);
  EXPECT_TRUE(share.balanced());
}

}  // namespace
}  // namespace dpk::runtime
