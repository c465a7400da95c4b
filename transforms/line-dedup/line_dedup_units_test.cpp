#include "line_dedup_units.h"

#include <gtest/gtest.h>

#include <string>

#include "dpk/document_parser.h"

namespace dpk::line_dedup {
namespace {

// A parsed document at (file 0, line `line`), the way the runtime makes it.
struct Doc {
  std::string buf;
  Schema schema;
  Document doc;
  Doc(const std::string& json, uint64_t line) {
    static DocumentParser parser;
    std::string err;
    buf = json + std::string(DocumentParser::kPadding, ' ');
    EXPECT_TRUE(parser.parse(std::string_view(buf.data(), json.size()), buf.size(), schema, doc, err)) << err;
    doc.line = line;
  }
};

TEST(LineDedupUnits, FirstDocumentKeepsAFrequentLineOthersLoseIt) {
  LineDedupConfig cfg;
  cfg.annotate = true;
  UnitScratch s;
  s.normalizer.parse_folds(cfg.folds);
  hash_units(cfg, "Menu\nown text", s);
  const uint64_t menu = s.hashes[0];
  FrequentUnits frequent;
  frequent.add(menu, doc_position(Doc(R"({"text":"x"})", 1).doc));  // first seen at line 1
  frequent.seal();
  auto removes = [&](uint64_t h, uint64_t pos) { return frequent.removes(h, pos, cfg.keep_first); };

  Doc first(R"({"text":"Menu\nown text\nMenu"})", 1);
  remove_units(cfg, first.doc, s, removes);
  EXPECT_FALSE(first.doc.dropped());
  EXPECT_EQ(first.doc.text(), "Menu\nown text\nMenu");  // its copies stay, repeats included

  Doc later(R"({"text":"Menu\nother text\n  Menu  "})", 2);  // whitespace folded: the same unit
  remove_units(cfg, later.doc, s, removes);
  EXPECT_EQ(later.doc.text(), "other text");

  Doc only(R"({"text":"Menu\n\n"})", 3);
  remove_units(cfg, only.doc, s, removes);
  EXPECT_EQ(only.doc.drop_reason(), kEmptyReason);

  cfg.keep_first = false;  // --keep none: the first document loses it too
  Doc again(R"({"text":"Menu\nown text"})", 1);
  remove_units(cfg, again.doc, s, removes);
  EXPECT_EQ(again.doc.text(), "own text");
}

TEST(LineDedupUnits, FingerprintFollowsTheHashingOptionsOnly) {
  LineDedupConfig a, b;
  b.keep_first = false;
  b.max_occurrences = 5;
  b.annotate = true;
  EXPECT_EQ(a.hashing_fingerprint(), b.hashing_fingerprint());
  b.min_chars = 3;
  EXPECT_NE(a.hashing_fingerprint(), b.hashing_fingerprint());
  LineDedupConfig c;
  c.unit = Unit::kParagraph;
  EXPECT_NE(a.hashing_fingerprint(), c.hashing_fingerprint());
}

}  // namespace
}  // namespace dpk::line_dedup
