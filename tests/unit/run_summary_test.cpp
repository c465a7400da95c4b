// The summary a person reads at the end of a run: one line with every drop
// reason and rejection reason, and whether the output is empty although the
// run had input (a warning, or with --fail-on-empty an error, exit 1).
#include "dpk/runtime/run_summary.h"

#include <gtest/gtest.h>

namespace dpk::runtime {
namespace {

RunSummary two_steps() {
  RunSummary s;
  s.tool = "dpk run r.yaml";
  s.steps.resize(2);
  s.steps[0].name = "langid";
  s.steps[1].name = "quality";
  return s;
}

TEST(RunSummaryHuman, OneLineWithReasonsByStep) {
  RunSummary s = two_steps();
  s.documents_in = 10;
  s.documents_out = 4;
  s.rejected = 1;
  s.rejected_by_reason["malformed_JSON"] = 1;
  s.steps[0].dropped["lang"] = 3;
  s.steps[1].dropped["c4_curly"] = 1;
  s.steps[1].dropped["gopher_short"] = 1;
  const std::string line = s.human();
  EXPECT_EQ(line.find('\n'), line.size() - 1) << line;
  EXPECT_EQ(line.rfind("dpk run r.yaml: 10 in, 4 out, 5 dropped (langid: lang=3; quality: c4_curly=1 gopher_short=1), "
                       "1 rejected (malformed_JSON=1) in ",
                       0),
            0u)
      << line;
}

TEST(RunSummaryEmpty, EveryDocumentDropped) {
  RunSummary s = two_steps();
  s.documents_in = 3;
  s.steps[0].dropped["lang"] = 3;
  EXPECT_NE(s.empty_output().find("all 3 documents were dropped (3) or rejected (0)"), std::string::npos);
  s.documents_out = 1;
  s.steps[0].dropped["lang"] = 2;
  EXPECT_EQ(s.empty_output(), "");
}

TEST(RunSummaryEmpty, InputWithoutDocuments) {
  RunSummary s = two_steps();
  EXPECT_EQ(s.empty_output(), "") << "nothing to read is not an empty output";
  s.input_file_bytes = 42;  // e.g. an archive a source found nothing in
  EXPECT_NE(s.empty_output().find("42 bytes of input held no documents"), std::string::npos);
  s = two_steps();
  s.bytes_in = 3;  // blank lines on stdin
  EXPECT_NE(s.empty_output().find("3 bytes"), std::string::npos);
}

TEST(RunSummaryEmpty, FailOnEmptyIsADataError) {
  RunSummary s = two_steps();
  s.documents_in = 2;
  s.steps[1].dropped["c4_curly"] = 2;
  RunConfig cfg;
  cfg.quiet = true;
  EXPECT_TRUE(report_run_end(s, cfg, true).ok());
  cfg.fail_on_empty = true;
  const Status st = report_run_end(s, cfg, true);
  EXPECT_EQ(st.exit_code(), 1);
  EXPECT_NE(st.message().find("--fail-on-empty"), std::string::npos);
  s.documents_out = 1;
  EXPECT_TRUE(report_run_end(s, cfg, true).ok());
}

}  // namespace
}  // namespace dpk::runtime
