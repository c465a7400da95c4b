#include "dpk/runtime/progress.h"

#include <gtest/gtest.h>

namespace dpk::runtime {
namespace {

TEST(ProgressText, NamesThePassWithPercentAndEtaWhenTheSizeIsKnown) {
  ProgressState st;
  st.label = "dpk run";
  st.pass = "pass 2/2: minhash-dedup (apply), pii";
  st.docs = 131;
  st.mb_per_second = 4.8;
  st.fraction = 0.45;
  st.eta_seconds = 72;
  EXPECT_EQ(progress_text(st), "dpk run: pass 2/2: minhash-dedup (apply), pii: 131 docs  4.8 MB/s   45%  ETA 1:12");
}

TEST(ProgressText, NoPercentOrEtaWhenTheSizeIsUnknown) {
  ProgressState st;
  st.label = "dpk-docid";
  st.docs = 7;
  st.mb_per_second = 0.3;
  EXPECT_EQ(progress_text(st), "dpk-docid: 7 docs  0.3 MB/s");
}

TEST(ProgressText, HoursInTheEtaAndALongStepListCut) {
  ProgressState st;
  st.label = "dpk run";
  const std::string steps = "pass 1/2: langid, quality, normalize, pii, select, chunk, docid, line-dedup, minhash-dedup (observe)";
  st.pass = steps;
  st.fraction = 0.01;
  st.eta_seconds = 3 * 3600 + 5 * 60 + 9;
  const std::string text = progress_text(st);
  EXPECT_NE(text.find("ETA 3:05:09"), std::string::npos) << text;
  EXPECT_NE(text.find("pass 1/2: langid, quality"), std::string::npos) << text;
  EXPECT_EQ(text.find("(observe)"), std::string::npos) << text;
  EXPECT_NE(text.find("...: 0 docs"), std::string::npos) << text;
}

}  // namespace
}  // namespace dpk::runtime
