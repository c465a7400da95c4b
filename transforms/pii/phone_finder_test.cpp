// The phone fast path against libphonenumber's matcher: on every digit run of
// the real web pages and on generated phone-like windows, the fast path's
// decisions (no number / the whole window is one number) must be the
// matcher's. Verify mode runs the matcher everywhere and counts differences.
#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

#include "dpk/document.h"
#include "dpk/document_parser.h"
#include "phone_finder.h"
#include "pii_detector.h"
#include "../../tests/unit/test_util.h"

namespace dpk::pii {
namespace {

std::vector<std::string> web_pages() {
  std::vector<std::string> texts;
  DocumentParser parser;
  Schema schema;
  std::string error;
  for (const std::string& line : testing_util::testdata_lines("web/pages.jsonl.zst")) {
    std::string buf = line + std::string(DocumentParser::kPadding, ' ');
    Document d;
    if (parser.parse(std::string_view(buf.data(), line.size()), buf.size(), schema, d, error)) texts.emplace_back(d.text());
  }
  return texts;
}

void expect_agreement(const std::vector<std::string>& texts, const DetectorConfig& cfg, uint64_t min_decided) {
  auto db = PatternDatabase::compile(PiiTypeSet::of(PiiType::kPhone));
  PiiDetector det(db.value(), cfg);
  det.verify_phones(true);
  std::vector<Entity> out;
  for (const auto& t : texts) det.detect(t, out);
  const auto& st = det.phone_stats();
  EXPECT_EQ(st.disagreements, 0u) << "of " << st.matcher_runs << " matcher runs";
  // Verify mode sends every window to the matcher; the fast path must have
  // ruled on most of them or this test proves nothing.
  PiiDetector fast(db.value(), cfg);
  for (const auto& t : texts) fast.detect(t, out);
  EXPECT_GE(fast.phone_stats().fast_none + fast.phone_stats().fast_whole, min_decided);
  EXPECT_LT(fast.phone_stats().matcher_runs, st.matcher_runs);
}

TEST(PhoneFastPath, AgreesWithTheMatcherOnWebPages) {
  const auto pages = web_pages();
  if (pages.empty()) FAIL() << "test data missing: testdata/web/pages.jsonl.zst";
  // The pages, and copies with every digit shifted (d -> d+k mod 10): the
  // same shapes (dates, prices, phones) with other values.
  std::vector<std::string> texts;
  for (int k = 0; k < 4; ++k) {
    for (std::string t : pages) {
      for (char& ch : t) {
        if (ch >= '0' && ch <= '9') ch = static_cast<char>('0' + (ch - '0' + k) % 10);
      }
      texts.push_back(std::move(t));
    }
  }
  // The fast path rules on 297 windows of testdata's 200 pages; about 100
  // more (time stamps, opening hours, ids after '#', '-' or '/') are turned
  // down by the context rules before it (technical_context.h).
  expect_agreement(texts, DetectorConfig{}, 290);
}

// Windows of 2-5 digit groups with the separators, trunk and area-code
// shapes that phone numbers are written with, valid or not.
TEST(PhoneFastPath, AgreesWithTheMatcherOnGeneratedWindows) {
  std::mt19937 rng(20261125);
  auto digits = [&](int n) {
    std::string s;
    for (int i = 0; i < n; ++i) s += static_cast<char>('0' + rng() % 10);
    return s;
  };
  const char* seps[] = {" ", "-", ".", " - ", "  "};
  const char* leads[] = {"",    "0",    "1",    "0",   "9",    "(",    "07",  "01",  "02",    "03",   "04",
                         "06",  "08",   "+1 ",  "+44", "+44 ", "+49 ", "+33", "+91 ", "+7 ",   "+48 ", "+3",
                         "+1",  "+86 ", "+52 ", "+61", "+800", "+39 ", "+0",  "+999", "+1 1", "+44 0",
                         "+44 (0)", "+41 (0)", "+49 (0)", "+33 (0)"};
  std::vector<std::string> texts;
  for (int i = 0; i < 4000; ++i) {
    std::string w = leads[rng() % std::size(leads)];
    const bool paren = w == "(";
    const int groups = 2 + static_cast<int>(rng() % 4);
    for (int g = 0; g < groups; ++g) {
      w += digits(1 + static_cast<int>(rng() % 5));
      if (paren && g == 0) w += ") ";
      else if (g + 1 < groups) w += seps[rng() % std::size(seps)];
    }
    texts.push_back("Call " + w + (i % 5 == 0 ? "x12" : i % 5 == 1 ? " ext. 345" : "") + " today");
  }
  DetectorConfig cfg;
  cfg.regions = {"US", "GB", "DE", "FR", "IN", "CA"};
  expect_agreement(texts, cfg, 1000);
}

// An extension changes no reading of the number before it: the phones found
// with it are the phones found without it, those that end the run extended.
TEST(PhoneFastPath, ExtensionsOnlyExtendTheNumberBeforeThem) {
  std::mt19937 rng(20261126);
  const char* exts[] = {"x346", " x 12", " ext. 12", ", Ext 7", " extension 221", " #12", " EXT:4"};
  const char* shapes[] = {"(###) ###-####", "###-###-####", "0## ########", "+44 (0)## #### ####",
                          "+1 ### ### ####", "0# ## ## ## ##", "0#### ######", "+49 ## ########"};
  PhoneFinder finder({"US", "GB", "DE", "FR", "IN"});
  int extended = 0;
  for (int i = 0; i < 3000; ++i) {
    std::string w = shapes[rng() % std::size(shapes)];
    for (char& ch : w) {
      if (ch == '#') ch = static_cast<char>('0' + rng() % 10);
    }
    const std::string ext = exts[rng() % std::size(exts)];
    const std::string plain = "Call " + w + " today", with_ext = "Call " + w + ext + " today";
    const Span run{5, static_cast<uint32_t>(5 + w.size())};
    std::vector<Span> a, b;
    finder.find(plain, run, a);
    finder.find(with_ext, run, b);
    ASSERT_EQ(a.size(), b.size()) << with_ext;
    for (size_t k = 0; k < a.size(); ++k) {
      EXPECT_EQ(a[k].begin, b[k].begin) << with_ext;
      const uint32_t want = a[k].end == run.end ? static_cast<uint32_t>(run.end + ext.size()) : a[k].end;
      EXPECT_EQ(b[k].end, want) << with_ext;
      extended += b[k].end != a[k].end;
    }
  }
  EXPECT_GE(extended, 300);  // enough valid numbers were drawn to test anything
}

}  // namespace
}  // namespace dpk::pii
